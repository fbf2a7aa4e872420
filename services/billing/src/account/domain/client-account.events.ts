// What a ClientAccount decision returns: billing events without their envelope (the store adds it).
import { BillingEventData, ClientRateEventData, EventEnvelope, NewEvent, QuoteEventData } from '@carnet/events';

// TaxDefined belongs to the tenant's tax table, never to a client's account.
export type ClientAccountEventData = Omit<BillingEventData, 'TaxDefined'> & ClientRateEventData & QuoteEventData;
export type ClientAccountEventType = keyof ClientAccountEventData;

export type ClientAccountNewEvent = {
  [K in ClientAccountEventType]: NewEvent<K, ClientAccountEventData[K]>;
}[ClientAccountEventType];

/** A ClientAccount event as the store returns it. */
export type ClientAccountEvent = {
  [K in ClientAccountEventType]: EventEnvelope<K, ClientAccountEventData[K]>;
}[ClientAccountEventType];
