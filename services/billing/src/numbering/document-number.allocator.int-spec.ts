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
