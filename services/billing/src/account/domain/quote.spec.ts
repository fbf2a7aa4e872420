import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { acceptQuote } from './accept-quote.decide';
import { API_EXAMPLE_CONTENT, QUEBEC_TAXES } from './billing.fixtures';
import { at, given, GivenEvent } from './client-account.test-kit';
import { convertQuote } from './convert-quote.decide';
import { createQuote } from './create-quote.decide';
import { declineQuote } from './decline-quote.decide';
import { toQuoteView } from './quote.view';
import { sendQuote } from './send-quote.decide';

const toronto = { timezone: 'America/Toronto' };
const consulting = { itemId: null, description: 'Consulting', quantity: '1', unitPrice: 3333, taxCodes: ['GST', 'QST'] };
const context = { taxes: QUEBEC_TAXES, homeCurrency: 'CAD', items: {} };

const quoteCreated = (validUntil: string | null = '2027-03-31'): GivenEvent =>
  at('2027-03-01T14:00:00.000Z', { type: 'QuoteCreated', data: { quoteId: 'q-1', content: API_EXAMPLE_CONTENT, validUntil } });
const quoteSent: GivenEvent = { type: 'QuoteSent', data: { quoteId: 'q-1', number: 'QUO-000001', sentAt: '2027-03-02T14:00:00.000Z' } };

