import type { Collection, Db } from 'mongodb';
import { ensureQueryIndex } from '@carnet/eventstore';
import { InvoiceSale, saleTotals, salesTotals, saleWeightIn } from '../domain';
import { TallyKey, TallyRepository } from './tally.repository';

/** What one invoice adds to its tenant's sales, while it is sent and not voided. */
export interface InvoiceSaleDocument extends InvoiceSale {
  _id: string;
  tenantId: string;
  contactId: string;
  invoiceId: string;
}

/** An invoice and the sale it counts as now (null: none). */
export interface InvoiceSaleChange {
  contactId: string;
  invoiceId: string;
  sale: InvoiceSale | null;
}

const sameSale = (a: InvoiceSale | null, b: InvoiceSale | null) =>
  a === b || (a !== null && b !== null && a.fiscalYear === b.fiscalYear && a.homeMinor === b.homeMinor);

/**
 * The tenant's sales (salesShare's denominator), precomputed: one sale document per invoice sold
 * and a total tally per tenant and fiscal year and for all time, so a summary reads its total by
 * _id whatever the tenant's size. Only sales and non-zero totals are stored: both are a pure
 * function of the invoices and the tenant's calendar.
 */
export class TenantSalesRepository {
  private readonly sales: Collection<InvoiceSaleDocument>;
  private readonly totals: TallyRepository;

  constructor(private readonly db: Db, salesCollection: string, totalsCollection: string) {
    this.sales = db.collection<InvoiceSaleDocument>(salesCollection);
    this.totals = new TallyRepository(db, totalsCollection);
  }

  async ensureIndexes(): Promise<void> {
    await ensureQueryIndex(this.db, this.sales, { tenantId: 1 });
    await this.totals.ensureIndexes();
  }

  /** Pre-tax sales in home minor units in a fiscal year, or all time (null). */
  total(tenantId: string, fiscalYear: number | null): Promise<number> {
    return this.totals.value(totalKey(tenantId, fiscalYear)._id);
  }

  /** Makes the invoice count as `sale` (null: as no sale) in its tenant's totals. */
  async setSale(tenantId: string, change: InvoiceSaleChange): Promise<void> {
    const _id = saleId(tenantId, change.invoiceId);
    const doc = await this.sales.findOne({ _id });
    const stored = doc ? { fiscalYear: doc.fiscalYear, homeMinor: doc.homeMinor } : null;
    const held: TallyKey[] = [];
    for (const fy of new Set([...saleTotals(stored), ...saleTotals(change.sale)])) {
      const key = totalKey(tenantId, fy);
      if (await this.totals.hold(key, change.invoiceId, saleWeightIn(stored, fy), saleWeightIn(change.sale, fy))) held.push(key);
    }
    if (!sameSale(stored, change.sale)) await this.writeSale(_id, tenantId, change);
    for (const key of held) await this.totals.release(key, change.invoiceId);
  }

  /** Replaces every sale and total of the tenant, after its calendar changed. */
  async replaceTenant(tenantId: string, changes: readonly InvoiceSaleChange[]): Promise<void> {
    const existing = new Map((await this.sales.find({ tenantId }).toArray()).map((d) => [d._id, d]));
    const wanted = new Map(changes.filter((c) => c.sale !== null).map((c) => [saleId(tenantId, c.invoiceId), c]));
    for (const [_id, d] of existing) {
      if (!wanted.has(_id)) await this.writeSale(_id, tenantId, { contactId: d.contactId, invoiceId: d.invoiceId, sale: null });
    }
    for (const [_id, c] of wanted) {
      const d = existing.get(_id);
      if (!d || !sameSale({ fiscalYear: d.fiscalYear, homeMinor: d.homeMinor }, c.sale)) await this.writeSale(_id, tenantId, c);
    }
    const totals = new Map([...salesTotals(changes.map((c) => c.sale))].map(([fy, value]) => {
      const key = totalKey(tenantId, fy);
      return [key._id, { ...key, value }] as const;
    }));
    await this.totals.replaceTenant(tenantId, totals);
  }

  // Only _id filters: on FerretDB any other filter makes a write scan the whole collection.
  private async writeSale(_id: string, tenantId: string, change: InvoiceSaleChange): Promise<void> {
    if (!change.sale) {
      await this.sales.deleteOne({ _id });
      return;
    }
    const doc = { tenantId, contactId: change.contactId, invoiceId: change.invoiceId, fiscalYear: change.sale.fiscalYear, homeMinor: change.sale.homeMinor };
    await this.sales.replaceOne({ _id }, doc, { upsert: true });
  }
}

const saleId = (tenantId: string, invoiceId: string) => `${tenantId}:${invoiceId}`;
const totalKey = (tenantId: string, fiscalYear: number | null): TallyKey => ({ _id: `${tenantId}:${fiscalYear ?? 'all'}`, tenantId, fiscalYear });
