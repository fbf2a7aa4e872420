// GET /v1/contacts/{id}/summary, computed from the client's ledger and the tenant's settings.
import { formatMoney, meanOneDecimal, percentString } from '@carnet/money';
import { ClientLedger } from './client-ledger';
import { daysBetween, fiscalYearRange, FiscalYearRange, instantMillis, localDate } from '@carnet/calendar';
import { creditAvailableOn, inHomeCurrency, ledgerCurrency, outstandingOn } from './ledger-amounts';

export interface ClientSummaryOptions {
  timezone: string;
  /** "MM-DD" */
  fiscalYearStart: string;
  /** Period sums for this fiscal year; all time when absent. */
  fiscalYear?: number | null;
  homeCurrency: string;
  /** The tenant's pre-tax sales in home currency over the same period, computed elsewhere. */
  tenantSalesHomeMinor: number;
  /** Balances are read at the end of this instant's local date. */
  now: Date;
}

/** Balances as of now and period sums, over the client's documents in one currency. */
export interface CurrencyFigures {
  currency: string;
  moneyOwed: string;
  creditAvailable: string;
  balance: string;
  totalInvoiced: string;
  totalPaid: string;
}

export interface ClientSummary extends CurrencyFigures {
  salesShare: string | null;
  averagePaymentDays: number | null;
  counts: { invoices: number; quotes: number; receipts: number; notes: number };
  lastInvoiceAt: string | null;
  asOf: string | null;
  /**
   * The same balances for documents issued in a currency other than the contact's (a USD invoice
   * to a CAD client): kept apart, never converted, so no amount owed goes unseen. Empty when none.
   */
  otherCurrencies: CurrencyFigures[];
}

/** A half-open span of instants; null means all time. */
export type SalesPeriod = Pick<FiscalYearRange, 'startUtc' | 'endUtcExclusive'> | null;

function inPeriod(period: SalesPeriod, at: string): boolean {
  if (period === null) return true;
  const t = instantMillis(at);
  return t >= instantMillis(period.startUtc) && t < instantMillis(period.endUtcExclusive);
}

/**
 * The client's pre-tax sales in home currency: subtotals of invoices sent in the period and not
 * voided, each converted with its own exchange rate (null = already home currency).
 */
export function contactSalesHome(ledger: ClientLedger, period: SalesPeriod, homeCurrency: string): number {
  return ledger.invoices
    .filter((i) => i.sentAt !== null && i.voidedAt === null && inPeriod(period, i.sentAt))
    .reduce((sum, i) => sum + inHomeCurrency(i, i.subtotal, homeCurrency), 0);
}

export function clientSummary(ledger: ClientLedger, opts: ClientSummaryOptions): ClientSummary {
  const { timezone } = opts;
  const currency = ledgerCurrency(ledger) ?? opts.homeCurrency;
  const today = localDate(opts.now, timezone);
  const period = opts.fiscalYear === undefined || opts.fiscalYear === null
    ? null
    : fiscalYearRange(opts.fiscalYearStart, timezone, opts.fiscalYear);

  // A voided invoice was never a sale: period figures leave it out whenever it was voided.
  const sentInPeriod = ledger.invoices.filter((i) => i.sentAt !== null && i.voidedAt === null && inPeriod(period, i.sentAt));
  const others = new Set([...ledger.invoices.map((i) => i.currency), ...ledger.entries.map((e) => e.currency)]);
  others.delete(currency);

  const paymentDays = sentInPeriod.flatMap((i) =>
    i.sentAt !== null && i.settledAt !== null
      // A payment back-dated before sending counts as paid on the day it was sent.
      ? [Math.max(0, daysBetween(localDate(i.sentAt, timezone), localDate(i.settledAt, timezone)))]
      : [],
  );

  return {
    ...currencyFigures(ledger, currency, period, today, timezone),
    salesShare: percentString(contactSalesHome(ledger, period, opts.homeCurrency), opts.tenantSalesHomeMinor),
    averagePaymentDays: meanOneDecimal(paymentDays),
    counts: { invoices: ledger.counts.invoices, quotes: ledger.counts.quotes, receipts: ledger.counts.receipts, notes: ledger.counts.notes },
    lastInvoiceAt: ledger.lastInvoiceAt,
    asOf: ledger.asOf,
    otherCurrencies: [...others].sort().map((c) => currencyFigures(ledger, c, period, today, timezone)),
  };
}

/** Balances as of `today` and period sums, over the client's documents in one currency. */
function currencyFigures(ledger: ClientLedger, currency: string, period: SalesPeriod, today: string, timezone: string): CurrencyFigures {
  const money = (minor: number): string => formatMoney(minor, currency);
  const own = ledger.invoices.filter((i) => i.currency === currency);
  const moneyOwed = own.reduce((sum, i) => sum + outstandingOn(i, today, timezone), 0);
  const creditAvailable = creditAvailableOn(ledger, currency, today, timezone);
  const totalInvoiced = own
    .filter((i) => i.sentAt !== null && i.voidedAt === null && inPeriod(period, i.sentAt))
    .reduce((sum, i) => sum + i.total, 0);
  const totalPaid = ledger.entries
    .filter((e) => e.type === 'payment' && e.currency === currency && inPeriod(period, e.at))
    .reduce((sum, e) => sum + e.amount, 0);
  return {
    currency,
    moneyOwed: money(moneyOwed),
    creditAvailable: money(creditAvailable),
    balance: money(moneyOwed - creditAvailable),
    totalInvoiced: money(totalInvoiced),
    totalPaid: money(totalPaid),
  };
}
