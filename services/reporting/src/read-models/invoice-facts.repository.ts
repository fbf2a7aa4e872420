import type { Collection, Db } from 'mongodb';
import { ensureQueryIndex, upsertIfNewer } from '@carnet/eventstore';
import { DashboardInvoice, LedgerInvoice, SentInvoiceRef } from '../domain';

/**
 * A sent invoice as tenant-wide questions need it (active clients, sales, dashboard): who, when,
 * how much before and after tax, in which currency and at which rate, settled when, voided or not.
 */
export type InvoiceFact = DashboardInvoice & SentInvoiceRef & {
  _id: string;
  tenantId: string;
  /** Billing version of the last ClientAccount event that touched the invoice. */
  version: number;
  sentAt: string;
};

export interface PeriodUtc {
  startUtc: string;
  endUtcExclusive: string;
}

// Stored instants are normalised to UTC ISO strings, so range filters compare them as text.
const utc = (instant: string) => new Date(instant).toISOString();

export class InvoiceFactsRepository {
  private readonly facts: Collection<InvoiceFact>;

  constructor(private readonly db: Db, collectionName: string) {
    this.facts = db.collection<InvoiceFact>(collectionName);
  }

  async ensureIndexes(): Promise<void> {
    await ensureQueryIndex(this.db, this.facts, { tenantId: 1, voided: 1, sentAt: 1 });
    await ensureQueryIndex(this.db, this.facts, { tenantId: 1, voided: 1, settledAt: 1 });
  }

  async save(tenantId: string, contactId: string, version: number, inv: LedgerInvoice): Promise<void> {
    if (!inv.sentAt) return;
    await upsertIfNewer(this.facts, {
      _id: `${tenantId}:${inv.id}`, tenantId, contactId, invoiceId: inv.id, number: inv.number, version,
      sentAt: utc(inv.sentAt), voided: inv.voidedAt !== null, voidedAt: inv.voidedAt, dueDate: inv.dueDate,
      currency: inv.currency, exchangeRate: inv.exchangeRate, subtotal: inv.subtotal, total: inv.total,
      settledAt: inv.settledAt === null ? null : utc(inv.settledAt), settlements: inv.settlements,
    });
  }

  /** Non-void invoices sent in the period (UTC instants, end exclusive; null: all time), oldest first. */
  sentIn(tenantId: string, period: PeriodUtc | null): Promise<InvoiceFact[]> {
    const sentAt = period ? { $gte: period.startUtc, $lt: period.endUtcExclusive } : { $exists: true };
    return this.facts.find({ tenantId, voided: false, sentAt }).sort({ sentAt: 1 }).toArray();
  }

  /** Non-void invoices not settled by `now` (settled later, or not at all): the only ones that can be outstanding now. */
  openAt(tenantId: string, now: Date): Promise<InvoiceFact[]> {
    return this.facts.find({ tenantId, voided: false, $or: [{ settledAt: null }, { settledAt: { $gt: now.toISOString() } }] }).toArray();
  }
}
