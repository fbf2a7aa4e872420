import { IsOptional, IsString, Length } from 'class-validator';
import { IsCurrency, IsLanguageTag, IsMonthDay, IsTimeZone } from '@carnet/http';

export class UpdateTenantDto {
  @IsOptional() @IsString() @Length(1, 200) name?: string;
  @IsOptional() @IsCurrency() homeCurrency?: string;
  @IsOptional() @IsTimeZone() timezone?: string;
  @IsOptional() @IsMonthDay() fiscalYearStart?: string;
  @IsOptional() @IsLanguageTag() defaultLanguage?: string;
}
