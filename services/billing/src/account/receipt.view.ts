import { formatMoney } from '@carnet/money';
import { PaymentState } from './domain';

export interface ReceiptView {
  id: string;
  number: string;
  contactId: string;
  currency: string;
  amount: string;
  paidAt: string;
  method: string;
  reference: string | null;
  allocations: Array<{ invoiceId: string; amount: string }>;
}

/** A payment as the receipt the API returns. */
export function toReceiptView(contactId: string, p: PaymentState): ReceiptView {
  return {
    id: p.id, number: p.receiptNumber, contactId, currency: p.currency, amount: formatMoney(p.amount, p.currency),
    paidAt: p.paidAt, method: p.method, reference: p.reference,
    allocations: p.allocations.map((a) => ({ invoiceId: a.invoiceId, amount: formatMoney(a.amount, p.currency) })),
  };
}
