import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { inBatches } from './in-batches';

async function* counting(n: number, pulled: { count: number }): AsyncGenerator<number> {
  for (let i = 1; i <= n; i++) {
    pulled.count = i;
    yield i;
  }
}

const sizes = async (n: number, size: number) => {
  const out: number[] = [];
  for await (const batch of inBatches(counting(n, { count: 0 }), size)) out.push(batch.length);
  return out;
};

describe('reading in batches', () => {
  it('cuts 1,201 rows into 500 + 500 + 201, and exactly 1,000 into two batches', async () => {
    assert.deepEqual(await sizes(1201, 500), [500, 500, 201]);
    assert.deepEqual(await sizes(1000, 500), [500, 500]);
    assert.deepEqual(await sizes(0, 500), []);
  });

  it('keeps the order of the source', async () => {
    const all: number[] = [];
    for await (const batch of inBatches(counting(7, { count: 0 }), 3)) all.push(...batch);
    assert.deepEqual(all, [1, 2, 3, 4, 5, 6, 7]);
  });

  it('reads no further than the batch it hands out', async () => {
    const pulled = { count: 0 };
    const batches = inBatches(counting(10_000, pulled), 500);
    const first = await batches.next();
    assert.equal(first.value?.length, 500);
    assert.equal(pulled.count, 500, 'row 501 is not read before the first batch is done with');
    await batches.return(undefined);
  });

  it('refuses a batch size that is not a positive integer', async () => {
    await assert.rejects(sizes(3, 0), RangeError);
  });
});
