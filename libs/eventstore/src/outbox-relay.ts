import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { EventEnvelope } from '@carnet/events';
import { CommitDocument, EventStore, OutboxEntry } from './event-store';
import { isDuplicateKey } from './write-errors';

/** Where the relay sends events; libs/messaging implements it on kafkajs. */
export interface EventPublisher {
  publish(topic: string, events: EventEnvelope[]): Promise<void>;
}

interface LeaseDocument {
  _id: string;
  owner: string;
  expiresAt: Date;
}

export interface OutboxRelayOptions {
  topic: string;
  /** How often the outbox is scanned for commits this process was not told about. */
  scanIntervalMs?: number;
  /** How old an outbox entry without its commit must be before it is dropped as a failed append. */
  orphanAfterMs?: number;
  batchSize?: number;
  leaseMs?: number;
  log?: (msg: string, err?: unknown) => void;
}

/**
 * Publishes the commits of the outbox to Kafka in per-aggregate order, then removes their entries.
 * A crash between publish and removal republishes on restart (consumers are idempotent); nothing
 * accepted is ever lost. One relay per service publishes at a time, holding a lease in its database.
 *
 * Commits appended in this process are handed over in memory and published at once; the outbox
 * (only what is pending) is scanned at start and every `scanIntervalMs` when nothing is handed
 * over, for what a crash or another instance left behind.
 */
export class OutboxRelay {
  private readonly leases: Collection<LeaseDocument>;
  private readonly owner = randomUUID();
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private handedOver: CommitDocument[] = [];
  /** Until when this relay's lease is known to be held (0: not held). */
  private leaseHeldUntil = 0;
  private readonly onAppended = (commit: CommitDocument) => {
    this.handedOver.push(commit);
    this.wake?.();
  };

  constructor(
    private readonly store: EventStore,
    db: Db,
    private readonly publisher: EventPublisher,
    private readonly opts: OutboxRelayOptions,
  ) {
    this.leases = db.collection<LeaseDocument>('outbox_leases');
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.store.notifications.on('appended', this.onAppended);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.store.notifications.off('appended', this.onAppended);
    this.wake?.();
    await this.loop;
    this.leaseHeldUntil = 0;
    await this.leases.deleteOne({ _id: this.opts.topic, owner: this.owner }).catch(() => undefined);
  }

  /**
   * Publishes what is pending now; returns how many commits were published. Used by tests and the
   * loop. The outbox is read once (it holds only what is pending, but that can be a whole import),
   * grouped by aggregate with each one's versions in order, so a clock skew between writers can
   * never publish version n+1 before version n; then sent a few hundred commits at a time, each
   * batch's commits read in one query. `olderThanMs` leaves out younger entries: appends of this
   * process still in flight, which it hands over itself.
   */
  async publishPending(olderThanMs = 0): Promise<number> {
    if (!(await this.holdLease())) return 0;
    const cutoff = Date.now() - olderThanMs;
    const streams = new Map<string, OutboxEntry[]>();
    for (const entry of await this.store.pending()) {
      if (entry.createdAt.getTime() > cutoff) continue;
      const key = `${entry.tenantId}\u0000${entry.aggregateId}`;
      if (!streams.has(key)) streams.set(key, []);
      streams.get(key)!.push(entry);
    }
    const batchSize = this.opts.batchSize ?? 500;
    let published = 0;
    let batch: OutboxEntry[][] = [];
    const send = async () => {
      const commits = await this.commitsInOrder(batch);
      batch = [];
      if (commits.length === 0) return;
      await this.publisher.publish(this.opts.topic, commits.flatMap((c) => c.events));
      await this.store.markPublished(commits.map((c) => c._id));
      published += commits.length;
      const sent = new Set(commits.map((c) => c._id));
      // What this process handed over and the scan just sent is not sent again.
      if (this.handedOver.some((c) => sent.has(c._id))) this.handedOver = this.handedOver.filter((c) => !sent.has(c._id));
    };
    let size = 0;
    for (const entries of streams.values()) {
      batch.push(entries.sort((a, b) => a.version - b.version));
      size += entries.length;
      if (size < batchSize) continue;
      await send();
      size = 0;
      if (!(await this.holdLease())) return published;
    }
    if (batch.length > 0) await send();
    return published;
  }

