import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';

export class ListQuotesQuery {
  @IsOptional() @IsUUID('all', { message: 'contactId must be a contact id' }) contactId?: string;
  @IsOptional() @IsIn(['draft', 'sent', 'accepted', 'declined', 'converted']) status?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() cursor?: string;
}
