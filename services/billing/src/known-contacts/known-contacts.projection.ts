import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { ContactEvent, EventEnvelope } from '@carnet/events';
import { duplicateKeyIndexes, isDuplicateKey, KeyedLock } from '@carnet/eventstore';
import { AppError, TenantContext } from '@carnet/http';
import { MONGO_DB } from '@carnet/messaging';
import { ContactFact, factOf, factOfSnapshot, foldFacts } from './known-contact';

export interface KnownContact {
  tenantId: string;
  contactId: string;
  status: 'active' | 'archived';
  currency: string;
  paymentTermsDays: number;
}

interface KnownContactDocument {
  /** tenantId:contactId */
  _id: string;
  tenantId: string;
  contactId: string;
  /** The facts of each contact event billing has seen, one per version, in arrival order. */
  facts: ContactFact[];
}

/** Facts stored one document per event by earlier versions; folded into KnownContactDocument once. */
const LEGACY_FACTS = 'known_contact_facts';
/** Shared by every instance in this process (tests run two side by side). */
const writes = new KeyedLock();

/** How long a command waits for a contact just created elsewhere to reach billing. */
const ARRIVAL_GRACE_MS = 3_000;

/**
 * Billing's own copy of what it needs to know about contacts, fed by contacts.events (see
 * KnownContactsConsumer): one document per contact, read and written by `_id` alone (the lookup
 * FerretDB/SQLite answers without scanning). It keeps each event's facts once, by version, and
 * folds them when read (known-contact.ts), so an event seen twice, late, out of order or again
 * after a restart changes nothing. Writes to one contact run one at a time in this process (billing
runs one instance; across processes a concurrent $push could be lost, as FerretDB updates are not
isolated).
 */
@Injectable()
export class KnownContactsProjection implements OnModuleInit {
  private readonly contacts: Collection<KnownContactDocument>;

  constructor(@Inject(MONGO_DB) private readonly db: Db) {
    this.contacts = db.collection<KnownContactDocument>('known_contacts');
  }

  async onModuleInit(): Promise<void> {
    await this.migrateLegacyFacts();
  }

  async apply(event: EventEnvelope): Promise<void> {
    const fact = factOf(event as ContactEvent);
    if (fact) await this.add(event.tenantId, event.aggregateId, [fact]);
  }

  /**
   * A batch of contacts.events, in order. Contacts created in it (an import brings hundreds) are
   * stored with one insertMany and no read; one billing knew already (a redelivery, or the gateway's
   * snapshot came first) fails that insert alone and is applied like every other event.
   */
  async applyBatch(events: readonly EventEnvelope[]): Promise<void> {
    const created = events.flatMap((e) => {
      const fact = e.type === 'ContactCreated' ? factOf(e as ContactEvent) : null;
      return fact ? [{ e, doc: { _id: `${e.tenantId}:${e.aggregateId}`, tenantId: e.tenantId, contactId: e.aggregateId, facts: [fact] } as KnownContactDocument }] : [];
    });
    const docs = created.map((c) => c.doc);
    let known = new Set<number>();
    if (docs.length > 0) {
      known = await this.contacts.insertMany(docs, { ordered: false }).then(() => new Set<number>(), duplicateKeyIndexes);
    }
    const inserted = new Set(created.filter((_, i) => !known.has(i)).map((c) => c.e));
    for (const e of events) if (!inserted.has(e)) await this.apply(e);
  }

  private add(tenantId: string, contactId: string, facts: ContactFact[]): Promise<void> {
    const _id = `${tenantId}:${contactId}`;
    return writes.run(`${this.db.databaseName}\u0000${_id}`, async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const doc = await this.contacts.findOne({ _id });
        const seen = new Set(doc?.facts.map((f) => f.version));
        const fresh = facts.filter((f) => !seen.has(f.version));
        if (fresh.length === 0) return;
        if (doc) {
          await this.contacts.updateOne({ _id }, { $push: { facts: { $each: fresh } } });
          return;
        }
        try {
          await this.contacts.insertOne({ _id, tenantId, contactId, facts: fresh });
          return;
        } catch (e) {
          if (!isDuplicateKey(e)) throw e; // created meanwhile by another process: read again
        }
      }
      throw new Error(`known contact ${_id} kept changing`);
    });
  }

  // Stores written before contacts had one document each: their facts are folded in once, then
  // the old collection goes (its presence is the only marker needed).
  private async migrateLegacyFacts(): Promise<void> {
    const legacy = this.db.collection<ContactFact & { _id: string; tenantId: string; contactId: string }>(LEGACY_FACTS);
    const old = await legacy.find({}).toArray();
    if (old.length === 0) return;
    const byContact = new Map<string, { tenantId: string; contactId: string; facts: ContactFact[] }>();
    for (const { _id, tenantId, contactId, ...fact } of old) {
      const key = `${tenantId}:${contactId}`;
      if (!byContact.has(key)) byContact.set(key, { tenantId, contactId, facts: [] });
      byContact.get(key)!.facts.push(fact);
    }
    for (const c of byContact.values()) await this.add(c.tenantId, c.contactId, c.facts);
    await legacy.drop().catch(() => undefined);
  }

  /** The contact as far as billing knows it, or null before its creation reached billing. */
  async find(tenantId: string, contactId: string): Promise<KnownContact | null> {
    const doc = await this.contacts.findOne({ _id: `${tenantId}:${contactId}` });
    const f = foldFacts(doc?.facts ?? []);
    if (!f.created || f.currency === null) return null;
    return { tenantId, contactId, status: f.status, currency: f.currency, paymentTermsDays: f.paymentTermsDays };
  }

  /**
   * The contact, waiting briefly for one created a moment ago; 404 when it never arrives. The
   * gateway's snapshot of the contact, when the call carries one, is folded in first like any fact,
   * so a change made just before (an archive, a new currency) counts before its event arrives.
   */
  async require(t: TenantContext, contactId: string, opts: { mustBeActive: boolean }): Promise<KnownContact> {
    const { tenantId } = t;
    if (t.contact?.id === contactId) await this.add(tenantId, contactId, [factOfSnapshot(t.contact)]);
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
