import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { decideIdempotency, IdempotencyRecord, isFinalStatus, isValidIdempotencyKey, withoutSecrets } from './idempotency.decide';

const T0 = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const HOUR = 60 * 60_000;
const response = { status: 201, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"id":"c1"}').toString('base64') };
const record = (over: Partial<IdempotencyRecord> = {}): IdempotencyRecord => ({
  _id: 'tenant:hash', scope: 'tenant', fingerprint: 'fp1', claimId: 'claim1', state: 'done',
  createdAt: T0, lockedUntil: at(150_000), response, ...over,
});

describe('Idempotency-Key rules', () => {
  it('claims a key nobody holds', () => {
    assert.deepEqual(decideIdempotency(null, 'fp1', T0), { kind: 'claim' });
  });

  it('replays the first response to the same request within 24 h', () => {
    // 23 h 59 min 59.999 s after the first request: still inside the window
    assert.deepEqual(decideIdempotency(record(), 'fp1', at(24 * HOUR - 1)), { kind: 'replay', response });
  });

  it('refuses the same key with another request, done or in flight', () => {
    assert.deepEqual(decideIdempotency(record(), 'fp2', at(1000)), { kind: 'mismatch' });
    assert.deepEqual(decideIdempotency(record({ state: 'in_flight', response: null }), 'fp2', at(1000)), { kind: 'mismatch' });
  });

  it('answers in-flight while the first request runs, and takes over an abandoned claim', () => {
    const running = record({ state: 'in_flight', response: null });
    assert.deepEqual(decideIdempotency(running, 'fp1', at(149_999)), { kind: 'in-flight' });
    // the lease ends 150 s after the claim: the gateway that held it died
    assert.deepEqual(decideIdempotency(running, 'fp1', at(150_000)), { kind: 'take-over', previous: running });
  });

  it('forgets a key 24 h after its first use, whatever it held', () => {
    const old = record();
    assert.deepEqual(decideIdempotency(old, 'fp1', at(24 * HOUR)), { kind: 'take-over', previous: old });
    assert.deepEqual(decideIdempotency(old, 'fp2', at(24 * HOUR)), { kind: 'take-over', previous: old }, 'even for another request');
  });

  it('accepts keys of 1 to 255 visible ASCII characters', () => {
    for (const k of ['a', '3f2b9c1e-0d4a-4f7e-9b1a-2c3d4e5f6a7b', 'order-42/retry#1', 'x'.repeat(255)]) assert.ok(isValidIdempotencyKey(k), k);
    for (const k of ['', 'x'.repeat(256), 'has space', 'clé', 'tab\there']) assert.ok(!isValidIdempotencyKey(k), k);
  });

  it('remembers every answer but a server failure', () => {
    assert.deepEqual([200, 201, 404, 409, 422, 499, 500, 503].map(isFinalStatus), [true, true, true, true, true, true, false, false]);
  });
});

describe('stored answers', () => {
  it('never keep an API key: the replay says it was shown once', () => {
    const first = Buffer.from(JSON.stringify({ id: 'k1', apiKey: 'ck_secret', createdAt: '2026-12-03T00:00:00.000Z' }));
    const stored = JSON.parse(withoutSecrets(first, 'application/json; charset=utf-8').toString('utf8'));
    assert.equal(stored.apiKey, null);
    assert.equal(stored.id, 'k1');
    assert.match(stored.apiKeyNote, /shown only in the first answer/);
    assert.ok(!withoutSecrets(first, 'application/json').toString('utf8').includes('ck_secret'));
  });
  it('leave every other answer as it was', () => {
    const receipt = Buffer.from(JSON.stringify({ id: 'r1', number: 'REC-000001' }));
    assert.equal(withoutSecrets(receipt, 'application/json'), receipt);
    const csv = Buffer.from('"apiKey",x');
    assert.equal(withoutSecrets(csv, 'text/csv'), csv);
  });
});
