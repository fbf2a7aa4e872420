// Integration: the event store on the real MongoDB-wire server (FerretDB or MongoDB).
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { Db, MongoClient } from 'mongodb';
import { EventEnvelope } from '@carnet/events';
import { requireEnv, uniqueSuffix } from '@carnet/testing';
import { AggregateRepository } from './aggregate-repository';
import { ConcurrencyError, EventStore } from './event-store';
import { DocumentWriteError, GroupedInsert } from './grouped-insert';

const meta = { correlationId: 'c', causationId: null, actor: 'test' };

interface Counter { n: number }
const counter = { type: 'Counter', initial: (): Counter => ({ n: 0 }), evolve: (s: Counter, e: EventEnvelope): Counter => ({ n: s.n + (e.data as { by: number }).by }) };

describe('EventStore on a real MongoDB-wire server', () => {
  let client: MongoClient;
  let db: Db;
  let store: EventStore;

  before(async () => {
    client = await MongoClient.connect(requireEnv('MONGO_URL'));
    db = client.db(`carnet_int_${uniqueSuffix()}`);
    store = new EventStore(db);
    await store.ensureIndexes();
  });

  after(async () => {
    await db.dropDatabase();
    await client.close();
  });

  it('appends one commit per command and loads events in order', async () => {
    await store.append({ tenantId: 't1', aggregateType: 'Counter', aggregateId: 'a', expectedVersion: 0, contactId: null, events: [{ type: 'Added', data: { by: 1 } }, { type: 'Added', data: { by: 2 } }], metadata: meta });
    await store.append({ tenantId: 't1', aggregateType: 'Counter', aggregateId: 'a', expectedVersion: 2, contactId: null, events: [{ type: 'Added', data: { by: 3 } }], metadata: meta });
    assert.equal(await store.commits.countDocuments({ tenantId: 't1', aggregateId: 'a' }), 2);
    const events = await store.load('t1', 'a');
    assert.deepEqual(events.map((e) => e.version), [1, 2, 3]);
    assert.deepEqual(events.map((e) => (e.data as { by: number }).by), [1, 2, 3]);
    assert.deepEqual((await store.load('t1', 'a', 2)).map((e) => e.version), [3]);
    assert.deepEqual(await store.load('t2', 'a'), [], 'another tenant sees nothing');
  });

  it('lets exactly one of many concurrent appends at the same version win', async () => {
    const attempts = 10;
    const results = await Promise.allSettled(Array.from({ length: attempts }, (_, i) =>
      store.append({ tenantId: 't1', aggregateType: 'Counter', aggregateId: 'race', expectedVersion: 0, contactId: null, events: [{ type: 'Added', data: { by: i } }], metadata: meta })));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    assert.equal(won.length, 1);
    assert.equal(lost.length, attempts - 1);
    for (const r of lost) assert.ok((r as PromiseRejectedResult).reason instanceof ConcurrencyError);
    assert.equal((await store.load('t1', 'race')).length, 1);
  });

  it('re-decides on conflict so concurrent commands all land, none lost', async () => {
    const repo = new AggregateRepository<Counter>(store, db, counter, 5);
    // 8 concurrent "+1" commands with retries: every one must land exactly once → n = 8
    await Promise.all(Array.from({ length: 8 }, () =>
      repo.execute('t1', 'inc', () => [{ type: 'Added', data: { by: 1 } }], { contactId: null, metadata: meta, retriesOnConflict: 20 })));
    const { state, version } = await repo.load('t1', 'inc');
    assert.equal(state.n, 8);
    assert.equal(version, 8);
  });

  it('keys commits by stream and version, and migrates commits stored under older ids', async () => {
    await store.append({ tenantId: 't1', aggregateType: 'Counter', aggregateId: 'keyed', expectedVersion: 0, contactId: null, events: [{ type: 'Added', data: { by: 5 } }], metadata: meta });
    assert.ok(await store.commits.findOne({ _id: 't1|keyed|0000000001' }));
    // a commit written under a random id, as stores did before
    const legacy = await store.commits.findOne({ _id: 't1|keyed|0000000001' });
    await store.commits.deleteOne({ _id: 't1|keyed|0000000001' });
    await store.commits.insertOne({ ...legacy!, _id: 'legacy-random-id', published: false } as never);
    await store.outbox.deleteMany({});
    assert.deepEqual(await store.load('t1', 'keyed'), [], 'not reachable by _id before migration');
    await store.ensureIndexes();
    assert.deepEqual(await store.load('t1', 'keyed'), [], 'the migration runs once per store, and this one is done');
    await db.collection('commits_migrations').deleteMany({}); // a store written by an older version
    await store.ensureIndexes();
    assert.deepEqual((await store.load('t1', 'keyed')).map((e) => (e.data as { by: number }).by), [5]);
    assert.equal(await store.commits.countDocuments({ _id: 'legacy-random-id' }), 0);
    // the old store's `published: false` became an outbox entry under the new _id
    assert.deepEqual((await store.pending()).map((e) => e._id), ['t1|keyed|0000000001']);
  });

  it('keeps one outbox entry per commit not yet published, and none for a lost race', async () => {
    await store.outbox.deleteMany({});
    const first = { tenantId: 't9', aggregateType: 'Counter', aggregateId: 'ob', contactId: null, metadata: meta };
    await store.append({ ...first, expectedVersion: 0, events: [{ type: 'Added', data: { by: 1 } }, { type: 'Added', data: { by: 2 } }] });
    await store.append({ ...first, expectedVersion: 2, events: [{ type: 'Added', data: { by: 3 } }] });
    // commits start at versions 1 and 3 (the first one holds versions 1–2)
    assert.deepEqual((await store.pending()).map((e) => [e._id, e.version]), [['t9|ob|0000000001', 1], ['t9|ob|0000000003', 3]]);
    // a writer still on version 0 loses on the live entry, and leaves nothing behind
    await assert.rejects(() => store.append({ ...first, expectedVersion: 0, events: [{ type: 'Added', data: { by: 9 } }] }), ConcurrencyError);
    assert.equal(await store.pendingCount(), 2);
    // once published, the entry is gone; a late writer on version 0 then loses on the commit itself
    await store.markPublished(['t9|ob|0000000001']);
    await assert.rejects(() => store.append({ ...first, expectedVersion: 0, events: [{ type: 'Added', data: { by: 9 } }] }), ConcurrencyError);
    assert.deepEqual((await store.pending()).map((e) => e._id), ['t9|ob|0000000003'], 'the loser left no entry');
    assert.deepEqual((await store.load('t9', 'ob')).map((e) => (e.data as { by: number }).by), [1, 2, 3]);
  });

  it('takes over the outbox entry of an append that died before its commit, once it is 5 s old', async () => {
    const stream = { tenantId: 't8', aggregateType: 'Counter', contactId: null, metadata: meta };
    // What a process killed between its two inserts leaves: an entry for version 1, no commit.
    const leftBy = (aggregateId: string, ageMs: number) =>
      store.outbox.insertOne({ _id: `t8|${aggregateId}|0000000001`, tenantId: 't8', aggregateId, version: 1, createdAt: new Date(Date.now() - ageMs), writer: 'killed' });
    await leftBy('old', 6_000);
    await leftBy('young', 1_000);
    // 6 s old: the next writer of version 1 takes it over; 1 s old: it may still be in flight, so the writer loses
    await store.append({ ...stream, aggregateId: 'old', expectedVersion: 0, events: [{ type: 'Added', data: { by: 5 } }] });
    await assert.rejects(() => store.append({ ...stream, aggregateId: 'young', expectedVersion: 0, events: [{ type: 'Added', data: { by: 5 } }] }), ConcurrencyError);
    assert.deepEqual((await store.load('t8', 'old')).map((e) => (e.data as { by: number }).by), [5]);
    const entries = await store.outbox.find({ tenantId: 't8' }).sort({ _id: 1 }).toArray();
    assert.deepEqual(entries.map((e) => [e._id, e.writer === 'killed']), [['t8|old|0000000001', false], ['t8|young|0000000001', true]]);
    // the relay's late drop of the dead writer's entry leaves the one written since
    await store.dropAbandoned({ ...entries[0]!, writer: 'killed' });
    assert.equal(await store.outbox.countDocuments({ _id: 't8|old|0000000001' }), 1);
  });

  it('appends many new aggregates at once, each with its outbox entry', async () => {
    await store.outbox.deleteMany({});
    const ids = ['n1', 'n2', 'n3'];
    const commits = await store.appendNew(ids.map((id, i) => ({ tenantId: 't9', aggregateType: 'Counter', aggregateId: id, expectedVersion: 0, contactId: id, events: [{ type: 'Added', data: { by: i + 1 } }], metadata: meta })));
    assert.deepEqual(commits.map((c) => c._id), ['t9|n1|0000000001', 't9|n2|0000000001', 't9|n3|0000000001']);
    assert.equal(await store.pendingCount(), 3);
    assert.deepEqual((await store.load('t9', 'n3')).map((e) => (e.data as { by: number }).by), [3]);
    await assert.rejects(() => store.appendNew([{ tenantId: 't9', aggregateType: 'Counter', aggregateId: 'n1', expectedVersion: 1, contactId: null, events: [{ type: 'Added', data: { by: 1 } }], metadata: meta }]), /new aggregates/);
  });

  it('loads a long history past the _id chain limit, in order', async () => {
    // 60 commits of one event: the first 40 come by _id, the other 20 by one filtered query
    for (let v = 0; v < 60; v++) {
      await store.append({ tenantId: 't1', aggregateType: 'Counter', aggregateId: 'long', expectedVersion: v, contactId: null, events: [{ type: 'Added', data: { by: 1 } }], metadata: meta });
    }
    assert.deepEqual((await store.load('t1', 'long')).map((e) => e.version), Array.from({ length: 60 }, (_, i) => i + 1));
    assert.deepEqual((await store.load('t1', 'long', 10)).map((e) => e.version), Array.from({ length: 50 }, (_, i) => i + 11));
  });

  it('loads from a snapshot plus later events, with the same result', async () => {
    const repo = new AggregateRepository<Counter>(store, db, counter, 3);
    for (let i = 1; i <= 7; i++) {
      await repo.execute('t1', 'snap', () => [{ type: 'Added', data: { by: i } }], { contactId: null, metadata: meta });
    }
    const viaSnapshot = await repo.load('t1', 'snap');
    // 1 + 2 + … + 7 = 28
    assert.deepEqual(viaSnapshot, { state: { n: 28 }, version: 7 });
    const snap = await db.collection('snapshots_counter').findOne({ _id: 't1:snap' as never });
    assert.ok(snap, 'a snapshot was written');
  });
  it('decides again on the stored state when the state a process holds is stale, with no 409', async () => {
    // Two repositories stand for two processes: A holds n = 1 (version 1) when B adds 10.
    const a = new AggregateRepository<Counter>(store, db, counter);
    const b = new AggregateRepository<Counter>(store, db, counter);
    await a.execute('t1', 'stale', () => [{ type: 'Added', data: { by: 1 } }], { contactId: null, metadata: meta });
    await b.execute('t1', 'stale', () => [{ type: 'Added', data: { by: 10 } }], { contactId: null, metadata: meta });
    const seen: number[] = [];
    const res = await a.execute('t1', 'stale', ({ state }) => {
      seen.push(state.n);
      return [{ type: 'Added', data: { by: 1 } }];
    }, { contactId: null, metadata: meta, retriesOnConflict: 0 });
    // First on what A held (1), then on the store (1 + 10 = 11); the result is 11 + 1 = 12 at version 3.
    assert.deepEqual(seen, [1, 11]);
    assert.deepEqual({ n: res.state.n, version: res.version }, { n: 12, version: 3 });
    assert.equal((await b.load('t1', 'stale')).state.n, 12);
  });

  it('checks a refusal made on a stale state against the stored state', async () => {
    const a = new AggregateRepository<Counter>(store, db, counter);
    const b = new AggregateRepository<Counter>(store, db, counter);
    await a.execute('t1', 'ifmatch', () => [{ type: 'Added', data: { by: 1 } }], { contactId: null, metadata: meta });
    await b.execute('t1', 'ifmatch', () => [{ type: 'Added', data: { by: 1 } }], { contactId: null, metadata: meta });
    // The caller read version 2 (from B) and sends "If-Match: 2" to A, which holds version 1.
    const res = await a.execute('t1', 'ifmatch', ({ version }) => {
      if (version !== 2) throw new Error(`precondition failed: at ${version}`);
      return [{ type: 'Added', data: { by: 1 } }];
    }, { contactId: null, metadata: meta });
    assert.equal(res.version, 3);
    await assert.rejects(a.execute('t1', 'ifmatch', ({ version }) => {
      if (version !== 2) throw new Error(`precondition failed: at ${version}`);
      return [];
    }, { contactId: null, metadata: meta }), /precondition failed: at 3/);
  });

  it('groups inserts made at the same time and rejects only the duplicates', async () => {
    const col = db.collection<{ _id: string; n: number }>('grouped');
    await col.insertMany([{ _id: 'd3', n: -1 }, { _id: 'd7', n: -1 }]);
    const calls: number[] = [];
    const spy = new Proxy(col, {
      get: (target, prop) => (prop === 'insertMany'
        ? (docs: unknown[], o: unknown) => { calls.push(docs.length); return target.insertMany(docs as never, o as never); }
        : Reflect.get(target, prop)),
    });
    const grouped = new GroupedInsert(spy);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, n) => grouped.insert({ _id: `d${n}`, n })));
    // The first goes alone at once; the 19 that came while it was in flight go together.
    assert.deepEqual(calls, [1, 19]);
    const rejected = results.flatMap((r, n) => (r.status === 'rejected' ? [n] : []));
    assert.deepEqual(rejected, [3, 7]);
    for (const n of rejected) {
      const reason = (results[n] as PromiseRejectedResult).reason as DocumentWriteError;
      assert.ok(reason instanceof DocumentWriteError);
      assert.equal(reason.code, 11000);
    }
    // 2 there before + the 18 new ones; the duplicates kept their first value.
    assert.equal(await col.countDocuments({}), 20);
    assert.equal((await col.findOne({ _id: 'd3' }))?.n, -1);
    assert.equal((await col.findOne({ _id: 'd12' }))?.n, 12);
  });
});
