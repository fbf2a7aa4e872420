import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Db } from 'mongodb';
import { Kafka } from 'kafkajs';
import { ContactEvent, TOPICS } from '@carnet/events';
import { BACKGROUND_FETCH, EventConsumer, KAFKA, MONGO_DB } from '@carnet/messaging';
import { factOf } from './known-contact';
import { KnownContactsProjection } from './known-contacts.projection';

/**
 * Feeds KnownContactsProjection from contacts.events. The group name changed with the projection's
 * storage (known_contact_facts), so an existing deployment replays contacts.events from the start.
 */
@Injectable()
export class KnownContactsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: EventConsumer;

  constructor(@Inject(MONGO_DB) db: Db, @Inject(KAFKA) kafka: Kafka, projection: KnownContactsProjection) {
    this.consumer = new EventConsumer(kafka, db, {
      groupId: `billing.known-contact-facts${process.env.CARNET_GROUP_SUFFIX ?? ''}`,
      topics: [TOPICS.contacts],
      fetch: BACKGROUND_FETCH,
      // Facts are kept once per contact version: an event seen again changes nothing.
      checkpoints: 'memory',
      handler: (e) => projection.apply(e),
      batchHandler: (es) => projection.applyBatch(es),
      // Notes and profile edits billing keeps nothing of are passed over without a write.
      relevant: (e) => factOf(e as ContactEvent) !== null,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
