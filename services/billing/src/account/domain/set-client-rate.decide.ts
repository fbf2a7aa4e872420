// A client's own price for an item, in the item's currency; documents created afterwards use it.
import { BillingError } from './billing.error';
import { utcInstant } from './billing-time';
import { ClientAccountNewEvent } from './client-account.events';
import { ClientAccountState } from './client-account.state';
import { CatalogItem } from './price-lines';

export interface SetClientRateCommand {
  item: CatalogItem;
  /** Minor units of the item's currency. */
  unitPrice: number;
  setAt: string;
}

export function setClientRate(state: ClientAccountState, command: SetClientRateCommand): ClientAccountNewEvent[] {
  const { item, unitPrice } = command;
  // Zero is a real price (work done for free for this client); negative is not.
  if (!Number.isSafeInteger(unitPrice) || unitPrice < 0) {
    throw new BillingError('INVALID_AMOUNT', 'unitPrice must be a non-negative amount', 'unitPrice');
  }
  const current = Object.hasOwn(state.rates, item.id) ? state.rates[item.id] : undefined;
  // Setting the rate it already has records nothing (a repeated PUT).
  if (current && current.currency === item.currency && current.unitPrice === unitPrice) return [];
  return [{ type: 'ClientRateSet', data: { itemId: item.id, currency: item.currency, unitPrice, setAt: utcInstant(command.setAt, 'setAt') } }];
}
