import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { jsonTooDeep, MAX_JSON_DEPTH } from './json-depth';

// n arrays inside one another: "[[[...]]]" is n levels deep
const nestedArrays = (n: number) => JSON.parse('['.repeat(n) + ']'.repeat(n)) as unknown;

describe('JSON depth', () => {
  it('counts a top-level object or array as level 1 and scalars as no level', () => {
    assert.equal(MAX_JSON_DEPTH, 32);
    assert.equal(jsonTooDeep('x'), false);
    assert.equal(jsonTooDeep(null), false);
    assert.equal(jsonTooDeep({}, 1), false);
    assert.equal(jsonTooDeep({ a: {} }, 1), true, '{ a: {} } is 2 levels');
    // { lines: [ { taxCodes: [ "GST" ] } ] }: object 1, lines 2, line 3, taxCodes 4
    const invoice = { lines: [{ taxCodes: ['GST'] }] };
    assert.equal(jsonTooDeep(invoice, 4), false);
    assert.equal(jsonTooDeep(invoice, 3), true);
  });

  it('allows 32 levels, refuses 33, and walks 5,000 levels without overflowing the stack', () => {
    assert.equal(jsonTooDeep(nestedArrays(32)), false);
    assert.equal(jsonTooDeep(nestedArrays(33)), true);
    assert.equal(jsonTooDeep({ name: 'x', billing: nestedArrays(5000) }), true);
    // 100,000 levels: recursion would overflow long before
    assert.equal(jsonTooDeep(nestedArrays(100_000), 200_000), false);
  });
});
