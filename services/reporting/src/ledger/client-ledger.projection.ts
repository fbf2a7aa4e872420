import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Db } from 'mongodb';
import { Kafka } from 'kafkajs';
import { EventEnvelope, TOPICS } from '@carnet/events';
import { EventConsumer, KAFKA, MONGO_DB } from '@carnet/messaging';
import { applyToLedger, emptyClientLedger, LedgerEvent } from '../domain';
import { ClientLedgerRepository } from './client-ledger.repository';
import { InvoiceFactsRepository } from './invoice-facts.repository';

/**
 * Folds contacts.events and billing.events into one ledger per client, plus the tenant-wide
 * invoice facts. Idempotent (a ledger ignores versions it has applied) and order-tolerant between
 * the two topics; a failure is retried and then dead-lettered by the consumer, never skipped.
 */
@Injectable()
export class ClientLedgerProjection implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly consumer: EventConsumer;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(MONGO_DB) db: Db,
    private readonly ledgers: ClientLedgerRepository,
    private readonly facts: InvoiceFactsRepository,
  ) {
    this.consumer = new EventConsumer(kafka, db, {
      groupId: `reporting.client-ledger${process.env.CARNET_GROUP_SUFFIX ?? ''}`,
      topics: [TOPICS.contacts, TOPICS.billing],
      handler: (e) => this.apply(e),
      log: (level, msg, extra) => process.stderr.write(JSON.stringify({ level, service: 'reporting', msg, ...extra }) + '\n'),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }

  async apply(e: EventEnvelope): Promise<void> {
    // Events not about one client (taxes, items) have no ledger.
    if (!e.contactId) return;
    const contactId = e.contactId;
    const next = await this.ledgers.update(e.tenantId, contactId, () => emptyClientLedger(e.tenantId, contactId), (l) => applyToLedger(l, e as LedgerEvent));
    // Facts are rewritten even when the ledger had the event already: a crash may have come between.
    const ledger = next ?? (await this.ledgers.find(e.tenantId, contactId));
    const invoiceId = (e.data as { invoiceId?: string }).invoiceId;
    const inv = invoiceId ? ledger?.invoices.find((i) => i.id === invoiceId) : undefined;
    if (ledger && inv) await this.facts.save(e.tenantId, contactId, ledger.versions.billing, inv);
  }
}
