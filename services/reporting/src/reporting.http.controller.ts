import { Controller, Get, Headers, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { AppError, IsCalendarDate, IsCurrency, Tenant, TenantContext } from '@carnet/http';
import { ClientStatement, ClientSummary } from './domain';
import { ActiveClients, Dashboard, ReportingQueries } from './reporting.queries';

// A year is four digits in the query string (Number() would also take 0x7E9, +2025 or " 2025").
const FourDigitYear = () => Transform(({ value }) => (typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : value));
const YEAR_MESSAGE = { message: 'fiscalYear must be a year such as 2026' };

class SummaryQuery {
  @IsOptional() @FourDigitYear() @IsInt(YEAR_MESSAGE) @Min(1900) @Max(2999) fiscalYear?: number;
}

class StatementQuery {
  @IsCalendarDate() from!: string;
  @IsCalendarDate() to!: string;
  @IsOptional() @IsCurrency() currency?: string;
}

class ActiveClientsQuery {
  @FourDigitYear() @IsInt(YEAR_MESSAGE) @Min(1900) @Max(2999) fiscalYear!: number;
  @IsOptional() @IsIn(['contacts']) include?: 'contacts';
}

class DashboardQuery {
  @FourDigitYear() @IsInt(YEAR_MESSAGE) @Min(1900) @Max(2999) fiscalYear!: number;
}

const ContactId = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound('contact') });

const wantsPdf = (accept: string | undefined) => /\bapplication\/pdf\b/i.test(accept ?? '');

@Controller('v1')
export class ReportingHttpController {
  constructor(private readonly queries: ReportingQueries) {}

  @Get('contacts/:id/summary')
  summary(@Tenant() t: TenantContext, @Param('id', ContactId) id: string, @Query() q: SummaryQuery): Promise<ClientSummary> {
    return this.queries.summary(t, id, q.fiscalYear);
  }

  @Get('contacts/:id/statement.pdf')
  async statementPdf(@Tenant() t: TenantContext, @Param('id', ContactId) id: string, @Query() q: StatementQuery): Promise<StreamableFile> {
    return pdfFile(await this.queries.statementPdf(t, id, q), q);
  }

  // JSON by default; `Accept: application/pdf` asks for the same statement as a PDF.
  @Get('contacts/:id/statement')
  async statement(
    @Tenant() t: TenantContext, @Param('id', ContactId) id: string, @Query() q: StatementQuery, @Headers('accept') accept?: string,
  ): Promise<ClientStatement | StreamableFile> {
    return wantsPdf(accept) ? pdfFile(await this.queries.statementPdf(t, id, q), q) : this.queries.statement(t, id, q);
  }

  @Get('reports/active-clients')
  activeClients(@Tenant() t: TenantContext, @Query() q: ActiveClientsQuery): Promise<ActiveClients> {
    return this.queries.activeClients(t, q.fiscalYear, q.include === 'contacts');
  }

  @Get('reports/dashboard')
  dashboard(@Tenant() t: TenantContext, @Query() q: DashboardQuery): Promise<Dashboard> {
    return this.queries.dashboard(t, q.fiscalYear);
  }
}

function pdfFile(pdf: Buffer, q: StatementQuery): StreamableFile {
  return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="statement-${q.from}-${q.to}.pdf"`, length: pdf.length });
}
