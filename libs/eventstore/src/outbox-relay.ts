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
  pollIntervalMs?: number;
  batchSize?: number;
  leaseMs?: number;
  log?: (msg: string, err?: unknown) => void;
}

/**
 * Publishes unpublished commits to Kafka in per-aggregate order, then marks them published.
 * A crash between publish and mark republishes on restart (consumers are idempotent); nothing
 * accepted is ever lost. One relay per service publishes at a time, holding a lease in its database.
 */
export class OutboxRelay {
  private readonly leases: Collection<LeaseDocument>;
  private readonly owner = randomUUID();
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private pendingWake = false;
  private readonly onAppended = () => {
    this.pendingWake = true;
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
      .limit(this.opts.batchSize ?? 200)
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

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      this.pendingWake = false;
      let published = 0;
      try {
        published = await this.publishPending();
        failures = 0;
      } catch (e) {
        failures++;
        this.opts.log?.(`outbox relay for ${this.opts.topic} failed (attempt ${failures}); retrying`, e);
      }
      if ((published > 0 || this.pendingWake) && failures === 0) continue;
      const delay = failures > 0 ? Math.min(5000, 100 * 2 ** failures) : this.opts.pollIntervalMs ?? 250;
      await new Promise<void>((res) => {
        const t = setTimeout(() => { this.wake = null; res(); }, delay);
        this.wake = () => { clearTimeout(t); this.wake = null; res(); };
      });
    }
  }
}
