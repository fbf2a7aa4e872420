// Test-only builders of the events a ClientLedger folds, with consecutive versions per stream.
import {
  BillingEvent, BillingEventData, BillingEventType, ContactEvent, ContactEventData, ContactEventType, ContactNoteEvent, ContactNoteEventData,
  ContactNoteEventType, EventEnvelope, InvoiceContent, QuoteEvent, QuoteEventData,
} from '@carnet/events';
import { applyToLedger, ClientLedger, emptyClientLedger, LedgerEvent } from './client-ledger';

export const TENANT = 'tenant-1';
export const CONTACT = 'contact-1';

function envelope<K extends string, D>(aggregateType: string, type: K, data: D, version: number, occurredAt: string): EventEnvelope<K, D> {
  return {
    id: `${aggregateType}-${version}`, type, schemaVersion: 1, tenantId: TENANT, aggregateType, aggregateId: CONTACT,
    version, contactId: CONTACT, occurredAt, data, metadata: { correlationId: 'corr-1', causationId: null, actor: 'test' },
  };
}

export function contactEvent<K extends ContactEventType>(type: K, data: ContactEventData[K], version: number, occurredAt: string): ContactEvent {
  return envelope('Contact', type, data, version, occurredAt) as ContactEvent;
}

export function noteEvent<K extends ContactNoteEventType>(type: K, data: ContactNoteEventData[K], version: number, occurredAt: string): ContactNoteEvent {
  return envelope('Contact', type, data, version, occurredAt) as ContactNoteEvent;
}

export function quoteEvent<K extends keyof QuoteEventData & string>(type: K, data: QuoteEventData[K], version: number, occurredAt: string): QuoteEvent {
  return envelope('ClientAccount', type, data, version, occurredAt) as QuoteEvent;
}

export function billingEvent<K extends BillingEventType>(type: K, data: BillingEventData[K], version: number, occurredAt: string): BillingEvent {
  return envelope('ClientAccount', type, data, version, occurredAt) as BillingEvent;
}

export function contactCreated(currency: string, occurredAt = '2026-01-01T12:00:00Z', name = 'Acme'): ContactEvent {
  return contactEvent('ContactCreated', {
    profile: {
      name, email: null, companyName: null, phone: null, color: null,
      billing: {
        address: { line1: null, line2: null, city: null, region: null, postalCode: null, country: null },
        language: 'en', currency, paymentMethod: null, paymentTermsDays: 30,
      },
    },
    source: 'api',
  }, 1, occurredAt);
}

export function content(currency: string, subtotal: number, total: number, exchangeRate: string | null = null): InvoiceContent {
  return { currency, exchangeRate, dueDate: null, lines: [], taxes: [], subtotal, total };
}

/** The events of one ClientAccount, versioned 1, 2, 3… in the order they are built. */
export class AccountStream {
  readonly events: BillingEvent[] = [];

  private push<K extends BillingEventType>(type: K, data: BillingEventData[K], occurredAt: string): BillingEvent {
    const event = billingEvent(type, data, this.events.length + 1, occurredAt);
    this.events.push(event);
    return event;
  }

  created(invoiceId: string, c: InvoiceContent, at = '2026-01-01T12:00:00Z'): BillingEvent {
    return this.push('InvoiceCreated', { invoiceId, content: c }, at);
  }
  updated(invoiceId: string, c: InvoiceContent, at = '2026-01-01T12:00:00Z'): BillingEvent {
    return this.push('InvoiceUpdated', { invoiceId, content: c }, at);
  }
  sent(invoiceId: string, number: string, sentAt: string, dueDate: string): BillingEvent {
    return this.push('InvoiceSent', { invoiceId, number, sentAt, dueDate }, sentAt);
  }
  voided(invoiceId: string, voidedAt: string): BillingEvent {
    return this.push('InvoiceVoided', { invoiceId, voidedAt }, voidedAt);
  }
  paid(receiptNumber: string, currency: string, paidAt: string, allocations: Array<[string, number]>): BillingEvent {
    const amount = allocations.reduce((sum, [, a]) => sum + a, 0);
    return this.push('PaymentRecorded', {
      paymentId: `pay-${receiptNumber}`, receiptNumber, currency, amount, paidAt, method: 'bank_transfer', reference: null,
      allocations: allocations.map(([invoiceId, a]) => ({ invoiceId, amount: a })),
    }, paidAt);
  }
  granted(currency: string, amount: number, grantedAt: string, reason: string | null = null): BillingEvent {
    return this.push('CreditGranted', { creditId: `credit-${this.events.length + 1}`, currency, amount, reason, grantedAt }, grantedAt);
  }
  applied(invoiceId: string, currency: string, amount: number, appliedAt: string): BillingEvent {
    return this.push('CreditApplied', { invoiceId, currency, amount, appliedAt, sources: [] }, appliedAt);
  }
}

/** Folds events into a fresh ledger, failing if any is refused as already applied. */
export function fold(events: ReadonlyArray<LedgerEvent>): ClientLedger {
  return events.reduce((ledger, event) => {
    const next = applyToLedger(ledger, event);
    if (next === null) throw new Error(`event ${event.type} v${event.version} was refused`);
    return next;
  }, emptyClientLedger(TENANT, CONTACT));
}
