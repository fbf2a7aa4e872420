import type { Collection, Document } from 'mongodb';
import { KeyedLock } from './keyed-lock';

const isDuplicateKey = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: number }).code === 11000;
const writes = new KeyedLock();

/**
 * Writes a versioned document only if it moves forward: an older or repeated write changes
 * nothing, so projections and checkpoints stay idempotent without transactions. Returns true when
 * this call wrote.
 *
 * Every query names the document by `_id` alone: the only filter FerretDB/SQLite answers from its
 * primary key (a guard such as `{ _id, version: { $lt } }` scans the whole collection, and is not
 * atomic there anyway). The read-compare-write is made safe by running one at a time per document
 * in this process; a writer in another process that creates the document first wins the insert.
 */
export async function upsertIfNewer<T extends Document & { _id: string; version: number }>(
  collection: Collection<T>,
  doc: T,
): Promise<boolean> {
  const { _id, ...rest } = doc;
  return writes.run(`${collection.dbName}.${collection.collectionName}\u0000${_id}`, async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await collection.findOne({ _id } as never, { projection: { version: 1 } });
      if (current) {
        if ((current as unknown as { version: number }).version >= doc.version) return false;
        await collection.updateOne({ _id } as never, { $set: rest } as never);
        return true;
      }
      try {
        await collection.insertOne(doc as never);
        return true;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e; // created meanwhile by another process: compare again
      }
    }
    throw new Error(`document ${_id} of ${collection.collectionName} kept changing under a versioned write`);
  });
}
