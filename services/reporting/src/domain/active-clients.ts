// Active clients (API.md): a contact is active in fiscal year N when at least one invoice sent in
// N (tenant time zone) is not voided. Archived contacts count. The SaaS bills tenants by this
// count, so membership is a pure function of the sent invoices and the tenant's calendar.
import { fiscalYearOf, instantMillis } from '@carnet/calendar';

/** A sent invoice as membership needs it. */
export interface SentInvoiceRef {
  contactId: string;
  invoiceId: string;
  number: string | null;
  sentAt: string;
  voided: boolean;
}

/** The invoice that makes a contact active in a fiscal year: its first non-void one there. */
export interface ActiveClientMember {
  invoiceId: string;
  invoiceNumber: string | null;
  sentAt: string;
}

export interface TenantCalendar {
  /** "MM-DD" */
  fiscalYearStart: string;
  timezone: string;
}

// Earliest sent first; the invoice id breaks a tie so that every replay picks the same one.
function isEarlier(a: SentInvoiceRef, b: ActiveClientMember): boolean {
  const d = instantMillis(a.sentAt) - instantMillis(b.sentAt);
  return d < 0 || (d === 0 && a.invoiceId < b.invoiceId);
}

/** Fiscal year → contact id → the invoice that made the contact active, over any set of invoices. */
export function activeClientsByYear(invoices: readonly SentInvoiceRef[], calendar: TenantCalendar): Map<number, Map<string, ActiveClientMember>> {
  const years = new Map<number, Map<string, ActiveClientMember>>();
  for (const inv of invoices) {
    if (inv.voided) continue;
    const fy = fiscalYearOf(inv.sentAt, calendar.fiscalYearStart, calendar.timezone);
    const members = years.get(fy) ?? new Map<string, ActiveClientMember>();
    const current = members.get(inv.contactId);
    if (!current || isEarlier(inv, current)) {
      members.set(inv.contactId, { invoiceId: inv.invoiceId, invoiceNumber: inv.number, sentAt: new Date(inv.sentAt).toISOString() });
    }
    years.set(fy, members);
  }
  return years;
}

/**
 * For one contact: every fiscal year its membership may have to change in (a year any of its
 * sent invoices, void or not, falls in), with the member it should be there (null: not active).
 */
export function contactMembership(contactId: string, invoices: readonly SentInvoiceRef[], calendar: TenantCalendar): Map<number, ActiveClientMember | null> {
  const own = invoices.filter((i) => i.contactId === contactId);
  const active = activeClientsByYear(own, calendar);
  const out = new Map<number, ActiveClientMember | null>();
  for (const inv of own) {
    const fy = fiscalYearOf(inv.sentAt, calendar.fiscalYearStart, calendar.timezone);
    out.set(fy, active.get(fy)?.get(contactId) ?? null);
  }
  return out;
}

/** An active client of a fiscal year with the invoice that made it active. */
export type ListedMember = ActiveClientMember & { contactId: string };

/** Members listed the way the API shows them: by the date they became active, then by contact id. */
export function listMembers(members: readonly ListedMember[]): ListedMember[] {
  return [...members].sort((a, b) => instantMillis(a.sentAt) - instantMillis(b.sentAt) || (a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : 0));
}
