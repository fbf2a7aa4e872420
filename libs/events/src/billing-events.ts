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

// Events added with items, client rates and quotes. They travel on billing.events like the ones
// above but stay out of BillingEvent for now: reporting's ledger switches exhaustively over
// BillingEvent at compile time, and ignores types it does not know at run time.

export const ITEM_UNITS = ['hour', 'unit'] as const;
export type ItemUnit = (typeof ITEM_UNITS)[number];

/** A catalogue item as it is after the event: its default price is in minor units of `currency`. */
export interface ItemDefinition {
  name: string;
  unit: ItemUnit;
  unitPrice: number;
  currency: string;
  taxCodes: string[];
}

/** The Item aggregate (aggregateId = itemId); not about one client, so contactId is null (key = tenantId). */
export interface ItemEventData {
  ItemCreated: { itemId: string; item: ItemDefinition };
  /** Carries the whole item as it now is, not a diff. */
  ItemUpdated: { itemId: string; item: ItemDefinition };
}

/** A client's own price for an item, on the client's ClientAccount. */
export interface ClientRateEventData {
  /** `unitPrice` is in minor units of `currency`, the item's currency when the rate was set. */
  ClientRateSet: { itemId: string; currency: string; unitPrice: number; setAt: string };
  ClientRateRemoved: { itemId: string; removedAt: string };
}

/** Quotes, on the client's ClientAccount. Content is computed like an invoice's. */
export interface QuoteEventData {
  /** `validUntil`: YYYY-MM-DD in the tenant's time zone, or null. */
  QuoteCreated: { quoteId: string; content: InvoiceContent; validUntil: string | null };
  QuoteSent: { quoteId: string; number: string; sentAt: string };
  QuoteAccepted: { quoteId: string; acceptedAt: string };
  QuoteDeclined: { quoteId: string; declinedAt: string; reason: string | null };
  /** Appended in the same commit as the InvoiceCreated of the new draft `invoiceId`. */
  QuoteConverted: { quoteId: string; invoiceId: string; convertedAt: string };
}

type EventsOf<D> = { [K in keyof D & string]: EventEnvelope<K, D[K]> }[keyof D & string];
export type ItemEvent = EventsOf<ItemEventData>;
export type ClientRateEvent = EventsOf<ClientRateEventData>;
export type QuoteEvent = EventsOf<QuoteEventData>;

/** Every event billing publishes on billing.events. */
export type BillingTopicEvent = BillingEvent | ItemEvent | ClientRateEvent | QuoteEvent;
