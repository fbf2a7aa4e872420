import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { EventEnvelope } from '@carnet/events';
import { CommitDocument, EventStore } from './event-store';

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
  /** How often the whole outbox is scanned for commits this process was not told about. */
  scanIntervalMs?: number;
  batchSize?: number;
  leaseMs?: number;
  log?: (msg: string, err?: unknown) => void;
}

/**
 * Publishes unpublished commits to Kafka in per-aggregate order, then marks them published.
 * A crash between publish and mark republishes on restart (consumers are idempotent); nothing
 * accepted is ever lost. One relay per service publishes at a time, holding a lease in its database.
 *
 * Commits appended in this process are handed over in memory and published at once, marked by
 * _id; the whole outbox is scanned only at start and every `scanIntervalMs`, for what a crash or
 * another instance left behind (a filtered scan is a full collection scan on FerretDB/SQLite).
 */
export class OutboxRelay {
  private readonly leases: Collection<LeaseDocument>;
  private readonly owner = randomUUID();
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private readonly handedOver: CommitDocument[] = [];
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
    await this.leases.deleteOne({ _id: this.opts.topic, owner: this.owner }).catch(() => undefined);
  }

  /** Publishes everything pending now; returns how many commits were published. Used by tests and the loop. */
  async publishPending(): Promise<number> {
    if (!(await this.holdLease())) return 0;
    const batch = await this.store.commits
      .find({ published: false })
      .sort({ committedAt: 1 })
      .limit(this.opts.batchSize ?? 500)
      .toArray();
    if (batch.length === 0) return 0;
    // Group by aggregate and take every pending commit of each, oldest version first, so a
    // clock skew between writers can never publish version n+1 before version n.
    const streams = new Map<string, { tenantId: string; aggregateId: string }>();
    for (const c of batch) streams.set(`${c.tenantId}\u0000${c.aggregateId}`, { tenantId: c.tenantId, aggregateId: c.aggregateId });
    let published = 0;
    for (const { tenantId, aggregateId } of streams.values()) {
      const pending: CommitDocument[] = await this.store.commits
        .find({ tenantId, aggregateId, published: false })
        .sort({ version: 1 })
        .toArray();
      if (pending.length === 0) continue;
      await this.publisher.publish(this.opts.topic, pending.flatMap((c) => c.events));
      await this.store.commits.updateMany({ _id: { $in: pending.map((c) => c._id) } }, { $set: { published: true } });
      published += pending.length;
    }
    return published;
  }

  private async holdLease(): Promise<boolean> {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + (this.opts.leaseMs ?? 10_000));
    try {
      const res = await this.leases.updateOne(
        { _id: this.opts.topic, $or: [{ owner: this.owner }, { expiresAt: { $lt: now } }] },
        { $set: { owner: this.owner, expiresAt } },
        { upsert: true },
      );
      return res.matchedCount + res.upsertedCount > 0;
    } catch {
      // duplicate key on upsert: another relay holds a live lease
      return false;
    }
  }

  /** Publishes the commits appended in this process since the last call, in append order. */
  private async publishHandedOver(): Promise<number> {
    if (this.handedOver.length === 0) return 0;
    // Batches keep one Kafka send and one marking query per few hundred commits (a bulk import).
    const batch = this.handedOver.splice(0, this.opts.batchSize ?? 500);
    // Without the lease another relay publishes them (it finds them in its scan).
    if (!(await this.holdLease())) return 0;
    try {
      // One send keeps append order, so each aggregate's events stay in order on their partition.
      await this.publisher.publish(this.opts.topic, batch.flatMap((c) => c.events));
      if (batch.length === 1) await this.store.commits.updateOne({ _id: batch[0]!._id }, { $set: { published: true } });
      else await this.store.commits.updateMany({ _id: { $in: batch.map((c) => c._id) } }, { $set: { published: true } });
      return batch.length;
    } catch (e) {
      // Nothing is lost: the commits stay unpublished in the store and the next scan finds them.
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
        if (Date.now() >= nextScan) {
          this.handedOver.length = 0; // the scan sees them too
          published = await this.publishPending();
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
