import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { PAYMENT_METHODS, PaymentMethod } from '@carnet/events';
import { IsCurrency, IsLanguageTag } from '@carnet/http';
import { AddressDto } from './address.dto';

export class BillingDto {
  @IsOptional() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
  @IsOptional() @IsLanguageTag() language?: string | null;
  @IsOptional() @IsCurrency() currency?: string;
  @IsOptional() @IsIn(PAYMENT_METHODS, { message: `paymentMethod must be one of ${PAYMENT_METHODS.join(', ')}` }) paymentMethod?: PaymentMethod | null;
  @IsOptional() @IsInt() @Min(0) @Max(365) paymentTermsDays?: number;
}
