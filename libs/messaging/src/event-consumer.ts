import type { Collection, Db } from 'mongodb';
import { Consumer, Kafka, Partitioners, Producer } from 'kafkajs';
import { EventEnvelope, TOPICS } from '@carnet/events';
import { isStoreUnavailable, RecentMap } from '@carnet/eventstore';
import { parseEnvelope } from './envelope-guard';
import { ensureTopics } from './kafka-client';

export type EventHandler = (event: EventEnvelope) => Promise<void>;
/** Applies several events at once, in their order; must leave what `handler` would, one by one. */
export type BatchHandler = (events: EventEnvelope[]) => Promise<void>;

export interface EventConsumerOptions {
  groupId: string;
  topics: string[];
  handler: EventHandler;
  /** Used for each Kafka batch when given; if it throws, the batch's events go one by one through `handler`. */
  batchHandler?: BatchHandler;
  /** Events the handler has no use for are passed over without a checkpoint read or write (default: all are used). */
  relevant?: (event: EventEnvelope) => boolean;
  /**
   * How a fetch waits for events (default: up to 100 ms for the first byte). A consumer whose lag
   * no reader waits on (a catch-up) takes BACKGROUND_FETCH and costs the broker a few requests a
   * second instead of one per event.
   */
  fetch?: { maxWaitTimeInMs: number; minBytes: number };
  /**
   * Where the versions applied per aggregate are kept (default 'stored', in consumer_checkpoints).
   * 'memory' suits a handler that ignores what it has applied on its own (version-guarded read
   * models): it spares one write per aggregate per batch, and after a restart the events Kafka
   * delivers again reach the handler, which changes nothing with them.
   */
  checkpoints?: 'stored' | 'memory';
  /**
   * How many partitions' batches are handled at once (default 1). More suits a handler whose
   * batches may interleave (each partition's events still come in order): its database round
   * trips then overlap instead of queueing one partition behind another.
   */
  partitionsAtOnce?: number;
  /** Attempts before an event is dead-lettered (default 5). */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt (default 200 ms). */
  retryDelayMs?: number;
  log?: (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;
}

interface CheckpointDocument {
  _id: string;
  version: number;
}

export const DEAD_LETTER_TOPIC = TOPICS.deadLetters;

/** Fetches that wait for 64 KiB of events or half a second, whichever comes first. */
export const BACKGROUND_FETCH = { maxWaitTimeInMs: 500, minBytes: 64 * 1024 };

// Checkpoints this consumer read or wrote, so an aggregate's next event costs no read.
const MAX_CACHED_CHECKPOINTS = 200_000;
// Events applied between two offset resolutions: bounds what a stop or a rebalance replays.
const CHUNK = 500;
// Longest pause between two tries of an event while the database is unavailable.
const OUTAGE_RETRY_MAX_MS = 5_000;

/**
 * Runs a handler for every event of some topics, at least once and idempotently:
 * - an event whose aggregate version this group has already applied is skipped (a relay may
 *   publish twice; a consumer may see a batch again after a restart);
 * - a handler that throws is retried with backoff; the offset is not committed meanwhile;
 * - after the last attempt the event goes to the dead-letter topic with its error (logged), and
 *   only once the dead letter is written is the offset committed: nothing is dropped silently.
 * Events come a Kafka batch at a time: the batch handler applies them together, and the
 * checkpoints of the batch are written in one round trip.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly deadLetters: Producer;
  private readonly checkpoints: Collection<CheckpointDocument>;
  /** Connected on the first dead letter, once even when several partitions fail at the same time. */
  private deadLettersConnected: Promise<void> | null = null;
  private readonly kafka: Kafka;
  private readonly applied = new RecentMap<string, number>(MAX_CACHED_CHECKPOINTS);
  /** Counts for /metrics-style inspection and tests. */
  readonly stats = { applied: 0, skipped: 0, retried: 0, deadLettered: 0 };
  private stopping = false;

  constructor(kafka: Kafka, db: Db, private readonly opts: EventConsumerOptions) {
    this.consumer = kafka.consumer({ groupId: opts.groupId, sessionTimeout: 10_000, heartbeatInterval: 1000, maxWaitTimeInMs: 100, ...opts.fetch });
    this.deadLetters = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    this.kafka = kafka;
    this.checkpoints = db.collection<CheckpointDocument>(`consumer_checkpoints`);
  }

