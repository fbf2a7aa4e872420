import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { emptyTally, holdEntry, isEmptyTally, releaseEntry, Tally } from './tally';

// Runs the three steps of a change; `crashAfterHold` stops after step 1, as a crash would.
function change(tally: Tally, stored: { [key: string]: number }, key: string, weight: number, crashAfterHold = false): Tally {
  const held = holdEntry(tally, key, stored[key] ?? 0, weight) ?? tally;
  if (crashAfterHold) return held;
  stored[key] = weight; // step 2: the entry document
  return releaseEntry(held, key) ?? held;
}

describe('tally', () => {
  it('counts a new entry, a changed one and a removed one by their difference', () => {
    const stored: Record<string, number> = {};
    let t = change(emptyTally(), stored, 'inv-1', 100000); // 0 − 0 + 100000
    t = change(t, stored, 'inv-2', 27000); // 100000 + 27000 = 127000
    assert.deepEqual(t, { value: 127000, pending: {} });
    t = change(t, stored, 'inv-2', 27001); // 127000 − 27000 + 27001 = 127001
    t = change(t, stored, 'inv-1', 0); // 127001 − 100000 = 27001
    assert.deepEqual(t, { value: 27001, pending: {} });
  });

  it('holding a key counts its new weight instead of the stored one until it is released', () => {
    // stored 1 (a member), new weight 0: 3 − 1 + 0 = 2, and the key is held at 0
    const held = holdEntry({ value: 3, pending: {} }, 'c1', 1, 0);
    assert.deepEqual(held, { value: 2, pending: { c1: 0 } });
    assert.deepEqual(releaseEntry(held as Tally, 'c1'), { value: 2, pending: {} });
  });

  it('the same change twice changes nothing the second time', () => {
    const stored: Record<string, number> = {};
    const once = change(emptyTally(), stored, 'c1', 1);
    assert.equal(holdEntry(once, 'c1', stored.c1, 1), null); // already counted from the document
    assert.equal(releaseEntry(once, 'c1'), null); // nothing held
  });

  it('a retry after a crash between the tally and the entry neither doubles nor loses the change', () => {
    const stored: Record<string, number> = { c1: 1 };
    const crashed = change({ value: 1, pending: {} }, stored, 'c2', 1, true); // 1 + 1 = 2, c2 held, no document yet
    assert.deepEqual(crashed, { value: 2, pending: { c2: 1 } });
    // the retry sees the document still absent (stored 0) but counts the held 1: no second +1
    assert.equal(holdEntry(crashed, 'c2', 0, 1), null);
    assert.deepEqual(change(crashed, stored, 'c2', 1), { value: 2, pending: {} });
    assert.equal(stored.c2, 1);
  });

  it('a later change after a crash starts from the held weight, not the stale document', () => {
    const stored: Record<string, number> = {};
    const crashed = change(emptyTally(), stored, 'inv-3', 30000, true); // 0 + 30000, held; document still absent
    // the invoice is voided before the entry was written: 30000 − 30000 (held) + 0 = 0
    const after = change(crashed, stored, 'inv-3', 0);
    assert.deepEqual(after, { value: 0, pending: {} });
    assert.ok(isEmptyTally(after));
  });

  it('a tally is empty only when it counts nothing and holds nothing', () => {
    assert.equal(isEmptyTally({ value: 0, pending: {} }), true);
    assert.equal(isEmptyTally({ value: 0, pending: { c1: 0 } }), false);
    assert.equal(isEmptyTally({ value: 5, pending: {} }), false);
  });
});
