import { IsString, Length, Matches } from 'class-validator';
import { Transform } from 'class-transformer';
import { HasVisibleText, IsPlainText } from '@carnet/http';

export class DefineTaxDto {
  @IsString() @Matches(/^[A-Za-z0-9_-]{1,20}$/, { message: 'code must be 1 to 20 letters, digits, - or _' }) code!: string;
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @IsPlainText() @HasVisibleText() @Length(1, 100) name!: string;
  // A percent with up to 3 decimals, as a string ("9.975") or a number; checked exactly by parsePercent.
  @Transform(({ value }) => (typeof value === 'number' ? String(value) : value)) @IsString({ message: 'rate must be a percent such as "9.975"' }) rate!: string;
}
