import { describe, it } from 'node:test';
import { API_EXAMPLE_CONTENT, created, QUEBEC_TAXES, sent } from './billing.fixtures';
import { given } from './client-account.test-kit';
import { updateInvoice } from './update-invoice.decide';

const context = { taxes: QUEBEC_TAXES, homeCurrency: 'CAD', items: {} };

describe('updateInvoice', () => {
  it('recomputes a draft whose lines change', () => {
    given(created('inv-1', API_EXAMPLE_CONTENT))
      .when((s) =>
        updateInvoice(s, { invoiceId: 'inv-1', lines: [{ itemId: null, description: 'Support', quantity: '1.5', unitPrice: 8000, taxCodes: ['GST'] }] }, context),
      )
      // 1.5 × 80.00 = 120.00 ; GST 120.00 × 5% = 6.00 ; total 126.00
      .then([
        {
          type: 'InvoiceUpdated',
          data: {
            invoiceId: 'inv-1',
            content: {
              currency: 'CAD',
              exchangeRate: null,
              dueDate: null,
              lines: [{ itemId: null, description: 'Support', quantity: '1.5', unitPrice: 8000, amount: 12000, taxCodes: ['GST'] }],
              taxes: [{ code: 'GST', name: 'GST', rate: '5', amount: 600 }],
              subtotal: 12000,
              total: 12600,
            },
          },
        },
      ]);
  });

  it('keeps the lines when only the due date changes', () => {
    given(created('inv-1', API_EXAMPLE_CONTENT))
      .when((s) => updateInvoice(s, { invoiceId: 'inv-1', dueDate: '2027-05-15' }, context))
      .then([{ type: 'InvoiceUpdated', data: { invoiceId: 'inv-1', content: { ...API_EXAMPLE_CONTENT, dueDate: '2027-05-15' } } }]);
  });

  it('records nothing when nothing changes', () => {
    given(created('inv-1', API_EXAMPLE_CONTENT))
      .when((s) => updateInvoice(s, { invoiceId: 'inv-1', currency: 'CAD' }, context))
      .then([]);
  });

  it('refuses a sent invoice', () => {
    given(created('inv-1', API_EXAMPLE_CONTENT), sent('inv-1', 'INV-000001'))
      .when((s) => updateInvoice(s, { invoiceId: 'inv-1', dueDate: '2027-05-15' }, context))
      .thenThrows('INVOICE_NOT_DRAFT');
  });

  it('asks for the lines again when the currency changes', () => {
    given(created('inv-1', API_EXAMPLE_CONTENT))
      .when((s) => updateInvoice(s, { invoiceId: 'inv-1', currency: 'JPY', exchangeRate: '0.0091' }, context))
      .thenThrows('INVALID_INPUT', 'lines');
  });

  it('answers 404 for an invoice of another account', () => {
    given().when((s) => updateInvoice(s, { invoiceId: 'inv-9' }, context)).thenThrows('INVOICE_NOT_FOUND');
  });
});
