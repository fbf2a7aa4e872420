import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsAmount } from '@carnet/http';

export class InvoiceLineDto {
  @IsOptional() @IsUUID() itemId?: string;
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @Length(1, 1000) description!: string;
  // Exact decimal, checked by parseQuantity (fractional hours are normal).
  @IsDefined({ message: 'quantity is required' }) @IsAmount() quantity!: string | number;
  @IsOptional() @IsAmount() unitPrice?: string | number;
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) taxCodes?: string[];
}
