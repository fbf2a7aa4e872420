// Hand-computed invoices and events shared by the specs (amounts in minor units, arithmetic in comments).
import { InvoiceContent } from '@carnet/events';
import { ClientAccountNewEvent } from './client-account.events';
import { TaxDefinition } from './invoice-content';

export const GST: TaxDefinition = { code: 'GST', name: 'GST', rate: '5' };
export const QST: TaxDefinition = { code: 'QST', name: 'QST', rate: '9.975' };
export const QUEBEC_TAXES: TaxDefinition[] = [GST, QST];

const line33 = { itemId: null, description: 'Consulting', quantity: '1', unitPrice: 3333, amount: 3333, taxCodes: ['GST', 'QST'] };

/** API.md's example: 3 × 33.33 = 99.99; GST 4.9995 → 5.00; QST 9.9740025 → 9.97; total 114.96. */
export const API_EXAMPLE_CONTENT: InvoiceContent = {
  currency: 'CAD',
  exchangeRate: null,
  dueDate: null,
  lines: [line33, line33, line33],
  taxes: [
    { code: 'GST', name: 'GST', rate: '5', amount: 500 },
    { code: 'QST', name: 'QST', rate: '9.975', amount: 997 },
  ],
  subtotal: 9999,
  total: 11496,
};

/** 1 × 50.00 = 50.00; GST 50.00 × 5% = 2.50; total 52.50. */
export const FIFTY_PLUS_GST: InvoiceContent = {
  currency: 'CAD',
  exchangeRate: null,
  dueDate: null,
  lines: [{ itemId: null, description: 'Design', quantity: '1', unitPrice: 5000, amount: 5000, taxCodes: ['GST'] }],
  taxes: [{ code: 'GST', name: 'GST', rate: '5', amount: 250 }],
  subtotal: 5000,
  total: 5250,
};

export function created(invoiceId: string, content: InvoiceContent): ClientAccountNewEvent {
  return { type: 'InvoiceCreated', data: { invoiceId, content } };
}

export function sent(invoiceId: string, number: string, sentAt = '2027-02-01T15:00:00.000Z', dueDate = '2027-03-03'): ClientAccountNewEvent {
  return { type: 'InvoiceSent', data: { invoiceId, number, sentAt, dueDate } };
}

export function paid(
  paymentId: string,
  paidAt: string,
  allocations: { invoiceId: string; amount: number }[],
  currency = 'CAD',
): ClientAccountNewEvent {
  const amount = allocations.reduce((s, a) => s + a.amount, 0);
  return {
    type: 'PaymentRecorded',
    data: { paymentId, receiptNumber: `REC-${paymentId}`, currency, amount, paidAt, method: 'interac', reference: null, allocations },
  };
}

export function granted(creditId: string, amount: number, grantedAt: string): ClientAccountNewEvent {
  return { type: 'CreditGranted', data: { creditId, currency: 'CAD', amount, reason: null, grantedAt } };
}
