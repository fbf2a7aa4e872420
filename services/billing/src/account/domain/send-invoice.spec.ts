import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { API_EXAMPLE_CONTENT, created, sent } from './billing.fixtures';
import { given } from './client-account.test-kit';
import { sendInvoice } from './send-invoice.decide';
import { voidInvoice } from './void-invoice.decide';

const toronto = { timezone: 'America/Toronto', paymentTermsDays: 30 };

describe('sendInvoice', () => {
  it('dates the due date from the sent date in the tenant zone, not in UTC', () => {
    // 2027-03-31 23:30 in Toronto (EDT, UTC−4) is 2027-04-01 03:30Z; the sent date is March 31 there.
    // 2027-03-31 + 30 days = 2027-04-30 (a UTC date would have given 2027-05-01).
    const state = given(created('inv-1', API_EXAMPLE_CONTENT))
      .when((s) => sendInvoice(s, { invoiceId: 'inv-1', number: 'INV-000001', sentAt: '2027-03-31T23:30:00-04:00' }, toronto))
      .then([sent('inv-1', 'INV-000001', '2027-04-01T03:30:00.000Z', '2027-04-30')]);
    const inv = state.invoices['inv-1'];
    assert.equal(inv.status, 'sent');
    assert.equal(inv.number, 'INV-000001');
    assert.equal(inv.dueDate, '2027-04-30');
    assert.equal(inv.outstanding, 11496);
  });

  it('gives the same answer for the same instant written in UTC', () => {
    given(created('inv-1', API_EXAMPLE_CONTENT))
      .when((s) => sendInvoice(s, { invoiceId: 'inv-1', number: 'INV-000001', sentAt: '2027-04-01T03:30:00Z' }, toronto))
      .then([sent('inv-1', 'INV-000001', '2027-04-01T03:30:00.000Z', '2027-04-30')]);
  });

  it('keeps a due date set on the draft', () => {
    given(created('inv-1', { ...API_EXAMPLE_CONTENT, dueDate: '2027-04-15' }))
      .when((s) => sendInvoice(s, { invoiceId: 'inv-1', number: 'INV-000002', sentAt: '2027-04-01T03:30:00Z' }, toronto))
      .then([sent('inv-1', 'INV-000002', '2027-04-01T03:30:00.000Z', '2027-04-15')]);
  });

  it('counts zero days of terms as due on the sent date', () => {
    given(created('inv-1', API_EXAMPLE_CONTENT))
      .when((s) => sendInvoice(s, { invoiceId: 'inv-1', number: 'INV-000003', sentAt: '2027-04-01T03:30:00Z' }, { ...toronto, paymentTermsDays: 0 }))
      .then([sent('inv-1', 'INV-000003', '2027-04-01T03:30:00.000Z', '2027-03-31')]);
  });

  it('refuses to send twice, or to send a void invoice', () => {
    given(created('inv-1', API_EXAMPLE_CONTENT), sent('inv-1', 'INV-000001'))
      .when((s) => sendInvoice(s, { invoiceId: 'inv-1', number: 'INV-000002', sentAt: '2027-04-01T03:30:00Z' }, toronto))
      .thenThrows('INVOICE_NOT_DRAFT');
    const voided = given(created('inv-1', API_EXAMPLE_CONTENT))
      .when((s) => voidInvoice(s, { invoiceId: 'inv-1', voidedAt: '2027-04-01T00:00:00Z' }))
      .then([{ type: 'InvoiceVoided', data: { invoiceId: 'inv-1', voidedAt: '2027-04-01T00:00:00.000Z' } }]);
    assert.throws(() => sendInvoice(voided, { invoiceId: 'inv-1', number: 'INV-000002', sentAt: '2027-04-01T03:30:00Z' }, toronto), {
      code: 'INVOICE_NOT_DRAFT',
    });
  });

  it('refuses an instant without an offset', () => {
    given(created('inv-1', API_EXAMPLE_CONTENT))
      .when((s) => sendInvoice(s, { invoiceId: 'inv-1', number: 'INV-000001', sentAt: '2027-03-31T23:30:00' }, toronto))
      .thenThrows('INVALID_INPUT', 'sentAt');
  });
});
