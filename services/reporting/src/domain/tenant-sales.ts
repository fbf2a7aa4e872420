// The tenant's sales, salesShare's denominator (API.md): pre-tax subtotals of sent, non-void
// invoices in home currency (each through its own exchange rate), per fiscal year and all time.
// Each invoice sold is an entry of the tenant's sales tallies; these functions say what it adds.
import { TenantCalendar } from './active-clients';
import { LedgerInvoice } from './client-ledger';
import { fiscalYearOf } from '@carnet/calendar';
import { inHomeCurrency } from './ledger-amounts';

/** What one invoice adds to the tenant's sales: in which fiscal year, how much in home minor units. */
export interface InvoiceSale {
  fiscalYear: number;
  homeMinor: number;
}

export interface SalesCalendar extends TenantCalendar {
  homeCurrency: string;
}

/** The sale an invoice counts as now: null unless it is sent and not voided. */
export function invoiceSale(
  invoice: Pick<LedgerInvoice, 'sentAt' | 'voidedAt' | 'currency' | 'exchangeRate' | 'subtotal'>, calendar: SalesCalendar,
): InvoiceSale | null {
  if (invoice.sentAt === null || invoice.voidedAt !== null) return null;
  return {
    fiscalYear: fiscalYearOf(invoice.sentAt, calendar.fiscalYearStart, calendar.timezone),
    homeMinor: inHomeCurrency(invoice, invoice.subtotal, calendar.homeCurrency),
  };
}

/** What a sale (or none) adds to the total of a fiscal year (null: of all time). */
export function saleWeightIn(sale: InvoiceSale | null, fiscalYear: number | null): number {
  return sale !== null && (fiscalYear === null || fiscalYear === sale.fiscalYear) ? sale.homeMinor : 0;
}

/** The totals a sale counts in: all time (null) and its fiscal year. */
export function saleTotals(sale: InvoiceSale | null): Array<number | null> {
  return sale === null ? [] : [null, sale.fiscalYear];
}

/** The tenant's total per fiscal year and all time (null) over some sales; totals no sale counts in are absent. */
export function salesTotals(sales: ReadonlyArray<InvoiceSale | null>): Map<number | null, number> {
  const totals = new Map<number | null, number>();
  for (const sale of sales) {
    for (const fy of saleTotals(sale)) totals.set(fy, (totals.get(fy) ?? 0) + saleWeightIn(sale, fy));
  }
  return totals;
}
