import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { emptyClientLedger } from './client-ledger';
import { clientStatement } from './client-statement';
import { AccountStream, CONTACT, contactCreated, content, fold, TENANT } from './ledger-events.fixture';

const TORONTO = 'America/Toronto';

// February 2026 in Toronto is EST (UTC−5): local midnight is 05:00Z.
function februaryAccount(): AccountStream {
  const a = new AccountStream();
  // A: 1000.00 + GST 50.00 + QST 99.75 = 1149.75
  a.created('inv-a', content('CAD', 100000, 114975));
  a.sent('inv-a', 'INV-000001', '2026-01-10T15:00:00Z', '2026-02-09');
  // 04:30Z on 1 Feb = 23:30 on 31 Jan local: before the period
  a.paid('REC-000001', 'CAD', '2026-02-01T04:30:00Z', [['inv-a', 50000]]);
  // B: 200.00 + 10.00 + 19.95 = 229.95, sent at local midnight on the first day of the period
  a.created('inv-b', content('CAD', 20000, 22995));
  a.sent('inv-b', 'INV-000002', '2026-02-01T05:00:00Z', '2026-03-03');
  // Credit granted at 15:00 local, applied to B; then a payment recorded afterwards but dated 09:00 the same day
  a.granted('CAD', 5000, '2026-02-15T20:00:00Z', 'Goodwill');
  a.applied('inv-b', 'CAD', 5000, '2026-02-15T20:05:00Z');
  a.paid('REC-000002', 'CAD', '2026-02-15T14:00:00Z', [['inv-b', 10000]]);
  // C: 300.00 + 15.00 + 29.925→29.93 = 344.93, sent then voided
  a.created('inv-c', content('CAD', 30000, 34493));
  a.sent('inv-c', 'INV-000003', '2026-02-20T15:00:00Z', '2026-03-22');
  a.voided('inv-c', '2026-02-21T15:00:00Z');
  // 04:59Z on 1 March = 23:59 on 28 Feb local: last minute of the period
  a.paid('REC-000003', 'CAD', '2026-03-01T04:59:00Z', [['inv-a', 14975]]);
  // 05:00Z on 1 March = local midnight: after the period
  a.paid('REC-000004', 'CAD', '2026-03-01T05:00:00Z', [['inv-a', 50000]]);
  return a;
}

describe('clientStatement', () => {
  const ledger = fold([contactCreated('CAD'), ...februaryAccount().events]);
  const statement = clientStatement(ledger, { from: '2026-02-01', to: '2026-02-28', timezone: TORONTO });

  it('opens on everything dated before the period', () => {
    // INV-000001 1149.75 − REC-000001 500.00 (31 Jan local) = 649.75
    assert.equal(statement.currency, 'CAD');
    assert.equal(statement.openingBalance, '649.75');
  });

  it('lists the period by date then event order, with a running balance', () => {
    assert.deepEqual(statement.lines, [
      // 649.75 + 229.95 = 879.70 (sent at 00:00 local on `from`: inside)
      { date: '2026-02-01', type: 'invoice', reference: 'INV-000002', debit: '229.95', credit: null, balance: '879.70' },
      // same day: the credit came first in event order though the payment is dated earlier in the day
      // 879.70 − 50.00 = 829.70; applying it to INV-000002 makes no line
      { date: '2026-02-15', type: 'credit', reference: 'Goodwill', debit: null, credit: '50.00', balance: '829.70' },
      // 829.70 − 100.00 = 729.70 (a partial payment of INV-000002)
      { date: '2026-02-15', type: 'payment', reference: 'REC-000002', debit: null, credit: '100.00', balance: '729.70' },
      // 729.70 + 344.93 = 1074.63
      { date: '2026-02-20', type: 'invoice', reference: 'INV-000003', debit: '344.93', credit: null, balance: '1074.63' },
      // 1074.63 − 344.93 = 729.70
      { date: '2026-02-21', type: 'void', reference: 'INV-000003', debit: null, credit: '344.93', balance: '729.70' },
      // 729.70 − 149.75 = 579.95 (23:59 local on `to`: inside; REC-000004 at 00:00 on 1 March is not)
      { date: '2026-02-28', type: 'payment', reference: 'REC-000003', debit: null, credit: '149.75', balance: '579.95' },
    ]);
  });

  it('closes on opening + debits − credits', () => {
    // 649.75 + (229.95 + 344.93) − (50.00 + 100.00 + 344.93 + 149.75) = 649.75 + 574.88 − 644.68 = 579.95
    assert.equal(statement.closingBalance, '579.95');
  });

  it('ages what is outstanding at the end of `to`', () => {
    // INV-000001: 1149.75 − 500.00 − 149.75 = 500.00, due 9 Feb: 19 days late on 28 Feb
    // INV-000002: 229.95 − 50.00 − 100.00 = 79.95, due 3 Mar: not yet due
    // INV-000003 is void. 500.00 + 79.95 = 579.95 = closing, as no credit is left unapplied
    assert.deepEqual(statement.aging, { current: '79.95', days1to30: '500.00', days31to60: '0.00', days61to90: '0.00', over90: '0.00' });
    assert.equal(statement.asOf, '2026-03-01T05:00:00Z');
  });

  it('a period after every movement opens on the full history', () => {
    const march = clientStatement(ledger, { from: '2026-03-02', to: '2026-03-31', timezone: TORONTO });
    // 579.95 − REC-000004 500.00 (1 March) = 79.95
    assert.equal(march.openingBalance, '79.95');
    assert.deepEqual(march.lines, []);
    assert.equal(march.closingBalance, '79.95');
    // INV-000002 79.95, due 3 March: 28 days late on 31 March
    assert.equal(march.aging.days1to30, '79.95');
  });

  it('refuses a reversed or malformed period', () => {
    assert.throws(() => clientStatement(ledger, { from: '2026-03-01', to: '2026-02-01', timezone: TORONTO }), RangeError);
    assert.throws(() => clientStatement(ledger, { from: '2026-02-30', to: '2026-03-01', timezone: TORONTO }), RangeError);
  });

  it('an empty ledger states zeros in the home currency', () => {
    const empty = clientStatement(emptyClientLedger(TENANT, CONTACT), { from: '2026-02-01', to: '2026-02-28', timezone: TORONTO, homeCurrency: 'CAD' });
    assert.deepEqual(empty, {
      currency: 'CAD', openingBalance: '0.00', lines: [], closingBalance: '0.00',
      aging: { current: '0.00', days1to30: '0.00', days31to60: '0.00', days61to90: '0.00', over90: '0.00' }, asOf: null,
    });
  });
});

