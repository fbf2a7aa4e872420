// GET /v1/reports/dashboard: the tenant's fiscal year at a glance, all in home currency.
import { formatMoney, meanOneDecimal, percentString } from '@carnet/money';
import { agingBucketOf, emptyAging, mapAging } from './aging';
import { TenantCalendar } from './active-clients';
import { LedgerInvoice } from './client-ledger';
import { daysBetween, fiscalYearRange, instantMillis, localDate } from '@carnet/calendar';
import { inHomeCurrency, outstandingOn } from './ledger-amounts';

/** A sent invoice as tenant-wide figures need it. */
export type DashboardInvoice = Pick<
  LedgerInvoice,
  'currency' | 'exchangeRate' | 'subtotal' | 'total' | 'sentAt' | 'dueDate' | 'voidedAt' | 'settledAt' | 'settlements'
> & { contactId: string; invoiceId: string };

export interface DashboardInput {
  fiscalYear: number;
  calendar: TenantCalendar;
  homeCurrency: string;
  /** Non-void invoices sent in the fiscal year (others are left out). */
  sentInYear: readonly DashboardInvoice[];
  /** Non-void sent invoices that may still be outstanding today (any year). */
  open: readonly DashboardInvoice[];
  /** Aging is read at the end of this instant's local date. */
  now: Date;
  asOf: string | null;
}

/** A top client by pre-tax sales; the caller adds its name from the client's ledger. */
export interface TopClientSales {
  contactId: string;
  sales: string;
  share: string | null;
}

export interface TenantDashboard {
  fiscalYear: number;
  from: string;
  to: string;
  currency: string;
  revenueByMonth: Array<{ month: string; amount: string }>;
  receivablesAging: { current: string; days1to30: string; days31to60: string; days61to90: string; over90: string };
  topClients: TopClientSales[];
  averagePaymentDays: number | null;
  asOf: string | null;
}

export const TOP_CLIENTS = 10;

/** Every calendar month (YYYY-MM) from the month of `from` to the month of `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const ym = `${year}-${String(month).padStart(2, '0')}`;
    months.push(ym);
    if (ym >= last) return months;
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}

export function tenantDashboard(input: DashboardInput): TenantDashboard {
  const { calendar, homeCurrency } = input;
  const tz = calendar.timezone;
  const range = fiscalYearRange(calendar.fiscalYearStart, tz, input.fiscalYear);
  const money = (minor: number): string => formatMoney(minor, homeCurrency);
  const home = (inv: DashboardInvoice, minor: number): number => inHomeCurrency(inv, minor, homeCurrency);

  const start = instantMillis(range.startUtc);
  const end = instantMillis(range.endUtcExclusive);
  const inYear = input.sentInYear.filter((i) => i.sentAt !== null && i.voidedAt === null && instantMillis(i.sentAt) >= start && instantMillis(i.sentAt) < end);

  const byMonth = new Map(monthsBetween(range.from, range.to).map((m) => [m, 0]));
  const byClient = new Map<string, number>();
  let sales = 0;
  for (const inv of inYear) {
    if (inv.sentAt === null) continue;
    const amount = home(inv, inv.subtotal);
    const month = localDate(inv.sentAt, tz).slice(0, 7);
    byMonth.set(month, (byMonth.get(month) ?? 0) + amount);
    byClient.set(inv.contactId, (byClient.get(inv.contactId) ?? 0) + amount);
    sales += amount;
  }

  const today = localDate(input.now, tz);
  const aging = emptyAging();
  for (const inv of input.open) {
    const outstanding = outstandingOn(inv, today, tz);
    if (outstanding <= 0 || inv.sentAt === null) continue;
    const dueDate = inv.dueDate ?? localDate(inv.sentAt, tz);
    aging[agingBucketOf(daysBetween(dueDate, today))] += home(inv, outstanding);
  }

  const topClients = [...byClient.entries()]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, TOP_CLIENTS)
    .map(([contactId, amount]): TopClientSales => ({ contactId, sales: money(amount), share: percentString(amount, sales) }));

  const paymentDays = inYear.flatMap((i) =>
    i.sentAt !== null && i.settledAt !== null
      // A payment back-dated before sending counts as paid on the day it was sent, as in the summary.
      ? [Math.max(0, daysBetween(localDate(i.sentAt, tz), localDate(i.settledAt, tz)))]
      : [],
  );

  return {
    fiscalYear: input.fiscalYear,
    from: range.from,
    to: range.to,
    currency: homeCurrency,
    revenueByMonth: [...byMonth.entries()].map(([month, amount]) => ({ month, amount: money(amount) })),
    receivablesAging: mapAging(aging, money),
    topClients,
    averagePaymentDays: meanOneDecimal(paymentDays),
    asOf: input.asOf,
  };
}
