import { describe, it } from 'node:test';
import { API_EXAMPLE_CONTENT, created, QUEBEC_TAXES } from './billing.fixtures';
import { given } from './client-account.test-kit';
import { createInvoice } from './create-invoice.decide';
import { InvoiceLineInput } from './invoice-content';

const consulting: InvoiceLineInput = { itemId: null, description: 'Consulting', quantity: '1', unitPrice: 3333, taxCodes: ['GST', 'QST'] };
const context = { taxes: QUEBEC_TAXES, homeCurrency: 'CAD', items: {} };

describe('createInvoice', () => {
  it('records the computed content of a draft', () => {
    given()
      .when((s) => createInvoice(s, { invoiceId: 'inv-1', currency: 'CAD', exchangeRate: null, dueDate: null, lines: [consulting, consulting, consulting] }, context))
      // 3 × 33.33 = 99.99 + GST 5.00 + QST 9.97 = 114.96
      .then([created('inv-1', API_EXAMPLE_CONTENT)]);
  });

  it('drops an exchange rate given for the home currency', () => {
    given()
      .when((s) => createInvoice(s, { invoiceId: 'inv-1', currency: 'CAD', exchangeRate: '1', dueDate: null, lines: [consulting, consulting, consulting] }, context))
      .then([created('inv-1', API_EXAMPLE_CONTENT)]);
  });

  it('requires an exchange rate in a foreign currency', () => {
    given()
      .when((s) => createInvoice(s, { invoiceId: 'inv-1', currency: 'USD', exchangeRate: null, dueDate: null, lines: [consulting] }, context))
      .thenThrows('EXCHANGE_RATE_REQUIRED', 'exchangeRate');
  });

  it('refuses an id already used', () => {
    given(created('inv-1', API_EXAMPLE_CONTENT))
      .when((s) => createInvoice(s, { invoiceId: 'inv-1', currency: 'CAD', exchangeRate: null, dueDate: null, lines: [consulting] }, context))
      .thenThrows('INVOICE_ALREADY_EXISTS');
  });
});
