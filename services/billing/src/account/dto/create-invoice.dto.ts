import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { IsAmount, IsCalendarDate, IsCurrency } from '@carnet/http';
import { InvoiceLineDto } from './invoice-line.dto';

export class CreateInvoiceDto {
  @IsUUID('all', { message: 'contactId must be a contact id' }) contactId!: string;
  @IsOptional() @IsCurrency() currency?: string;
  @IsOptional() @IsAmount() exchangeRate?: string | number;
  @IsOptional() @IsCalendarDate() dueDate?: string;
  @IsArray() @ArrayMinSize(1, { message: 'lines must hold at least one line' }) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => InvoiceLineDto) lines!: InvoiceLineDto[];
}
