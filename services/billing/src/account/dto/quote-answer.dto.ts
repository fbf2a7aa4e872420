import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsInstant, IsPlainMultilineText } from '@carnet/http';

export class SendQuoteDto {
  @IsOptional() @IsInstant() sentAt?: string;
}

export class AcceptQuoteDto {
  @IsOptional() @IsInstant() acceptedAt?: string;
}

export class DeclineQuoteDto {
  @IsOptional() @IsInstant() declinedAt?: string;
  @IsOptional() @IsString() @IsPlainMultilineText() @MaxLength(500) reason?: string;
}