  /**
   * The commits of some aggregates' outbox entries, each aggregate's up to the first whose commit
   * is not there: an append in flight (its later versions wait for it), or one that failed after
   * writing its entry (dropped once older than `orphanAfterMs`).
   */
  private async commitsInOrder(streams: OutboxEntry[][]): Promise<CommitDocument[]> {
    const stored = new Map((await this.store.commitsById(streams.flat().map((e) => e._id))).map((c) => [c._id, c]));
    const commits: CommitDocument[] = [];
    for (const entries of streams) {
      for (const entry of entries) {
        const commit = stored.get(entry._id);
        if (commit) {
          commits.push(commit);
          continue;
        }
        if (Date.now() - entry.createdAt.getTime() < (this.opts.orphanAfterMs ?? 60_000)) break;
        this.opts.log?.(`outbox entry ${entry._id} has no commit after ${this.opts.orphanAfterMs ?? 60_000} ms: its append failed; dropped`);
        await this.store.dropAbandoned(entry);
      }
    }
    return commits;
  }

  private async holdLease(): Promise<boolean> {
    const now = new Date();
    const leaseMs = this.opts.leaseMs ?? 10_000;
    // Renewed once past half its term, not before every batch: no other relay can take it before it expires.
    if (now.getTime() < this.leaseHeldUntil - leaseMs / 2) return true;
    const expiresAt = new Date(now.getTime() + leaseMs);
    this.leaseHeldUntil = 0;
    try {
      const res = await this.leases.updateOne(
        { _id: this.opts.topic, $or: [{ owner: this.owner }, { expiresAt: { $lt: now } }] },
        { $set: { owner: this.owner, expiresAt } },
        { upsert: true },
      );
      const held = res.matchedCount + res.upsertedCount > 0;
      if (held) this.leaseHeldUntil = expiresAt.getTime();
      return held;
    } catch (e) {
      // A duplicate key on the upsert: another relay holds a live lease. Anything else (a busy
      // database) is a failure of this round, retried by the loop with the work kept.
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }

  /** Publishes the commits appended in this process since the last call, in append order. */
  private async publishHandedOver(): Promise<number> {
    if (this.handedOver.length === 0) return 0;
    // Without the lease another relay publishes them (it finds them in its scan).
    if (!(await this.holdLease())) {
      this.handedOver = [];
      return 0;
    }
    // Batches keep one Kafka send and one outbox write per few hundred commits (a bulk import).
    const batch = this.handedOver.splice(0, this.opts.batchSize ?? 500);
    try {
      // One send keeps append order, so each aggregate's events stay in order on their partition.
      await this.publisher.publish(this.opts.topic, batch.flatMap((c) => c.events));
      await this.store.markPublished(batch.map((c) => c._id));
      return batch.length;
    } catch (e) {
      // Nothing is lost: the commits stay in the outbox and the next scan finds them.
      this.handedOver.unshift(...batch);
      throw e;
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    let nextScan = 0;
    while (this.running) {
      let published = 0;
      try {
        // The scan waits for a moment with nothing handed over: while this process appends, its
        // own commits come from memory, and a long read of the outbox would only slow the writes.
        if (Date.now() >= nextScan && this.handedOver.length === 0) {
          // The first scan takes everything; later ones what no append of this process can still hand over.
          published = await this.publishPending(nextScan === 0 ? 0 : this.opts.scanIntervalMs ?? 5_000);
          nextScan = Date.now() + (this.opts.scanIntervalMs ?? 5_000);
        } else {
          published = await this.publishHandedOver();
        }
        failures = 0;
      } catch (e) {
        failures++;
        nextScan = 0;
        this.opts.log?.(`outbox relay for ${this.opts.topic} failed (attempt ${failures}); retrying`, e);
      }
      if ((published > 0 || this.handedOver.length > 0) && failures === 0) continue;
      const delay = failures > 0 ? Math.min(5000, 100 * 2 ** failures) : Math.max(0, nextScan - Date.now());
      await new Promise<void>((res) => {
        const t = setTimeout(() => { this.wake = null; res(); }, delay);
        this.wake = () => { clearTimeout(t); this.wake = null; res(); };
      });
    }
  }
}
