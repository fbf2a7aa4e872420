import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, ValidateNested } from 'class-validator';
import { IsAmount, IsCalendarDate, IsCurrency } from '@carnet/http';
import { InvoiceLineDto } from './invoice-line.dto';

export class UpdateInvoiceDto {
  @IsOptional() @IsCurrency() currency?: string;
  @IsOptional() @IsAmount() exchangeRate?: string | number | null;
  @IsOptional() @IsCalendarDate() dueDate?: string | null;
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => InvoiceLineDto) lines?: InvoiceLineDto[];
}
