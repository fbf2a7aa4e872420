import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsInstant } from '@carnet/http';

export class SendQuoteDto {
  @IsOptional() @IsInstant() sentAt?: string;
}

export class AcceptQuoteDto {
  @IsOptional() @IsInstant() acceptedAt?: string;
}

export class DeclineQuoteDto {
  @IsOptional() @IsInstant() declinedAt?: string;
  @IsOptional() @IsString() @MaxLength(500) reason?: string;
}
