// Editing a draft (PATCH): absent fields keep their value, and the whole content is recomputed with
// the tenant's current taxes, since nothing has been sent to the client yet.
import { isDeepStrictEqual } from 'node:util';
import { BillingError } from './billing.error';
import { exchangeRateFor, requireInvoice } from './billing-input';
import { ClientAccountNewEvent } from './client-account.events';
import { ClientAccountState } from './client-account.state';
import { InvoiceContext } from './create-invoice.decide';
import { computeInvoiceContent, InvoiceLineInput } from './invoice-content';
import { LineRequest, priceLines } from './price-lines';

export interface UpdateInvoiceCommand {
  invoiceId: string;
  currency?: string;
  exchangeRate?: string | null;
  dueDate?: string | null;
  /** Replaces every line when present. */
  lines?: LineRequest[];
}

export function updateInvoice(
  state: ClientAccountState,
  command: UpdateInvoiceCommand,
  context: InvoiceContext,
): ClientAccountNewEvent[] {
  const invoice = requireInvoice(state, command.invoiceId);
  if (invoice.status !== 'draft') {
    throw new BillingError('INVOICE_NOT_DRAFT', `invoice ${invoice.id} is ${invoice.status}: only a draft can be edited`);
  }
  const current = invoice.content;
  const currency = command.currency ?? current.currency;
  const currencyChanged = currency !== current.currency;
  // Unit prices are minor units of the old currency: they cannot silently carry over to another one.
  if (currencyChanged && command.lines === undefined) {
    throw new BillingError('INVALID_INPUT', 'lines must be given again when the currency changes', 'lines');
  }
  // The old rate was for the old currency.
  const requestedRate = command.exchangeRate !== undefined ? command.exchangeRate : currencyChanged ? null : current.exchangeRate;
  // Lines kept from the draft keep their prices; new ones naming an item are priced now.
  const lines: InvoiceLineInput[] = command.lines
    ? priceLines(state, command.lines, context.items, currency)
    : current.lines.map(({ itemId, description, quantity, unitPrice, taxCodes }) => ({ itemId, description, quantity, unitPrice, taxCodes }));

  const content = computeInvoiceContent(
    lines,
    context.taxes,
    currency,
    exchangeRateFor(currency, requestedRate, context.homeCurrency),
    command.dueDate !== undefined ? command.dueDate : current.dueDate,
    context.homeCurrency,
  );
  // A PATCH that changes nothing records nothing.
  if (isDeepStrictEqual(content, current)) return [];
  return [{ type: 'InvoiceUpdated', data: { invoiceId: invoice.id, content } }];
}
