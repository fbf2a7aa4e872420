import type { Collection, Db } from 'mongodb';
import { EventEnvelope, EventMetadata, NewEvent } from '@carnet/events';
import { ConcurrencyError, EventStore } from './event-store';
import { RecentMap } from './recent-map';
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

interface CachedState<S> extends Loaded<S> {
  /** Version of the stored snapshot (0: none). */
  snapshotVersion: number;
}

// Aggregates whose state this process keeps between commands (a large client account can weigh
// megabytes); past this many the least recently used goes.
const MAX_CACHED_STATES = 2_000;

/**
 * Loads aggregates from the latest snapshot plus later events, and runs decisions against them.
 * A snapshot is written every `snapshotEvery` events, so a command on a long history reads a
 * bounded number of events. The state of an aggregate this process loaded or changed is kept in
 * memory: the next load only asks the store for commits after it (one `_id` lookup when there are
 * none), and a command decides on it without asking at all (see execute), so a command costs the
 * same on a busy aggregate as on a new one. States are immutable (evolve returns a new one), and a
 * commit from another process is read like any other.
 */
export class AggregateRepository<S> {
  private readonly snapshots: Collection<SnapshotDocument<S>>;
  private readonly states = new RecentMap<string, CachedState<S>>(MAX_CACHED_STATES);

  constructor(
    private readonly store: EventStore,
    db: Db,
    private readonly def: AggregateDefinition<S>,
    private readonly snapshotEvery = 25,
  ) {
    this.snapshots = db.collection<SnapshotDocument<S>>(`snapshots_${def.type.toLowerCase()}`);
  }

  async load(tenantId: string, aggregateId: string): Promise<Loaded<S>> {
    const key = `${tenantId}:${aggregateId}`;
    let cached = this.states.get(key);
    if (!cached) {
      const snap = await this.snapshots.findOne({ _id: key });
      cached = snap
        ? { state: snap.state, version: snap.version, snapshotVersion: snap.version }
        : { state: this.def.initial(aggregateId), version: 0, snapshotVersion: 0 };
    }
    let { state, version } = cached;
    for (const e of await this.store.load(tenantId, aggregateId, version)) {
      state = this.def.evolve(state, e);
      version = e.version;
    }
    let { snapshotVersion } = cached;
    if (version - snapshotVersion >= this.snapshotEvery) {
      await this.saveSnapshot(tenantId, aggregateId, version, state);
      snapshotVersion = version;
    }
    this.remember(key, { state, version, snapshotVersion });
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
    const key = `${tenantId}:${aggregateId}`;
    // The first try decides on the state this process holds, without asking the store whether
    // another process wrote since: if one did, the append collides on the version it took.
    let trustCache = true;
    for (let attempt = 0; ; attempt++) {
      const cached = trustCache ? this.states.get(key) : undefined;
      const current = cached ? { state: cached.state, version: cached.version } : await this.load(tenantId, aggregateId);
      let newEvents: NewEvent[];
      try {
        newEvents = decide(current);
      } catch (e) {
        // A refusal (say, a stale If-Match) is only final when made on the stored state.
        if (!cached) throw e;
        trustCache = false;
        attempt--;
        continue;
      }
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
        let snapshotVersion = this.states.get(key)?.snapshotVersion ?? 0;
        // The events are stored: a snapshot that fails now is only tried again later.
        if (version - snapshotVersion >= this.snapshotEvery
          && await this.saveSnapshot(tenantId, aggregateId, version, state).then(() => true, () => false)) snapshotVersion = version;
        this.remember(key, { state, version, snapshotVersion });
        return { state, version, events };
      } catch (e) {
        if (!(e instanceof ConcurrencyError)) throw e;
        // A state held from before another process's write: decide again on the stored one, as
        // if it had been read first (not a conflict the caller has to hear about).
        if (cached) {
          trustCache = false;
          attempt--;
          continue;
        }
        if (attempt < (opts.retriesOnConflict ?? 0)) continue;
        throw e;
      }
    }
  }

  // Never back: a slower load in this process must not replace a newer state.
  private remember(key: string, entry: CachedState<S>): void {
    const known = this.states.get(key);
    if (known && known.version > entry.version) return;
    this.states.set(key, entry);
  }

  private async saveSnapshot(tenantId: string, aggregateId: string, version: number, state: S): Promise<void> {
    // Only move forward: a slower writer must not replace a newer snapshot.
    await upsertIfNewer(this.snapshots, { _id: `${tenantId}:${aggregateId}`, tenantId, aggregateId, version, state });
  }
}
