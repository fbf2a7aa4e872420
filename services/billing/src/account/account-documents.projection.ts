import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Collection, Db, Filter } from 'mongodb';
import { EventEnvelope } from '@carnet/events';
import { ensureQueryIndex, upsertIfNewer } from '@carnet/eventstore';
import { AppError } from '@carnet/http';
import { MONGO_DB } from '@carnet/messaging';
import { ClientAccountState, InvoiceView, QuoteView, toInvoiceView, toQuoteView } from './domain';
import { ReceiptView, toReceiptView } from './receipt.view';

export type DocumentKind = 'invoice' | 'receipt' | 'quote';

interface DocumentRow {
  _id: string;
  tenantId: string;
  kind: DocumentKind;
  docId: string;
  contactId: string;
  /** Version of the ClientAccount the view was taken at. */
  version: number;
  status: string | null;
  sortKey: string;
  view: InvoiceView | ReceiptView | QuoteView | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface TouchedDocuments {
  invoices: Set<string>;
  payments: Set<string>;
  quotes: Set<string>;
}

/** Which invoices, payments and quotes a commit touched, so only their views are rewritten. */
export function touchedDocuments(events: EventEnvelope[]): TouchedDocuments {
  const touched: TouchedDocuments = { invoices: new Set(), payments: new Set(), quotes: new Set() };
  for (const e of events) {
    const d = e.data as { invoiceId?: string; paymentId?: string; quoteId?: string; allocations?: Array<{ invoiceId: string }> };
    if (d.invoiceId) touched.invoices.add(d.invoiceId);
    if (d.paymentId) touched.payments.add(d.paymentId);
    if (d.quoteId) touched.quotes.add(d.quoteId);
    for (const a of d.allocations ?? []) touched.invoices.add(a.invoiceId);
  }
  return touched;
}

/**
 * Invoice, quote and receipt lookups across a tenant's clients (by id, by contact, by status). Rows are
 * versioned by the account version, so a late or repeated write never replaces a newer one.
 */
@Injectable()
export class AccountDocumentsProjection implements OnModuleInit {
  private readonly rows: Collection<DocumentRow>;

  constructor(@Inject(MONGO_DB) private readonly db: Db) {
    this.rows = db.collection<DocumentRow>('account_documents');
  }

  async onModuleInit(): Promise<void> {
    await ensureQueryIndex(this.db, this.rows, { tenantId: 1, kind: 1, sortKey: 1 });
    await ensureQueryIndex(this.db, this.rows, { tenantId: 1, kind: 1, contactId: 1, sortKey: 1 });
    await ensureQueryIndex(this.db, this.rows, { tenantId: 1, kind: 1, status: 1, sortKey: 1 });
  }

  /** Registers a new invoice's or quote's contact before its first event is appended, so it is always findable. */
  async reserve(tenantId: string, kind: 'invoice' | 'quote', docId: string, contactId: string, createdAt: string): Promise<void> {
    await upsertIfNewer(this.rows, { _id: `${tenantId}:${kind}:${docId}`, tenantId, kind, docId, contactId, version: 0, status: null, sortKey: `${createdAt}|${docId}`, view: null });
  }

  /** The client account an invoice or quote belongs to; 404 for an unknown id or another tenant's. */
  async contactOf(tenantId: string, kind: 'invoice' | 'quote', docId: string): Promise<string> {
    const row = await this.rows.findOne({ _id: `${tenantId}:${kind}:${docId}` });
    if (!row) throw AppError.notFound(kind);
    return row.contactId;
  }

  async save(tenantId: string, state: ClientAccountState, version: number, touched: TouchedDocuments): Promise<void> {
    for (const id of touched.invoices) {
      if (!state.invoices[id]) continue;
      const view = toInvoiceView(state, id, tenantId);
      await upsertIfNewer(this.rows, { _id: `${tenantId}:invoice:${id}`, tenantId, kind: 'invoice', docId: id, contactId: state.contactId, version, status: view.status, sortKey: `${view.createdAt}|${id}`, view });
    }
    for (const id of touched.payments) {
      const p = state.payments[id];
      if (!p) continue;
      const view = toReceiptView(state.contactId, p);
      await upsertIfNewer(this.rows, { _id: `${tenantId}:receipt:${id}`, tenantId, kind: 'receipt', docId: id, contactId: state.contactId, version, status: null, sortKey: `${p.paidAt}|${id}`, view });
    }
    for (const id of touched.quotes) {
      if (!state.quotes[id]) continue;
      const view = toQuoteView(state, id, tenantId);
      await upsertIfNewer(this.rows, { _id: `${tenantId}:quote:${id}`, tenantId, kind: 'quote', docId: id, contactId: state.contactId, version, status: view.status, sortKey: `${view.createdAt}|${id}`, view });
    }
  }

  async list<T>(tenantId: string, kind: DocumentKind, q: { contactId?: string; status?: string; limit?: number; cursor?: string }): Promise<Page<T>> {
    const filter: Filter<DocumentRow> = { tenantId, kind, view: { $ne: null } };
    if (q.contactId) filter.contactId = q.contactId;
    if (q.status) filter.status = q.status;
    if (q.cursor) {
      const after = Buffer.from(q.cursor, 'base64url').toString('utf8');
      if (!after.includes('|')) throw AppError.invalid([{ field: 'cursor', message: 'cursor is not one this API returned' }]);
      filter.sortKey = { $gt: after };
    }
    const limit = q.limit ?? 50;
    const rows = await this.rows.find(filter).sort({ sortKey: 1 }).limit(limit + 1).toArray();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map((r) => r.view as T), nextCursor: rows.length > limit && last ? Buffer.from(last.sortKey).toString('base64url') : null };
  }
}
