// The ClientLedger: one document per client, folded from the contact's events and the events of
// its billing ClientAccount. Plain JSON (stored as-is in MongoDB): no Date, Map, bigint or key
// with '.' / '$'; money in integer minor units of the document's currency.
import { BillingEvent, ClientRateEvent, ContactEvent, ContactNoteEvent, InvoiceContent, QuoteEvent } from '@carnet/events';
import { instantMillis } from '@carnet/calendar';

/** The stream an event comes from; each has its own version sequence. */
export type LedgerSource = 'contacts' | 'billing';

/** The events a ClientLedger folds: everything about one client on contacts.events and billing.events. */
export type LedgerEvent = ContactEvent | ContactNoteEvent | BillingEvent | ClientRateEvent | QuoteEvent;

export interface LedgerContact {
  name: string;
  currency: string;
  /** BCP 47 tag of the client's documents (statement PDF); null: the tenant's default language. */
  language: string | null;
  status: 'active' | 'archived';
  archivedAt: string | null;
}

/** A dated amount that lowered an invoice's outstanding. */
export interface LedgerSettlement {
  /** Billing version of the event that made it. */
  seq: number;
  kind: 'payment' | 'credit';
  /** paidAt or appliedAt. */
  at: string;
  amount: number;
}

export interface LedgerInvoice {
  id: string;
  /** Assigned when sent. */
  number: string | null;
  currency: string;
  exchangeRate: string | null;
  subtotal: number;
  total: number;
  sentAt: string | null;
  /** YYYY-MM-DD: explicit on the draft, final once sent. */
  dueDate: string | null;
  voidedAt: string | null;
  paid: number;
  credited: number;
  /** The latest settlement date once outstanding reached 0 through payments/credits. */
  settledAt: string | null;
  settlements: LedgerSettlement[];
}

export type LedgerEntryType = 'invoice' | 'payment' | 'credit' | 'void';

/** A movement of the client's balance: an invoice is a debit, everything else a credit. */
export interface LedgerEntry {
  /** Billing version of the event that made it: the event order within a day. */
  seq: number;
  type: LedgerEntryType;
  /** sentAt, paidAt, grantedAt or voidedAt. */
  at: string;
  currency: string;
  amount: number;
  /** Invoice number (invoice, void), receipt number (payment), reason (credit). */
  reference: string | null;
  invoiceId: string | null;
}

export interface LedgerCounts {
  /** Invoices sent (a later void does not uncount it). */
  invoices: number;
  receipts: number;
  /** Quotes sent, like invoices: a draft quote was never shown to the client. */
  quotes: number;
  /** Notes on the contact now (a deleted note no longer counts). */
  notes: number;
}

export interface ClientLedger {
  tenantId: string;
  contactId: string;
  /** Last applied version per source. */
  versions: Record<LedgerSource, number>;
  contact: LedgerContact | null;
  /** In creation order. */
  invoices: LedgerInvoice[];
  /** In event order. */
  entries: LedgerEntry[];
  creditGranted: number;
  creditApplied: number;
  counts: LedgerCounts;
  lastInvoiceAt: string | null;
  /** occurredAt of the latest applied event. */
  asOf: string | null;
}

/** An event was handed to the ledger of another tenant or client: a routing bug upstream. */
export class LedgerEventMismatchError extends Error {
  readonly code = 'LEDGER_EVENT_MISMATCH';
  constructor(message: string) {
    super(message);
    this.name = 'LedgerEventMismatchError';
  }
}

export function emptyClientLedger(tenantId: string, contactId: string): ClientLedger {
  return {
    tenantId,
    contactId,
    versions: { contacts: 0, billing: 0 },
    contact: null,
    invoices: [],
    entries: [],
    creditGranted: 0,
    creditApplied: 0,
    counts: { invoices: 0, receipts: 0, quotes: 0, notes: 0 },
    lastInvoiceAt: null,
    asOf: null,
  };
}

/**
 * The stream an event belongs to, from its type: contacts.events types all start with "Contact",
 * billing.events types never do. A consumer that knows the topic may pass the source instead.
 */
export function ledgerSourceOf(event: { type: string }): LedgerSource {
  return event.type.startsWith('Contact') ? 'contacts' : 'billing';
}

/**
 * Folds one event into the ledger. Returns null when the event was already applied
 * (version ≤ the last applied version of its source), else a new ledger; never mutates `ledger`.
 * Event types that do not concern reporting only advance the version.
 */
