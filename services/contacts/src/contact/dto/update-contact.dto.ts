import { Type } from 'class-transformer';
import { IsEmail, IsOptional, IsString, MaxLength, Validate, ValidateIf, ValidateNested } from 'class-validator';
import { HasVisibleText, IsHexColor, IsPlainText } from '@carnet/http';
import { BillingDto } from './billing.dto';
import { CleanName, CleanText } from './contact-fields';
import { NameLength } from './create-contact.dto';

export class UpdateContactDto {
  // A name cannot be cleared: null is refused like any other non-string.
  @ValidateIf((o: UpdateContactDto) => o.name !== undefined) @CleanName() @IsString() @Validate(NameLength) @IsPlainText() @HasVisibleText() name?: string;
  @IsOptional() @CleanText() @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(254) email?: string | null;
  @IsOptional() @CleanText() @IsString() @IsPlainText() @MaxLength(200) companyName?: string | null;
  @IsOptional() @CleanText() @IsString() @IsPlainText() @MaxLength(50) phone?: string | null;
  @IsOptional() @IsHexColor() color?: string | null;
  @IsOptional() @ValidateNested() @Type(() => BillingDto) billing?: BillingDto;
}
