// Topic names and the events each carries, shared by producers and consumers.
import { BillingTopicEvent } from './billing-events';
import { ContactEvent, ContactNoteEvent } from './contact-events';
import { TenantEvent } from './tenant-events';

// CARNET_TOPIC_PREFIX namespaces the topics, e.g. for test runs that share one broker; the
// names below (the keys of TopicEvents) are the topics' names without it.
const prefix = process.env.CARNET_TOPIC_PREFIX ?? '';

export const TOPICS = {
  contacts: `${prefix}contacts.events`,
  billing: `${prefix}billing.events`,
  tenants: `${prefix}tenants.events`,
  deadLetters: `${prefix}carnet.dead-letters`,
} as const;

export interface TopicEvents {
  'contacts.events': ContactEvent | ContactNoteEvent;
  'billing.events': BillingTopicEvent;
  'tenants.events': TenantEvent;
}

export type Topic = keyof TopicEvents;
export type AnyEvent = TopicEvents[Topic];
