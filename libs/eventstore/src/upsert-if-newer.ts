import type { Collection, Document } from 'mongodb';
import { KeyedLock } from './keyed-lock';
import { isDuplicateKey } from './write-errors';

const writes = new KeyedLock();

/**
 * Writes a versioned document only if it moves forward: an older or repeated write changes
 * nothing, so projections and checkpoints stay idempotent without transactions. Returns true when
 * this call wrote.
 *
 * One round trip in the usual case: an update guarded by `{ _id, version: { $lt } }` (FerretDB
 * finds the document by `_id`, see deploy/local/infra.mjs), then an insert when there was none.
 * The guard is not atomic on FerretDB, so writes of one document run one at a time in this
 * process; a writer in another process that creates the document first wins the insert, and the
 * guarded update is tried again against what it wrote.
 */
export async function upsertIfNewer<T extends Document & { _id: string; version: number }>(
  collection: Collection<T>,
  doc: T,
): Promise<boolean> {
  const { _id, ...rest } = doc;
  return writes.run(`${collection.dbName}.${collection.collectionName}\u0000${_id}`, async () => {
    const guarded = async () => (await collection.updateOne({ _id, version: { $lt: doc.version } } as never, { $set: rest } as never)).matchedCount > 0;
    if (await guarded()) return true;
    try {
      await collection.insertOne(doc as never);
      return true;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
    // The document exists: at this version or later, or created meanwhile by another process.
    return guarded();
  });
}
