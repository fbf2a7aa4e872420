// The API's JSON for an item.
import { ItemUnit } from '@carnet/events';
import { formatMoney } from '@carnet/money';
import { ItemState } from './item.state';

export interface ItemView {
  id: string;
  name: string;
  unit: ItemUnit;
  unitPrice: string;
  currency: string;
  taxCodes: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export function toItemView(item: ItemState, version: number): ItemView {
  return {
    id: item.id, name: item.name, unit: item.unit, unitPrice: formatMoney(item.unitPrice, item.currency), currency: item.currency,
    taxCodes: [...item.taxCodes], createdAt: item.createdAt, updatedAt: item.updatedAt, version,
  };
}
