import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { HasVisibleText, IsAmount, IsPlainMultilineText } from '@carnet/http';

export class InvoiceLineDto {
  @IsOptional() @IsUUID('all', { message: 'itemId must be an item id' }) itemId?: string;
  // Optional when the line names an item (its name is used); required otherwise, checked when pricing.
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @IsPlainMultilineText() @HasVisibleText() @Length(1, 1000) description?: string;
  // Exact decimal, checked by parseQuantity (fractional hours are normal).
  @IsDefined({ message: 'quantity is required' }) @IsAmount() quantity!: string | number;
  // Omitted on a line naming an item: the client's effective price for it.
  @IsOptional() @IsAmount() unitPrice?: string | number;
  // Omitted on a line naming an item: the item's tax codes.
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) taxCodes?: string[];
}
