import type { Collection } from 'mongodb';
import { duplicateKeyIndexes } from './write-errors';

/**
 * Inserts documents whose ids are new (random, or a version not yet written) in one bulk insert;
 * those already there, from an earlier try of the same insert, are left as they are.
 */
export async function insertAllNew<T extends { _id: string }>(collection: Collection<T>, docs: T[]): Promise<void> {
  if (docs.length === 0) return;
  await collection.insertMany(docs as never[], { ordered: false }).catch(duplicateKeyIndexes);
}
