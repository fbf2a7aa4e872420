import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { PAYMENT_METHODS, PaymentMethod } from '@carnet/events';
import { IsAmount, IsInstant, IsPlainText } from '@carnet/http';

export class RecordInvoicePaymentDto {
  @IsAmount() amount!: string | number;
  @IsInstant() paidAt!: string;
  @IsIn(PAYMENT_METHODS, { message: `method must be one of ${PAYMENT_METHODS.join(', ')}` }) method!: PaymentMethod;
  @IsOptional() @IsString() @IsPlainText() @MaxLength(200) reference?: string;
}

export class AllocationDto {
  @IsUUID('all', { message: 'invoiceId must be an invoice id' }) invoiceId!: string;
  @IsAmount() amount!: string | number;
}

export class RecordPaymentDto extends RecordInvoicePaymentDto {
  @IsUUID('all', { message: 'contactId must be a contact id' }) contactId!: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => AllocationDto) allocations!: AllocationDto[];
}
