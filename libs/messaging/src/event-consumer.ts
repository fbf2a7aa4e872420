import type { Collection, Db } from 'mongodb';
import { Consumer, Kafka, Partitioners, Producer } from 'kafkajs';
import { EventEnvelope, TOPICS } from '@carnet/events';
import { RecentMap } from '@carnet/eventstore';
import { parseEnvelope } from './envelope-guard';
import { ensureTopics } from './kafka-client';

export type EventHandler = (event: EventEnvelope) => Promise<void>;

export interface EventConsumerOptions {
  groupId: string;
  topics: string[];
  handler: EventHandler;
  /** Events the handler has no use for are passed over without a checkpoint read or write (default: all are used). */
  relevant?: (event: EventEnvelope) => boolean;
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

// Checkpoints this consumer read or wrote, so an aggregate's next event costs no read.
const MAX_CACHED_CHECKPOINTS = 200_000;

/**
 * Runs a handler for every event of some topics, at least once and idempotently:
 * - an event whose aggregate version this group has already applied is skipped (a relay may
 *   publish twice; a consumer may see a batch again after a restart);
 * - a handler that throws is retried with backoff; the offset is not committed meanwhile;
 * - after the last attempt the event goes to the dead-letter topic with its error (logged), and
 *   only once the dead letter is written is the offset committed: nothing is dropped silently.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly deadLetters: Producer;
  private readonly checkpoints: Collection<CheckpointDocument>;
  private deadLettersConnected = false;
  private readonly kafka: Kafka;
  private readonly applied = new RecentMap<string, number>(MAX_CACHED_CHECKPOINTS);
  /** Counts for /metrics-style inspection and tests. */
  readonly stats = { applied: 0, skipped: 0, retried: 0, deadLettered: 0 };

  constructor(kafka: Kafka, db: Db, private readonly opts: EventConsumerOptions) {
    this.consumer = kafka.consumer({ groupId: opts.groupId, sessionTimeout: 10_000, heartbeatInterval: 1000, maxWaitTimeInMs: 100 });
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
      eachMessage: async ({ topic, partition, message }) => {
        const event = parseEnvelope(message.value);
        if (!event) {
          await this.deadLetter(topic, message.value?.toString('utf8') ?? '', 'not an event envelope');
          return;
        }
        await this.handle(topic, partition, event);
      },
    });
    await joined;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    if (this.deadLettersConnected) await this.deadLetters.disconnect();
  }

  private checkpointId(e: EventEnvelope): string {
    return `${this.opts.groupId}|${e.tenantId}|${e.aggregateType}|${e.aggregateId}`;
  }

  private async handle(topic: string, partition: number, event: EventEnvelope): Promise<void> {
    if (this.opts.relevant && !this.opts.relevant(event)) return;
    const _id = this.checkpointId(event);
    const applied = await this.appliedVersion(_id);
    if (applied >= event.version) {
      this.stats.skipped++;
      return;
    }
    const max = this.opts.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.opts.handler(event);
        // Counted as soon as its effect is visible, before the checkpoint is written.
        this.stats.applied++;
        break;
      } catch (err) {
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
    await this.saveCheckpoint(_id, event.version);
  }

  private async appliedVersion(_id: string): Promise<number> {
    const cached = this.applied.get(_id);
    if (cached !== undefined) return cached;
    const version = (await this.checkpoints.findOne({ _id }))?.version ?? 0;
    this.applied.set(_id, version);
    return version;
  }

  // One consumer of the group handles an aggregate at a time (its events share a partition, handled
  // in order), so its checkpoint only moves forward here: written by `_id` alone, no read first.
  private async saveCheckpoint(_id: string, version: number): Promise<void> {
    await this.checkpoints.updateOne({ _id }, { $set: { version } }, { upsert: true });
    this.applied.set(_id, version);
  }

  private async deadLetter(topic: string, value: string, error: string): Promise<void> {
    if (!this.deadLettersConnected) {
      await this.deadLetters.connect();
      this.deadLettersConnected = true;
    }
    await this.deadLetters.send({
      topic: DEAD_LETTER_TOPIC,
      acks: -1,
      messages: [{ value, headers: { 'source-topic': topic, 'consumer-group': this.opts.groupId, error } }],
    });
    this.stats.deadLettered++;
  }
}
