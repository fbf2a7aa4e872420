import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { API_EXAMPLE_CONTENT, created, paid, sent } from './billing.fixtures';
import { BillingError } from './billing.error';
import { at, CONTACT_ID, fold, TENANT_ID } from './client-account.test-kit';
import { toInvoiceView } from './invoice.view';

describe('toInvoiceView', () => {
  it('shows a draft with nulls for what it does not have yet', () => {
    const state = fold([at('2027-01-15T08:00:00.000Z', created('inv-A', API_EXAMPLE_CONTENT))]);
    assert.deepEqual(toInvoiceView(state, 'inv-A', TENANT_ID), {
      id: 'inv-A',
      tenantId: TENANT_ID,
      contactId: CONTACT_ID,
      number: null,
      status: 'draft',
      currency: 'CAD',
      exchangeRate: null,
      lines: [1, 2, 3].map(() => ({ itemId: null, description: 'Consulting', quantity: '1', unitPrice: '33.33', amount: '33.33', taxCodes: ['GST', 'QST'] })),
      subtotal: '99.99',
      taxes: [
        { code: 'GST', name: 'GST', rate: '5', amount: '5.00' },
        { code: 'QST', name: 'QST', rate: '9.975', amount: '9.97' },
      ],
      total: '114.96',
      amountPaid: '0.00',
      creditApplied: '0.00',
      outstanding: '114.96',
      dueDate: null,
      sentAt: null,
      voidedAt: null,
      createdAt: '2027-01-15T08:00:00.000Z',
      quoteId: null,
      version: 1, // one event so far: InvoiceCreated
    });
  });

  it('shows amounts in the invoice currency: KWD with three decimals', () => {
    // 1.5 × 12.345 = 18.5175 → 18.518 ; VAT 5% = 0.9259 → 0.926 ; total 19.444 ; paid 10.000 → 9.444 left
    const content = {
      currency: 'KWD',
      exchangeRate: '4.4',
      dueDate: null,
      lines: [{ itemId: 'item-1', description: 'Audit', quantity: '1.5', unitPrice: 12345, amount: 18518, taxCodes: ['VAT'] }],
      taxes: [{ code: 'VAT', name: 'VAT', rate: '5', amount: 926 }],
      subtotal: 18518,
      total: 19444,
    };
    const payment = paid('pay-1', '2027-02-10T12:00:00.000Z', [{ invoiceId: 'inv-K', amount: 10000 }], 'KWD');
    const state = fold([created('inv-K', content), sent('inv-K', 'INV-000007', '2027-02-01T15:00:00.000Z', '2027-03-03'), payment]);
    const view = toInvoiceView(state, 'inv-K', TENANT_ID);
    assert.deepEqual(view.lines[0], { itemId: 'item-1', description: 'Audit', quantity: '1.5', unitPrice: '12.345', amount: '18.518', taxCodes: ['VAT'] });
    assert.deepEqual(
      [view.status, view.number, view.subtotal, view.taxes[0].amount, view.total, view.amountPaid, view.outstanding, view.dueDate, view.exchangeRate],
      ['partially_paid', 'INV-000007', '18.518', '0.926', '19.444', '10.000', '9.444', '2027-03-03', '4.4'],
    );
  });

  it('counts the invoice version up by one for each event that changes it, and only those', () => {
    // created (1) → sent (2) → paid (3); a payment on another invoice of the account changes nothing here
    const other = paid('pay-2', '2027-02-11T12:00:00.000Z', [{ invoiceId: 'inv-B', amount: 100 }]);
    const state = fold([
      created('inv-A', API_EXAMPLE_CONTENT), created('inv-B', API_EXAMPLE_CONTENT),
      sent('inv-A', 'INV-000001'), sent('inv-B', 'INV-000002'),
      paid('pay-1', '2027-02-10T12:00:00.000Z', [{ invoiceId: 'inv-A', amount: 1000 }]), other,
    ]);
    assert.equal(toInvoiceView(state, 'inv-A', TENANT_ID).version, 3);
    assert.equal(toInvoiceView(state, 'inv-B', TENANT_ID).version, 3);
  });

  it('answers INVOICE_NOT_FOUND for an id not in the account', () => {
    assert.throws(() => toInvoiceView(fold([]), 'nope', TENANT_ID), (e: unknown) => e instanceof BillingError && e.code === 'INVOICE_NOT_FOUND');
  });
});
