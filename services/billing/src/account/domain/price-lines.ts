// Lines that name a catalogue item may leave out what the item knows: the price (the client's own
// rate when it has one, else the item's), the taxes and the description. They are filled in here,
// once, when the document is created or edited; the event then holds plain numbers, so a later
// change of rate or item never touches an existing document.
import { formatMoney } from '@carnet/money';
import { BillingError } from './billing.error';
import { ClientAccountState } from './client-account.state';
import { InvoiceLineInput } from './invoice-content';

/** A document line as requested. */
export interface LineRequest {
  itemId: string | null;
  /** null: the item's name. */
  description: string | null;
  /** Exact decimal string. */
  quantity: string;
  /** Minor units of the document's currency; null: the client's effective price for the item. */
  unitPrice: number | null;
  /** null: the item's tax codes (an empty list means no tax). */
  taxCodes: string[] | null;
}

/** What pricing needs to know of a catalogue item. */
export interface CatalogItem {
  id: string;
  name: string;
  /** Minor units of `currency`. */
  unitPrice: number;
  currency: string;
  taxCodes: readonly string[];
}

/**
 * The client's own price for an item, or null. A rate set while the item was in another currency
 * no longer applies: its minor units mean something else.
 */
export function clientPriceOf(state: ClientAccountState, item: CatalogItem): number | null {
  const rate = Object.hasOwn(state.rates, item.id) ? state.rates[item.id] : undefined;
  return rate && rate.currency === item.currency ? rate.unitPrice : null;
}

export function priceLines(
  state: ClientAccountState,
  lines: readonly LineRequest[],
  items: Readonly<Record<string, CatalogItem>>,
  currency: string,
): InvoiceLineInput[] {
  return lines.map((line, i) => {
    const item = line.itemId === null ? undefined : Object.hasOwn(items, line.itemId) ? items[line.itemId] : undefined;
    if (line.itemId !== null && !item) {
      throw new BillingError('UNKNOWN_ITEM', `item ${line.itemId} does not exist`, `lines[${i}].itemId`);
    }
    const description = line.description ?? item?.name;
    if (description === undefined) {
      throw new BillingError('INVALID_INPUT', 'description is required on a line without an item', `lines[${i}].description`);
    }
    return {
      itemId: line.itemId,
      description,
      quantity: line.quantity,
      unitPrice: line.unitPrice ?? itemPrice(state, item, currency, i),
      taxCodes: line.taxCodes ?? [...(item?.taxCodes ?? [])],
    };
  });
}

function itemPrice(state: ClientAccountState, item: CatalogItem | undefined, currency: string, i: number): number {
  if (!item) throw new BillingError('INVALID_INPUT', 'unitPrice is required on a line without an item', `lines[${i}].unitPrice`);
  // Minor units do not convert between currencies by themselves: the caller must give a price.
  if (item.currency !== currency) {
    throw new BillingError(
      'CURRENCY_MISMATCH',
      `item ${item.name} is priced in ${item.currency} (${formatMoney(item.unitPrice, item.currency)}); give unitPrice for this ${currency} document`,
      `lines[${i}].unitPrice`,
    );
  }
  return clientPriceOf(state, item) ?? item.unitPrice;
}
