// The ClientAccount aggregate (aggregateId = contactId): every invoice, quote, payment, credit and
// client rate of one client, folded from its billing events so that each invariant is checked
// against one state.
import { BillingTopicEvent, InvoiceContent, PaymentAllocation, PaymentMethod } from '@carnet/events';

export type InvoiceStatus = 'draft' | 'sent' | 'partially_paid' | 'paid' | 'void';

export interface InvoiceState {
  id: string;
  status: InvoiceStatus;
  content: InvoiceContent;
  number: string | null;
  /** The InvoiceCreated envelope's occurredAt (the event has no createdAt of its own). */
  createdAt: string;
  sentAt: string | null;
  /** Explicit due date while a draft; the one fixed at send afterwards. */
  dueDate: string | null;
  amountPaid: number;
  creditApplied: number;
  /** total − amountPaid − creditApplied; 0 once voided, since a void invoice is owed by no one. */
  outstanding: number;
  voidedAt: string | null;
  /** paidAt / appliedAt of the payment or credit that brought outstanding to 0. */
  settledAt: string | null;
  /** The quote this draft was converted from. */
  quoteId: string | null;
  /** 1 at creation, +1 for every event that changes this invoice: the If-Match version. */
  version: number;
}

export type QuoteStatus = 'draft' | 'sent' | 'accepted' | 'declined' | 'converted';

export interface QuoteState {
  id: string;
  status: QuoteStatus;
  content: InvoiceContent;
  validUntil: string | null;
  number: string | null;
  createdAt: string;
  sentAt: string | null;
  acceptedAt: string | null;
  declinedAt: string | null;
  declineReason: string | null;
  convertedAt: string | null;
  /** The draft invoice the quote became. */
  invoiceId: string | null;
}

/** One use of a credit: which invoice it paid, how much, when. */
export interface CreditApplication {
  invoiceId: string;
  amount: number;
  appliedAt: string;
}

/** The client's own price for an item, in the item's currency when it was set. */
export interface ClientRateState {
  itemId: string;
  currency: string;
  unitPrice: number;
  setAt: string;
}

export interface CreditState {
  id: string;
  currency: string;
  amount: number;
  /** What is left of this grant after the applications that drew on it. */
  remaining: number;
  reason: string | null;
  grantedAt: string;
  /** Position among the account's grants: breaks ties between grants of the same instant. */
  grantIndex: number;
  /** What this credit paid, in order of application. */
  applications: readonly CreditApplication[];
}

export interface PaymentState {
  id: string;
  receiptNumber: string;
  currency: string;
  amount: number;
  paidAt: string;
  method: PaymentMethod;
  reference: string | null;
  allocations: PaymentAllocation[];
}

export interface ClientAccountState {
  contactId: string;
  invoices: Readonly<Record<string, InvoiceState>>;
  credits: Readonly<Record<string, CreditState>>;
  /** Sum of the credits' remaining amounts (credits are granted in the contact's currency). */
  creditAvailable: number;
  payments: Readonly<Record<string, PaymentState>>;
  quotes: Readonly<Record<string, QuoteState>>;
  /** By item id. */
  rates: Readonly<Record<string, ClientRateState>>;
}

export function initialClientAccountState(contactId: string): ClientAccountState {
  return { contactId, invoices: {}, credits: {}, creditAvailable: 0, payments: {}, quotes: {}, rates: {} };
}

