import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { toCreditViews } from './credit.view';
import { created, FIFTY_PLUS_GST, granted, sent } from './domain/billing.fixtures';
import { fold } from './domain/client-account.test-kit';

describe('credits with their lineage', () => {
  it('shows what each credit paid, invoice by invoice', () => {
    // C1 30.00 (Jan 10), C2 50.00 (Feb 1). inv-A and inv-B owe 52.50 each.
    // Apply 45.00 to inv-A: 30.00 from C1 + 15.00 from C2. Then 20.00 to inv-B: all from C2.
    const state = fold([
      granted('C1', 3000, '2027-01-10T00:00:00.000Z'), granted('C2', 5000, '2027-02-01T00:00:00.000Z'),
      created('inv-A', FIFTY_PLUS_GST), sent('inv-A', 'INV-000001'), created('inv-B', FIFTY_PLUS_GST), sent('inv-B', 'INV-000002'),
      { type: 'CreditApplied', data: { invoiceId: 'inv-A', currency: 'CAD', amount: 4500, appliedAt: '2027-03-01T00:00:00.000Z', sources: [{ creditId: 'C1', amount: 3000 }, { creditId: 'C2', amount: 1500 }] } },
      { type: 'CreditApplied', data: { invoiceId: 'inv-B', currency: 'CAD', amount: 2000, appliedAt: '2027-03-05T00:00:00.000Z', sources: [{ creditId: 'C2', amount: 2000 }] } },
    ]);
    const [c1, c2] = toCreditViews(state);
    // C1: 30.00 − 30.00 = 0.00 left
    assert.deepEqual([c1.amount, c1.applied, c1.available], ['30.00', '30.00', '0.00']);
    assert.deepEqual(c1.applications, [{ invoiceId: 'inv-A', amount: '30.00', appliedAt: '2027-03-01T00:00:00.000Z' }]);
    // C2: 15.00 + 20.00 = 35.00 applied ; 50.00 − 35.00 = 15.00 left
    assert.deepEqual([c2.amount, c2.applied, c2.available], ['50.00', '35.00', '15.00']);
    assert.deepEqual(c2.applications, [
      { invoiceId: 'inv-A', amount: '15.00', appliedAt: '2027-03-01T00:00:00.000Z' },
      { invoiceId: 'inv-B', amount: '20.00', appliedAt: '2027-03-05T00:00:00.000Z' },
    ]);
  });
});