export function applyToLedger(ledger: ClientLedger, event: LedgerEvent, source: LedgerSource = ledgerSourceOf(event)): ClientLedger | null {
  if (event.tenantId !== ledger.tenantId || event.aggregateId !== ledger.contactId) {
    throw new LedgerEventMismatchError(
      `event ${event.id} (${event.type}) is about ${event.tenantId}/${event.aggregateId}, not ${ledger.tenantId}/${ledger.contactId}`,
    );
  }
  if (event.version <= ledger.versions[source]) return null;
  const advanced: ClientLedger = { ...ledger, versions: { ...ledger.versions, [source]: event.version } };
  const next = evolve(advanced, event);
  if (next === undefined) return advanced;
  // asOf never goes back when the two sources are consumed at different paces.
  return { ...next, asOf: later(ledger.asOf, event.occurredAt) };
}

// undefined: the event does not concern reporting.
function evolve(ledger: ClientLedger, event: LedgerEvent): ClientLedger | undefined {
  switch (event.type) {
    case 'ContactCreated': {
      const { profile } = event.data;
      return {
        ...ledger,
        contact: { name: profile.name, currency: profile.billing.currency, language: profile.billing.language, status: 'active', archivedAt: null },
      };
    }
    case 'ContactUpdated': {
      const { changes } = event.data;
      if (!ledger.contact) return ledger;
      return {
        ...ledger,
        contact: {
          ...ledger.contact,
          name: changes.name ?? ledger.contact.name,
          currency: changes.billing?.currency ?? ledger.contact.currency,
          // language may be cleared (null); absent means unchanged
          language: changes.billing?.language === undefined ? ledger.contact.language : changes.billing.language,
        },
      };
    }
    case 'ContactArchived':
      return ledger.contact ? { ...ledger, contact: { ...ledger.contact, status: 'archived', archivedAt: event.occurredAt } } : ledger;
    case 'ContactReactivated':
      return ledger.contact ? { ...ledger, contact: { ...ledger.contact, status: 'active', archivedAt: null } } : ledger;
    case 'InvoiceCreated': {
      const { invoiceId, content } = event.data;
      const draft: LedgerInvoice = {
        id: invoiceId, number: null, ...contentFields(content), sentAt: null, voidedAt: null,
        paid: 0, credited: 0, settledAt: null, settlements: [],
      };
      const known = ledger.invoices.some((i) => i.id === invoiceId);
      return { ...ledger, invoices: known ? ledger.invoices.map((i) => (i.id === invoiceId ? draft : i)) : [...ledger.invoices, draft] };
    }
    case 'InvoiceUpdated': {
      const { invoiceId, content } = event.data;
      return updateInvoice(ledger, invoiceId, (i) => ({ ...i, ...contentFields(content) }));
    }
    case 'InvoiceSent': {
      const { invoiceId, number, sentAt, dueDate } = event.data;
      const invoice = findInvoice(ledger, invoiceId);
      if (!invoice || invoice.sentAt !== null) return ledger;
      const sent = updateInvoice(ledger, invoiceId, (i) => ({ ...i, number, sentAt, dueDate }));
      return {
        ...sent,
        entries: [...sent.entries, entry(event.version, 'invoice', sentAt, invoice.currency, invoice.total, number, invoiceId)],
        counts: { ...sent.counts, invoices: sent.counts.invoices + 1 },
        lastInvoiceAt: later(sent.lastInvoiceAt, sentAt),
      };
    }
    case 'InvoiceVoided': {
      const { invoiceId, voidedAt } = event.data;
      const invoice = findInvoice(ledger, invoiceId);
      if (!invoice || invoice.voidedAt !== null) return ledger;
      const voided = updateInvoice(ledger, invoiceId, (i) => ({ ...i, voidedAt, settledAt: null }));
      // A draft never reached the client's balance, so voiding it moves nothing.
      if (invoice.sentAt === null) return voided;
      return {
        ...voided,
        entries: [...voided.entries, entry(event.version, 'void', voidedAt, invoice.currency, invoice.total, invoice.number, invoiceId)],
      };
    }
    case 'PaymentRecorded': {
      const { receiptNumber, currency, amount, paidAt, allocations } = event.data;
      const paid = allocations.reduce(
        (acc, a) => updateInvoice(acc, a.invoiceId, (i) => settle(i, { seq: event.version, kind: 'payment', at: paidAt, amount: a.amount })),
        ledger,
      );
      return {
        ...paid,
        entries: [...paid.entries, entry(event.version, 'payment', paidAt, currency, amount, receiptNumber, null)],
        counts: { ...paid.counts, receipts: paid.counts.receipts + 1 },
      };
    }
    case 'CreditGranted': {
      const { currency, amount, reason, grantedAt } = event.data;
      return {
        ...ledger,
        entries: [...ledger.entries, entry(event.version, 'credit', grantedAt, currency, amount, reason, null)],
        creditGranted: ledger.creditGranted + amount,
      };
    }
    case 'CreditApplied': {
      // Moves credit from the client's purse to an invoice: no balance change, so no entry.
      const { invoiceId, amount, appliedAt } = event.data;
      const applied = updateInvoice(ledger, invoiceId, (i) => settle(i, { seq: event.version, kind: 'credit', at: appliedAt, amount }));
      return { ...applied, creditApplied: applied.creditApplied + amount };
    }
    case 'ContactNoteAdded':
      return { ...ledger, counts: { ...ledger.counts, notes: ledger.counts.notes + 1 } };
    case 'ContactNoteDeleted':
      return { ...ledger, counts: { ...ledger.counts, notes: Math.max(0, ledger.counts.notes - 1) } };
    case 'QuoteSent':
      return { ...ledger, counts: { ...ledger.counts, quotes: ledger.counts.quotes + 1 } };
    case 'ContactNoteEdited':
    case 'QuoteCreated':
    case 'QuoteAccepted':
    case 'QuoteDeclined':
    case 'QuoteConverted':
    case 'ClientRateSet':
    case 'ClientRateRemoved':
    case 'TaxDefined':
      return undefined;
    default:
      return unknownType(event);
  }
}

