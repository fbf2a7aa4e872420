import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsPlainText } from '@carnet/http';
import { CleanText } from './contact-fields';

export class AddressDto {
  @IsOptional() @CleanText() @IsString() @IsPlainText() @MaxLength(200) line1?: string | null;
  @IsOptional() @CleanText() @IsString() @IsPlainText() @MaxLength(200) line2?: string | null;
  @IsOptional() @CleanText() @IsString() @IsPlainText() @MaxLength(100) city?: string | null;
  @IsOptional() @CleanText() @IsString() @IsPlainText() @MaxLength(100) region?: string | null;
  @IsOptional() @CleanText() @IsString() @IsPlainText() @MaxLength(20) postalCode?: string | null;
  @IsOptional() @CleanText() @IsString() @IsPlainText() @MaxLength(100) country?: string | null;
}
