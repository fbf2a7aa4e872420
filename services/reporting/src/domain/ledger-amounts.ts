// Amounts read from a ClientLedger at a calendar date, shared by the summary and the statement
// so that a summary's balance is exactly what a statement up to the same date closes on.
import { convertMinor } from '@carnet/money';
import { ClientLedger, LedgerEntry, LedgerInvoice } from './client-ledger';
import { localDate } from '@carnet/calendar';

/**
 * The currency the client's balances are kept in: the contact's, else (contact not known yet)
 * that of its first document. Documents in another currency stay out of its balances.
 */
export function ledgerCurrency(ledger: ClientLedger): string | null {
  return ledger.contact?.currency ?? ledger.invoices[0]?.currency ?? ledger.entries[0]?.currency ?? null;
}

/** An invoice raises the balance; payments, credits granted and voids lower it. */
export function entrySignedAmount(entry: LedgerEntry): number {
  return entry.type === 'invoice' ? entry.amount : -entry.amount;
}

/**
 * Outstanding of an invoice at the end of local `date`: 0 unless sent on or before it and not
 * voided by then; only payments and credits dated on or before it count.
 */
export function outstandingOn(invoice: Pick<LedgerInvoice, 'sentAt' | 'voidedAt' | 'settlements' | 'total'>, date: string, timezone: string): number {
  if (invoice.sentAt === null || localDate(invoice.sentAt, timezone) > date) return 0;
  if (invoice.voidedAt !== null && localDate(invoice.voidedAt, timezone) <= date) return 0;
  const settled = invoice.settlements
    .filter((s) => localDate(s.at, timezone) <= date)
    .reduce((sum, s) => sum + s.amount, 0);
  return invoice.total - settled;
}

/** Credits granted minus credits applied, in `currency`, dated on or before local `date`. */
export function creditAvailableOn(ledger: ClientLedger, currency: string, date: string, timezone: string): number {
  const granted = ledger.entries
    .filter((e) => e.type === 'credit' && e.currency === currency && localDate(e.at, timezone) <= date)
    .reduce((sum, e) => sum + e.amount, 0);
  const applied = ledger.invoices
    .filter((i) => i.currency === currency)
    .flatMap((i) => i.settlements)
    .filter((s) => s.kind === 'credit' && localDate(s.at, timezone) <= date)
    .reduce((sum, s) => sum + s.amount, 0);
  return granted - applied;
}

/**
 * An amount of an invoice in home currency: at the invoice's own rate, rounded once per invoice
 * (as the summary's salesShare does); no rate means the invoice is in home currency.
 */
export function inHomeCurrency(inv: Pick<LedgerInvoice, 'currency' | 'exchangeRate'>, minor: number, homeCurrency: string): number {
  return inv.exchangeRate === null ? minor : convertMinor(minor, inv.currency, inv.exchangeRate, homeCurrency);
}

