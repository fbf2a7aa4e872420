import { IsOptional } from 'class-validator';
import { IsInstant } from '@carnet/http';

export class SendInvoiceDto {
  @IsOptional() @IsInstant() sentAt?: string;
}
