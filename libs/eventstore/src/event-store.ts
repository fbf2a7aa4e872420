import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Collection, Db } from 'mongodb';
import { EventEnvelope, EventMetadata, NewEvent } from '@carnet/events';
import { GroupedInsert } from './grouped-insert';
import { insertAllNew } from './insert-all-new';
import { isDuplicateKey } from './write-errors';
import { retryTransientWrite } from './transient-write';

/**
 * One document per command: all the events it produced, appended atomically. Its _id is
 * tenantId|aggregateId|version (version = the commit's first event version): the unique key of
 * (tenantId, aggregateId, version), so a writer with a stale view loses with a ConcurrencyError
 * instead of overwriting. Loading follows the chain of commits by _id — the one
 * lookup FerretDB/SQLite answers without scanning the collection. Which commits Kafka does not have
 * yet is kept apart, in the outbox (OutboxEntry).
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
}

/**
 * A commit not yet published, in its own small collection: the relay finds pending work by
 * scanning this, never the ever-growing commits (a filter other than `_id` alone is a full scan on
 * FerretDB/SQLite). Written before its commit, so a crash between the two leaves an entry without
 * a commit (dropped by the relay after a grace period), never a commit that is not published.
 */
export interface OutboxEntry {
  /** The commit's _id. */
  _id: string;
  tenantId: string;
  aggregateId: string;
  version: number;
  createdAt: Date;
  /** Which append wrote it (random), so that only that append, or one that takes over an abandoned entry, removes it. */
  writer?: string;
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
// FerretDB/SQLite answers an `_id` `$in` of up to 1,000 on its index (deploy/local/infra.mjs).
const MAX_IDS_PER_QUERY = 1_000;

/** `ids` in slices an `_id` `$in` can take. */
function* idChunks(ids: readonly string[]): Generator<string[]> {
  for (let i = 0; i < ids.length; i += MAX_IDS_PER_QUERY) yield ids.slice(i, i + MAX_IDS_PER_QUERY);
}

/** The _id of the commit whose first event has `version`: ordered and unique per stream. */
export const commitId = (tenantId: string, aggregateId: string, version: number) =>
  `${tenantId}|${aggregateId}|${String(version).padStart(10, '0')}`;

/** The commit document for a request: its events in envelopes, versioned from expectedVersion + 1. */
function buildCommit(req: AppendRequest): CommitDocument {
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
  return {
    _id: commitId(req.tenantId, req.aggregateId, req.expectedVersion + 1),
    tenantId: req.tenantId,
    aggregateType: req.aggregateType,
    aggregateId: req.aggregateId,
    version: req.expectedVersion + 1,
    lastVersion: req.expectedVersion + envelopes.length,
    contactId: req.contactId,
    events: envelopes,
    committedAt: now,
  };
}

const outboxEntry = (c: CommitDocument): OutboxEntry =>
  ({ _id: c._id, tenantId: c.tenantId, aggregateId: c.aggregateId, version: c.version, createdAt: c.committedAt, writer: randomUUID() });

/** The filter that removes this entry and not one written since under the same _id. */
const sameEntry = (e: OutboxEntry) => (e.writer === undefined ? { _id: e._id, writer: { $exists: false } } : { _id: e._id, writer: e.writer });

// An entry without its commit for this long was left by an append that died between its two
// inserts (an append takes milliseconds): the next writer of that version takes it over instead
// of being refused until the relay drops it. Taking over one still in flight only publishes a commit twice.
const ABANDONED_AFTER_MS = 5_000;

/** Marks what has been done once to a store written by an older version (see ensureIndexes). */
interface MigrationDocument {
  _id: string;
  at: Date;
}
const CURRENT_LAYOUT = 'commit-ids-and-outbox';

export class EventStore {
  readonly commits: Collection<CommitDocument>;
  readonly outbox: Collection<OutboxEntry>;
  private readonly migrations: Collection<MigrationDocument>;
  /** Emits 'appended' with each new commit, so a relay in the same process publishes it at once. */
  readonly notifications = new EventEmitter();
  // Appends made at the same time share their inserts (group commit).
  private readonly outboxInserts: GroupedInsert<OutboxEntry>;
  private readonly commitInserts: GroupedInsert<CommitDocument>;

  constructor(db: Db, collectionName = 'commits') {
    this.commits = db.collection<CommitDocument>(collectionName);
    this.outbox = db.collection<OutboxEntry>(`${collectionName}_outbox`);
    this.migrations = db.collection<MigrationDocument>(`${collectionName}_migrations`);
    this.outboxInserts = new GroupedInsert(this.outbox);
    this.commitInserts = new GroupedInsert(this.commits);
  }

  async ensureIndexes(): Promise<void> {
    // The unique key of (tenantId, aggregateId, version) is the _id itself.
    await this.commits.dropIndex('stream_version_unique').catch(() => undefined);
    await this.commits.dropIndex('outbox').catch(() => undefined);
    if (await this.migrations.findOne({ _id: CURRENT_LAYOUT })) return;
    await this.migrateLayout();
    await this.migrations.insertOne({ _id: CURRENT_LAYOUT, at: new Date() }).catch((e: unknown) => {
      if (!isDuplicateKey(e)) throw e;
    });
  }

