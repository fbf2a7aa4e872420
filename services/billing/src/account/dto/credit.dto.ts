import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsAmount, IsInstant, IsPlainMultilineText } from '@carnet/http';

export class GrantCreditDto {
  @IsAmount() amount!: string | number;
  @IsOptional() @IsString() @IsPlainMultilineText() @MaxLength(500) reason?: string;
  @IsOptional() @IsInstant() grantedAt?: string;
}

export class ApplyCreditDto {
  @IsAmount() amount!: string | number;
}