  /** Connects, subscribes from the beginning and resolves once the group is joined. */
  async start(): Promise<void> {
    const joined = new Promise<void>((res) => {
      const off = this.consumer.on(this.consumer.events.GROUP_JOIN, () => { off(); res(); });
    });
    await ensureTopics(this.kafka, [...this.opts.topics, DEAD_LETTER_TOPIC]);
    await this.consumer.connect();
    for (const topic of this.opts.topics) await this.consumer.subscribe({ topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.opts.partitionsAtOnce ?? 1,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        for (let from = 0; from < batch.messages.length; from += CHUNK) {
          if (!isRunning() || isStale()) return;
          const chunk = batch.messages.slice(from, from + CHUNK);
          await this.handleChunk(batch.topic, batch.partition, chunk.map((m) => m.value));
          resolveOffset(chunk[chunk.length - 1]!.offset);
          await heartbeat();
        }
      },
    });
    await joined;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer.disconnect();
    if (this.deadLettersConnected) await this.deadLetters.disconnect();
    this.deadLettersConnected = null;
  }

  private checkpointId(e: EventEnvelope): string {
    return `${this.opts.groupId}|${e.tenantId}|${e.aggregateType}|${e.aggregateId}`;
  }

  private async handleChunk(topic: string, partition: number, values: Array<Buffer | null>): Promise<void> {
    const fresh: EventEnvelope[] = [];
    // Versions taken in this chunk, so an event sent twice within it is applied once.
    const taken = new Map<string, number>();
    for (const value of values) {
      const event = parseEnvelope(value);
      if (!event) {
        await this.deadLetter(topic, value?.toString('utf8') ?? '', 'not an event envelope');
        continue;
      }
      if (this.opts.relevant && !this.opts.relevant(event)) continue;
      const _id = this.checkpointId(event);
      if ((taken.get(_id) ?? (await this.appliedVersion(_id))) >= event.version) {
        this.stats.skipped++;
        continue;
      }
      taken.set(_id, event.version);
      fresh.push(event);
    }
    if (fresh.length === 0) return;
    const done = this.opts.batchHandler && (await this.opts.batchHandler(fresh).then(() => true, (err: unknown) => {
      this.opts.log?.('warn', `a batch of ${fresh.length} events failed; applying them one by one`, { topic, partition, error: String(err) });
      return false;
    }));
    if (done) this.stats.applied += fresh.length;
    else for (const event of fresh) await this.handleOne(topic, partition, event);
    await this.saveCheckpoints(taken);
  }

  private async handleOne(topic: string, partition: number, event: EventEnvelope): Promise<void> {
    const max = this.opts.maxAttempts ?? 5;
    for (let attempt = 1, outages = 0; ; attempt++) {
      try {
        await this.opts.handler(event);
        // Counted as soon as its effect is visible, before the checkpoint is written.
        this.stats.applied++;
        return;
      } catch (err) {
        if (isStoreUnavailable(err)) {
          // The database is down, not the event: wait for it however long it takes (never a dead
          // letter); a stop meanwhile leaves the offset unresolved, so the event comes again.
          if (this.stopping) throw err;
          attempt--;
          outages++;
          this.stats.retried++;
          if (outages === 1 || outages % 10 === 0) this.opts.log?.('warn', `the database is unavailable; event ${event.type} ${event.id} waits for it`, { topic, partition, error: String(err) });
          await new Promise((r) => setTimeout(r, Math.min(OUTAGE_RETRY_MAX_MS, (this.opts.retryDelayMs ?? 200) * 2 ** Math.min(outages, 10))));
          continue;
        }
        if (attempt >= max) {
          this.opts.log?.('error', `event ${event.type} ${event.id} failed ${attempt} times; dead-lettered`, { topic, partition, error: String(err) });
          await this.deadLetter(topic, JSON.stringify(event), String(err));
          return;
        }
        this.stats.retried++;
        this.opts.log?.('warn', `event ${event.type} ${event.id} failed (attempt ${attempt}); retrying`, { error: String(err) });
        await new Promise((r) => setTimeout(r, (this.opts.retryDelayMs ?? 200) * 2 ** (attempt - 1)));
      }
    }
  }

  private async appliedVersion(_id: string): Promise<number> {
    const cached = this.applied.get(_id);
    if (cached !== undefined) return cached;
    if (this.opts.checkpoints === 'memory') return 0;
    const version = (await this.checkpoints.findOne({ _id }))?.version ?? 0;
    this.applied.set(_id, version);
    return version;
  }

  // One consumer of the group handles an aggregate at a time (its events share a partition, handled
  // in order), so its checkpoint only moves forward here: written by `_id` alone, no read first.
  private async saveCheckpoints(versions: Map<string, number>): Promise<void> {
    if (versions.size === 0) return;
    if (this.opts.checkpoints !== 'memory') await this.checkpoints.bulkWrite(
      [...versions].map(([_id, version]) => ({ updateOne: { filter: { _id }, update: { $set: { version } }, upsert: true } })),
      { ordered: false },
    );
    for (const [_id, version] of versions) this.applied.set(_id, version);
  }

  private async deadLetter(topic: string, value: string, error: string): Promise<void> {
    this.deadLettersConnected ??= this.deadLetters.connect();
    await this.deadLettersConnected.catch((e: unknown) => {
      this.deadLettersConnected = null; // the next dead letter tries again
      throw e;
    });
    await this.deadLetters.send({
      topic: DEAD_LETTER_TOPIC,
      acks: -1,
      messages: [{ value, headers: { 'source-topic': topic, 'consumer-group': this.opts.groupId, error } }],
    });
    this.stats.deadLettered++;
  }
}
