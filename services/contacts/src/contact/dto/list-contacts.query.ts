import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ListContactsQuery {
  @IsOptional() @IsIn(['active', 'archived', 'all']) status?: 'active' | 'archived' | 'all';
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @IsOptional() @IsIn(['name', '-name', 'createdAt', '-createdAt']) sort?: 'name' | '-name' | 'createdAt' | '-createdAt';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() cursor?: string;
}
