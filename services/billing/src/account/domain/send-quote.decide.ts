// Sending a quote gives it its number (QUO-000001…, sequential per tenant, allocated by the caller).
import { BillingError } from './billing.error';
import { requireQuote, requiredText } from './billing-input';
import { utcInstant } from './billing-time';
import { ClientAccountNewEvent } from './client-account.events';
import { ClientAccountState } from './client-account.state';

export interface SendQuoteCommand {
  quoteId: string;
  number: string;
  sentAt: string;
}

export function sendQuote(state: ClientAccountState, command: SendQuoteCommand): ClientAccountNewEvent[] {
  const quote = requireQuote(state, command.quoteId);
  if (quote.status !== 'draft') {
    throw new BillingError('QUOTE_NOT_DRAFT', `quote ${quote.number ?? quote.id} is ${quote.status}: only a draft can be sent`);
  }
  return [{ type: 'QuoteSent', data: { quoteId: quote.id, number: requiredText(command.number, 'number'), sentAt: utcInstant(command.sentAt, 'sentAt') } }];
}
