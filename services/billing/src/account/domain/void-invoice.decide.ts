// Voiding cancels an invoice that no money has touched; once paid or credited, a credit note is the way.
import { BillingError } from './billing.error';
import { requireInvoice } from './billing-input';
import { utcInstant } from './billing-time';
import { ClientAccountNewEvent } from './client-account.events';
import { ClientAccountState } from './client-account.state';

export interface VoidInvoiceCommand {
  invoiceId: string;
  voidedAt: string;
}

export function voidInvoice(state: ClientAccountState, command: VoidInvoiceCommand): ClientAccountNewEvent[] {
  const invoice = requireInvoice(state, command.invoiceId);
  if (invoice.status === 'void') {
    throw new BillingError('INVOICE_ALREADY_VOID', `invoice ${invoice.id} is already void`);
  }
  if (invoice.amountPaid !== 0 || invoice.creditApplied !== 0) {
    throw new BillingError('INVOICE_HAS_PAYMENTS', `invoice ${invoice.id} has payments or credit applied and cannot be voided`);
  }
  return [{ type: 'InvoiceVoided', data: { invoiceId: invoice.id, voidedAt: utcInstant(command.voidedAt, 'voidedAt') } }];
}
