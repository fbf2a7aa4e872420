// What billing knows of a contact, from contacts.events. Each event is reduced to the facts it
// states (with its version), and facts are folded so that for each field the newest version wins:
// the answer does not depend on the order facts arrive in, nor on how often each one arrives.
import { ContactEvent } from '@carnet/events';
import { ContactSnapshot } from '@carnet/http';

/** What one contact event says that billing cares about. */
export interface ContactFact {
  version: number;
  created?: true;
  status?: 'active' | 'archived';
  currency?: string;
  paymentTermsDays?: number;
}

export interface KnownContactFields {
  /** False until ContactCreated has arrived: until then commands do not know the contact. */
  created: boolean;
  status: 'active' | 'archived';
  /** Null only before ContactCreated. */
  currency: string | null;
  paymentTermsDays: number;
}

/** The facts of an event, or null for an event billing has no use for. */
export function factOf(e: ContactEvent): ContactFact | null {
  switch (e.type) {
    case 'ContactCreated': {
      const { currency, paymentTermsDays } = e.data.profile.billing;
      return { version: e.version, created: true, status: 'active', currency, paymentTermsDays };
    }
    case 'ContactUpdated': {
      const billing = e.data.changes.billing;
      if (billing?.currency === undefined && billing?.paymentTermsDays === undefined) return null;
      return { version: e.version, ...(billing.currency !== undefined && { currency: billing.currency }), ...(billing.paymentTermsDays !== undefined && { paymentTermsDays: billing.paymentTermsDays }) };
    }
    case 'ContactArchived':
      return { version: e.version, status: 'archived' };
    case 'ContactReactivated':
      return { version: e.version, status: 'active' };
    default:
      return ignore(e);
  }
}

/** The gateway's snapshot of a contact at one version: every fact billing keeps, as of that version. */
export function factOfSnapshot(s: ContactSnapshot): ContactFact {
  return { version: s.version, created: true, status: s.status, currency: s.currency, paymentTermsDays: s.paymentTermsDays };
}

export function foldFacts(facts: readonly ContactFact[]): KnownContactFields {
  const newestFirst = [...facts].sort((a, b) => b.version - a.version);
  const newest = <K extends keyof ContactFact>(key: K): ContactFact[K] | undefined => newestFirst.find((f) => f[key] !== undefined)?.[key];
  return {
    created: newest('created') === true,
    status: newest('status') ?? 'active',
    currency: newest('currency') ?? null,
    paymentTermsDays: newest('paymentTermsDays') ?? 30,
  };
}

// Compile time: every contract type has a case. Run time: a newer producer's type states nothing.
function ignore(_event: never): null {
  return null;
}
