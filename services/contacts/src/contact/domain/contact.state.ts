import { ContactProfile, EventEnvelope } from '@carnet/events';

export interface ContactState {
  id: string;
  exists: boolean;
  profile: ContactProfile | null;
  status: 'active' | 'archived';
  createdAt: string | null;
  archivedAt: string | null;
  updatedAt: string | null;
}

export const initialContactState = (id: string): ContactState => ({
  id, exists: false, profile: null, status: 'active', createdAt: null, archivedAt: null, updatedAt: null,
});

/** Applies profile changes: top-level fields replaced, billing and address merged field by field. */
export function mergeProfile(profile: ContactProfile, changes: import('@carnet/events').ContactProfileChanges): ContactProfile {
  const { billing, ...top } = changes;
  return {
    ...profile,
    ...top,
    billing: billing
      ? { ...profile.billing, ...billing, address: { ...profile.billing.address, ...(billing.address ?? {}) } }
      : profile.billing,
  };
}

export function evolveContact(state: ContactState, event: EventEnvelope): ContactState {
  const e = event as import('@carnet/events').ContactEvent;
  switch (e.type) {
    case 'ContactCreated':
      return { ...state, exists: true, profile: e.data.profile, status: 'active', createdAt: e.occurredAt, updatedAt: e.occurredAt };
    case 'ContactUpdated':
      return state.profile ? { ...state, profile: mergeProfile(state.profile, e.data.changes), updatedAt: e.occurredAt } : state;
    case 'ContactArchived':
      return { ...state, status: 'archived', archivedAt: e.occurredAt, updatedAt: e.occurredAt };
    case 'ContactReactivated':
      return { ...state, status: 'active', archivedAt: null, updatedAt: e.occurredAt };
    default: {
      const unknownType: never = e;
      return unknownType;
    }
  }
}
