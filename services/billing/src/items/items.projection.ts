import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { ensureQueryIndex, upsertIfNewer } from '@carnet/eventstore';
import { AppError } from '@carnet/http';
import { MONGO_DB } from '@carnet/messaging';
import { CatalogEntry, catalogEntry } from './domain/catalog-entry';
import { ItemState } from './domain/item.state';
import { ItemView, toItemView } from './domain/item.view';

interface ItemRow {
  _id: string;
  tenantId: string;
  itemId: string;
  /** Version of the Item aggregate the row was taken at. */
  version: number;
  sortKey: string;
  view: ItemView;
  pricing: CatalogEntry;
}

export interface ItemPage {
  items: Array<{ view: ItemView; pricing: CatalogEntry }>;
  nextCursor: string | null;
}

/** The tenant's catalogue as a list (oldest first), for GET /v1/items and the client rates. */
@Injectable()
export class ItemsProjection implements OnModuleInit {
  private readonly rows: Collection<ItemRow>;

  constructor(@Inject(MONGO_DB) private readonly db: Db) {
    this.rows = db.collection<ItemRow>('catalog_items');
  }

  async onModuleInit(): Promise<void> {
    await ensureQueryIndex(this.db, this.rows, { tenantId: 1, sortKey: 1 });
  }

  /** Version-guarded: a late or repeated write never replaces a newer row. */
  async save(tenantId: string, item: ItemState, version: number): Promise<void> {
    await upsertIfNewer(this.rows, {
      _id: `${tenantId}:${item.id}`, tenantId, itemId: item.id, version, sortKey: `${item.createdAt}|${item.id}`, view: toItemView(item, version), pricing: catalogEntry(item),
    });
  }

  async list(tenantId: string, q: { limit?: number; cursor?: string }): Promise<ItemPage> {
    const filter: { tenantId: string; sortKey?: { $gt: string } } = { tenantId };
    if (q.cursor) {
      const after = Buffer.from(q.cursor, 'base64url').toString('utf8');
      if (!after.includes('|')) throw AppError.invalid([{ field: 'cursor', message: 'cursor is not one this API returned' }]);
      filter.sortKey = { $gt: after };
    }
    const limit = q.limit ?? 50;
    const rows = await this.rows.find(filter).sort({ sortKey: 1 }).limit(limit + 1).toArray();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({ view: r.view, pricing: r.pricing })),
      nextCursor: rows.length > limit && last ? Buffer.from(last.sortKey).toString('base64url') : null,
    };
  }
}
