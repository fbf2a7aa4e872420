import { Injectable } from '@nestjs/common';
import { TenantSettings } from '@carnet/events';
import { AppError, TenantContext } from '@carnet/http';
import { fiscalYearRange } from '@carnet/calendar';
import { documentLanguage } from '@carnet/i18n';
import { ClientStatement, clientStatement, ClientSummary, clientSummary, TenantDashboard, tenantDashboard } from './domain';
import { ReadModelRegistry } from './read-models/read-model-registry';
import { ReadModelSet } from './read-models/read-model-set';
import { renderStatementPdf } from './statement-pdf/statement-pdf.renderer';

export interface ActiveClients {
  fiscalYear: number;
  from: string;
  to: string;
  count: number;
  contacts?: Array<{ contactId: string; invoiceId: string; invoiceNumber: string | null; sentAt: string }>;
  asOf: string | null;
}

export type Dashboard = Omit<TenantDashboard, 'topClients'> & {
  topClients: Array<{ contactId: string; name: string | null; sales: string; share: string | null }>;
};

export interface StatementRequest {
  from: string;
  to: string;
  /** Another currency than the contact's, for documents issued in it. */
  currency?: string;
}

interface TenantView {
  models: ReadModelSet;
  /** As reporting projected them from tenants.events; the gateway's copy until then. */
  settings: TenantSettings;
  asOf: string | null;
}

/** Read side of reporting: key lookups on precomputed read models (and, for the dashboard, indexed ranges of invoice facts). */
@Injectable()
export class ReportingQueries {
  constructor(private readonly registry: ReadModelRegistry) {}

  async summary(t: TenantContext, contactId: string, fiscalYear?: number): Promise<ClientSummary> {
    const { models, settings } = await this.tenant(t);
    const ledger = await models.ledgers.find(t.tenantId, contactId);
    if (!ledger) throw AppError.notFound('contact');
    const tenantSalesHomeMinor = await models.sales.total(t.tenantId, fiscalYear ?? null);
    return clientSummary(ledger, {
      timezone: settings.timezone, fiscalYearStart: settings.fiscalYearStart, fiscalYear: fiscalYear ?? null,
      homeCurrency: settings.homeCurrency, tenantSalesHomeMinor, now: new Date(),
    });
  }

  async statement(t: TenantContext, contactId: string, q: StatementRequest): Promise<ClientStatement> {
    return (await this.statementWithContact(t, contactId, q)).statement;
  }

  /** The same statement as a PDF in the contact's language (else the tenant's default language). */
  async statementPdf(t: TenantContext, contactId: string, q: StatementRequest): Promise<Buffer> {
    const { statement, name, language, settings } = await this.statementWithContact(t, contactId, q);
    return renderStatementPdf({ statement, from: q.from, to: q.to, clientName: name, tenantName: settings.name || null, language: documentLanguage(language, settings.defaultLanguage), timezone: settings.timezone });
  }

  /** Contacts with at least one non-void invoice sent in fiscal year N: the count is a key lookup; members are read only when listed. */
  async activeClients(t: TenantContext, fiscalYear: number, includeContacts: boolean): Promise<ActiveClients> {
    const { models, settings, asOf } = await this.tenant(t);
    const range = fiscalYearRange(settings.fiscalYearStart, settings.timezone, fiscalYear);
    const out: ActiveClients = { fiscalYear, from: range.from, to: range.to, count: await models.activeClients.count(t.tenantId, fiscalYear), asOf };
    if (includeContacts) {
      out.contacts = (await models.activeClients.list(t.tenantId, fiscalYear)).map((m) => ({ contactId: m.contactId, invoiceId: m.invoiceId, invoiceNumber: m.invoiceNumber, sentAt: m.sentAt }));
    }
    return out;
  }

  async dashboard(t: TenantContext, fiscalYear: number): Promise<Dashboard> {
    const { models, settings, asOf } = await this.tenant(t);
    const now = new Date();
    const range = fiscalYearRange(settings.fiscalYearStart, settings.timezone, fiscalYear);
    const [sentInYear, open] = await Promise.all([models.facts.sentIn(t.tenantId, range), models.facts.openAt(t.tenantId, now)]);
    const dashboard = tenantDashboard({ fiscalYear, calendar: settings, homeCurrency: settings.homeCurrency, sentInYear, open, now, asOf });
    const ledgers = await models.ledgers.findMany(t.tenantId, dashboard.topClients.map((c) => c.contactId));
    const names = new Map(ledgers.map((l) => [l.contactId, l.contact?.name ?? null]));
    return {
      ...dashboard,
      topClients: dashboard.topClients.map((c) => ({ contactId: c.contactId, name: names.get(c.contactId) ?? null, sales: c.sales, share: c.share })),
    };
  }

  private async statementWithContact(t: TenantContext, contactId: string, { from, to, currency }: StatementRequest) {
    if (from > to) throw AppError.invalid([{ field: 'to', message: 'to must be on or after from' }]);
    const { models, settings } = await this.tenant(t);
    const ledger = await models.ledgers.find(t.tenantId, contactId);
    if (!ledger) throw AppError.notFound('contact');
    const statement = clientStatement(ledger, { from, to, currency, timezone: settings.timezone, homeCurrency: settings.homeCurrency });
    return { statement, name: ledger.contact?.name ?? '', language: ledger.contact?.language ?? null, settings };
  }

  private async tenant(t: TenantContext): Promise<TenantView> {
    const models = await this.registry.current();
    const report = await models.tenants.find(t.tenantId);
    const settings = report?.settings ?? {
      name: '', homeCurrency: t.homeCurrency, timezone: t.timezone, fiscalYearStart: t.fiscalYearStart, defaultLanguage: t.defaultLanguage,
    };
    return { models, settings, asOf: report?.asOf ?? null };
  }
}
