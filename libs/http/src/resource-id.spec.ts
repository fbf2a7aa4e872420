import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { isUUID } from 'class-validator';
import { resourceId } from './resource-id';

describe('resourceId', () => {
  it('derives the same UUID from the same tenant, kind and key, and another from any difference', () => {
    const a = resourceId('t1', 'key-1', 'payment');
    assert.equal(resourceId('t1', 'key-1', 'payment'), a);
    assert.notEqual(resourceId('t2', 'key-1', 'payment'), a);
    assert.notEqual(resourceId('t1', 'key-2', 'payment'), a);
    assert.notEqual(resourceId('t1', 'key-1', 'invoice'), a);
    assert.ok(isUUID(a, '4'), a);
  });
  it('is random without a key', () => {
    assert.notEqual(resourceId('t1', undefined, 'payment'), resourceId('t1', undefined, 'payment'));
  });
});