describe('quotes', () => {
  it('prices a quote like an invoice and keeps its validity date', () => {
    // 3 × 33.33 = 99.99 + GST 5.00 + QST 9.97 = 114.96 (API.md's example)
    const state = given()
      .when((s) => createQuote(s, { quoteId: 'q-1', currency: 'CAD', exchangeRate: null, dueDate: null, validUntil: '2027-03-31', lines: [consulting, consulting, consulting] }, context))
      .then([{ type: 'QuoteCreated', data: { quoteId: 'q-1', content: API_EXAMPLE_CONTENT, validUntil: '2027-03-31' } }]);
    const view = toQuoteView(state, 'q-1', 'tenant-1');
    assert.deepEqual([view.status, view.number, view.total, view.validUntil, view.invoiceId], ['draft', null, '114.96', '2027-03-31', null]);
    // a quote owes nothing: no invoice appears
    assert.deepEqual(state.invoices, {});
  });

  it('requires an exchange rate in a foreign currency and a real validity date', () => {
    given()
      .when((s) => createQuote(s, { quoteId: 'q-1', currency: 'USD', exchangeRate: null, dueDate: null, validUntil: null, lines: [consulting] }, context))
      .thenThrows('EXCHANGE_RATE_REQUIRED', 'exchangeRate');
    given()
      .when((s) => createQuote(s, { quoteId: 'q-1', currency: 'CAD', exchangeRate: null, dueDate: null, validUntil: '2027-02-30', lines: [consulting] }, context))
      .thenThrows('INVALID_INPUT', 'validUntil');
  });

  it('sends a draft once, with its number', () => {
    const state = given(quoteCreated())
      .when((s) => sendQuote(s, { quoteId: 'q-1', number: 'QUO-000001', sentAt: '2027-03-02T09:00:00-05:00' }))
      .then([{ type: 'QuoteSent', data: { quoteId: 'q-1', number: 'QUO-000001', sentAt: '2027-03-02T14:00:00.000Z' } }]);
    assert.deepEqual([state.quotes['q-1'].status, state.quotes['q-1'].number], ['sent', 'QUO-000001']);
    given(quoteCreated(), quoteSent)
      .when((s) => sendQuote(s, { quoteId: 'q-1', number: 'QUO-000002', sentAt: '2027-03-02T09:00:00-05:00' }))
      .thenThrows('QUOTE_NOT_DRAFT');
  });

  it('accepts until the end of validUntil in the tenant time zone, not in UTC', () => {
    // 2027-03-31 23:30 in Toronto (EDT, UTC−4) is 2027-04-01 03:30Z: still March 31 there → accepted
    given(quoteCreated(), quoteSent)
      .when((s) => acceptQuote(s, { quoteId: 'q-1', acceptedAt: '2027-03-31T23:30:00-04:00' }, toronto))
      .then([{ type: 'QuoteAccepted', data: { quoteId: 'q-1', acceptedAt: '2027-04-01T03:30:00.000Z' } }]);
    // 2027-04-01 00:30 in Toronto: a day too late
    given(quoteCreated(), quoteSent)
      .when((s) => acceptQuote(s, { quoteId: 'q-1', acceptedAt: '2027-04-01T00:30:00-04:00' }, toronto))
      .thenThrows('QUOTE_EXPIRED');
  });

  it('answers only a sent quote', () => {
    given(quoteCreated()).when((s) => acceptQuote(s, { quoteId: 'q-1', acceptedAt: '2027-03-03T00:00:00Z' }, toronto)).thenThrows('QUOTE_NOT_SENT');
    given(quoteCreated()).when((s) => declineQuote(s, { quoteId: 'q-1', declinedAt: '2027-03-03T00:00:00Z', reason: null })).thenThrows('QUOTE_NOT_SENT');
    const declined = given(quoteCreated(), quoteSent)
      .when((s) => declineQuote(s, { quoteId: 'q-1', declinedAt: '2027-03-03T00:00:00Z', reason: '  Too expensive ' }))
      .then([{ type: 'QuoteDeclined', data: { quoteId: 'q-1', declinedAt: '2027-03-03T00:00:00.000Z', reason: 'Too expensive' } }]);
    assert.equal(declined.quotes['q-1'].status, 'declined');
    assert.throws(() => acceptQuote(declined, { quoteId: 'q-1', acceptedAt: '2027-03-04T00:00:00Z' }, toronto), { code: 'QUOTE_NOT_SENT' });
  });

  it('converts into a draft invoice with the same content, once', () => {
    const accepted: GivenEvent = { type: 'QuoteAccepted', data: { quoteId: 'q-1', acceptedAt: '2027-03-03T00:00:00.000Z' } };
    const state = given(quoteCreated(), quoteSent, accepted)
      .when((s) => convertQuote(s, { quoteId: 'q-1', invoiceId: 'inv-9', convertedAt: '2027-03-04T00:00:00Z' }))
      .then([
        { type: 'InvoiceCreated', data: { invoiceId: 'inv-9', content: API_EXAMPLE_CONTENT } },
        { type: 'QuoteConverted', data: { quoteId: 'q-1', invoiceId: 'inv-9', convertedAt: '2027-03-04T00:00:00.000Z' } },
      ]);
    const invoice = state.invoices['inv-9'];
    // the draft owes the quote's 114.96 and remembers where it came from
    assert.deepEqual([invoice.status, invoice.outstanding, invoice.quoteId], ['draft', 11496, 'q-1']);
    assert.deepEqual([state.quotes['q-1'].status, state.quotes['q-1'].invoiceId], ['converted', 'inv-9']);
    assert.throws(() => convertQuote(state, { quoteId: 'q-1', invoiceId: 'inv-10', convertedAt: '2027-03-05T00:00:00Z' }), { code: 'QUOTE_NOT_CONVERTIBLE' });
  });

  it('refuses to convert a declined quote, and answers 404 for an unknown one', () => {
    const declined: GivenEvent = { type: 'QuoteDeclined', data: { quoteId: 'q-1', declinedAt: '2027-03-03T00:00:00.000Z', reason: null } };
    given(quoteCreated(), quoteSent, declined)
      .when((s) => convertQuote(s, { quoteId: 'q-1', invoiceId: 'inv-9', convertedAt: '2027-03-04T00:00:00Z' }))
      .thenThrows('QUOTE_NOT_CONVERTIBLE');
    given().when((s) => convertQuote(s, { quoteId: 'q-0', invoiceId: 'inv-9', convertedAt: '2027-03-04T00:00:00Z' })).thenThrows('QUOTE_NOT_FOUND');
  });
});
