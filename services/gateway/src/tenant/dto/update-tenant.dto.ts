import { IsString, Length, ValidateIf } from 'class-validator';
import { CanonicalTimeZone, HasVisibleText, IsCurrency, IsLanguageTag, IsMonthDay, IsPlainText, IsTimeZone } from '@carnet/http';

// Every setting always has a value: a field may be left out, never set to null
// (@IsOptional would let null through and erase the setting).
const sent = (field: keyof UpdateTenantDto) => ValidateIf((o: UpdateTenantDto) => o[field] !== undefined);

export class UpdateTenantDto {
  @sent('name') @IsString() @Length(1, 200) @IsPlainText() @HasVisibleText() name?: string;
  @sent('homeCurrency') @IsCurrency() homeCurrency?: string;
  @sent('timezone') @CanonicalTimeZone() @IsTimeZone() timezone?: string;
  @sent('fiscalYearStart') @IsMonthDay() fiscalYearStart?: string;
  @sent('defaultLanguage') @IsLanguageTag() defaultLanguage?: string;
}
