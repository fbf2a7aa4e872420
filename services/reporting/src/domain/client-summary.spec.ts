import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { clientStatement } from './client-statement';
import { clientSummary, ClientSummaryOptions, contactSalesHome } from './client-summary';
import { fiscalYearRange } from '@carnet/calendar';
import { AccountStream, contactCreated, content, fold } from './ledger-events.fixture';

const TORONTO = 'America/Toronto';
const settings = { timezone: TORONTO, fiscalYearStart: '04-01', homeCurrency: 'CAD' };

// Spring 2026 in Toronto is EDT (UTC−4). Fiscal years start 1 April.
function springAccount(): AccountStream {
  const a = new AccountStream();
  // D: 100.00 + 5.00 + 9.975→9.98 = 114.98, paid in full 10 days after sending
  a.created('inv-d', content('CAD', 10000, 11498));
  a.sent('inv-d', 'INV-000001', '2026-04-01T14:00:00Z', '2026-05-01');
  a.paid('REC-000001', 'CAD', '2026-04-11T15:00:00Z', [['inv-d', 11498]]);
  // E: 200.00 + 10.00 + 19.95 = 229.95, settled by a payment and then a credit
  a.created('inv-e', content('CAD', 20000, 22995));
  a.sent('inv-e', 'INV-000002', '2026-04-01T14:00:00Z', '2026-05-01');
  a.granted('CAD', 10000, '2026-04-05T15:00:00Z');
  a.paid('REC-000002', 'CAD', '2026-04-10T15:00:00Z', [['inv-e', 12995]]);
  // 03:00Z on 17 April = 23:00 EDT on the 16th: settled 15 local days after 1 April (16 by UTC dates)
  a.applied('inv-e', 'CAD', 10000, '2026-04-17T03:00:00Z');
  // F: 500.00 + 25.00 + 49.875→49.88 = 574.88, partly paid, with a payment dated in the future
  a.created('inv-f', content('CAD', 50000, 57488));
  a.sent('inv-f', 'INV-000003', '2026-05-01T14:00:00Z', '2026-05-31');
  a.paid('REC-000003', 'CAD', '2026-05-10T15:00:00Z', [['inv-f', 20000]]);
  a.paid('REC-000004', 'CAD', '2026-07-15T15:00:00Z', [['inv-f', 10000]]);
  // G: 400.00 + 20.00 + 39.90 = 459.90, sent on 31 March: fiscal year 2025
  a.created('inv-g', content('CAD', 40000, 45990));
  a.sent('inv-g', 'INV-000004', '2026-03-31T15:00:00Z', '2026-04-30');
  // H: 114.98, sent then voided
  a.created('inv-h', content('CAD', 10000, 11498));
  a.sent('inv-h', 'INV-000005', '2026-05-02T14:00:00Z', '2026-06-01');
  a.voided('inv-h', '2026-05-03T14:00:00Z');
  // A credit nobody applied yet
  a.granted('CAD', 2500, '2026-05-20T15:00:00Z');
  return a;
}

describe('clientSummary', () => {
  const ledger = fold([contactCreated('CAD'), ...springAccount().events]);
  const onJune30: ClientSummaryOptions = { ...settings, now: new Date('2026-06-30T16:00:00Z'), tenantSalesHomeMinor: 300000 };

  it('sums the fiscal year and reads balances as of now', () => {
    assert.deepEqual(clientSummary(ledger, { ...onJune30, fiscalYear: 2026 }), {
      currency: 'CAD',
      // D 0 + E 229.95 − 129.95 − 100.00 = 0 + F 574.88 − 200.00 = 374.88 (the 15 July payment is not yet)
      // + G 459.90 + H void → 374.88 + 459.90 = 834.78
      moneyOwed: '834.78',
      // granted 100.00 + 25.00 − applied 100.00 = 25.00
      creditAvailable: '25.00',
      // 834.78 − 25.00 = 809.78
      balance: '809.78',
      // sent in FY 2026 and not void: D 114.98 + E 229.95 + F 574.88 = 919.81
      totalInvoiced: '919.81',
      // paid in FY 2026: 114.98 + 129.95 + 200.00 + 100.00 (15 July is in the year) = 544.93
      totalPaid: '544.93',
      // pre-tax D 100.00 + E 200.00 + F 500.00 = 800.00 of 3000.00 = 26.666…% → 26.67
      salesShare: '26.67',
      // D: 1 → 11 April = 10 days; E: 1 → 16 April = 15 days; (10 + 15) / 2 = 12.5
      averagePaymentDays: 12.5,
      // sent: D, E, F, G, H = 5; receipts REC-000001..4 = 4
      counts: { invoices: 5, quotes: 0, receipts: 4, notes: 0 },
      lastInvoiceAt: '2026-05-02T14:00:00Z',
      asOf: '2026-07-15T15:00:00Z',
      otherCurrencies: [], // every document is in CAD
    });
  });

  it('has a balance that is what a statement up to today closes on', () => {
    const statement = clientStatement(ledger, { from: '2026-01-01', to: '2026-06-30', timezone: TORONTO });
    // debits 114.98 + 229.95 + 574.88 + 459.90 + 114.98 = 1494.69
    // credits 114.98 + 129.95 + 200.00 (payments) + 100.00 + 25.00 (credits) + 114.98 (void) = 684.91
    // 1494.69 − 684.91 = 809.78
    assert.equal(statement.closingBalance, '809.78');
    assert.equal(clientSummary(ledger, onJune30).balance, statement.closingBalance);
  });

  it('counts a future-dated payment once its date has come', () => {
    const summary = clientSummary(ledger, { ...onJune30, now: new Date('2026-07-31T16:00:00Z') });
    // 834.78 − 100.00 = 734.78
    assert.equal(summary.moneyOwed, '734.78');
    assert.equal(summary.balance, '709.78'); // 734.78 − 25.00
  });

  it('sums all time without a fiscal year', () => {
    const summary = clientSummary(ledger, { ...onJune30, tenantSalesHomeMinor: 480000 });
    // 919.81 + G 459.90 = 1379.71
    assert.equal(summary.totalInvoiced, '1379.71');
    assert.equal(summary.totalPaid, '544.93');
    // (800.00 + 400.00) / 4800.00 = 25%
    assert.equal(summary.salesShare, '25.00');
    assert.equal(summary.averagePaymentDays, 12.5); // G is not settled
    assert.equal(summary.moneyOwed, '834.78'); // balances ignore the period
  });

  it('gives null averages and shares where there is nothing to divide', () => {
    const fy2025 = clientSummary(ledger, { ...onJune30, fiscalYear: 2025, tenantSalesHomeMinor: 0 });
    assert.equal(fy2025.totalInvoiced, '459.90'); // G only
    assert.equal(fy2025.totalPaid, '0.00');
    assert.equal(fy2025.averagePaymentDays, null);
    assert.equal(fy2025.salesShare, null); // the tenant has no sales
    assert.equal(clientSummary(ledger, { ...onJune30, fiscalYear: 2025, tenantSalesHomeMinor: 40000 }).salesShare, '100.00');
  });
});

