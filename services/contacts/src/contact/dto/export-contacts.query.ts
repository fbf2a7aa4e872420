import { IsIn, IsOptional } from 'class-validator';

export class ExportContactsQuery {
  @IsOptional() @IsIn(['csv', 'vcf'], { message: 'format must be csv or vcf' }) format?: 'csv' | 'vcf';
}
