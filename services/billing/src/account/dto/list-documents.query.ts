import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';

export class ListInvoicesQuery {
  @IsOptional() @IsUUID('all', { message: 'contactId must be a contact id' }) contactId?: string;
  @IsOptional() @IsIn(['draft', 'sent', 'partially_paid', 'paid', 'void']) status?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() cursor?: string;
}

export class ListReceiptsQuery {
  @IsOptional() @IsUUID('all', { message: 'contactId must be a contact id' }) contactId?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() cursor?: string;
}