  /**
   * Once per store written by an older version: commits get their _id keyed by stream and version
   * (so that loading by _id finds them), and those marked `published: false` get an outbox entry.
   */
  private async migrateLayout(): Promise<void> {
    type Legacy = Omit<CommitDocument, 'events'> & { published?: boolean };
    const all = (await this.commits.find({}, { projection: { events: 0 } }).toArray()) as Legacy[];
    for (const c of all) {
      const id = commitId(c.tenantId, c.aggregateId, c.version);
      if (c.published === false) {
        await this.outbox.insertOne(outboxEntry({ ...c, _id: id, events: [] })).catch((e: unknown) => {
          if (!isDuplicateKey(e)) throw e;
        });
      }
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
    const commit = buildCommit(req);
    // The outbox entry goes first and shares the commit's _id: a live entry means the version is
    // being written (or awaits publishing), so a second writer loses here already.
    let entry = outboxEntry(commit);
    let tookOver = false;
    try {
      await this.outboxInserts.insert(entry);
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      entry = await this.takeOverAbandoned(entry, req);
      tookOver = true;
    }
    try {
      await this.commitInserts.insert(commit);
    } catch (e) {
      if (isDuplicateKey(e)) {
        // The version was written before us: its own entry is gone (published), so ours goes. One
        // taken over stays: the commit there may be the one whose entry we removed.
        if (!tookOver) await this.outbox.deleteOne(sameEntry(entry));
        throw new ConcurrencyError(req.aggregateId, req.expectedVersion);
      }
      throw e; // the entry stays: if the commit was stored after all, the relay publishes it
    }
    this.notifications.emit('appended', commit);
    return commit.events;
  }

  /**
   * The entry in the way is replaced by ours when it has no commit and is older than
   * ABANDONED_AFTER_MS; otherwise the version is another writer's (ConcurrencyError).
   */
  private async takeOverAbandoned(ours: OutboxEntry, req: AppendRequest): Promise<OutboxEntry> {
    const conflict = new ConcurrencyError(req.aggregateId, req.expectedVersion);
    const [theirs, commit] = await Promise.all([this.outbox.findOne({ _id: ours._id }), this.commits.findOne({ _id: ours._id }, { projection: { _id: 1 } })]);
    if (!theirs || commit || Date.now() - theirs.createdAt.getTime() < ABANDONED_AFTER_MS) throw conflict;
    await this.outbox.deleteOne(sameEntry(theirs));
    const entry = { ...ours, createdAt: new Date() };
    try {
      await this.outbox.insertOne(entry);
    } catch (e) {
      if (isDuplicateKey(e)) throw conflict; // another writer took it over first
      throw e;
    }
    return entry;
  }

  /**
   * Appends the first commit of many new aggregates with two bulk inserts (imports). Their ids must
   * be new (random), so a duplicate key can only be this call's own insert sent again: the inserts
   * are retried while the server is busy. Entries whose commit was not stored are dropped by the
   * relay.
   */
  async appendNew(reqs: AppendRequest[]): Promise<CommitDocument[]> {
    const commits = reqs.filter((r) => r.events.length > 0).map((r) => {
      if (r.expectedVersion !== 0) throw new Error(`appendNew is for new aggregates; ${r.aggregateId} expects version ${r.expectedVersion}`);
      return buildCommit(r);
    });
    if (commits.length === 0) return [];
    await retryTransientWrite(() => insertAllNew(this.outbox, commits.map(outboxEntry)));
    await retryTransientWrite(() => insertAllNew(this.commits, commits));
    for (const c of commits) this.notifications.emit('appended', c);
    return commits;
  }

  /** Every outbox entry, oldest first (sorted here: FerretDB/SQLite sorts by parsing every document). */
  async pending(): Promise<OutboxEntry[]> {
    const entries = await this.outbox.find({}).toArray();
    return entries.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a._id.localeCompare(b._id));
  }

  /** How many commits Kafka does not have yet. */
  pendingCount(): Promise<number> {
    return this.outbox.countDocuments({});
  }

  /**
   * Removes the outbox entries of commits Kafka now has, in one delete per MAX_IDS_PER_QUERY.
   */
  async markPublished(commitIds: string[]): Promise<void> {
    for (const ids of idChunks(commitIds)) await this.outbox.deleteMany({ _id: { $in: ids } });
  }

  /** Removes an entry whose append failed, unless another append has written that version's entry since. */
  async dropAbandoned(entry: OutboxEntry): Promise<void> {
    await this.outbox.deleteOne(sameEntry(entry));
  }

  /** The commits of some _ids that are stored, in no particular order. */
  async commitsById(ids: readonly string[]): Promise<CommitDocument[]> {
    const found: CommitDocument[] = [];
    for (const chunk of idChunks(ids)) found.push(...(await this.commits.find({ _id: { $in: chunk } }).toArray()));
    return found;
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
