// given(events).when(decision).then(events) for the ClientAccount, for the *.spec.ts beside it.
// (libs/testing is meant to hold the shared helper; this one stays here until it exists there.)
import { strict as assert } from 'node:assert';
import { BillingError, BillingErrorCode } from './billing.error';
import { ClientAccountEvent, ClientAccountNewEvent } from './client-account.events';
import { ClientAccountState, evolveClientAccount, initialClientAccountState } from './client-account.state';

export const TENANT_ID = 'tenant-1';
export const CONTACT_ID = 'contact-1';
const DEFAULT_OCCURRED_AT = '2027-01-01T12:00:00.000Z';

/** A past event, optionally with the instant the store stamped on it (InvoiceCreated's createdAt). */
export type GivenEvent = ClientAccountNewEvent & { occurredAt?: string };

type Decision = (state: ClientAccountState) => ClientAccountNewEvent[];

export function at(occurredAt: string, event: ClientAccountNewEvent): GivenEvent {
  return { ...event, occurredAt };
}

export function envelope(event: GivenEvent, version: number): ClientAccountEvent {
  const { occurredAt = DEFAULT_OCCURRED_AT, ...newEvent } = event;
  return {
    ...newEvent,
    id: `event-${version}`,
    schemaVersion: 1,
    tenantId: TENANT_ID,
    aggregateType: 'ClientAccount',
    aggregateId: CONTACT_ID,
    version,
    contactId: CONTACT_ID,
    occurredAt,
    metadata: { correlationId: 'test', causationId: null, actor: 'test' },
  };
}

export function fold(events: readonly GivenEvent[], from = initialClientAccountState(CONTACT_ID)): ClientAccountState {
  return events.reduce((state, e, i) => evolveClientAccount(state, envelope(e, i + 1)), from);
}

export function given(...events: GivenEvent[]) {
  const state = fold(events);
  return {
    state,
    when(decide: Decision) {
      return {
        /** Asserts the decision's events and returns the state they lead to. */
        then(expected: ClientAccountNewEvent[]): ClientAccountState {
          const actual = decide(state);
          assert.deepEqual(actual, expected);
          return actual.reduce((s, e, i) => evolveClientAccount(s, envelope(e, events.length + i + 1)), state);
        },
        thenThrows(code: BillingErrorCode, field?: string): void {
          assert.throws(
            () => decide(state),
            (e: unknown) => {
              assert.ok(e instanceof BillingError, `expected a BillingError, got ${String(e)}`);
              assert.equal(e.code, code);
              if (field !== undefined) assert.equal(e.field, field);
              return true;
            },
          );
        },
      };
    },
  };
}
