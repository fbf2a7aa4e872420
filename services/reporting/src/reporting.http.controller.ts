import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { AppError, IsCalendarDate, Tenant, TenantContext } from '@carnet/http';
import { ReportingQueries } from './reporting.queries';

class SummaryQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1900) @Max(2999) fiscalYear?: number;
}

class StatementQuery {
  @IsCalendarDate() from!: string;
  @IsCalendarDate() to!: string;
}

class ActiveClientsQuery {
  @Type(() => Number) @IsInt({ message: 'fiscalYear must be a year such as 2026' }) @Min(1900) @Max(2999) fiscalYear!: number;
  @IsOptional() @IsIn(['contacts']) include?: 'contacts';
}

const ContactId = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound('contact') });

@Controller('v1')
export class ReportingHttpController {
  constructor(private readonly queries: ReportingQueries) {}

  @Get('contacts/:id/summary')
  summary(@Tenant() t: TenantContext, @Param('id', ContactId) id: string, @Query() q: SummaryQuery) {
    return this.queries.summary(t, id, q.fiscalYear);
  }

  @Get('contacts/:id/statement')
  statement(@Tenant() t: TenantContext, @Param('id', ContactId) id: string, @Query() q: StatementQuery) {
    return this.queries.statement(t, id, q.from, q.to);
  }

  @Get('reports/active-clients')
  activeClients(@Tenant() t: TenantContext, @Query() q: ActiveClientsQuery) {
    return this.queries.activeClients(t, q.fiscalYear, q.include === 'contacts');
  }
}
