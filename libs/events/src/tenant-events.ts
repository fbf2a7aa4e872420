// tenants.events: a tenant's settings, which decide currencies and calendars.
import { EventEnvelope } from './envelope';

export interface TenantSettings {
  name: string;
  homeCurrency: string;
  /** IANA time zone, e.g. America/Toronto. */
  timezone: string;
  /** "MM-DD" */
  fiscalYearStart: string;
  defaultLanguage: string;
}

export interface TenantEventData {
  TenantCreated: { settings: TenantSettings };
  TenantUpdated: { changes: Partial<TenantSettings> };
}

export type TenantEventType = keyof TenantEventData;
export type TenantEvent = { [K in TenantEventType]: EventEnvelope<K, TenantEventData[K]> }[TenantEventType];
