// The Item aggregate (aggregateId = itemId): one catalogue entry of the tenant, null until created.
import { BillingTopicEvent, ItemDefinition } from '@carnet/events';

export interface ItemState extends ItemDefinition {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export const initialItemState = (): ItemState | null => null;

export function evolveItem(state: ItemState | null, event: BillingTopicEvent): ItemState | null {
  if (event.type === 'ItemCreated') {
    return { id: event.data.itemId, ...event.data.item, createdAt: event.occurredAt, updatedAt: event.occurredAt };
  }
  if (event.type === 'ItemUpdated' && state) return { ...state, ...event.data.item, updatedAt: event.occurredAt };
  return state;
}
