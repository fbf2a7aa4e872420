// A credit is money the client may draw on later (apply-credit); it is granted in the contact's currency.
import { BillingError } from './billing.error';
import { currencyCode, optionalText, positiveAmount } from './billing-input';
import { utcInstant } from './billing-time';
import { ClientAccountNewEvent } from './client-account.events';
import { ClientAccountState } from './client-account.state';

export interface GrantCreditCommand {
  creditId: string;
  currency: string;
  amount: number;
  reason: string | null;
  grantedAt: string;
}

export function grantCredit(state: ClientAccountState, command: GrantCreditCommand): ClientAccountNewEvent[] {
  if (Object.hasOwn(state.credits, command.creditId)) {
    throw new BillingError('CREDIT_ALREADY_GRANTED', `credit ${command.creditId} is already granted`, 'creditId');
  }
  return [
    {
      type: 'CreditGranted',
      data: {
        creditId: command.creditId,
        currency: currencyCode(command.currency, 'currency'),
        amount: positiveAmount(command.amount, 'amount'),
        reason: optionalText(command.reason),
        grantedAt: utcInstant(command.grantedAt, 'grantedAt'),
      },
    },
  ];
}
