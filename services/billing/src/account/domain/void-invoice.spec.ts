import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { created, FIFTY_PLUS_GST, granted, paid, sent } from './billing.fixtures';
import { given } from './client-account.test-kit';
import { voidInvoice } from './void-invoice.decide';

const sentInvoice = [created('inv-B', FIFTY_PLUS_GST), sent('inv-B', 'INV-000002')];
const voidedAt = '2027-03-01T00:00:00.000Z';

describe('voidInvoice', () => {
  it('voids a sent invoice nobody paid, which then owes nothing', () => {
    const state = given(...sentInvoice)
      .when((s) => voidInvoice(s, { invoiceId: 'inv-B', voidedAt }))
      .then([{ type: 'InvoiceVoided', data: { invoiceId: 'inv-B', voidedAt } }]);
    const inv = state.invoices['inv-B'];
    assert.deepEqual([inv.status, inv.voidedAt, inv.outstanding], ['void', voidedAt, 0]);
  });

  it('voids a draft', () => {
    given(created('inv-D', FIFTY_PLUS_GST))
      .when((s) => voidInvoice(s, { invoiceId: 'inv-D', voidedAt }))
      .then([{ type: 'InvoiceVoided', data: { invoiceId: 'inv-D', voidedAt } }]);
  });

  it('refuses once a payment was recorded', () => {
    // 10.00 paid on the 52.50 invoice
    given(...sentInvoice, paid('pay-1', '2027-02-10T00:00:00.000Z', [{ invoiceId: 'inv-B', amount: 1000 }]))
      .when((s) => voidInvoice(s, { invoiceId: 'inv-B', voidedAt }))
      .thenThrows('INVOICE_HAS_PAYMENTS');
  });

  it('refuses once credit was applied', () => {
    given(...sentInvoice, granted('C1', 1000, '2027-01-10T00:00:00.000Z'), {
      type: 'CreditApplied',
      data: { invoiceId: 'inv-B', currency: 'CAD', amount: 1000, appliedAt: '2027-02-10T00:00:00.000Z', sources: [{ creditId: 'C1', amount: 1000 }] },
    })
      .when((s) => voidInvoice(s, { invoiceId: 'inv-B', voidedAt }))
      .thenThrows('INVOICE_HAS_PAYMENTS');
  });

  it('refuses to void twice', () => {
    given(...sentInvoice, { type: 'InvoiceVoided', data: { invoiceId: 'inv-B', voidedAt } })
      .when((s) => voidInvoice(s, { invoiceId: 'inv-B', voidedAt }))
      .thenThrows('INVOICE_ALREADY_VOID');
  });
});
