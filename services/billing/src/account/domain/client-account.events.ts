// What a ClientAccount decision returns: billing events without their envelope (the store adds it).
import { BillingEventData, NewEvent } from '@carnet/events';

// TaxDefined belongs to the tenant's tax table, never to a client's account.
export type ClientAccountEventType = Exclude<keyof BillingEventData, 'TaxDefined'>;

export type ClientAccountNewEvent = {
  [K in ClientAccountEventType]: NewEvent<K, BillingEventData[K]>;
}[ClientAccountEventType];