// Takes the whole envelope: InvoiceCreated and QuoteCreated carry no createdAt, their occurredAt is
// the creation time. Any billing.events event is accepted; those of other aggregates change nothing.
export function evolveClientAccount(state: ClientAccountState, event: BillingTopicEvent): ClientAccountState {
  switch (event.type) {
    case 'TaxDefined':
    case 'ItemCreated':
    case 'ItemUpdated':
      return state;
    case 'InvoiceCreated': {
      const { invoiceId, content } = event.data;
      const invoice: InvoiceState = {
        id: invoiceId,
        status: 'draft',
        content,
        number: null,
        createdAt: event.occurredAt,
        sentAt: null,
        dueDate: content.dueDate,
        amountPaid: 0,
        creditApplied: 0,
        outstanding: content.total,
        voidedAt: null,
        settledAt: null,
        quoteId: null,
        version: 1,
      };
      return { ...state, invoices: { ...state.invoices, [invoiceId]: invoice } };
    }
    case 'InvoiceUpdated': {
      const { content } = event.data;
      return changeInvoice(state, event.data.invoiceId, (inv) =>
        withAmounts({ ...inv, content, dueDate: content.dueDate }, inv.amountPaid, inv.creditApplied, null),
      );
    }
    case 'InvoiceSent': {
      const { number, sentAt, dueDate } = event.data;
      return changeInvoice(state, event.data.invoiceId, (inv) =>
        withAmounts({ ...inv, number, sentAt, dueDate }, inv.amountPaid, inv.creditApplied, null),
      );
    }
    case 'InvoiceVoided':
      return changeInvoice(state, event.data.invoiceId, (inv) => ({
        ...inv,
        status: 'void',
        voidedAt: event.data.voidedAt,
        outstanding: 0,
      }));
    case 'PaymentRecorded': {
      const { paymentId, receiptNumber, currency, amount, paidAt, method, reference, allocations } = event.data;
      let next: ClientAccountState = {
        ...state,
        payments: {
          ...state.payments,
          [paymentId]: { id: paymentId, receiptNumber, currency, amount, paidAt, method, reference, allocations },
        },
      };
      for (const a of allocations) {
        next = changeInvoice(next, a.invoiceId, (inv) => withAmounts(inv, inv.amountPaid + a.amount, inv.creditApplied, paidAt));
      }
      return next;
    }
    case 'CreditGranted': {
      const { creditId, currency, amount, reason, grantedAt } = event.data;
      const credit: CreditState = {
        id: creditId,
        currency,
        amount,
        remaining: amount,
        reason,
        grantedAt,
        grantIndex: Object.keys(state.credits).length,
        applications: [],
      };
      return {
        ...state,
        credits: { ...state.credits, [creditId]: credit },
        creditAvailable: state.creditAvailable + amount,
      };
    }
    case 'CreditApplied': {
      const { invoiceId, amount, appliedAt, sources } = event.data;
      const credits = { ...state.credits };
      for (const s of sources) {
        const credit = Object.hasOwn(credits, s.creditId) ? credits[s.creditId] : undefined;
        if (credit) {
          const application = { invoiceId, amount: s.amount, appliedAt };
          credits[s.creditId] = { ...credit, remaining: credit.remaining - s.amount, applications: [...credit.applications, application] };
        }
      }
      const next = { ...state, credits, creditAvailable: state.creditAvailable - amount };
      return changeInvoice(next, invoiceId, (inv) => withAmounts(inv, inv.amountPaid, inv.creditApplied + amount, appliedAt));
    }
    case 'ClientRateSet': {
      const { itemId, currency, unitPrice, setAt } = event.data;
      return { ...state, rates: { ...state.rates, [itemId]: { itemId, currency, unitPrice, setAt } } };
    }
    case 'ClientRateRemoved': {
      const rates = { ...state.rates };
      delete rates[event.data.itemId];
      return { ...state, rates };
    }
    case 'QuoteCreated': {
      const { quoteId, content, validUntil } = event.data;
      const quote: QuoteState = {
        id: quoteId,
        status: 'draft',
        content,
        validUntil,
        number: null,
        createdAt: event.occurredAt,
        sentAt: null,
        acceptedAt: null,
        declinedAt: null,
        declineReason: null,
        convertedAt: null,
        invoiceId: null,
      };
      return { ...state, quotes: { ...state.quotes, [quoteId]: quote } };
    }
    case 'QuoteSent': {
      const { number, sentAt } = event.data;
      return changeQuote(state, event.data.quoteId, (q) => ({ ...q, status: 'sent', number, sentAt }));
    }
    case 'QuoteAccepted':
      return changeQuote(state, event.data.quoteId, (q) => ({ ...q, status: 'accepted', acceptedAt: event.data.acceptedAt }));
    case 'QuoteDeclined':
      return changeQuote(state, event.data.quoteId, (q) => ({ ...q, status: 'declined', declinedAt: event.data.declinedAt, declineReason: event.data.reason }));
    case 'QuoteConverted': {
      const { quoteId, invoiceId, convertedAt } = event.data;
      const converted = changeQuote(state, quoteId, (q) => ({ ...q, status: 'converted', convertedAt, invoiceId }));
      return changeInvoice(converted, invoiceId, (inv) => ({ ...inv, quoteId }));
    }
    default:
      return assertNever(event);
  }
}

// The status follows from the amounts, so it is recomputed, never set, whenever they change.
function withAmounts(inv: InvoiceState, amountPaid: number, creditApplied: number, at: string | null): InvoiceState {
  if (inv.voidedAt !== null) return inv;
  const outstanding = inv.content.total - amountPaid - creditApplied;
  const settled = inv.sentAt !== null && amountPaid + creditApplied > 0 && outstanding === 0;
  let status: InvoiceStatus;
  if (inv.sentAt === null) status = 'draft';
  else if (amountPaid + creditApplied === 0) status = 'sent';
  else status = settled ? 'paid' : 'partially_paid';
  // settledAt is the moment outstanding reached 0, kept as is afterwards.
  const settledAt = settled ? (inv.settledAt ?? at) : null;
  return { ...inv, amountPaid, creditApplied, outstanding, status, settledAt };
}

// An event about an invoice this state never saw is left alone rather than crashing a replay.
function changeInvoice(
  state: ClientAccountState,
  invoiceId: string,
  change: (inv: InvoiceState) => InvoiceState,
): ClientAccountState {
  const inv = Object.hasOwn(state.invoices, invoiceId) ? state.invoices[invoiceId] : undefined;
  if (!inv) return state;
  return { ...state, invoices: { ...state.invoices, [invoiceId]: { ...change(inv), version: inv.version + 1 } } };
}

function changeQuote(state: ClientAccountState, quoteId: string, change: (q: QuoteState) => QuoteState): ClientAccountState {
  const quote = Object.hasOwn(state.quotes, quoteId) ? state.quotes[quoteId] : undefined;
  if (!quote) return state;
  return { ...state, quotes: { ...state.quotes, [quoteId]: change(quote) } };
}

function assertNever(event: never): never {
  throw new Error(`unhandled billing event ${(event as { type: string }).type}`);
}
