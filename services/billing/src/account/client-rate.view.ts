import { ItemUnit } from '@carnet/events';
import { formatMoney } from '@carnet/money';
import { CatalogItem, clientPriceOf, ClientAccountState } from './domain';

export interface ClientRateView {
  itemId: string;
  name: string;
  unit: ItemUnit;
  currency: string;
  defaultPrice: string;
  /** null: the client pays the default price. */
  clientPrice: string | null;
  effectivePrice: string;
}

/** What a client pays for an item: its own rate when it has one, else the item's price. */
export function toClientRateView(state: ClientAccountState, item: CatalogItem & { unit: ItemUnit }): ClientRateView {
  const clientPrice = clientPriceOf(state, item);
  const money = (minor: number) => formatMoney(minor, item.currency);
  return {
    itemId: item.id, name: item.name, unit: item.unit, currency: item.currency,
    defaultPrice: money(item.unitPrice), clientPrice: clientPrice === null ? null : money(clientPrice), effectivePrice: money(clientPrice ?? item.unitPrice),
  };
}
