import { Module } from '@nestjs/common';
import { healthController, loadBaseConfig } from '@carnet/http';
import { EventSourcingModule } from '@carnet/messaging';
import { ClientLedgerProjection } from './ledger/client-ledger.projection';
import { ClientLedgerRepository } from './ledger/client-ledger.repository';
import { InvoiceFactsRepository } from './ledger/invoice-facts.repository';
import { ReportingHttpController } from './reporting.http.controller';
import { ReportingQueries } from './reporting.queries';

export const config = loadBaseConfig('reporting', 3003);

// Reporting has no event store of its own: it only projects other services' events.
@Module({
  imports: [EventSourcingModule.forRoot({ service: 'reporting', ...config })],
  controllers: [healthController('reporting'), ReportingHttpController],
  providers: [ClientLedgerRepository, InvoiceFactsRepository, ClientLedgerProjection, ReportingQueries],
})
export class ReportingModule {}
