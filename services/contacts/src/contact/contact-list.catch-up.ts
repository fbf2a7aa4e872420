import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Db } from 'mongodb';
import { Kafka } from 'kafkajs';
import { TOPICS } from '@carnet/events';
import { AggregateRepository, EventStore } from '@carnet/eventstore';
import { BACKGROUND_FETCH, EventConsumer, KAFKA, MONGO_DB } from '@carnet/messaging';
import { ContactListProjection } from './contact-list.projection';
import { toContactView } from './contact.view';
import { ContactState, evolveContact, initialContactState } from './domain/contact.state';

/**
 * The list is written right after each command; if the process dies in between, this consumer of
 * the service's own contacts.events writes it from the event store, so the list always catches up.
 */
@Injectable()
export class ContactListCatchUp implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: EventConsumer;
  private readonly repo: AggregateRepository<ContactState>;

  constructor(@Inject(KAFKA) kafka: Kafka, @Inject(MONGO_DB) db: Db, store: EventStore, private readonly list: ContactListProjection) {
    this.repo = new AggregateRepository<ContactState>(store, db, { type: 'Contact', initial: initialContactState, evolve: evolveContact });
    this.consumer = new EventConsumer(kafka, db, {
      groupId: 'contacts.contact-list',
      topics: [TOPICS.contacts],
      fetch: BACKGROUND_FETCH,
      // The list is written by version (upsertIfNewer): an event seen again changes nothing.
      checkpoints: 'memory',
      // Listed by the command that made the event (the usual case): nothing to catch up, no checkpoint to write.
      relevant: (e) => !this.list.listed(e.tenantId, e.aggregateId, e.version),
      handler: async (e) => {
        const { state, version } = await this.repo.load(e.tenantId, e.aggregateId);
        if (state.exists) await this.list.save(e.tenantId, toContactView(state, version));
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
