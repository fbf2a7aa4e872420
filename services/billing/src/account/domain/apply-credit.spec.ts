import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyCredit } from './apply-credit.decide';
import { created, FIFTY_PLUS_GST, granted, sent } from './billing.fixtures';
import { given } from './client-account.test-kit';

// inv-B: 50.00 + GST 2.50 = 52.50, sent.
const sentInvoice = [created('inv-B', FIFTY_PLUS_GST), sent('inv-B', 'INV-000002')];
const appliedAt = '2027-03-01T14:00:00.000Z';

describe('applyCredit', () => {
  it('draws on the oldest grant first and records the lineage', () => {
    // credits: C1 30.00 (Jan 10) + C2 50.00 (Feb 1) = 80.00 ; apply 45.00 = 30.00 from C1 + 15.00 from C2
    const state = given(granted('C1', 3000, '2027-01-10T00:00:00.000Z'), granted('C2', 5000, '2027-02-01T00:00:00.000Z'), ...sentInvoice)
      .when((s) => applyCredit(s, { invoiceId: 'inv-B', amount: 4500, appliedAt }))
      .then([
        {
          type: 'CreditApplied',
          data: {
            invoiceId: 'inv-B',
            currency: 'CAD',
            amount: 4500,
            appliedAt,
            sources: [{ creditId: 'C1', amount: 3000 }, { creditId: 'C2', amount: 1500 }],
          },
        },
      ]);
    // C1 30.00 − 30.00 = 0 ; C2 50.00 − 15.00 = 35.00 ; available 80.00 − 45.00 = 35.00
    assert.equal(state.credits['C1'].remaining, 0);
    assert.equal(state.credits['C2'].remaining, 3500);
    assert.equal(state.creditAvailable, 3500);
    // 52.50 − 45.00 = 7.50 still owed
    const inv = state.invoices['inv-B'];
    assert.deepEqual([inv.status, inv.creditApplied, inv.outstanding], ['partially_paid', 4500, 750]);
  });

  it('orders grants by grantedAt, so a backdated grant is used first', () => {
    // C1 recorded first but granted Feb 1; C2 recorded later, backdated to Jan 5: 40.00 = 40.00 from C2
    given(granted('C1', 3000, '2027-02-01T00:00:00.000Z'), granted('C2', 5000, '2027-01-05T00:00:00.000Z'), ...sentInvoice)
      .when((s) => applyCredit(s, { invoiceId: 'inv-B', amount: 4000, appliedAt }))
      .then([{ type: 'CreditApplied', data: { invoiceId: 'inv-B', currency: 'CAD', amount: 4000, appliedAt, sources: [{ creditId: 'C2', amount: 4000 }] } }]);
  });

  it('settles the invoice and stamps settledAt with the credit', () => {
    const state = given(granted('C1', 8000, '2027-01-10T00:00:00.000Z'), ...sentInvoice)
      .when((s) => applyCredit(s, { invoiceId: 'inv-B', amount: 5250, appliedAt }))
      .then([{ type: 'CreditApplied', data: { invoiceId: 'inv-B', currency: 'CAD', amount: 5250, appliedAt, sources: [{ creditId: 'C1', amount: 5250 }] } }]);
    assert.deepEqual([state.invoices['inv-B'].status, state.invoices['inv-B'].settledAt], ['paid', appliedAt]);
    // 80.00 − 52.50 = 27.50 left
    assert.equal(state.creditAvailable, 2750);
  });

  it('refuses more than the credit available', () => {
    // 30.00 available, 30.01 asked
    given(granted('C1', 3000, '2027-01-10T00:00:00.000Z'), ...sentInvoice)
      .when((s) => applyCredit(s, { invoiceId: 'inv-B', amount: 3001, appliedAt }))
      .thenThrows('INSUFFICIENT_CREDIT', 'amount');
  });

  it('refuses more than the invoice owes', () => {
    // 80.00 available but inv-B owes 52.50
    given(granted('C1', 8000, '2027-01-10T00:00:00.000Z'), ...sentInvoice)
      .when((s) => applyCredit(s, { invoiceId: 'inv-B', amount: 6000, appliedAt }))
      .thenThrows('AMOUNT_EXCEEDS_OUTSTANDING', 'amount');
  });

  it('refuses a draft', () => {
    given(granted('C1', 8000, '2027-01-10T00:00:00.000Z'), created('inv-D', FIFTY_PLUS_GST))
      .when((s) => applyCredit(s, { invoiceId: 'inv-D', amount: 100, appliedAt }))
      .thenThrows('INVOICE_NOT_PAYABLE');
  });
});
