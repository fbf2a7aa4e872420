import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { KeyedLock } from './keyed-lock';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('KeyedLock', () => {
  it('runs work on one key one at a time, in arrival order, and other keys alongside', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const job = (key: string, name: string) => lock.run(key, async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    });
    const results = await Promise.all([job('a', 'a1'), job('a', 'a2'), job('b', 'b1')]);
    assert.deepEqual(results, ['a1', 'a2', 'b1']);
    // a2 starts only once a1 ended; b1 does not wait for a1
    assert.ok(log.indexOf('a2 start') > log.indexOf('a1 end'));
    assert.ok(log.indexOf('b1 start') < log.indexOf('a1 end'));
  });

  it('lets the next work run after one that failed', async () => {
    const lock = new KeyedLock();
    await assert.rejects(lock.run('a', async () => { throw new Error('refused'); }), /refused/);
    assert.equal(await lock.run('a', async () => 'next'), 'next');
  });
});
