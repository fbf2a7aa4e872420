import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { LedgerSettlement } from './client-ledger';
import { DashboardInvoice, monthsBetween, tenantDashboard } from './tenant-dashboard';

const calendar = { fiscalYearStart: '04-01', timezone: 'America/Toronto' };

function invoice(
  invoiceId: string, contactId: string, currency: string, exchangeRate: string | null, subtotal: number, total: number,
  sentAt: string, dueDate: string, settlements: Array<[LedgerSettlement['kind'], string, number]> = [],
): DashboardInvoice {
  const settled = settlements.reduce((sum, [, , a]) => sum + a, 0) >= total;
  const latest = settlements.map(([, at]) => at).sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1) ?? null;
  return {
    invoiceId, contactId, currency, exchangeRate, subtotal, total, sentAt, dueDate, voidedAt: null,
    settledAt: settled ? latest : null, settlements: settlements.map(([kind, at, amount], i) => ({ seq: i + 1, kind, at, amount })),
  };
}

// Toronto is EDT (UTC−4) from March to November, EST (UTC−5) in winter.
const invoices = [
  // 23:30 on 31 March: fiscal year 2025, not this one; unpaid, due 30 April
  invoice('i1', 'c1', 'CAD', null, 100000, 114975, '2026-03-31T23:30:00-04:00', '2026-04-30'),
  // 200.00 USD at 1.35 = 270.00 CAD, paid 10 days later
  invoice('i2', 'c1', 'USD', '1.35', 20000, 20000, '2026-04-15T10:00:00-04:00', '2026-05-15', [['payment', '2026-04-25T10:00:00-04:00', 20000]]),
  // 23:30 on 31 May: a May sale; 574.88 − 200.00 paid = 374.88 outstanding, due 30 June
  invoice('i3', 'c2', 'CAD', null, 50000, 57488, '2026-05-31T23:30:00-04:00', '2026-06-30', [['payment', '2026-06-10T12:00:00Z', 20000]]),
  // 33.33 EUR at 1.5 = 49.995 → 50.00 CAD; unpaid, due 15 June
  invoice('i4', 'c3', 'EUR', '1.5', 3333, 3333, '2026-06-01T12:00:00Z', '2026-06-15'),
  // settled the same day by a credit
  invoice('i5', 'c2', 'CAD', null, 30000, 30000, '2026-06-05T12:00:00Z', '2026-07-05', [['credit', '2026-06-05T20:00:00Z', 30000]]),
  // fiscal year 2025, due 9 February; its payment is dated 15 July, after "today"
  invoice('i6', 'c4', 'CAD', null, 10000, 10000, '2026-01-10T12:00:00-05:00', '2026-02-09', [['payment', '2026-07-15T12:00:00Z', 10000]]),
];

describe('tenantDashboard', () => {
  const dashboard = tenantDashboard({
    fiscalYear: 2026, calendar, homeCurrency: 'CAD', sentInYear: invoices, open: invoices,
    now: new Date('2026-06-30T16:00:00Z'), asOf: '2026-06-30T15:00:00.000Z',
  });

  it('spans the fiscal year in the tenant time zone', () => {
    assert.deepEqual([dashboard.fiscalYear, dashboard.from, dashboard.to, dashboard.currency], [2026, '2026-04-01', '2027-03-31', 'CAD']);
    assert.equal(dashboard.asOf, '2026-06-30T15:00:00.000Z');
  });

  it('sums pre-tax revenue by local month in home currency', () => {
    assert.deepEqual(dashboard.revenueByMonth, [
      { month: '2026-04', amount: '270.00' }, // i2: 200.00 USD × 1.35
      { month: '2026-05', amount: '500.00' }, // i3, sent 31 May 23:30 local (1 June in UTC)
      { month: '2026-06', amount: '350.00' }, // i4 50.00 + i5 300.00
      ...['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03'].map((month) => ({ month, amount: '0.00' })),
    ]);
  });

  it('ages what is outstanding today, in home currency', () => {
    assert.deepEqual(dashboard.receivablesAging, {
      current: '374.88', // i3: 574.88 − 200.00, due today
      days1to30: '50.00', // i4: 15 June → 30 June = 15 days late; 33.33 EUR × 1.5 = 49.995 → 50.00
      days31to60: '0.00',
      days61to90: '1149.75', // i1: 30 April → 30 June = 31 + 30 = 61 days late
      over90: '100.00', // i6: 9 Feb → 30 June = 19 + 31 + 30 + 31 + 30 = 141 days; its payment is not due until 15 July
    });
  });

  it('ranks clients by pre-tax sales with their share of the year', () => {
    // sales 270.00 + 500.00 + 50.00 + 300.00 = 1120.00
    assert.deepEqual(dashboard.topClients, [
      { contactId: 'c2', sales: '800.00', share: '71.43' }, // 800 / 1120 = 71.428…%
      { contactId: 'c1', sales: '270.00', share: '24.11' }, // 270 / 1120 = 24.107…%
      { contactId: 'c3', sales: '50.00', share: '4.46' }, // 50 / 1120 = 4.464…%
    ]);
  });

  it('averages the days to settle the invoices of the year', () => {
    // i2: 15 → 25 April = 10 days; i5: same day = 0; (10 + 0) / 2 = 5
    assert.equal(dashboard.averagePaymentDays, 5);
  });

  it('keeps the ten best clients, ties by contact id', () => {
    // client k (1…12) has one sale of k × 10.00; "c11b" ties c11 at 110.00
    const many = Array.from({ length: 12 }, (_, i) => invoice(`n${i}`, `c${String(i + 1).padStart(2, '0')}`, 'CAD', null, (i + 1) * 1000, (i + 1) * 1000, '2026-05-01T12:00:00Z', '2026-05-31'));
    many.push(invoice('tie', 'c11b', 'CAD', null, 11000, 11000, '2026-05-01T12:00:00Z', '2026-05-31'));
    const top = tenantDashboard({ fiscalYear: 2026, calendar, homeCurrency: 'CAD', sentInYear: many, open: [], now: new Date('2026-06-30T16:00:00Z'), asOf: null }).topClients;
    assert.equal(top.length, 10);
    assert.deepEqual(top.slice(0, 3).map((c) => [c.contactId, c.sales]), [['c12', '120.00'], ['c11', '110.00'], ['c11b', '110.00']]);
    assert.equal(top[9].contactId, 'c04'); // 120, 110, 110, 100, 90, 80, 70, 60, 50, then 40.00
    assert.equal(tenantDashboard({ fiscalYear: 2026, calendar, homeCurrency: 'CAD', sentInYear: [], open: [], now: new Date(), asOf: null }).averagePaymentDays, null);
  });
});

describe('monthsBetween', () => {
  it('lists every calendar month a fiscal year touches', () => {
    assert.deepEqual(monthsBetween('2026-11-01', '2027-02-28'), ['2026-11', '2026-12', '2027-01', '2027-02']);
    // a year starting mid-month touches 13 calendar months
    assert.equal(monthsBetween('2026-04-15', '2027-04-14').length, 13);
  });
});
