// Back to the item's default price for this client. Removing a rate that is not set records nothing.
import { utcInstant } from './billing-time';
import { ClientAccountNewEvent } from './client-account.events';
import { ClientAccountState } from './client-account.state';

export interface RemoveClientRateCommand {
  itemId: string;
  removedAt: string;
}

export function removeClientRate(state: ClientAccountState, command: RemoveClientRateCommand): ClientAccountNewEvent[] {
  if (!Object.hasOwn(state.rates, command.itemId)) return [];
  return [{ type: 'ClientRateRemoved', data: { itemId: command.itemId, removedAt: utcInstant(command.removedAt, 'removedAt') } }];
}
