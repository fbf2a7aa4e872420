// The client says yes to a quote it was sent, no later than its validUntil date (tenant time zone).
import { BillingError } from './billing.error';
import { requireQuote } from './billing-input';
import { localDatePlusDays, utcInstant } from './billing-time';
import { ClientAccountNewEvent } from './client-account.events';
import { ClientAccountState } from './client-account.state';

export interface AcceptQuoteCommand {
  quoteId: string;
  acceptedAt: string;
}

export interface QuoteAnswerContext {
  /** The tenant's IANA time zone, where validUntil is a calendar date. */
  timezone: string;
}

export function acceptQuote(state: ClientAccountState, command: AcceptQuoteCommand, context: QuoteAnswerContext): ClientAccountNewEvent[] {
  const quote = requireQuote(state, command.quoteId);
  if (quote.status !== 'sent') {
    throw new BillingError('QUOTE_NOT_SENT', `quote ${quote.number ?? quote.id} is ${quote.status}: only a sent quote can be accepted`);
  }
  const acceptedAt = utcInstant(command.acceptedAt, 'acceptedAt');
  const acceptedOn = localDatePlusDays(acceptedAt, context.timezone, 0);
  // YYYY-MM-DD strings compare in calendar order.
  if (quote.validUntil !== null && acceptedOn > quote.validUntil) {
    throw new BillingError('QUOTE_EXPIRED', `quote ${quote.number ?? quote.id} was valid until ${quote.validUntil}`);
  }
  return [{ type: 'QuoteAccepted', data: { quoteId: quote.id, acceptedAt } }];
}
