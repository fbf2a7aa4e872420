import { ItemUnit } from '@carnet/events';
import { CatalogItem } from '../../account/domain/price-lines';
import { ItemState } from './item.state';

/** A catalogue item as documents and client rates use it. */
export type CatalogEntry = CatalogItem & { unit: ItemUnit };

export function catalogEntry(item: ItemState): CatalogEntry {
  return { id: item.id, name: item.name, unit: item.unit, unitPrice: item.unitPrice, currency: item.currency, taxCodes: [...item.taxCodes] };
}
