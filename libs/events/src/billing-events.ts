// billing.events: documents and money movements. Amounts are integer minor units of `currency`.
// Everything about one client's account (invoices, payments, credits) comes from one aggregate,
// the ClientAccount (aggregateId = contactId), so its events carry consecutive versions.
import { EventEnvelope } from './envelope';
import { PaymentMethod } from './contact-events';

export interface InvoiceLine {
  itemId: string | null;
  description: string;
  /** Exact decimal string, e.g. "2.25". */
  quantity: string;
  unitPrice: number;
  /** round(quantity × unitPrice) */
  amount: number;
  taxCodes: string[];
}

export interface InvoiceTax {
  code: string;
  name: string;
  /** Percent string, e.g. "9.975". */
  rate: string;
  amount: number;
}

export interface InvoiceContent {
  currency: string;
  /** Home currency per unit of `currency`; null when it is the home currency. */
  exchangeRate: string | null;
  /** YYYY-MM-DD when set explicitly. */
  dueDate: string | null;
  lines: InvoiceLine[];
  taxes: InvoiceTax[];
  subtotal: number;
  total: number;
}

export interface PaymentAllocation {
  invoiceId: string;
  amount: number;
}

export interface CreditSource {
  creditId: string;
  amount: number;
}

export interface BillingEventData {
  TaxDefined: { code: string; name: string; rate: string };
  InvoiceCreated: { invoiceId: string; content: InvoiceContent };
  InvoiceUpdated: { invoiceId: string; content: InvoiceContent };
  InvoiceSent: { invoiceId: string; number: string; sentAt: string; dueDate: string };
  InvoiceVoided: { invoiceId: string; voidedAt: string };
  PaymentRecorded: {
    paymentId: string;
    receiptNumber: string;
    currency: string;
    amount: number;
    paidAt: string;
    method: PaymentMethod;
    reference: string | null;
    allocations: PaymentAllocation[];
  };
  CreditGranted: { creditId: string; currency: string; amount: number; reason: string | null; grantedAt: string };
  CreditApplied: { invoiceId: string; currency: string; amount: number; appliedAt: string; sources: CreditSource[] };
}

export type BillingEventType = keyof BillingEventData;
export type BillingEvent = { [K in BillingEventType]: EventEnvelope<K, BillingEventData[K]> }[BillingEventType];
