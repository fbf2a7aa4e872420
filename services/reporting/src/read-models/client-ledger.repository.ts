import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';
import { ensureQueryIndex, isDuplicateKey, RecentMap, writeErrorsOf } from '@carnet/eventstore';
import { ClientLedger } from '../domain';

type LedgerDocument = ClientLedger & { _id: string; rev: number };

/** A change to one client's ledger: `change` returns null when there is nothing to write. */
export interface LedgerChange {
  tenantId: string;
  contactId: string;
  empty: () => ClientLedger;
  change: (l: ClientLedger) => ClientLedger | null;
  /** The ledger most likely does not exist yet (the client's first event): it is inserted without a read. */
  likelyNew?: boolean;
}

// Ledgers this repository wrote last, so the next event of a client needs no read.
const MAX_KNOWN_LEDGERS = 5_000;

/**
 * One document per client. Updates are read-modify-write guarded by a revision number, so two
 * events for the same client (from contacts and billing partitions) never overwrite each other.
 */
export class ClientLedgerRepository {
  private readonly docs: Collection<LedgerDocument>;
  private readonly known = new RecentMap<string, LedgerDocument>(MAX_KNOWN_LEDGERS);

  constructor(private readonly db: Db, collectionName: string) {
    this.docs = db.collection<LedgerDocument>(collectionName);
  }

  async ensureIndexes(): Promise<void> {
    await ensureQueryIndex(this.db, this.docs, { tenantId: 1, contactId: 1 });
  }

  async find(tenantId: string, contactId: string): Promise<ClientLedger | null> {
    const doc = await this.docs.findOne({ _id: `${tenantId}:${contactId}` });
    return doc ? withoutStorageFields(doc) : null;
  }

  /** The ledgers of some of a tenant's clients, for names in tenant-wide reports. */
  async findMany(tenantId: string, contactIds: readonly string[]): Promise<ClientLedger[]> {
    if (contactIds.length === 0) return [];
    const docs = await this.docs.find({ _id: { $in: contactIds.map((id) => `${tenantId}:${id}`) } }).toArray();
    return docs.map(withoutStorageFields);
  }

  /**
   * Applies `change` atomically; `change` returns null when there is nothing to write. The ledger
   * this repository wrote last is taken as current without a read: the revision guard of the write
   * still refuses it if another writer changed the document since, and the document is then read.
   */
  async update(tenantId: string, contactId: string, empty: () => ClientLedger, change: (l: ClientLedger) => ClientLedger | null): Promise<ClientLedger | null> {
    const _id = `${tenantId}:${contactId}`;
    for (;;) {
      const doc = this.known.get(_id) ?? (await this.docs.findOne({ _id }));
      const rev = doc?.rev ?? 0;
      const next = change(doc ? withoutStorageFields(doc) : empty());
      if (!next) return null;
      if (!doc) {
        try {
          await this.docs.insertOne({ ...next, _id, rev: 1 });
          this.known.set(_id, { ...next, _id, rev: 1 });
          return next;
        } catch (e) {
          if (isDuplicateKey(e)) continue;
          throw e;
        }
      }
      const res = await this.docs.replaceOne({ _id, rev }, { ...next, rev: rev + 1 });
      if (res.matchedCount === 1) {
        this.known.set(_id, { ...next, _id, rev: rev + 1 });
        return next;
      }
      this.known.delete(_id); // written elsewhere meanwhile: read it again
    }
  }

  /**
   * The changes of several clients' ledgers in one bulk write, each guarded like `update`. Returns
   * each one's new ledger, or null when it had nothing to write. If any write lost a race (or a
   * ledger taken for new existed), those of the bulk are each done again alone, on a fresh read (a
   * change already stored then finds nothing left to do and gives null).
   */
  async updateMany(changes: readonly LedgerChange[]): Promise<Array<ClientLedger | null>> {
    const results: Array<ClientLedger | null> = changes.map(() => null);
    const written: Array<{ index: number; doc: LedgerDocument }> = [];
    const ops: AnyBulkWriteOperation<LedgerDocument>[] = [];
    for (const [index, c] of changes.entries()) {
      const _id = `${c.tenantId}:${c.contactId}`;
      const doc = this.known.get(_id) ?? (c.likelyNew ? null : await this.docs.findOne({ _id }));
      const next = c.change(doc ? withoutStorageFields(doc) : c.empty());
      if (!next) continue;
      const stored: LedgerDocument = { ...next, _id, rev: (doc?.rev ?? 0) + 1 };
      ops.push(doc ? { replaceOne: { filter: { _id, rev: doc.rev }, replacement: stored } } : { insertOne: { document: stored } });
      written.push({ index, doc: stored });
    }
    if (ops.length === 0) return results;
    const all = await this.docs.bulkWrite(ops, { ordered: false }).then(
      (r) => r.matchedCount + r.insertedCount === ops.length,
      (e: unknown) => {
        if (writeErrorsOf(e).length === 0) throw e;
        return false; // a ledger created meanwhile by another writer
      },
    );
    if (all) {
      for (const w of written) {
        this.known.set(w.doc._id, w.doc);
        results[w.index] = withoutStorageFields(w.doc);
      }
      return results;
    }
    for (const w of written) this.known.delete(w.doc._id);
    for (const w of written) {
      const c = changes[w.index]!;
      results[w.index] = await this.update(c.tenantId, c.contactId, c.empty, c.change);
    }
    return results;
  }
}

function withoutStorageFields(doc: LedgerDocument): ClientLedger {
  const { _id, rev, ...ledger } = doc;
  return ledger;
}