describe('clientStatement aging buckets', () => {
  // Every invoice sent on 1 March, aged at 30 June 2026. Amounts are powers of two so each bucket's sum is unambiguous.
  const cases: Array<[id: string, dueDate: string, amount: number]> = [
    ['due-0', '2026-06-30', 100], //   0 days late: the due date itself → current
    ['due-1', '2026-06-29', 200], //   1 day (29 → 30 June) → 1–30
    ['due-30', '2026-05-31', 400], //  30 days (May 31 + 30 = June 30) → 1–30
    ['due-31', '2026-05-30', 800], //  31 days (1 to 31 May + 30 in June) → 31–60
    ['due-60', '2026-05-01', 1600], //  60 days (1 → 31 May = 30, + 30 in June) → 31–60
    ['due-61', '2026-04-30', 3200], //  61 days (30 Apr → 31 May = 31, + 30 in June) → 61–90
    ['due-90', '2026-04-01', 6400], //  90 days (1 → 30 Apr = 29, + 31 in May + 30 in June) → 61–90
    ['due-91', '2026-03-31', 12800], // 91 days (31 Mar → 1 Apr = 1, + 90) → over 90
    ['due-later', '2026-07-05', 25600], // −5 days: not yet due → current
  ];
  const a = new AccountStream();
  cases.forEach(([id, dueDate, amount], n) => {
    a.created(id, content('CAD', amount, amount));
    a.sent(id, `INV-00000${n + 1}`, '2026-03-01T15:00:00Z', dueDate);
  });
  // Paid after `to`: still outstanding on 30 June
  a.paid('REC-000001', 'CAD', '2026-07-02T15:00:00Z', [['due-91', 12800]]);
  // Fully paid before `to`: nothing outstanding
  a.created('paid', content('CAD', 99900, 99900));
  a.sent('paid', 'INV-000010', '2026-03-01T15:00:00Z', '2026-03-31');
  a.paid('REC-000002', 'CAD', '2026-04-15T15:00:00Z', [['paid', 99900]]);
  // Sent after `to`: not yet on the statement
  a.created('july', content('CAD', 77700, 77700));
  a.sent('july', 'INV-000011', '2026-07-01T15:00:00Z', '2026-06-01');
  const ledger = fold([contactCreated('CAD'), ...a.events]);

  it('buckets by days past due at `to`, the due date counting as current', () => {
    const { aging } = clientStatement(ledger, { from: '2026-06-01', to: '2026-06-30', timezone: 'America/Toronto' });
    assert.deepEqual(aging, {
      current: '257.00', //   1.00 + 256.00
      days1to30: '6.00', //   2.00 + 4.00
      days31to60: '24.00', // 8.00 + 16.00
      days61to90: '96.00', // 32.00 + 64.00
      over90: '128.00', //   128.00
    });
  });
});

describe('clientStatement in JPY', () => {
  it('writes yen without decimals', () => {
    const a = new AccountStream();
    // ¥100000 + 10% = ¥110000
    a.created('inv-1', content('JPY', 100000, 110000));
    a.sent('inv-1', 'INV-000001', '2026-02-02T01:00:00Z', '2026-03-04');
    a.paid('REC-000001', 'JPY', '2026-02-10T01:00:00Z', [['inv-1', 50000]]);
    const ledger = fold([contactCreated('JPY'), ...a.events]);
    const statement = clientStatement(ledger, { from: '2026-02-01', to: '2026-03-31', timezone: 'Asia/Tokyo' });
    assert.equal(statement.openingBalance, '0');
    assert.deepEqual(statement.lines.map((l) => [l.date, l.debit, l.credit, l.balance]), [
      ['2026-02-02', '110000', null, '110000'],
      ['2026-02-10', null, '50000', '60000'], // 110000 − 50000 = 60000
    ]);
    assert.equal(statement.closingBalance, '60000');
    // due 4 March, 27 days late on 31 March
    assert.equal(statement.aging.days1to30, '60000');
  });
});
