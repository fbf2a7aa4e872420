import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { Kafka } from 'kafkajs';
import { ContactEvent, EventEnvelope, TOPICS } from '@carnet/events';
import { upsertIfNewer } from '@carnet/eventstore';
import { AppError } from '@carnet/http';
import { EventConsumer, KAFKA, MONGO_DB } from '@carnet/messaging';

export interface KnownContact {
  _id: string;
  tenantId: string;
  contactId: string;
  version: number;
  status: 'active' | 'archived';
  currency: string;
  paymentTermsDays: number;
}

/** How long a command waits for a contact just created elsewhere to reach billing. */
const ARRIVAL_GRACE_MS = 3_000;

/**
 * Billing's own copy of what it needs to know about contacts, fed by contacts.events. Each
 * write is guarded by the contact's version, so late, repeated or replayed events change nothing.
 */
@Injectable()
export class KnownContactsProjection implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly docs: Collection<KnownContact>;
  private readonly consumer: EventConsumer;

  constructor(@Inject(MONGO_DB) db: Db, @Inject(KAFKA) kafka: Kafka) {
    this.docs = db.collection<KnownContact>('known_contacts');
    this.consumer = new EventConsumer(kafka, db, {
      groupId: `billing.known-contacts${process.env.CARNET_GROUP_SUFFIX ?? ''}`,
      topics: [TOPICS.contacts],
      handler: (e) => this.apply(e),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.docs.createIndex({ tenantId: 1, contactId: 1 });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }

  async apply(event: EventEnvelope): Promise<void> {
    const e = event as ContactEvent;
    const _id = `${e.tenantId}:${e.aggregateId}`;
    if (e.type === 'ContactCreated') {
      const { billing } = e.data.profile;
      await upsertIfNewer<KnownContact>(this.docs, { _id, tenantId: e.tenantId, contactId: e.aggregateId, version: e.version, status: 'active', currency: billing.currency, paymentTermsDays: billing.paymentTermsDays });
      return;
    }
    const current = await this.docs.findOne({ _id });
    if (!current) throw new Error(`contact ${e.aggregateId} changed before billing saw it created`); // retried, never skipped
    if (current.version >= e.version) return;
    const next = { ...current, version: e.version };
    if (e.type === 'ContactArchived') next.status = 'archived';
    if (e.type === 'ContactReactivated') next.status = 'active';
    if (e.type === 'ContactUpdated') {
      next.currency = e.data.changes.billing?.currency ?? next.currency;
      next.paymentTermsDays = e.data.changes.billing?.paymentTermsDays ?? next.paymentTermsDays;
    }
    await upsertIfNewer(this.docs, next);
  }

  /** The contact, waiting briefly for one created a moment ago; 404 when it never arrives. */
  async require(tenantId: string, contactId: string, opts: { mustBeActive: boolean }): Promise<KnownContact> {
    const deadline = Date.now() + ARRIVAL_GRACE_MS;
    for (;;) {
      const c = await this.docs.findOne({ _id: `${tenantId}:${contactId}` });
      if (c) {
        if (opts.mustBeActive && c.status === 'archived') {
          throw new AppError(409, 'CONTACT_ARCHIVED', 'This contact is archived: reactivate it before invoicing or quoting');
        }
        return c;
      }
      if (Date.now() >= deadline) throw AppError.notFound('contact');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
