// Integration: Idempotency-Key records on the real MongoDB-wire server (FerretDB has no TTL index).
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import { requireEnv, uniqueSuffix } from '@carnet/testing';
import { IdempotencyRepository } from './idempotency.repository';

const T0 = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const HOUR = 60 * 60_000;
const created = { status: 201, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from('{"id":"c1"}').toString('base64') };

describe('IdempotencyRepository on a real MongoDB-wire server', () => {
  let conn: mongoose.Connection;
  let db: Db;
  let repo: IdempotencyRepository;

  before(async () => {
    conn = await mongoose.createConnection(requireEnv('MONGO_URL'), { dbName: `carnet_int_${uniqueSuffix()}` }).asPromise();
    db = conn.db as unknown as Db;
    repo = new IdempotencyRepository(db);
    await repo.onModuleInit();
  });

  after(async () => {
    repo.onModuleDestroy();
    await db.dropDatabase();
    await conn.close();
  });

  it('lets exactly one of several simultaneous requests with one key proceed', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => repo.claim('tenantA', 'k-race', 'fp', T0)));
    assert.equal(results.filter((r) => r.kind === 'proceed').length, 1, JSON.stringify(results));
    assert.equal(results.filter((r) => r.kind === 'in-flight').length, 5);
  });

  it('replays a completed response, refuses another request, and keeps tenants apart', async () => {
    const first = await repo.claim('tenantA', 'k1', 'fp', T0);
    assert.equal(first.kind, 'proceed');
    if (first.kind !== 'proceed') return;
    await repo.complete(first.id, first.claimId, created);
    assert.deepEqual(await repo.claim('tenantA', 'k1', 'fp', at(HOUR)), { kind: 'replay', response: created });
    assert.deepEqual(await repo.claim('tenantA', 'k1', 'other-body', at(HOUR)), { kind: 'mismatch' });
    assert.equal((await repo.claim('tenantB', 'k1', 'fp', at(HOUR))).kind, 'proceed', 'the same key of another tenant is its own');
  });

  it('frees a key released after a server error, and one whose claim was abandoned', async () => {
    const first = await repo.claim('tenantA', 'k2', 'fp', T0);
    if (first.kind !== 'proceed') throw new Error(first.kind);
    await repo.release(first.id, first.claimId);
    const retry = await repo.claim('tenantA', 'k2', 'fp', at(1000));
    assert.equal(retry.kind, 'proceed');
    // Never completed: in flight until its 150 s lease ends, then another request takes it over.
    assert.equal((await repo.claim('tenantA', 'k2', 'fp', at(1000 + 149_000))).kind, 'in-flight');
    const takeOver = await repo.claim('tenantA', 'k2', 'fp', at(1000 + 150_000));
    assert.equal(takeOver.kind, 'proceed');
    // The abandoned request can no longer complete the key it lost.
    if (retry.kind !== 'proceed' || takeOver.kind !== 'proceed') return;
    await repo.complete(retry.id, retry.claimId, created);
    assert.equal((await repo.claim('tenantA', 'k2', 'fp', at(1000 + 151_000))).kind, 'in-flight');
  });

  it('frees a key whose release failed with the database away at the retry, not at the end of its lease', async () => {
    const first = await repo.claim('tenantA', 'k-away', 'fp', T0);
    if (first.kind !== 'proceed') throw new Error(first.kind);
    // The request got a 503 and the database went away before its key was released.
    const records = db.collection('idempotency_keys');
    const deleteOne = records.deleteOne;
    Object.defineProperty(Object.getPrototypeOf(records), 'deleteOne', { value: async () => { throw Object.assign(new Error('connection 9 to 127.0.0.1:27017 closed'), { name: 'MongoNetworkError' }); }, configurable: true, writable: true });
    try {
      await assert.rejects(repo.release(first.id, first.claimId), /closed/);
    } finally {
      Object.defineProperty(Object.getPrototypeOf(records), 'deleteOne', { value: deleteOne, configurable: true, writable: true });
    }
    // 5 s later (the Retry-After), well within the 150 s lease: the retry goes ahead
    const retry = await repo.claim('tenantA', 'k-away', 'fp', at(5000));
    assert.equal(retry.kind, 'proceed');
    assert.equal((await repo.claim('tenantA', 'k-away', 'fp', at(6000))).kind, 'in-flight', 'and holds the key in turn');
  });

  it('expires a key 24 h after its first use, by its timestamp, and sweeps old records', async () => {
    const first = await repo.claim('tenantA', 'k3', 'fp', T0);
    if (first.kind !== 'proceed') throw new Error(first.kind);
    await repo.complete(first.id, first.claimId, created);
    assert.equal((await repo.claim('tenantA', 'k3', 'fp', at(24 * HOUR - 1))).kind, 'replay');
    const again = await repo.claim('tenantA', 'k3', 'another request', at(24 * HOUR));
    assert.equal(again.kind, 'proceed', 'a day later the key is new again, even for another request');

    // Sweeping at T0 + 25 h + 1 ms removes what was claimed before T0 + 1 h + 1 ms: k-race (T0), k1 of
    // tenant A (T0), k1 of tenant B (T0 + 1 h), k2 (T0 + 151 s), k-away (T0 + 5 s) → 5; k3, claimed again
    // at T0 + 24 h, stays.
    const removed = await repo.sweep(at(25 * HOUR + 1));
    assert.equal(removed, 5);
    assert.equal(await db.collection('idempotency_keys').countDocuments({}), 1);
  });
});
