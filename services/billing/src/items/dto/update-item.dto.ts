import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ITEM_UNITS, ItemUnit } from '@carnet/events';
import { HasVisibleText, IsAmount, IsCurrency, IsPlainText } from '@carnet/http';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UpdateItemDto {
  @IsOptional() @Transform(trim) @IsString() @IsPlainText() @HasVisibleText() @Length(1, 200) name?: string;
  @IsOptional() @IsIn(ITEM_UNITS, { message: `unit must be one of ${ITEM_UNITS.join(', ')}` }) unit?: ItemUnit;
  @IsOptional() @IsAmount() unitPrice?: string | number;
  @IsOptional() @IsCurrency() currency?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) taxCodes?: string[];
}
