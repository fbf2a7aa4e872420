import { IsString, Length } from 'class-validator';
import { IsCurrency, IsLanguageTag, IsMonthDay, IsTimeZone } from '@carnet/http';

export class CreateTenantDto {
  @IsString() @Length(1, 200) name!: string;
  @IsCurrency() homeCurrency!: string;
  @IsTimeZone() timezone!: string;
  @IsMonthDay() fiscalYearStart!: string;
  @IsLanguageTag() defaultLanguage!: string;
}
