import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { BillingTopicEvent, ItemDefinition, NewEvent } from '@carnet/events';
import { AggregateRepository, ConcurrencyError, EventStore } from '@carnet/eventstore';
import { AppError, TenantContext } from '@carnet/http';
import { MONGO_DB } from '@carnet/messaging';
import { parseMoney } from '@carnet/money';
import { parsedField } from '../shared/parsed-field';
import { TenantTaxesService } from '../taxes/tenant-taxes.service';
import { createItem } from './domain/create-item.decide';
import { CatalogEntry, catalogEntry } from './domain/catalog-entry';
import { evolveItem, initialItemState, ItemState } from './domain/item.state';
import { ItemView, toItemView } from './domain/item.view';
import { updateItem } from './domain/update-item.decide';
import { CreateItemDto } from './dto/create-item.dto';
import { ListItemsQuery } from './dto/list-items.query';
import { UpdateItemDto } from './dto/update-item.dto';
import { ItemPage, ItemsProjection } from './items.projection';

/** `If-Match: 3`, `"3"` or `W/"3"` → 3; anything else matches no version. */
function expectedVersion(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
  return m ? Number(m[1]) : -1;
}

/** Command and query handlers of the Item aggregate: the tenant's catalogue. */
@Injectable()
export class ItemsService {
  private readonly repo: AggregateRepository<ItemState | null>;

  constructor(
    store: EventStore,
    @Inject(MONGO_DB) db: Db,
    private readonly taxes: TenantTaxesService,
    private readonly projection: ItemsProjection,
  ) {
    this.repo = new AggregateRepository<ItemState | null>(store, db, {
      type: 'Item', initial: initialItemState, evolve: (s, e) => evolveItem(s, e as BillingTopicEvent),
    });
  }

  async create(t: TenantContext, dto: CreateItemDto): Promise<ItemView> {
    const item: ItemDefinition = {
      name: dto.name, unit: dto.unit, currency: dto.currency, taxCodes: dto.taxCodes ?? [],
      unitPrice: parsedField('unitPrice', () => parseMoney(dto.unitPrice, dto.currency)),
    };
    const taxCodes = await this.taxCodes(t.tenantId);
    const itemId = randomUUID();
    return this.run(t, itemId, undefined, (state) => createItem(state, { itemId, item }, { taxCodes }));
  }

  async update(t: TenantContext, itemId: string, dto: UpdateItemDto, ifMatch: string | undefined): Promise<ItemView> {
    const { state } = await this.repo.load(t.tenantId, itemId);
    if (!state) throw AppError.notFound('item');
    const currency = dto.currency ?? state.currency;
    const changes: Partial<ItemDefinition> = {
      ...(dto.name !== undefined && { name: dto.name }),
      ...(dto.unit !== undefined && { unit: dto.unit }),
      ...(dto.currency !== undefined && { currency: dto.currency }),
      ...(dto.taxCodes !== undefined && { taxCodes: dto.taxCodes }),
      ...(dto.unitPrice !== undefined && { unitPrice: parsedField('unitPrice', () => parseMoney(dto.unitPrice, currency)) }),
    };
    const taxCodes = await this.taxCodes(t.tenantId);
    return this.run(t, itemId, expectedVersion(ifMatch), (s) => updateItem(s, { itemId, changes }, { taxCodes }));
  }

  async get(t: TenantContext, itemId: string): Promise<ItemView> {
    const { state, version } = await this.repo.load(t.tenantId, itemId);
    if (!state) throw AppError.notFound('item');
    return toItemView(state, version);
  }

  async list(t: TenantContext, q: ListItemsQuery): Promise<{ items: ItemView[]; nextCursor: string | null }> {
    const page = await this.projection.list(t.tenantId, q);
    return { items: page.items.map((i) => i.view), nextCursor: page.nextCursor };
  }

  /** A page of the catalogue with what pricing needs, for the client rates. */
  page(tenantId: string, q: ListItemsQuery): Promise<ItemPage> {
    return this.projection.list(tenantId, q);
  }

  /** The items with these ids as they are now (from the event store, not a view); unknown ids are left out. */
  async catalog(tenantId: string, ids: readonly string[]): Promise<Record<string, CatalogEntry>> {
    const out: Record<string, CatalogEntry> = {};
    for (const id of new Set(ids)) {
      const { state } = await this.repo.load(tenantId, id);
      if (state) out[id] = catalogEntry(state);
    }
    return out;
  }

  /** Rewrites an item's list row from the event store; used by the catch-up consumer. */
  async project(tenantId: string, itemId: string): Promise<void> {
    const { state, version } = await this.repo.load(tenantId, itemId);
    if (state) await this.projection.save(tenantId, state, version);
  }

  private async taxCodes(tenantId: string): Promise<string[]> {
    return (await this.taxes.list(tenantId)).map((t) => t.code);
  }

  private async run(t: TenantContext, itemId: string, ifMatch: number | undefined, decide: (s: ItemState | null) => NewEvent[]): Promise<ItemView> {
    try {
      const r = await this.repo.execute(t.tenantId, itemId, ({ state, version }) => {
        if (ifMatch !== undefined && ifMatch !== version) {
          throw new AppError(409, 'VERSION_CONFLICT', `the item is at version ${version}, not ${ifMatch}: reload it and try again`);
        }
        return decide(state);
      }, {
        // With If-Match the caller decided on a version: a race it lost is its conflict to see.
        contactId: null, retriesOnConflict: ifMatch === undefined ? 3 : 0,
        metadata: { correlationId: t.correlationId, causationId: null, actor: t.actor },
      });
      if (!r.state) throw AppError.notFound('item');
      await this.projection.save(t.tenantId, r.state, r.version);
      return toItemView(r.state, r.version);
    } catch (e) {
      if (e instanceof ConcurrencyError) throw new AppError(409, 'VERSION_CONFLICT', 'The item changed meanwhile; reload it and try again');
      throw e;
    }
  }
}
