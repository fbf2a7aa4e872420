import { IsString, Length } from 'class-validator';
import { CanonicalTimeZone, HasVisibleText, IsCurrency, IsLanguageTag, IsMonthDay, IsPlainText, IsTimeZone } from '@carnet/http';

export class CreateTenantDto {
  @IsString() @Length(1, 200) @IsPlainText() @HasVisibleText() name!: string;
  @IsCurrency() homeCurrency!: string;
  @CanonicalTimeZone() @IsTimeZone() timezone!: string;
  @IsMonthDay() fiscalYearStart!: string;
  @IsLanguageTag() defaultLanguage!: string;
}
