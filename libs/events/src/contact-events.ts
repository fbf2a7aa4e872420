// contacts.events: facts about a contact's identity and billing preferences.
import { EventEnvelope } from './envelope';

export const PAYMENT_METHODS = ['bank_transfer', 'cheque', 'cash', 'credit_card', 'interac', 'paypal', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface PostalAddress {
  line1: string | null;
  line2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
}

export interface ContactBilling {
  address: PostalAddress;
  language: string | null;
  currency: string;
  paymentMethod: PaymentMethod | null;
  paymentTermsDays: number;
}

export interface ContactProfile {
  name: string;
  email: string | null;
  companyName: string | null;
  phone: string | null;
  color: string | null;
  billing: ContactBilling;
}

/** A change to a profile: top-level fields replaced, billing and address merged field by field. */
export interface ContactProfileChanges {
  name?: string;
  email?: string | null;
  companyName?: string | null;
  phone?: string | null;
  color?: string | null;
  billing?: Partial<Omit<ContactBilling, 'address'>> & { address?: Partial<PostalAddress> };
}

export interface ContactEventData {
  ContactCreated: { profile: ContactProfile; source: 'api' | 'import' };
  ContactUpdated: { changes: ContactProfileChanges };
  ContactArchived: Record<string, never>;
  ContactReactivated: Record<string, never>;
}

export type ContactEventType = keyof ContactEventData;
export type ContactEvent = { [K in ContactEventType]: EventEnvelope<K, ContactEventData[K]> }[ContactEventType];

/**
 * Notes on a contact: events of the Contact aggregate on contacts.events, like the ones above.
 * Kept in their own map so consumers with exhaustive switches over ContactEvent keep compiling
 * until they handle them; a consumer that cares (reporting counts notes) adds ContactNoteEvent.
 */
export interface ContactNoteEventData {
  ContactNoteAdded: { noteId: string; body: string };
  ContactNoteEdited: { noteId: string; body: string };
  ContactNoteDeleted: { noteId: string };
}

export type ContactNoteEventType = keyof ContactNoteEventData;
export type ContactNoteEvent = { [K in ContactNoteEventType]: EventEnvelope<K, ContactNoteEventData[K]> }[ContactNoteEventType];
