// Integration: document numbers on the real MongoDB-wire server, and what a crash between taking a
// number and committing its document leaves behind.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { Db, MongoClient } from 'mongodb';
import { requireEnv, uniqueSuffix } from '@carnet/testing';
import { DocumentNumberAllocator, HeldNumber } from './document-number.allocator';

describe('DocumentNumberAllocator on real FerretDB', () => {
  let client: MongoClient;
  let db: Db;
  let numbers: DocumentNumberAllocator;

  before(async () => {
    client = await MongoClient.connect(requireEnv('MONGO_URL'));
    db = client.db(`carnet_numbers_${uniqueSuffix()}`);
    numbers = new DocumentNumberAllocator(db);
    await numbers.onModuleInit();
  });

  after(async () => {
    await db.dropDatabase();
    await client.close();
  });

  it('numbers concurrent documents 1 to 12 with no gap and no duplicate, and gives a document its number again', async () => {
    const tenant = `t-${uniqueSuffix()}`;
    const owners = Array.from({ length: 12 }, (_, i) => `inv-${i}`);
    const got = await Promise.all(owners.map((o) => numbers.allocate(tenant, 'INV', o, 'c-1')));
    assert.deepEqual([...got].sort(), owners.map((_, i) => `INV-${String(i + 1).padStart(6, '0')}`));
    assert.equal(await numbers.allocate(tenant, 'INV', 'inv-3', 'c-1'), got[3]);
    assert.equal(await numbers.allocate(tenant, 'REC', 'pay-1', 'c-1'), 'REC-000001', 'each kind has its own sequence');
  });

  it('goes on without a gap when two processes share a sequence, each trying the number after its last first', async () => {
    const tenant = `t-${uniqueSuffix()}`;
    const other = new DocumentNumberAllocator(db); // a second instance of billing
    const take = (allocator: DocumentNumberAllocator, owner: string) => allocator.allocate(tenant, 'INV', owner, 'c-1');
    // this one takes 1 and 2, the other 3 (it reads the sequence), then this one 4: its 3 was taken, so it reads again
    assert.deepEqual([await take(numbers, 'a'), await take(numbers, 'b'), await take(other, 'c'), await take(numbers, 'd')], ['INV-000001', 'INV-000002', 'INV-000003', 'INV-000004']);
    // a document asking again gets its own number, whichever process asks
    assert.deepEqual([await take(other, 'a'), await take(numbers, 'c')], ['INV-000001', 'INV-000003']);
    assert.equal(await take(other, 'e'), 'INV-000005');
  });

  it('numbers 1 to 30 with no gap and no duplicate when two processes take them at once', async () => {
    const tenant = `t-${uniqueSuffix()}`;
    const other = new DocumentNumberAllocator(db);
    // 15 documents each, asked at once: every refused number sends its process on from the top
    const got = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? other : numbers).allocate(tenant, 'INV', `inv-${i}`, 'c-1')));
    assert.deepEqual([...got].sort(), Array.from({ length: 30 }, (_, i) => `INV-${String(i + 1).padStart(6, '0')}`));
  });

  it('gives back the number of a commit that failed, unless the document was stored with it', async () => {
    const tenant = `t-${uniqueSuffix()}`;
    const owner = (ownerId: string) => ({ tenantId: tenant, kind: 'REC' as const, ownerId, contactId: 'c-1' });
    const stored = new Set<string>(); // the receipts the client account carries: "ownerId number"
    const isUsed = async (h: HeldNumber) => stored.has(`${h.ownerId} ${h.number}`);
    const commit = (ownerId: string) => async (n: string) => { stored.add(`${ownerId} ${n}`); return n; };
    const fail = async () => { throw new Error('the database went away'); };
    assert.equal(await numbers.withNumber(owner('p1'), commit('p1'), isUsed), 'REC-000001');
    await assert.rejects(numbers.withNumber(owner('p2'), fail, isUsed), /went away/);
    // p2 never committed REC-000002 (and its payment was not retried): the next payment gets it
    assert.equal(await numbers.withNumber(owner('p3'), commit('p3'), isUsed), 'REC-000002');
    // a commit that landed although the call failed afterwards keeps its number
    await assert.rejects(numbers.withNumber(owner('p4'), async (n) => { stored.add(`p4 ${n}`); throw new Error('answer lost'); }, isUsed), /answer lost/);
    assert.equal(await numbers.withNumber(owner('p5'), commit('p5'), isUsed), 'REC-000004');
    // the check itself failing (the database still away): made before the next number
    let down = true;
    const checkWhileDown = async (h: HeldNumber) => { if (down) throw new Error('still away'); return isUsed(h); };
    await assert.rejects(numbers.withNumber(owner('p6'), fail, checkWhileDown), /went away/);
    await assert.rejects(numbers.withNumber(owner('p7'), commit('p7'), checkWhileDown), /still away/);
    down = false;
    assert.equal(await numbers.withNumber(owner('p7'), commit('p7'), checkWhileDown), 'REC-000005', 'p6 gave REC-000005 back');
    // receipts 1 to 5, each carried once
    assert.deepEqual([...stored].sort(), ['p1 REC-000001', 'p3 REC-000002', 'p4 REC-000003', 'p5 REC-000004', 'p7 REC-000005']);
  });

  it('gives back, at start, the numbers at the top that a crash left unused, and no other', async () => {
    const tenant = `t-${uniqueSuffix()}`;
    for (const o of ['a', 'b', 'c', 'd', 'e']) await numbers.allocate(tenant, 'INV', o, 'c-1');
    // a and b were sent; the process died after taking c, d and e, before their commits
    const used = new Set(['a', 'b']);
    const asked: string[] = [];
    const released = await numbers.releaseUnused(new Date(Date.now() - 60_000), async (h: HeldNumber) => {
      if (h.tenantId !== tenant) return true; // another test's numbers
      asked.push(h.number);
      return used.has(h.ownerId);
    });
    assert.deepEqual(released.filter((r) => r.tenantId === tenant).map((r) => r.number), ['INV-000005', 'INV-000004', 'INV-000003']);
    assert.deepEqual(asked, ['INV-000005', 'INV-000004', 'INV-000003', 'INV-000002'], 'from the top down, stopping at the first used');
    // the next send goes on from 3: no gap
    assert.equal(await numbers.allocate(tenant, 'INV', 'f', 'c-1'), 'INV-000003');

    // a number under a used one stays: giving it back would not close the gap
    const other = `t-${uniqueSuffix()}`;
    for (const o of ['x', 'y', 'z']) await numbers.allocate(other, 'INV', o, 'c-2');
    const kept = await numbers.releaseUnused(new Date(Date.now() - 60_000), async (h) => h.tenantId !== other || h.ownerId !== 'y');
    assert.deepEqual(kept.filter((r) => r.tenantId === other), []);
  });
});
