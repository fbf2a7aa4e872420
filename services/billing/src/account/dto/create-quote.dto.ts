import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '@carnet/http';
import { CreateInvoiceDto } from './create-invoice.dto';

export class CreateQuoteDto extends CreateInvoiceDto {
  @IsOptional() @IsCalendarDate() validUntil?: string;
}
