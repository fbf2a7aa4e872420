// GET /v1/contacts/{id}/statement: the client's dated movements over a period, with aging at its end.
import { formatMoney } from '@carnet/money';
import { agingBucketOf, emptyAging, mapAging } from './aging';
import { ClientLedger, LedgerEntryType } from './client-ledger';
import { daysBetween, isCalendarDate, localDate } from '@carnet/calendar';
import { entrySignedAmount, ledgerCurrency, outstandingOn } from './ledger-amounts';

export interface ClientStatementOptions {
  /** First local date of the period (YYYY-MM-DD). */
  from: string;
  /** Last local date of the period, included. */
  to: string;
  timezone: string;
  /** Currency of a ledger that knows neither its contact nor any document yet. */
  homeCurrency?: string;
  /** The statement of the documents in this currency; default the contact's. */
  currency?: string;
}

export interface StatementLine {
  date: string;
  type: LedgerEntryType;
  reference: string | null;
  debit: string | null;
  credit: string | null;
  /** Running balance after this line. */
  balance: string;
}

export interface AgingBuckets {
  current: string;
  days1to30: string;
  days31to60: string;
  days61to90: string;
  over90: string;
}

export interface ClientStatement {
  currency: string;
  openingBalance: string;
  lines: StatementLine[];
  closingBalance: string;
  aging: AgingBuckets;
  asOf: string | null;
}

export function clientStatement(ledger: ClientLedger, opts: ClientStatementOptions): ClientStatement {
  const { from, to, timezone } = opts;
  if (!isCalendarDate(from) || !isCalendarDate(to)) throw new RangeError('from and to must be YYYY-MM-DD dates');
  if (from > to) throw new RangeError('from must not be after to');
  const currency = opts.currency ?? ledgerCurrency(ledger) ?? opts.homeCurrency;
  if (currency === undefined) throw new RangeError('the ledger has no currency yet: pass homeCurrency');
  const money = (minor: number): string => formatMoney(minor, currency);

  const dated = ledger.entries
    .filter((e) => e.currency === currency)
    .map((e) => ({ entry: e, date: localDate(e.at, timezone) }));
  const opening = dated.filter((d) => d.date < from).reduce((sum, d) => sum + entrySignedAmount(d.entry), 0);

  let running = opening;
  const lines = dated
    .filter((d) => d.date >= from && d.date <= to)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.entry.seq - b.entry.seq))
    .map(({ entry, date }): StatementLine => {
      running += entrySignedAmount(entry);
      const amount = money(entry.amount);
      const debit = entry.type === 'invoice';
      return { date, type: entry.type, reference: entry.reference, debit: debit ? amount : null, credit: debit ? null : amount, balance: money(running) };
    });

  return {
    currency,
    openingBalance: money(opening),
    lines,
    closingBalance: money(running),
    aging: aging(ledger, currency, to, timezone, money),
    asOf: ledger.asOf,
  };
}

// Outstanding invoices at the end of `to`, by days past due then (the due date itself is current).
function aging(ledger: ClientLedger, currency: string, to: string, timezone: string, money: (minor: number) => string): AgingBuckets {
  const buckets = emptyAging();
  for (const invoice of ledger.invoices) {
    if (invoice.currency !== currency) continue;
    const outstanding = outstandingOn(invoice, to, timezone);
    if (outstanding <= 0 || invoice.sentAt === null) continue;
    const dueDate = invoice.dueDate ?? localDate(invoice.sentAt, timezone);
    buckets[agingBucketOf(daysBetween(dueDate, to))] += outstanding;
  }
  return mapAging(buckets, money);
}
