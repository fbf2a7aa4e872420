import { ContactEvent, ContactNoteEvent, ContactProfile, ContactProfileChanges, EventEnvelope } from '@carnet/events';

export interface ContactNote {
  id: string;
  /** Version of the event that added it: orders notes (newest first) and pages them stably. */
  seq: number;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface ContactState {
  id: string;
  exists: boolean;
  profile: ContactProfile | null;
  status: 'active' | 'archived';
  createdAt: string | null;
  archivedAt: string | null;
  updatedAt: string | null;
  /** Live notes in the order they were added; a deleted note is removed. */
  notes: ContactNote[];
}

export const initialContactState = (id: string): ContactState => ({
  id, exists: false, profile: null, status: 'active', createdAt: null, archivedAt: null, updatedAt: null, notes: [],
});

/** Applies profile changes: top-level fields replaced, billing and address merged field by field. */
export function mergeProfile(profile: ContactProfile, changes: ContactProfileChanges): ContactProfile {
  const { billing, ...top } = changes;
  return {
    ...profile,
    ...top,
    billing: billing
      ? { ...profile.billing, ...billing, address: { ...profile.billing.address, ...(billing.address ?? {}) } }
      : profile.billing,
  };
}

/** Snapshots written before notes existed have no `notes`: they are read as none. */
export const notesOf = (state: ContactState): ContactNote[] => state.notes ?? [];

export function evolveContact(state: ContactState, event: EventEnvelope): ContactState {
  const e = event as ContactEvent | ContactNoteEvent;
  switch (e.type) {
    case 'ContactCreated':
      return { ...state, exists: true, profile: e.data.profile, status: 'active', createdAt: e.occurredAt, updatedAt: e.occurredAt };
    case 'ContactUpdated':
      return state.profile ? { ...state, profile: mergeProfile(state.profile, e.data.changes), updatedAt: e.occurredAt } : state;
    case 'ContactArchived':
      return { ...state, status: 'archived', archivedAt: e.occurredAt, updatedAt: e.occurredAt };
    case 'ContactReactivated':
      return { ...state, status: 'active', archivedAt: null, updatedAt: e.occurredAt };
    case 'ContactNoteAdded':
      return { ...state, notes: [...notesOf(state), { id: e.data.noteId, seq: e.version, body: e.data.body, createdAt: e.occurredAt, updatedAt: e.occurredAt }] };
    case 'ContactNoteEdited':
      return { ...state, notes: notesOf(state).map((n) => (n.id === e.data.noteId ? { ...n, body: e.data.body, updatedAt: e.occurredAt } : n)) };
    case 'ContactNoteDeleted':
      return { ...state, notes: notesOf(state).filter((n) => n.id !== e.data.noteId) };
    default: {
      const unknownType: never = e;
      return unknownType;
    }
  }
}
