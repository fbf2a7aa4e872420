// A quote is priced exactly like an invoice (same lines, taxes and rounding) and may say until when
// it holds. Nothing is owed on a quote: it only becomes money once converted to an invoice.
import { BillingError } from './billing.error';
import { exchangeRateFor } from './billing-input';
import { calendarDate } from './billing-time';
import { ClientAccountNewEvent } from './client-account.events';
import { ClientAccountState } from './client-account.state';
import { InvoiceContext } from './create-invoice.decide';
import { computeInvoiceContent } from './invoice-content';
import { LineRequest, priceLines } from './price-lines';

export interface CreateQuoteCommand {
  quoteId: string;
  currency: string;
  exchangeRate: string | null;
  dueDate: string | null;
  /** YYYY-MM-DD, the last day (tenant time zone) the client may accept. */
  validUntil: string | null;
  lines: LineRequest[];
}

export function createQuote(state: ClientAccountState, command: CreateQuoteCommand, context: InvoiceContext): ClientAccountNewEvent[] {
  if (Object.hasOwn(state.quotes, command.quoteId)) {
    throw new BillingError('QUOTE_ALREADY_EXISTS', `quote ${command.quoteId} already exists`, 'quoteId');
  }
  const exchangeRate = exchangeRateFor(command.currency, command.exchangeRate, context.homeCurrency);
  const lines = priceLines(state, command.lines, context.items, command.currency);
  const content = computeInvoiceContent(lines, context.taxes, command.currency, exchangeRate, command.dueDate, context.homeCurrency);
  const validUntil = command.validUntil === null ? null : calendarDate(command.validUntil, 'validUntil');
  return [{ type: 'QuoteCreated', data: { quoteId: command.quoteId, content, validUntil } }];
}
