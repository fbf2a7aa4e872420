import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { fiscalYearOf, fiscalYearRange, isCalendarDate, localDate } from '@carnet/calendar';
import { AppError, FieldError, TenantContext } from '@carnet/http';
import { documentLanguage } from '@carnet/i18n';
import { tenantContextOf } from '../auth/authenticator';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { ServiceCalls } from '../internal/service-calls';
import { TenantService, TenantView } from '../tenant/tenant.service';
import { PortalGrant, signPortalToken, verifyPortalToken } from './portal-token';
import { PortalInvoice, PortalQuote, PortalReceipt, PortalStatement, PortalView } from './portal-view';

const DAY_MS = 86_400_000;
// A client's documents are few; this bounds one page view whatever happens (20 pages of 500).
const MAX_LIST_PAGES = 20;

interface ContactAnswer {
  id: string;
  name: string;
  companyName: string | null;
  billing: { language: string | null };
}

interface SummaryAnswer {
  currency: string;
  balance: string;
  moneyOwed: string;
  creditAvailable: string;
  asOf: string | null;
  otherCurrencies: Array<{ currency: string; balance: string; moneyOwed: string; creditAvailable: string }>;
}

export interface PortalLink {
  url: string;
  expiresAt: string;
  contactId: string;
}

export interface PortalPeriod {
  from?: string;
  to?: string;
}

/** Portal links (signed, one tenant and contact, read-only, expiring) and what their page shows. */
@Injectable()
export class PortalService {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly calls: ServiceCalls,
    private readonly tenants: TenantService,
  ) {}

  async createLink(context: TenantContext, contactId: string, expiresInDays: number, now = Date.now()): Promise<PortalLink> {
    // The contact must be this tenant's: the contacts service answers 404 otherwise.
    await this.calls.getJson<ContactAnswer>('contacts', `/v1/contacts/${encodeURIComponent(contactId)}`, context);
    // Whole seconds, as the token keeps them: the link opens until the very instant it says.
    const expiresAt = Math.floor((now + expiresInDays * DAY_MS) / 1000) * 1000;
    const token = signPortalToken({ tenantId: context.tenantId, contactId, expiresAt }, this.config.portalSecret);
    return { url: `${this.config.publicUrl}/portal/${token}`, expiresAt: new Date(expiresAt).toISOString(), contactId };
  }

  /** The grant a token carries; 404 when it was not issued here, 410 when it has expired. */
  grantOf(token: string): PortalGrant {
    const check = verifyPortalToken(token, this.config.portalSecret);
    if (check.ok) return check.grant;
    if (check.reason === 'expired') throw new AppError(410, 'PORTAL_LINK_EXPIRED', 'This portal link has expired; ask for a new one');
    throw new AppError(404, 'PORTAL_LINK_INVALID', 'This portal link is not valid');
  }

  async view(grant: PortalGrant, token: string, asked: PortalPeriod): Promise<PortalView> {
    const { tenant, context } = await this.contextOf(grant);
    const period = this.period(tenant, asked);
    const id = encodeURIComponent(grant.contactId);
    const query = `from=${period.from}&to=${period.to}`;
    const [contact, summary, statement, invoices, quotes, receipts] = await Promise.all([
      this.calls.getJson<ContactAnswer>('contacts', `/v1/contacts/${id}`, context),
      this.calls.getJson<SummaryAnswer>('reporting', `/v1/contacts/${id}/summary`, context),
      this.calls.getJson<PortalStatement>('reporting', `/v1/contacts/${id}/statement?${query}`, context),
      this.listAll<PortalInvoice>('billing', `/v1/invoices?contactId=${id}`, context),
      this.listAll<PortalQuote>('billing', `/v1/quotes?contactId=${id}`, context),
      this.listAll<PortalReceipt>('billing', `/v1/receipts?contactId=${id}`, context),
    ]);
    const newestFirst = (a: string | null, b: string | null) => (b ?? '').localeCompare(a ?? '');
    return {
      language: documentLanguage(contact.billing.language, tenant.defaultLanguage),
      tenantName: tenant.name,
      timezone: tenant.timezone,
      clientName: contact.name,
      companyName: contact.companyName,
      balance: { currency: summary.currency, balance: summary.balance, moneyOwed: summary.moneyOwed, creditAvailable: summary.creditAvailable, asOf: summary.asOf },
      otherBalances: summary.otherCurrencies.map(({ currency, balance, moneyOwed, creditAvailable }) => ({ currency, balance, moneyOwed, creditAvailable })),
      period,
      statement,
      // Drafts are the business's work in progress: a client sees what was sent.
      invoices: invoices.filter((i) => i.status !== 'draft').sort((a, b) => newestFirst(a.sentAt, b.sentAt)),
      quotes: quotes.filter((q) => q.status !== 'draft').sort((a, b) => newestFirst(a.sentAt, b.sentAt)),
      receipts: receipts.sort((a, b) => newestFirst(a.paidAt, b.paidAt)),
      pagePath: `/portal/${token}`,
    };
  }

  /** The statement PDF of the period, in the contact's language, as reporting renders it. */
  async statementPdf(grant: PortalGrant, asked: PortalPeriod): Promise<{ pdf: Buffer; from: string; to: string }> {
    const { tenant, context } = await this.contextOf(grant);
    const period = this.period(tenant, asked);
    const res = await this.calls.fetch('reporting', `/v1/contacts/${encodeURIComponent(grant.contactId)}/statement.pdf?from=${period.from}&to=${period.to}`, context);
    if (!res.ok) throw new AppError(res.status >= 500 ? 503 : res.status, 'STATEMENT_UNAVAILABLE', 'The statement could not be produced; try again shortly');
    return { pdf: await res.bytes(), ...period };
  }

  private async contextOf(grant: PortalGrant): Promise<{ tenant: TenantView; context: TenantContext }> {
    const tenant = await this.tenants.get(grant.tenantId);
    return { tenant, context: tenantContextOf(tenant, `portal:${grant.contactId}`, randomUUID()) };
  }

  /** The period asked for, or by default the current fiscal year up to today, in the tenant's calendar. */
  private period(tenant: TenantView, asked: PortalPeriod): { from: string; to: string } {
    const now = new Date();
    const errors: FieldError[] = [];
    for (const field of ['from', 'to'] as const) {
      const v = asked[field];
      if (v !== undefined && !isCalendarDate(v)) errors.push({ field, message: `${field} must be a date such as 2026-04-01` });
    }
    if (errors.length) throw AppError.invalid(errors);
    const to = asked.to ?? localDate(now, tenant.timezone);
    const from = asked.from ?? fiscalYearRange(tenant.fiscalYearStart, tenant.timezone, fiscalYearOf(now, tenant.fiscalYearStart, tenant.timezone)).from;
    if (from > to) throw AppError.invalid([{ field: 'from', message: 'from must not be after to' }]);
    return { from, to };
  }

  private async listAll<T>(service: 'billing', path: string, context: TenantContext): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_LIST_PAGES; page++) {
      const answer: { items: T[]; nextCursor: string | null } = await this.calls.getJson(service, `${path}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, context);
      items.push(...answer.items);
      cursor = answer.nextCursor;
      if (!cursor) break;
    }
    return items;
  }
}
