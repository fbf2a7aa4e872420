import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { PAYMENT_METHODS, PaymentMethod } from '@carnet/events';
import { IsCurrency, IsLanguageTag } from '@carnet/http';
import { AddressDto } from './address.dto';
import { CanonicalLanguage } from './contact-fields';

// currency and paymentTermsDays always have a value (they have defaults), so null is refused;
// language and paymentMethod may be cleared with null.
export class BillingDto {
  @IsOptional() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
  @IsOptional() @CanonicalLanguage() @IsLanguageTag() language?: string | null;
  @ValidateIf((o: BillingDto) => o.currency !== undefined) @IsCurrency() currency?: string;
  @IsOptional() @IsIn(PAYMENT_METHODS, { message: `paymentMethod must be one of ${PAYMENT_METHODS.join(', ')}` }) paymentMethod?: PaymentMethod | null;
  @ValidateIf((o: BillingDto) => o.paymentTermsDays !== undefined)
  @IsInt({ message: 'paymentTermsDays must be a whole number of days from 0 to 365' })
  @Min(0, { message: 'paymentTermsDays must be a whole number of days from 0 to 365' })
  @Max(365, { message: 'paymentTermsDays must be a whole number of days from 0 to 365' })
  paymentTermsDays?: number;
}
