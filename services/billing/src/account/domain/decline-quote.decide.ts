// The client says no to a quote it was sent; a declined quote can no longer be accepted or converted.
import { BillingError } from './billing.error';
import { optionalText, requireQuote } from './billing-input';
import { utcInstant } from './billing-time';
import { ClientAccountNewEvent } from './client-account.events';
import { ClientAccountState } from './client-account.state';

export interface DeclineQuoteCommand {
  quoteId: string;
  declinedAt: string;
  reason: string | null;
}

export function declineQuote(state: ClientAccountState, command: DeclineQuoteCommand): ClientAccountNewEvent[] {
  const quote = requireQuote(state, command.quoteId);
  if (quote.status !== 'sent') {
    throw new BillingError('QUOTE_NOT_SENT', `quote ${quote.number ?? quote.id} is ${quote.status}: only a sent quote can be declined`);
  }
  return [{ type: 'QuoteDeclined', data: { quoteId: quote.id, declinedAt: utcInstant(command.declinedAt, 'declinedAt'), reason: optionalText(command.reason) } }];
}
