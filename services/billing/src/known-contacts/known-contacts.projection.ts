import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { ContactEvent, EventEnvelope } from '@carnet/events';
import { AppError } from '@carnet/http';
import { MONGO_DB } from '@carnet/messaging';
import { ContactFact, factOf, foldFacts } from './known-contact';

export interface KnownContact {
  tenantId: string;
  contactId: string;
  status: 'active' | 'archived';
  currency: string;
  paymentTermsDays: number;
}

interface FactDocument extends ContactFact {
  /** tenantId:contactId:version — one document per contact event, written once. */
  _id: string;
  tenantId: string;
  contactId: string;
}

/** How long a command waits for a contact just created elsewhere to reach billing. */
const ARRIVAL_GRACE_MS = 3_000;
const isDuplicate = (e: unknown) => (e as { code?: number }).code === 11000;

/**
 * Billing's own copy of what it needs to know about contacts, fed by contacts.events (see
 * KnownContactsConsumer). Each event's facts are inserted once under a key holding its version and
 * folded when read (known-contact.ts), so an event seen twice, late, out of order, by two consumers
 * at once or again after a restart changes nothing. Inserts are the one write the MongoDB-wire
 * server makes atomic (FerretDB v1 applies a conditional update without isolation).
 */
@Injectable()
export class KnownContactsProjection implements OnModuleInit {
  private readonly facts: Collection<FactDocument>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.facts = db.collection<FactDocument>('known_contact_facts');
  }

  async onModuleInit(): Promise<void> {
    await this.facts.createIndex({ tenantId: 1, contactId: 1 });
  }

  async apply(event: EventEnvelope): Promise<void> {
    const fact = factOf(event as ContactEvent);
    if (!fact) return;
    try {
      await this.facts.insertOne({ _id: `${event.tenantId}:${event.aggregateId}:${event.version}`, tenantId: event.tenantId, contactId: event.aggregateId, ...fact });
    } catch (e) {
      if (!isDuplicate(e)) throw e; // seen already
    }
  }

  /** The contact as far as billing knows it, or null before its creation reached billing. */
  async find(tenantId: string, contactId: string): Promise<KnownContact | null> {
    const facts = await this.facts.find({ tenantId, contactId }).toArray();
    const f = foldFacts(facts);
    if (!f.created || f.currency === null) return null;
    return { tenantId, contactId, status: f.status, currency: f.currency, paymentTermsDays: f.paymentTermsDays };
  }

  /** The contact, waiting briefly for one created a moment ago; 404 when it never arrives. */
  async require(tenantId: string, contactId: string, opts: { mustBeActive: boolean }): Promise<KnownContact> {
    const deadline = Date.now() + ARRIVAL_GRACE_MS;
    for (;;) {
      const c = await this.find(tenantId, contactId);
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
