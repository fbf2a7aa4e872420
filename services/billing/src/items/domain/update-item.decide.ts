// Editing an item changes what new documents get; documents already made keep their prices.
import { isDeepStrictEqual } from 'node:util';
import { ItemDefinition, NewEvent } from '@carnet/events';
import { BillingError } from '../../account/domain/billing.error';
import { checkedItem, ItemContext } from './item-definition';
import { ItemState } from './item.state';

export interface UpdateItemCommand {
  itemId: string;
  changes: Partial<ItemDefinition>;
}

export function updateItem(state: ItemState | null, command: UpdateItemCommand, context: ItemContext): NewEvent<'ItemUpdated', { itemId: string; item: ItemDefinition }>[] {
  if (!state) throw new BillingError('ITEM_NOT_FOUND', `item ${command.itemId} not found`, 'itemId');
  const { changes } = command;
  // The price is in minor units of the old currency: it cannot silently carry over to another one.
  if (changes.currency !== undefined && changes.currency !== state.currency && changes.unitPrice === undefined) {
    throw new BillingError('INVALID_INPUT', 'unitPrice must be given again when the currency changes', 'unitPrice');
  }
  const current: ItemDefinition = { name: state.name, unit: state.unit, unitPrice: state.unitPrice, currency: state.currency, taxCodes: state.taxCodes };
  const next = checkedItem({ ...current, ...changes }, context);
  // A PATCH that changes nothing records nothing.
  if (isDeepStrictEqual(next, current)) return [];
  return [{ type: 'ItemUpdated', data: { itemId: state.id, item: next } }];
}
