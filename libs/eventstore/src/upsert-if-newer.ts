import type { Collection, Document } from 'mongodb';

/**
 * Writes a versioned document only if it moves forward: an older or repeated write changes
 * nothing, so projections and checkpoints stay idempotent without transactions. Works on servers
 * without $max (FerretDB): a guarded update, then an insert that loses to any concurrent writer.
 * Returns true when this call wrote.
 */
export async function upsertIfNewer<T extends Document & { _id: string; version: number }>(
  collection: Collection<T>,
  doc: T,
): Promise<boolean> {
  const { _id, ...rest } = doc;
  const res = await collection.updateOne({ _id, version: { $lt: doc.version } } as never, { $set: rest } as never);
  if (res.matchedCount > 0) return true;
  try {
    await collection.insertOne(doc as never);
    return true;
  } catch (e) {
    if ((e as { code?: number }).code === 11000) return false; // exists at this version or later
    throw e;
  }
}
