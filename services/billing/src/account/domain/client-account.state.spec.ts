import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { BillingEvent } from '@carnet/events';
import { API_EXAMPLE_CONTENT, created, FIFTY_PLUS_GST, granted, paid, sent } from './billing.fixtures';
import { evolveClientAccount } from './client-account.state';
import { at, CONTACT_ID, envelope, fold } from './client-account.test-kit';

describe('evolveClientAccount', () => {
  it('takes createdAt from the envelope and starts as a draft owing its total', () => {
    const state = fold([at('2027-01-15T08:00:00.000Z', created('inv-A', API_EXAMPLE_CONTENT))]);
    const inv = state.invoices['inv-A'];
    assert.equal(state.contactId, CONTACT_ID);
    assert.deepEqual(
      [inv.status, inv.createdAt, inv.number, inv.sentAt, inv.dueDate, inv.outstanding],
      ['draft', '2027-01-15T08:00:00.000Z', null, null, null, 11496],
    );
  });

  it('moves sent → partially_paid → paid, stamping settledAt with the settling payment', () => {
    const history = [created('inv-A', API_EXAMPLE_CONTENT), sent('inv-A', 'INV-000001', '2027-02-01T15:00:00.000Z', '2027-03-03')];
    const afterSend = fold(history).invoices['inv-A'];
    assert.deepEqual([afterSend.status, afterSend.outstanding, afterSend.settledAt], ['sent', 11496, null]);

    // 114.96 − 100.00 = 14.96 left
    const firstPayment = paid('pay-1', '2027-02-10T12:00:00.000Z', [{ invoiceId: 'inv-A', amount: 10000 }]);
    const afterFirst = fold([...history, firstPayment]).invoices['inv-A'];
    assert.deepEqual([afterFirst.status, afterFirst.amountPaid, afterFirst.outstanding, afterFirst.settledAt], ['partially_paid', 10000, 1496, null]);

    // 14.96 − 14.96 = 0: paid, settled at the second payment's paidAt
    const secondPayment = paid('pay-2', '2027-02-20T12:00:00.000Z', [{ invoiceId: 'inv-A', amount: 1496 }]);
    const afterSecond = fold([...history, firstPayment, secondPayment]).invoices['inv-A'];
    assert.deepEqual(
      [afterSecond.status, afterSecond.amountPaid, afterSecond.outstanding, afterSecond.settledAt],
      ['paid', 11496, 0, '2027-02-20T12:00:00.000Z'],
    );
  });

  it('settles at the credit when a credit pays the last part', () => {
    // 52.50 = 40.00 paid + 12.50 credited
    const inv = fold([
      created('inv-B', FIFTY_PLUS_GST),
      sent('inv-B', 'INV-000002'),
      paid('pay-1', '2027-02-10T12:00:00.000Z', [{ invoiceId: 'inv-B', amount: 4000 }]),
      granted('C1', 2000, '2027-01-10T00:00:00.000Z'),
      {
        type: 'CreditApplied',
        data: { invoiceId: 'inv-B', currency: 'CAD', amount: 1250, appliedAt: '2027-02-25T09:00:00.000Z', sources: [{ creditId: 'C1', amount: 1250 }] },
      },
    ]).invoices['inv-B'];
    assert.deepEqual([inv.status, inv.amountPaid, inv.creditApplied, inv.outstanding, inv.settledAt], ['paid', 4000, 1250, 0, '2027-02-25T09:00:00.000Z']);
  });

  it('recomputes what an edited draft owes', () => {
    const state = fold([created('inv-A', API_EXAMPLE_CONTENT), { type: 'InvoiceUpdated', data: { invoiceId: 'inv-A', content: FIFTY_PLUS_GST } }]);
    assert.deepEqual([state.invoices['inv-A'].status, state.invoices['inv-A'].outstanding], ['draft', 5250]);
  });

  it('ignores TaxDefined, a tenant event on the same topic', () => {
    const state = fold([created('inv-A', API_EXAMPLE_CONTENT)]);
    // Borrow an account envelope's metadata and swap in the tenant event.
    const taxDefined: BillingEvent = { ...envelope(created('inv-X', FIFTY_PLUS_GST), 2), type: 'TaxDefined', data: { code: 'HST', name: 'HST', rate: '13' } };
    assert.equal(evolveClientAccount(state, taxDefined), state);
  });
});
