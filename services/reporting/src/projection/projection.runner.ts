import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import type { Db } from 'mongodb';
import { Kafka } from 'kafkajs';
import { EventConsumer, KAFKA, MONGO_DB } from '@carnet/messaging';
import { LiveGeneration, ReadModelRegistry } from '../read-models/read-model-registry';
import { PARTITIONS_AT_ONCE, PROJECTION_OPTIONS, ProjectionOptions } from '../reporting.config';
import { ReportingProjector } from './reporting.projector';

export type ProjectionStats = EventConsumer['stats'];

export type ProjectionLog = (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;

/** Optional provider: where the projection logs (structured JSON on stderr by default). */
export const PROJECTION_LOG = Symbol('PROJECTION_LOG');

const jsonLog: ProjectionLog = (level, msg, extra) =>
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level, service: 'reporting', msg, ...extra }) + '\n');

// How often the live pointer is read; a rebuild waits longer than this before dropping the old generation.
export const LIVE_POLL_MS = 1_000;

/**
 * Keeps the live generation of the read models fed: one idempotent consumer (retries, then dead
 * letters: never a silent skip) of the live consumer group. When a rebuild swaps a generation in,
 * it moves to that generation's group, which carries on from where the rebuild stopped.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private running: { live: LiveGeneration; consumer: EventConsumer } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private switching: Promise<void> = Promise.resolve();
  /** Counts of consumers that have stopped, so metrics survive a switch of generation. */
  private readonly past: ProjectionStats = { applied: 0, skipped: 0, retried: 0, deadLettered: 0 };
  private readonly log: ProjectionLog;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(MONGO_DB) private readonly db: Db,
    private readonly registry: ReadModelRegistry,
    @Inject(PROJECTION_OPTIONS) private readonly opts: ProjectionOptions,
    @Optional() @Inject(PROJECTION_LOG) log?: ProjectionLog,
  ) {
    this.log = log ?? jsonLog;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.follow(await this.registry.live());
    this.timer = setInterval(() => {
      this.switching = this.switching.then(() => this.checkLive()).catch((e) => this.log('warn', 'could not follow the live generation', { error: String(e) }));
    }, LIVE_POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.switching;
    await this.stopConsumer();
  }

  /** Events applied, skipped as seen, retried and dead-lettered since the process started. */
  stats(): ProjectionStats {
    const now = this.running?.consumer.stats;
    return {
      applied: this.past.applied + (now?.applied ?? 0),
      skipped: this.past.skipped + (now?.skipped ?? 0),
      retried: this.past.retried + (now?.retried ?? 0),
      deadLettered: this.past.deadLettered + (now?.deadLettered ?? 0),
    };
  }

  private async checkLive(): Promise<void> {
    const live = await this.registry.live();
    if (this.running && live.generation === this.running.live.generation && live.groupId === this.running.live.groupId) return;
    this.log('info', `switching to read-model generation "${live.generation}"`, { groupId: live.groupId });
    await this.stopConsumer();
    await this.follow(live);
  }

  private async follow(live: LiveGeneration): Promise<void> {
    const models = this.registry.set(live.generation);
    await models.ensureIndexes();
    const projector = new ReportingProjector(models);
    const consumer = new EventConsumer(this.kafka, this.db, {
      groupId: live.groupId, topics: this.opts.topics, handler: (e) => projector.apply(e), batchHandler: (es) => projector.applyBatch(es),
      // Every read model is version-guarded or recomputed: the projector ignores what it has applied.
      checkpoints: 'memory', partitionsAtOnce: PARTITIONS_AT_ONCE, log: this.log,
    });
    await consumer.start();
    this.running = { live, consumer };
  }

  private async stopConsumer(): Promise<void> {
    if (!this.running) return;
    const { consumer } = this.running;
    this.running = null;
    await consumer.stop();
    for (const k of Object.keys(this.past) as Array<keyof ProjectionStats>) this.past[k] += consumer.stats[k];
  }
}
