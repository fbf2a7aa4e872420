import type { Collection, Db } from 'mongodb';
import { EventEnvelope, EventMetadata, NewEvent } from '@carnet/events';
import { ConcurrencyError, EventStore } from './event-store';
import { upsertIfNewer } from './upsert-if-newer';

/** What the store needs to know to rebuild an aggregate from its events. */
export interface AggregateDefinition<S> {
  type: string;
  initial(aggregateId: string): S;
  evolve(state: S, event: EventEnvelope): S;
}

export interface Loaded<S> {
  state: S;
  version: number;
}

interface SnapshotDocument<S> {
  _id: string;
  tenantId: string;
  aggregateId: string;
  version: number;
  state: S;
}

export interface ExecuteOptions {
  /** Re-decide on a fresh state this many times when another writer won the race (0 = report 409). */
  retriesOnConflict?: number;
  contactId: string | null;
  metadata: EventMetadata;
  now?: Date;
}

/**
 * Loads aggregates from the latest snapshot plus later events, and runs decisions against them.
 * A snapshot is written every `snapshotEvery` events, so a command on a long history reads a
 * bounded number of events.
 */
export class AggregateRepository<S> {
  private readonly snapshots: Collection<SnapshotDocument<S>>;

  constructor(
    private readonly store: EventStore,
    db: Db,
    private readonly def: AggregateDefinition<S>,
    private readonly snapshotEvery = 25,
  ) {
    this.snapshots = db.collection<SnapshotDocument<S>>(`snapshots_${def.type.toLowerCase()}`);
  }

  async load(tenantId: string, aggregateId: string): Promise<Loaded<S>> {
    const snap = await this.snapshots.findOne({ _id: `${tenantId}:${aggregateId}` });
    let state = snap ? snap.state : this.def.initial(aggregateId);
    let version = snap ? snap.version : 0;
    const events = await this.store.load(tenantId, aggregateId, version);
    for (const e of events) {
      state = this.def.evolve(state, e);
      version = e.version;
    }
    if (events.length >= this.snapshotEvery) await this.saveSnapshot(tenantId, aggregateId, version, state);
    return { state, version };
  }

  /**
   * Decides on the current state and appends the events. A decision that throws appends nothing.
   * Returns the new state, its version and the events appended (none when the decision had none).
   */
  async execute(
    tenantId: string,
    aggregateId: string,
    decide: (current: Loaded<S>) => NewEvent[],
    opts: ExecuteOptions,
  ): Promise<Loaded<S> & { events: EventEnvelope[] }> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.load(tenantId, aggregateId);
      const newEvents = decide(current);
      try {
        const events = await this.store.append({
          tenantId, aggregateType: this.def.type, aggregateId, expectedVersion: current.version,
          contactId: opts.contactId, events: newEvents, metadata: opts.metadata, now: opts.now,
        });
        let { state, version } = current;
        for (const e of events) {
          state = this.def.evolve(state, e);
          version = e.version;
        }
        return { state, version, events };
      } catch (e) {
        if (e instanceof ConcurrencyError && attempt < (opts.retriesOnConflict ?? 0)) continue;
        throw e;
      }
    }
  }

  private async saveSnapshot(tenantId: string, aggregateId: string, version: number, state: S): Promise<void> {
    // Only move forward: a slower writer must not replace a newer snapshot.
    await upsertIfNewer(this.snapshots, { _id: `${tenantId}:${aggregateId}`, tenantId, aggregateId, version, state });
  }
}