// Compile time: every contract type has a case. Run time: a newer producer's type is irrelevant.
function unknownType(_event: never): undefined {
  return undefined;
}

function contentFields(content: InvoiceContent): Pick<LedgerInvoice, 'currency' | 'exchangeRate' | 'subtotal' | 'total' | 'dueDate'> {
  return { currency: content.currency, exchangeRate: content.exchangeRate, subtotal: content.subtotal, total: content.total, dueDate: content.dueDate };
}

function entry(
  seq: number, type: LedgerEntryType, at: string, currency: string, amount: number, reference: string | null, invoiceId: string | null,
): LedgerEntry {
  return { seq, type, at, currency, amount, reference, invoiceId };
}

function findInvoice(ledger: ClientLedger, invoiceId: string): LedgerInvoice | undefined {
  return ledger.invoices.find((i) => i.id === invoiceId);
}

// An event about an invoice this ledger never saw created changes nothing (it cannot be priced).
function updateInvoice(ledger: ClientLedger, invoiceId: string, change: (invoice: LedgerInvoice) => LedgerInvoice): ClientLedger {
  if (!findInvoice(ledger, invoiceId)) return ledger;
  return { ...ledger, invoices: ledger.invoices.map((i) => (i.id === invoiceId ? change(i) : i)) };
}

function settle(invoice: LedgerInvoice, settlement: LedgerSettlement): LedgerInvoice {
  const settlements = [...invoice.settlements, settlement];
  const paid = invoice.paid + (settlement.kind === 'payment' ? settlement.amount : 0);
  const credited = invoice.credited + (settlement.kind === 'credit' ? settlement.amount : 0);
  const settled = invoice.voidedAt === null && invoice.total - paid - credited <= 0;
  // Dates can be back-dated, so the settling date is the latest one, not the last recorded.
  const settledAt = settled ? settlements.reduce<string | null>((at, s) => later(at, s.at), null) : null;
  return { ...invoice, settlements, paid, credited, settledAt };
}

function later(a: string | null, b: string): string {
  return a !== null && instantMillis(a) >= instantMillis(b) ? a : b;
}

/** The invoices whose state an event may change: the one it names, or those a payment is allocated to. */
export function invoicesTouchedBy(event: { type: string; data: unknown }): string[] {
  const data = event.data as { invoiceId?: unknown; allocations?: Array<{ invoiceId?: unknown }> };
  const ids = [data.invoiceId, ...(Array.isArray(data.allocations) ? data.allocations.map((a) => a.invoiceId) : [])];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
}
