import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsOptional, IsString, MaxLength, ValidateNested, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { HasVisibleText, IsHexColor, IsPlainText } from '@carnet/http';
import { BillingDto } from './billing.dto';
import { charLength, CleanName, CleanText } from './contact-fields';

@ValidatorConstraint({ name: 'nameLength' })
export class NameLength implements ValidatorConstraintInterface {
  validate(v: unknown) {
    return typeof v === 'string' && charLength(v) >= 1 && charLength(v) <= 200;
  }
  defaultMessage() {
    return 'name must be 1 to 200 characters long after trimming';
  }
}

export class CreateContactDto {
  @IsDefined({ message: 'name is required' }) @CleanName() @IsString() @Validate(NameLength) @IsPlainText() @HasVisibleText() name!: string;
  @IsOptional() @CleanText() @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(254) email?: string | null;
  @IsOptional() @CleanText() @IsString() @IsPlainText() @MaxLength(200) companyName?: string | null;
  @IsOptional() @CleanText() @IsString() @IsPlainText() @MaxLength(50) phone?: string | null;
  @IsOptional() @IsHexColor() color?: string | null;
  @IsOptional() @ValidateNested() @Type(() => BillingDto) billing?: BillingDto;
}
