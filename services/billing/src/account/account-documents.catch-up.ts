import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Db } from 'mongodb';
import { Kafka } from 'kafkajs';
import { TOPICS } from '@carnet/events';
import { BACKGROUND_FETCH, EventConsumer, KAFKA, MONGO_DB } from '@carnet/messaging';
import { ItemsService } from '../items/items.service';
import { ClientAccountRunner } from './client-account.runner';

/**
 * Invoice, quote, receipt and item views are written right after each command; if the process dies
 * in between, this consumer of billing's own events rewrites them from the event store.
 */
@Injectable()
export class AccountDocumentsCatchUp implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: EventConsumer;

  constructor(@Inject(KAFKA) kafka: Kafka, @Inject(MONGO_DB) db: Db, accounts: ClientAccountRunner, items: ItemsService) {
    this.consumer = new EventConsumer(kafka, db, {
      groupId: `billing.account-documents${process.env.CARNET_GROUP_SUFFIX ?? ''}`,
      topics: [TOPICS.billing],
      fetch: BACKGROUND_FETCH,
      // The views are written by version (upsertIfNewer): an event seen again changes nothing.
      checkpoints: 'memory',
      handler: async (e) => {
        if (e.aggregateType === 'ClientAccount' && e.contactId) await accounts.project(e.tenantId, e.contactId, [e]);
        if (e.aggregateType === 'Item') await items.project(e.tenantId, e.aggregateId);
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
