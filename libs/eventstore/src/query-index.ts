import type { Collection, Db, Document, MongoClient } from 'mongodb';

const ferretDbClients = new WeakMap<MongoClient, Promise<boolean>>();

/** Whether the server is FerretDB (its buildInfo names its own version), asked once per client. */
export function isFerretDb(db: Db): Promise<boolean> {
  let known = ferretDbClients.get(db.client);
  if (!known) {
    known = db.admin().command({ buildInfo: 1 }).then((info) => typeof info.ferretdbVersion === 'string');
    ferretDbClients.set(db.client, known);
  }
  return known;
}

/**
 * Creates an index that serves queries only (not a unique one). FerretDB v1's SQLite backend reads
 * through no index but `_id`'s (every other filter and sort is a scan), so there the index would
 * only cost every write its upkeep, a JSON extraction per field, and is dropped instead.
 */
export async function ensureQueryIndex<T extends Document>(db: Db, collection: Collection<T>, spec: Record<string, 1 | -1>): Promise<void> {
  if (!(await isFerretDb(db))) {
    await collection.createIndex(spec);
    return;
  }
  const name = Object.entries(spec).map(([field, order]) => `${field}_${String(order)}`).join('_');
  await collection.dropIndex(name).catch(() => undefined); // made by an earlier version, or never
}
