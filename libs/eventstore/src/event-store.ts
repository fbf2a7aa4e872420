import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Collection, Db } from 'mongodb';
import { EventEnvelope, EventMetadata, NewEvent } from '@carnet/events';

/**
 * One document per command: all the events it produced, appended atomically. Its _id is
 * tenantId|aggregateId|version (version = the commit's first event version): the unique key of
 * (tenantId, aggregateId, version), so a writer with a stale view loses with a ConcurrencyError
 * instead of overwriting. Loading follows the chain of commits by _id — the one
 * lookup FerretDB/SQLite answers without scanning the collection. The commits collection is also
 * the outbox: `published` is set by the relay once Kafka has the events.
 */
export interface CommitDocument {
  _id: string;
  tenantId: string;
  aggregateType: string;
  aggregateId: string;
  /** Version of the first event in this commit. */
  version: number;
  lastVersion: number;
  contactId: string | null;
  events: EventEnvelope[];
  committedAt: Date;
  published: boolean;
}

export class ConcurrencyError extends Error {
  constructor(readonly aggregateId: string, readonly expectedVersion: number) {
    super(`aggregate ${aggregateId} changed since version ${expectedVersion}`);
    this.name = 'ConcurrencyError';
  }
}

export interface AppendRequest {
  tenantId: string;
  aggregateType: string;
  aggregateId: string;
  /** Version the decision was made on (0 for a new aggregate). */
  expectedVersion: number;
  contactId: string | null;
  events: NewEvent[];
  metadata: EventMetadata;
  /** Injected for tests; defaults to now. */
  now?: Date;
}

export const SCHEMA_VERSION = 1;

const CHAIN_STEPS = 40;

/** The _id of the commit whose first event has `version`: ordered and unique per stream. */
export const commitId = (tenantId: string, aggregateId: string, version: number) =>
  `${tenantId}|${aggregateId}|${String(version).padStart(10, '0')}`;
const isDuplicateKey = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: number }).code === 11000;

export class EventStore {
  readonly commits: Collection<CommitDocument>;
  /** Emits 'appended' with each new commit, so a relay in the same process publishes it at once. */
  readonly notifications = new EventEmitter();

  constructor(db: Db, collectionName = 'commits') {
    this.commits = db.collection<CommitDocument>(collectionName);
  }

  async ensureIndexes(): Promise<void> {
    // The unique key of (tenantId, aggregateId, version) is the _id itself.
    await this.commits.dropIndex('stream_version_unique').catch(() => undefined);
    await this.migrateCommitIds();
    await this.commits.createIndex({ published: 1, committedAt: 1 }, { name: 'outbox' });
  }

  // Stores written before commits were keyed by stream and version get their _id rewritten once,
  // so that loading by _id finds them.
  private async migrateCommitIds(): Promise<void> {
    const all = await this.commits.find({}, { projection: { events: 0 } }).toArray();
    for (const c of all) {
      const id = commitId(c.tenantId, c.aggregateId, c.version);
      if (c._id === id) continue;
      const full = await this.commits.findOne({ _id: c._id });
      if (!full) continue;
      await this.commits.insertOne({ ...full, _id: id }).catch((e: unknown) => {
        if (!isDuplicateKey(e)) throw e;
      });
      await this.commits.deleteOne({ _id: c._id });
    }
  }

  /** Appends one commit; throws ConcurrencyError when another writer got there first. */
  async append(req: AppendRequest): Promise<EventEnvelope[]> {
    if (req.events.length === 0) return [];
    const now = req.now ?? new Date();
    const envelopes: EventEnvelope[] = req.events.map((e, i) => ({
      id: randomUUID(),
      type: e.type,
      schemaVersion: SCHEMA_VERSION,
      tenantId: req.tenantId,
      aggregateType: req.aggregateType,
      aggregateId: req.aggregateId,
      version: req.expectedVersion + 1 + i,
      contactId: req.contactId,
      occurredAt: now.toISOString(),
      data: e.data,
      metadata: req.metadata,
    }));
    let commit: CommitDocument;
    try {
      commit = {
        _id: commitId(req.tenantId, req.aggregateId, req.expectedVersion + 1),
        tenantId: req.tenantId,
        aggregateType: req.aggregateType,
        aggregateId: req.aggregateId,
        version: req.expectedVersion + 1,
        lastVersion: req.expectedVersion + envelopes.length,
        contactId: req.contactId,
        events: envelopes,
        committedAt: now,
        published: false,
      };
      await this.commits.insertOne(commit);
    } catch (e) {
      if (isDuplicateKey(e)) throw new ConcurrencyError(req.aggregateId, req.expectedVersion);
      throw e;
    }
    this.notifications.emit('appended', commit);
    return envelopes;
  }

  /**
   * Events of one aggregate after `afterVersion` (0, or a version that ends a commit, as snapshots
   * do), in order. It follows the chain of commits by _id, the lookup FerretDB/SQLite answers
   * cheapest (about 1/60 of a filtered query); a chain longer than CHAIN_STEPS (a history read
   * without a recent snapshot) is finished with one filtered query instead.
   */
  async load(tenantId: string, aggregateId: string, afterVersion = 0): Promise<EventEnvelope[]> {
    const events: EventEnvelope[] = [];
    let next = afterVersion + 1;
    for (let step = 0; step < CHAIN_STEPS; step++) {
      const commit = await this.commits.findOne({ _id: commitId(tenantId, aggregateId, next) });
      if (!commit) return events;
      events.push(...commit.events);
      next = commit.lastVersion + 1;
    }
    const rest = await this.commits.find({ tenantId, aggregateId, version: { $gte: next } }).sort({ version: 1 }).toArray();
    for (const c of rest) events.push(...c.events);
    return events;
  }

  /** Every event of the store in commit order, for rebuilds. */
  async *readAll(batchSize = 500): AsyncGenerator<EventEnvelope> {
    const cursor = this.commits.find({}).sort({ committedAt: 1, version: 1 }).batchSize(batchSize);
    for await (const c of cursor) yield* c.events;
  }
}
