import { Injectable } from '@nestjs/common';
import { AppError, TenantContext } from '@carnet/http';
import { parseMoney } from '@carnet/money';
import { CatalogEntry } from '../items/domain/catalog-entry';
import { ItemsService } from '../items/items.service';
import { ListItemsQuery } from '../items/dto/list-items.query';
import { KnownContactsProjection } from '../known-contacts/known-contacts.projection';
import { parsedField } from '../shared/parsed-field';
import { Page } from './account-documents.projection';
import { ClientAccountRunner } from './client-account.runner';
import { ClientRateView, toClientRateView } from './client-rate.view';
import { removeClientRate, setClientRate } from './domain';
import { SetClientRateDto } from './dto/set-client-rate.dto';

/** A client's own prices for catalogue items, kept in its ClientAccount. */
@Injectable()
export class ClientRatesService {
  constructor(
    private readonly accounts: ClientAccountRunner,
    private readonly contacts: KnownContactsProjection,
    private readonly items: ItemsService,
  ) {}

  async set(t: TenantContext, contactId: string, itemId: string, dto: SetClientRateDto): Promise<ClientRateView> {
    await this.contacts.require(t, contactId, { mustBeActive: false });
    const item = await this.item(t.tenantId, itemId);
    const unitPrice = parsedField('unitPrice', () => parseMoney(dto.unitPrice, item.currency));
    const setAt = new Date().toISOString();
    const r = await this.accounts.exclusive(t.tenantId, contactId, () => this.accounts.run(t, contactId, (s) => setClientRate(s, { item, unitPrice, setAt })));
    return toClientRateView(r.state, item);
  }

  async remove(t: TenantContext, contactId: string, itemId: string): Promise<void> {
    await this.contacts.require(t, contactId, { mustBeActive: false });
    await this.item(t.tenantId, itemId);
    const removedAt = new Date().toISOString();
    await this.accounts.exclusive(t.tenantId, contactId, () => this.accounts.run(t, contactId, (s) => removeClientRate(s, { itemId, removedAt })));
  }

  /** Every item of the catalogue (a page of it) with what this client pays for it. */
  async list(t: TenantContext, contactId: string, q: ListItemsQuery): Promise<Page<ClientRateView>> {
    await this.contacts.require(t, contactId, { mustBeActive: false });
    const [state, page] = await Promise.all([this.accounts.load(t.tenantId, contactId), this.items.page(t.tenantId, q)]);
    return { items: page.items.map((i) => toClientRateView(state, i.pricing)), nextCursor: page.nextCursor };
  }

  private async item(tenantId: string, itemId: string): Promise<CatalogEntry> {
    const item = (await this.items.catalog(tenantId, [itemId]))[itemId];
    if (!item) throw AppError.notFound('item');
    return item;
  }
}
