import type { Collection, Db } from 'mongodb';
import { ensureQueryIndex, isDuplicateKey } from '@carnet/eventstore';
import { emptyTally, holdEntry, holds, isEmptyTally, releaseEntry, Tally } from '../domain';

/** One tally of one tenant: for a fiscal year, or all time (null). */
export interface TallyDocument extends Tally {
  _id: string;
  tenantId: string;
  fiscalYear: number | null;
  rev: number;
}

export interface TallyKey {
  _id: string;
  tenantId: string;
  fiscalYear: number | null;
}

/**
 * Tally documents (see domain/tally.ts), one small document per tenant and period, read by _id.
 * Writes are read-modify-write guarded by a revision, as for the client ledgers.
 */
export class TallyRepository {
  private readonly docs: Collection<TallyDocument>;

  constructor(private readonly db: Db, collectionName: string) {
    this.docs = db.collection<TallyDocument>(collectionName);
  }

  async ensureIndexes(): Promise<void> {
    await ensureQueryIndex(this.db, this.docs, { tenantId: 1 });
  }

  async value(_id: string): Promise<number> {
    return (await this.docs.findOne({ _id }, { projection: { value: 1 } }))?.value ?? 0;
  }

  /** Step 1 of an entry's change (holdEntry). True when the tally then holds the key, so `release` must follow the entry's write. */
  async hold(key: TallyKey, entryKey: string, stored: number, weight: number): Promise<boolean> {
    return holds(await this.change(key, (t) => holdEntry(t, entryKey, stored, weight)), entryKey);
  }

  /** Step 3 of an entry's change (releaseEntry). */
  async release(key: TallyKey, entryKey: string): Promise<void> {
    await this.change(key, (t) => releaseEntry(t, entryKey));
  }

  /** Sets every tally of the tenant to `values` (by _id), holding nothing; the others go. */
  async replaceTenant(tenantId: string, values: ReadonlyMap<string, TallyKey & { value: number }>): Promise<void> {
    const existing = await this.docs.find({ tenantId }, { projection: { _id: 1, fiscalYear: 1 } }).toArray();
    const keys = new Map<string, TallyKey>(existing.map((d) => [d._id, { _id: d._id, tenantId, fiscalYear: d.fiscalYear }]));
    for (const [id, v] of values) keys.set(id, v);
    for (const [id, key] of keys) {
      const value = values.get(id)?.value ?? 0;
      await this.change(key, (t) => (t.value === value && Object.keys(t.pending).length === 0 ? null : { value, pending: {} }));
    }
  }

  // Returns the tally as it is after the change (or as it was, when there was nothing to write).
  private async change(key: TallyKey, next: (t: Tally) => Tally | null): Promise<Tally> {
    const { _id, tenantId, fiscalYear } = key;
    for (;;) {
      const doc = await this.docs.findOne({ _id });
      const current: Tally = doc ? { value: doc.value, pending: doc.pending } : emptyTally();
      const wanted = next(current);
      if (wanted === null) return current;
      if (!doc) {
        if (isEmptyTally(wanted)) return wanted;
        try {
          await this.docs.insertOne({ _id, tenantId, fiscalYear, ...wanted, rev: 1 });
          return wanted;
        } catch (e) {
          if (isDuplicateKey(e)) continue;
          throw e;
        }
      }
      const done = isEmptyTally(wanted)
        ? (await this.docs.deleteOne({ _id, rev: doc.rev })).deletedCount === 1
        : (await this.docs.replaceOne({ _id, rev: doc.rev }, { tenantId, fiscalYear, ...wanted, rev: doc.rev + 1 })).matchedCount === 1;
      if (done) return wanted;
    }
  }
}