describe('contactSalesHome and salesShare across currencies', () => {
  const a = new AccountStream();
  // 1000.00 USD at 1.3655 CAD/USD = 1365.50 CAD
  a.created('usd-1', content('USD', 100000, 100000, '1.3655'));
  a.sent('usd-1', 'INV-000001', '2026-05-01T14:00:00Z', '2026-05-31');
  // 200.00 CAD, already home currency
  a.created('cad-1', content('CAD', 20000, 22995));
  a.sent('cad-1', 'INV-000002', '2026-05-02T14:00:00Z', '2026-06-01');
  // 500.00 USD at 1.4 = 700.00 CAD, sent 2026-03-31 23:30 EDT: fiscal year 2025
  a.created('usd-2', content('USD', 50000, 50000, '1.4'));
  a.sent('usd-2', 'INV-000003', '2026-04-01T03:30:00Z', '2026-05-01');
  // A draft is no sale
  a.created('usd-3', content('USD', 99900, 99900, '1.3655'));
  const ledger = fold([contactCreated('USD'), ...a.events]);

  it('converts each invoice with its own rate', () => {
    // FY 2026: 1365.50 + 200.00 = 1565.50 CAD
    assert.equal(contactSalesHome(ledger, fiscalYearRange('04-01', TORONTO, 2026), 'CAD'), 156550);
    // all time: 1565.50 + 700.00 = 2265.50 CAD
    assert.equal(contactSalesHome(ledger, null, 'CAD'), 226550);
  });

  it('divides by the tenant sales and keeps balances in the contact currency', () => {
    const summary = clientSummary(ledger, { ...settings, fiscalYear: 2026, now: new Date('2026-06-30T16:00:00Z'), tenantSalesHomeMinor: 626200 });
    // 1565.50 / 6262.00 = 0.25 → 25.00%
    assert.equal(summary.salesShare, '25.00');
    assert.equal(summary.currency, 'USD');
    // USD invoices only: 1000.00 + 500.00 = 1500.00 (the CAD one is not in this currency)
    assert.equal(summary.moneyOwed, '1500.00');
    assert.equal(summary.totalInvoiced, '1000.00'); // FY 2026, USD
    // the CAD invoice is not lost: 229.95 owed (200.00 + 5 % + 9.975 %), sent in FY 2026, nothing paid
    assert.deepEqual(summary.otherCurrencies, [
      { currency: 'CAD', moneyOwed: '229.95', creditAvailable: '0.00', balance: '229.95', totalInvoiced: '229.95', totalPaid: '0.00' },
    ]);
    const cadStatement = clientStatement(ledger, { from: '2026-05-01', to: '2026-06-30', timezone: TORONTO, currency: 'CAD' });
    assert.deepEqual(cadStatement.lines.map((l) => [l.date, l.reference, l.debit, l.balance]), [['2026-05-02', 'INV-000002', '229.95', '229.95']]);
    // due 1 June, 29 days past due on 30 June
    assert.deepEqual([cadStatement.currency, cadStatement.closingBalance, cadStatement.aging.days1to30], ['CAD', '229.95', '229.95']);
  });
});

describe('clientSummary in JPY', () => {
  it('owes and converts yen', () => {
    const a = new AccountStream();
    // ¥100000 + 10% = ¥110000, at 0.0091 CAD/JPY
    a.created('inv-1', content('JPY', 100000, 110000, '0.0091'));
    a.sent('inv-1', 'INV-000001', '2026-05-01T01:00:00Z', '2026-05-31');
    a.paid('REC-000001', 'JPY', '2026-05-21T01:00:00Z', [['inv-1', 50000]]);
    const ledger = fold([contactCreated('JPY'), ...a.events]);
    const summary = clientSummary(ledger, {
      timezone: 'Asia/Tokyo', fiscalYearStart: '04-01', homeCurrency: 'CAD', fiscalYear: 2026,
      now: new Date('2026-06-30T03:00:00Z'), tenantSalesHomeMinor: 364000,
    });
    assert.equal(summary.moneyOwed, '60000'); // 110000 − 50000
    assert.equal(summary.totalInvoiced, '110000');
    assert.equal(summary.totalPaid, '50000');
    // ¥100000 × 0.0091 = 910.00 CAD; 910.00 / 3640.00 = 25%
    assert.equal(summary.salesShare, '25.00');
    assert.equal(summary.averagePaymentDays, null); // partly paid only
  });
});
