// Applying credit pays part of an invoice from the account's credits. The event names the credits it
// drew on (oldest grant first), so every credit's remaining amount can be traced to its uses.
import { CreditSource } from '@carnet/events';
import { formatMoney } from '@carnet/money';
import { BillingError } from './billing.error';
import { positiveAmount, requireInvoice } from './billing-input';
import { instantMillis, utcInstant } from './billing-time';
import { ClientAccountNewEvent } from './client-account.events';
import { ClientAccountState, CreditState } from './client-account.state';

export interface ApplyCreditCommand {
  invoiceId: string;
  /** Minor units of the invoice's currency. */
  amount: number;
  appliedAt: string;
}

export function applyCredit(state: ClientAccountState, command: ApplyCreditCommand): ClientAccountNewEvent[] {
  const invoice = requireInvoice(state, command.invoiceId);
  if (invoice.sentAt === null || invoice.status === 'void') {
    throw new BillingError('INVOICE_NOT_PAYABLE', `invoice ${invoice.id} is ${invoice.status}: credit applies only to a sent invoice`);
  }
  const { currency } = invoice.content;
  const amount = positiveAmount(command.amount, 'amount');
  // Only credits in the invoice's currency can pay it (the contact's currency may have changed since).
  const credits = usableCredits(state, currency);
  const available = credits.reduce((s, c) => s + c.remaining, 0);
  if (amount > available) {
    throw new BillingError(
      'INSUFFICIENT_CREDIT',
      `${formatMoney(amount, currency)} exceeds the ${formatMoney(available, currency)} of credit available`,
      'amount',
    );
  }
  if (amount > invoice.outstanding) {
    throw new BillingError(
      'AMOUNT_EXCEEDS_OUTSTANDING',
      `${formatMoney(amount, currency)} exceeds the ${formatMoney(invoice.outstanding, currency)} outstanding`,
      'amount',
    );
  }

  const sources: CreditSource[] = [];
  let left = amount;
  for (const credit of credits) {
    if (left === 0) break;
    const take = Math.min(left, credit.remaining);
    sources.push({ creditId: credit.id, amount: take });
    left -= take;
  }
  return [
    {
      type: 'CreditApplied',
      data: { invoiceId: invoice.id, currency, amount, appliedAt: utcInstant(command.appliedAt, 'appliedAt'), sources },
    },
  ];
}

// Oldest grant first (by grantedAt, which may be backdated, then by order of grant).
function usableCredits(state: ClientAccountState, currency: string): CreditState[] {
  return Object.values(state.credits)
    .filter((c) => c.currency === currency && c.remaining > 0)
    .sort((a, b) => instantMillis(a.grantedAt) - instantMillis(b.grantedAt) || a.grantIndex - b.grantIndex);
}
