// Sending fixes the number (allocated outside, sequential per tenant) and the due date.
import { BillingError } from './billing.error';
import { requireInvoice, requiredText } from './billing-input';
import { localDatePlusDays, utcInstant } from './billing-time';
import { ClientAccountNewEvent } from './client-account.events';
import { ClientAccountState } from './client-account.state';

export interface SendInvoiceCommand {
  invoiceId: string;
  /** INV-000001…, allocated by the caller. */
  number: string;
  /** ISO 8601 instant with offset; the caller's clock when the request has none. */
  sentAt: string;
}

export interface SendInvoiceContext {
  /** The tenant's IANA time zone: the sent date is a calendar date there. */
  timezone: string;
  /** The contact's payment terms. */
  paymentTermsDays: number;
}

export function sendInvoice(
  state: ClientAccountState,
  command: SendInvoiceCommand,
  context: SendInvoiceContext,
): ClientAccountNewEvent[] {
  const invoice = requireInvoice(state, command.invoiceId);
  if (invoice.status !== 'draft') {
    throw new BillingError('INVOICE_NOT_DRAFT', `invoice ${invoice.id} is ${invoice.status}: only a draft can be sent`);
  }
  const number = requiredText(command.number, 'number');
  const sentAt = utcInstant(command.sentAt, 'sentAt');
  // An explicit due date wins; else the sent date in the tenant's zone (not UTC's) plus the terms.
  const dueDate = invoice.content.dueDate ?? localDatePlusDays(sentAt, context.timezone, context.paymentTermsDays);
  return [{ type: 'InvoiceSent', data: { invoiceId: invoice.id, number, sentAt, dueDate } }];
}
