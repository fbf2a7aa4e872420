import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ReadWriteLock } from './read-write-lock';

const tick = (ms = 1) => new Promise((r) => setTimeout(r, ms));

describe('ReadWriteLock', () => {
  it('runs shared work together, exclusive work alone, in arrival order', async () => {
    const lock = new ReadWriteLock();
    const log: string[] = [];
    const job = (name: string, mode: 'shared' | 'exclusive', ms: number) => {
      const work = async () => {
        log.push(`${name} start`);
        await tick(ms);
        log.push(`${name} end`);
        return name;
      };
      return mode === 'shared' ? lock.runShared(work) : lock.runExclusive(work);
    };
    const results = await Promise.all([job('s1', 'shared', 5), job('s2', 'shared', 1), job('x', 'exclusive', 2), job('s3', 'shared', 1)]);
    assert.deepEqual(results, ['s1', 's2', 'x', 's3']);
    // s1 and s2 overlap; x starts after both ended; s3 after x ended
    assert.ok(log.indexOf('s2 start') < log.indexOf('s1 end'));
    assert.ok(log.indexOf('x start') > log.indexOf('s1 end') && log.indexOf('x start') > log.indexOf('s2 end'));
    assert.ok(log.indexOf('s3 start') > log.indexOf('x end'));
  });

  it('goes on after work that failed, in either mode', async () => {
    const lock = new ReadWriteLock();
    await assert.rejects(lock.runShared(async () => { throw new Error('shared failed'); }), /shared failed/);
    await assert.rejects(lock.runExclusive(async () => { throw new Error('exclusive failed'); }), /exclusive failed/);
    assert.equal(await lock.runExclusive(async () => 'after'), 'after');
    assert.equal(await lock.runShared(async () => 'then'), 'then');
  });
});
