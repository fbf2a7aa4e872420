// One payment, one receipt, allocated across one or more invoices of this account. All checks run
// against the same state, so two allocations can never together overpay an invoice.
import { PAYMENT_METHODS, PaymentAllocation, PaymentMethod } from '@carnet/events';
import { formatMoney } from '@carnet/money';
import { BillingError } from './billing.error';
import { currencyCode, optionalText, positiveAmount, requireInvoice, requiredText } from './billing-input';
import { utcInstant } from './billing-time';
import { ClientAccountNewEvent } from './client-account.events';
import { ClientAccountState } from './client-account.state';

export interface RecordPaymentCommand {
  paymentId: string;
  /** REC-000001…, allocated by the caller. */
  receiptNumber: string;
  currency: string;
  /** Minor units of `currency`. */
  amount: number;
  paidAt: string;
  method: PaymentMethod;
  reference: string | null;
  allocations: PaymentAllocation[];
}

export function recordPayment(state: ClientAccountState, command: RecordPaymentCommand): ClientAccountNewEvent[] {
  if (Object.hasOwn(state.payments, command.paymentId)) {
    throw new BillingError('PAYMENT_ALREADY_RECORDED', `payment ${command.paymentId} is already recorded`, 'paymentId');
  }
  const currency = currencyCode(command.currency, 'currency');
  const amount = positiveAmount(command.amount, 'amount');
  if (!PAYMENT_METHODS.includes(command.method)) {
    throw new BillingError('INVALID_INPUT', `method must be one of ${PAYMENT_METHODS.join(', ')}`, 'method');
  }
  if (command.allocations.length === 0) {
    throw new BillingError('ALLOCATIONS_MISMATCH', 'a payment must be allocated to at least one invoice', 'allocations');
  }

  const seen = new Set<string>();
  command.allocations.forEach((a, i) => {
    const field = `allocations[${i}]`;
    // One allocation per invoice keeps "≤ its outstanding" a per-row check.
    if (seen.has(a.invoiceId)) {
      throw new BillingError('INVALID_INPUT', `invoice ${a.invoiceId} appears twice in the allocations`, `${field}.invoiceId`);
    }
    seen.add(a.invoiceId);
    const invoice = requireInvoice(state, a.invoiceId, `${field}.invoiceId`);
    if (invoice.sentAt === null || invoice.status === 'void') {
      throw new BillingError('INVOICE_NOT_PAYABLE', `invoice ${invoice.id} is ${invoice.status}: only a sent invoice can be paid`, `${field}.invoiceId`);
    }
    if (invoice.content.currency !== currency) {
      throw new BillingError('CURRENCY_MISMATCH', `invoice ${invoice.id} is in ${invoice.content.currency}, the payment in ${currency}`, 'currency');
    }
    positiveAmount(a.amount, `${field}.amount`);
    if (a.amount > invoice.outstanding) {
      throw new BillingError(
        'AMOUNT_EXCEEDS_OUTSTANDING',
        `${formatMoney(a.amount, currency)} exceeds the ${formatMoney(invoice.outstanding, currency)} outstanding on invoice ${invoice.number ?? invoice.id}`,
        `${field}.amount`,
      );
    }
  });

  const allocated = command.allocations.reduce((s, a) => s + a.amount, 0);
  if (allocated !== amount) {
    throw new BillingError(
      'ALLOCATIONS_MISMATCH',
      `allocations sum to ${formatMoney(allocated, currency)}, the payment is ${formatMoney(amount, currency)}`,
      'allocations',
    );
  }

  return [
    {
      type: 'PaymentRecorded',
      data: {
        paymentId: command.paymentId,
        receiptNumber: requiredText(command.receiptNumber, 'receiptNumber'),
        currency,
        amount,
        paidAt: utcInstant(command.paidAt, 'paidAt'),
        method: command.method,
        reference: optionalText(command.reference),
        allocations: command.allocations.map(({ invoiceId, amount: part }) => ({ invoiceId, amount: part })),
      },
    },
  ];
}
