import { Injectable } from '@nestjs/common';
import { AppError, TenantContext } from '@carnet/http';
import { ClientStatement, clientStatement, ClientSummary, clientSummary, fiscalYearRange } from './domain';
import { ClientLedgerRepository } from './ledger/client-ledger.repository';
import { InvoiceFactsRepository } from './ledger/invoice-facts.repository';

export interface ActiveClients {
  fiscalYear: number;
  from: string;
  to: string;
  count: number;
  contacts?: Array<{ contactId: string; invoiceId: string; invoiceNumber: string | null; sentAt: string }>;
  asOf: string;
}

/** Read side of reporting: key lookups on precomputed ledgers and indexed ranges of invoice facts. */
@Injectable()
export class ReportingQueries {
  constructor(private readonly ledgers: ClientLedgerRepository, private readonly facts: InvoiceFactsRepository) {}

  async summary(t: TenantContext, contactId: string, fiscalYear?: number): Promise<ClientSummary> {
    const ledger = await this.ledgers.find(t.tenantId, contactId);
    if (!ledger) throw AppError.notFound('contact');
    const period = fiscalYear === undefined ? null : fiscalYearRange(t.fiscalYearStart, t.timezone, fiscalYear);
    const tenantSalesHomeMinor = await this.facts.salesHome(t.tenantId, period, t.homeCurrency);
    return clientSummary(ledger, {
      timezone: t.timezone, fiscalYearStart: t.fiscalYearStart, fiscalYear: fiscalYear ?? null,
      homeCurrency: t.homeCurrency, tenantSalesHomeMinor, now: new Date(),
    });
  }

  async statement(t: TenantContext, contactId: string, from: string, to: string): Promise<ClientStatement> {
    if (from > to) throw AppError.invalid([{ field: 'to', message: 'to must be on or after from' }]);
    const ledger = await this.ledgers.find(t.tenantId, contactId);
    if (!ledger) throw AppError.notFound('contact');
    return clientStatement(ledger, { from, to, timezone: t.timezone, homeCurrency: t.homeCurrency });
  }

  /** Contacts with at least one non-void invoice sent in fiscal year N (tenant time zone). */
  async activeClients(t: TenantContext, fiscalYear: number, includeContacts: boolean): Promise<ActiveClients> {
    const range = fiscalYearRange(t.fiscalYearStart, t.timezone, fiscalYear);
    const facts = await this.facts.sentIn(t.tenantId, range);
    // facts come oldest first, so the first seen per contact is the invoice that made it active
    const first = new Map<string, (typeof facts)[number]>();
    for (const f of facts) if (!first.has(f.contactId)) first.set(f.contactId, f);
    const out: ActiveClients = { fiscalYear, from: range.from, to: range.to, count: first.size, asOf: new Date().toISOString() };
    if (includeContacts) {
      out.contacts = [...first.values()].map((f) => ({ contactId: f.contactId, invoiceId: f.invoiceId, invoiceNumber: f.number, sentAt: f.sentAt }));
    }
    return out;
  }
}
