// Integration: what the code relies on from the MongoDB-wire server (FerretDB with this project's
// patches, or MongoDB): guarded writes that are atomic, `_id` `$in` reads and deletes, query indexes.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { Db, MongoClient } from 'mongodb';
import { requireEnv, uniqueSuffix } from '@carnet/testing';
import { EventStore } from './event-store';
import { ensureQueryIndex, isFerretDb } from './query-index';

describe('the MongoDB-wire server, as the code relies on it', () => {
  let client: MongoClient;
  let db: Db;

  before(async () => {
    client = await MongoClient.connect(requireEnv('MONGO_URL'), { maxPoolSize: 50 });
    db = client.db(`carnet_int_server_${uniqueSuffix()}`);
  });

  after(async () => {
    await db.dropDatabase();
    await client.close();
  });

  it('lets exactly one of many concurrent updates guarded by the same revision match, round after round', async () => {
    const docs = db.collection<{ _id: string; rev: number; by: number[] }>('guarded');
    await docs.insertOne({ _id: 'doc', rev: 0, by: [] });
    for (let rev = 0; rev < 5; rev++) {
      // 20 writers read rev and try to write rev + 1: one wins, 19 match nothing
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => docs.updateOne({ _id: 'doc', rev }, { $set: { rev: rev + 1 }, $push: { by: i } })));
      assert.equal(results.reduce((n, r) => n + r.matchedCount, 0), 1, `round ${rev}`);
    }
    const doc = await docs.findOne({ _id: 'doc' });
    assert.equal(doc?.rev, 5);
    assert.equal(doc?.by.length, 5, 'one push per round, none overwritten');
  });

  it('deletes only the guarded document when many writers race on one', async () => {
    const leases = db.collection<{ _id: string; owner: string }>('leases');
    await leases.insertOne({ _id: 'lease', owner: 'a' });
    const [wrong, right] = await Promise.all([
      Promise.all(Array.from({ length: 10 }, () => leases.deleteOne({ _id: 'lease', owner: 'b' }))),
      Promise.all(Array.from({ length: 10 }, () => leases.deleteOne({ _id: 'lease', owner: 'a' }))),
    ]);
    assert.equal(wrong.reduce((n, r) => n + r.deletedCount, 0), 0);
    assert.equal(right.reduce((n, r) => n + r.deletedCount, 0), 1);
  });

  it('reads and removes outbox entries by _id, 1,200 at a time (over one $in of 1,000)', async () => {
    const store = new EventStore(db, 'inlist');
    const meta = { correlationId: 'c', causationId: null, actor: 'test' };
    const reqs = Array.from({ length: 1_300 }, (_, i) => ({
      tenantId: 't', aggregateType: 'Counter', aggregateId: `a${i}`, expectedVersion: 0, contactId: null, events: [{ type: 'Added', data: { by: 1 } }], metadata: meta,
    }));
    const commits = await store.appendNew(reqs);
    const ids = commits.map((c) => c._id);
    // 1,200 of the 1,300, plus 5 ids that do not exist
    const asked = [...ids.slice(0, 1_200), ...['x1', 'x2', 'x3', 'x4', 'x5'].map((x) => `t|${x}|0000000001`)];
    const found = await store.commitsById(asked);
    assert.deepEqual(found.map((c) => c._id).sort(), ids.slice(0, 1_200).sort());
    await store.markPublished(asked);
    assert.deepEqual((await store.pending()).map((e) => e._id).sort(), ids.slice(1_200).sort(), 'the 100 not named stay');
  });

  it('keeps a query index on MongoDB, and none on FerretDB, which reads through _id only', async () => {
    const rows = db.collection('rows');
    await rows.insertOne({ _id: 'r1', tenantId: 't', name: 'x' } as never);
    const ferret = await isFerretDb(db);
    // an index made by an earlier version
    await rows.createIndex({ tenantId: 1, name: 1 });
    await ensureQueryIndex(db, rows, { tenantId: 1, name: 1 });
    const names = (await rows.indexes()).map((i) => i.name);
    assert.equal(names.includes('tenantId_1_name_1'), !ferret, JSON.stringify(names));
    assert.ok(names.includes('_id_'));
  });
});
