import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { RecentMap } from './recent-map';

describe('RecentMap', () => {
  it('keeps at most its size, dropping the least recently written', () => {
    const m = new RecentMap<string, number>(2);
    m.set('a', 1);
    m.set('b', 2);
    m.set('a', 3); // a is now the most recent
    m.set('c', 4); // b goes
    assert.deepEqual([m.get('a'), m.get('b'), m.get('c'), m.size], [3, undefined, 4, 2]);
    m.delete('a');
    assert.deepEqual([m.get('a'), m.size], [undefined, 1]);
  });
});
