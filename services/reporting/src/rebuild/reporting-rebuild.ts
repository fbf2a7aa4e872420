import type { Db } from 'mongodb';
import { Kafka } from 'kafkajs';
import { EventConsumer, ensureTopics } from '@carnet/messaging';
import { LIVE_POLL_MS, ProjectionLog } from '../projection/projection.runner';
import { ReportingProjector } from '../projection/reporting.projector';
import { LiveGeneration, ReadModelRegistry } from '../read-models/read-model-registry';
import { PARTITIONS_AT_ONCE } from '../reporting.config';

export interface RebuildOptions {
  topics: string[];
  /** Keep the previous generation's collections (to compare them); they are dropped otherwise. */
  keepPrevious?: boolean;
  /** Give up (and swap nothing) when the replay has not reached the end offsets by then. */
  timeoutMs?: number;
  log: ProjectionLog;
}

export interface RebuildResult {
  previous: LiveGeneration;
  current: LiveGeneration;
  /** Events read, applied or skipped as already seen within the rebuild. */
  events: number;
  elapsedMs: number;
}

type Offsets = Map<string, string>;
const key = (topic: string, partition: number) => `${topic}:${partition}`;

/**
 * Replays every event of the topics from the beginning, with a fresh consumer group, into a new
 * generation of the read models, up to the end offsets seen when it started; then swaps that
 * generation in. The live service notices the swap and continues with the rebuild's consumer
 * group from exactly where the replay stopped, so no event is lost or applied out of order.
 * A failure of any event aborts the rebuild: the live generation stays as it was.
 */
export async function rebuildReporting(kafka: Kafka, db: Db, registry: ReadModelRegistry, opts: RebuildOptions): Promise<RebuildResult> {
  const started = Date.now();
  const previous = await registry.live();
  const current = registry.next();
  const models = registry.set(current.generation);
  await models.drop();
  await models.ensureIndexes();
  await ensureTopics(kafka, opts.topics);
  const targets = await endOffsets(kafka, opts.topics);
  opts.log('info', `rebuilding reporting into generation "${current.generation}"`, { previous: previous.generation, targets: Object.fromEntries(targets) });

  const projector = new ReportingProjector(models);
  const consumer = new EventConsumer(kafka, db, {
    groupId: current.groupId, topics: opts.topics, handler: (e) => projector.apply(e), batchHandler: (es) => projector.applyBatch(es), checkpoints: 'memory', partitionsAtOnce: PARTITIONS_AT_ONCE, log: opts.log,
  });
  try {
    await consumer.start();
    await waitUntilCommitted(kafka, current.groupId, opts.topics, targets, consumer, opts.timeoutMs ?? 600_000);
  } finally {
    await consumer.stop();
  }
  if (consumer.stats.deadLettered > 0) {
    await models.drop();
    throw new Error(`rebuild aborted: ${consumer.stats.deadLettered} event(s) could not be applied (see the dead letters); the live read models are unchanged`);
  }
  if (!(await registry.swap(previous, current))) {
    await models.drop();
    throw new Error('rebuild aborted: another rebuild swapped its generation in meanwhile');
  }
  opts.log('info', `generation "${current.generation}" is live`, { events: consumer.stats.applied + consumer.stats.skipped });

  if (!opts.keepPrevious) {
    // Let every instance see the swap and leave the previous generation before dropping it.
    await new Promise((r) => setTimeout(r, 3 * LIVE_POLL_MS));
    await registry.set(previous.generation).drop();
    await db.collection('consumer_checkpoints').deleteMany({ _id: { $regex: `^${escapeRegex(previous.groupId)}\\|` } } as never);
  }
  return { previous, current, events: consumer.stats.applied + consumer.stats.skipped, elapsedMs: Date.now() - started };
}

async function endOffsets(kafka: Kafka, topics: string[]): Promise<Offsets> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const out: Offsets = new Map();
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) out.set(key(topic, p.partition), p.high);
    }
    return out;
  } finally {
    await admin.disconnect();
  }
}

// Done when the group's committed offset (the next one it would read) reaches each end offset.
async function waitUntilCommitted(kafka: Kafka, groupId: string, topics: string[], targets: Offsets, consumer: EventConsumer, timeoutMs: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (consumer.stats.deadLettered > 0) return;
      const committed = new Map<string, bigint>();
      for (const t of await admin.fetchOffsets({ groupId, topics })) {
        for (const p of t.partitions) committed.set(key(t.topic, p.partition), BigInt(p.offset));
      }
      const behind = [...targets].filter(([k, high]) => BigInt(high) > 0n && (committed.get(k) ?? -1n) < BigInt(high));
      if (behind.length === 0) return;
      if (Date.now() > deadline) throw new Error(`rebuild not caught up after ${timeoutMs / 1000}s: ${behind.map(([k]) => k).join(', ')} behind`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await admin.disconnect();
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
