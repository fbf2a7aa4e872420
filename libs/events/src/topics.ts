// Topic names and the events each carries, shared by producers and consumers.
import { BillingTopicEvent } from './billing-events';
import { ContactEvent, ContactNoteEvent } from './contact-events';
import { TenantEvent } from './tenant-events';

export const TOPICS = {
  contacts: 'contacts.events',
  billing: 'billing.events',
  tenants: 'tenants.events',
} as const;

export interface TopicEvents {
  'contacts.events': ContactEvent | ContactNoteEvent;
  'billing.events': BillingTopicEvent;
  'tenants.events': TenantEvent;
}

export type Topic = keyof TopicEvents;
export type AnyEvent = TopicEvents[Topic];
