import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import { Kafka } from 'kafkajs';
import { EventStore, OutboxRelay } from '@carnet/eventstore';
import { createKafka, parseBrokers } from './kafka-client';
import { KafkaEventPublisher } from './kafka-event-publisher';

export const MONGO_DB = Symbol('MONGO_DB');
export const KAFKA = Symbol('KAFKA');

export interface EventSourcingOptions {
  service: string;
  mongoUrl: string;
  database: string;
  kafkaBrokers: string;
  /** Topic the service's outbox relay publishes to; omit for a service without an event store. */
  topic?: string;
}

/** Owns the process's Mongo connection, Kafka client, event store and outbox relay. */
@Injectable()
export class EventSourcingRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly publisher: KafkaEventPublisher;
  readonly relay: OutboxRelay | null;

  constructor(
    @Inject(MONGO_DB) readonly db: Db,
    @Inject(KAFKA) readonly kafka: Kafka,
    readonly store: EventStore,
    @Inject('EVENT_SOURCING_OPTIONS') private readonly opts: EventSourcingOptions,
  ) {
    this.publisher = new KafkaEventPublisher(kafka);
    this.relay = opts.topic
      ? new OutboxRelay(store, db, this.publisher, {
          topic: opts.topic,
          log: (msg, err) => process.stderr.write(JSON.stringify({ level: 'warn', service: opts.service, msg, error: String(err) }) + '\n'),
        })
      : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.store.ensureIndexes();
    this.relay?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.publisher.close();
    await mongoose.disconnect();
  }
}

@Global()
@Module({})
export class EventSourcingModule {
  static forRoot(opts: EventSourcingOptions): DynamicModule {
    return {
      module: EventSourcingModule,
      providers: [
        { provide: 'EVENT_SOURCING_OPTIONS', useValue: opts },
        {
          provide: MONGO_DB,
          useFactory: async (): Promise<Db> => {
            const conn = await mongoose.createConnection(opts.mongoUrl, { dbName: opts.database, serverSelectionTimeoutMS: 10_000 }).asPromise();
            return conn.db as unknown as Db;
          },
        },
        { provide: KAFKA, useFactory: () => createKafka(parseBrokers(opts.kafkaBrokers), opts.service) },
        { provide: EventStore, useFactory: (db: Db) => new EventStore(db), inject: [MONGO_DB] },
        EventSourcingRuntime,
      ],
      exports: [MONGO_DB, KAFKA, EventStore, EventSourcingRuntime],
    };
  }
}
