// The gateway's rate limit, with a limit of 20 requests a minute so a test can reach it: counted
// per API key, answered 429 problem+json with Retry-After, never applied to /health.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { apiClient, RunningStack, startTestStack } from '@carnet/testing';

const LIMIT = 20;
const TENANT = { name: 'Pressé', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '01-01', defaultLanguage: 'fr' };

describe('gateway rate limit', () => {
  let stack: RunningStack;

  before(async () => {
    stack = await startTestStack('ratelimit', { CARNET_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
  });

  after(async () => {
    await stack?.stop();
  });

  it('answers 429 past the limit of one key, and keeps serving other keys and /health', async () => {
    const admin = apiClient(stack.url);
    // two tenant creations: 2 of the admin's 20
    const keys: string[] = [];
    for (const name of ['Un', 'Deux']) {
      const t = await admin.post('/v1/tenants', { ...TENANT, name }, { 'x-admin-token': stack.adminToken });
      assert.equal(t.status, 201, JSON.stringify(t.body));
      keys.push(t.body.apiKey);
    }
    const busy = apiClient(stack.url, keys[0]);
    // 25 at once on one key: exactly 20 served, 5 refused
    const answers = await Promise.all(Array.from({ length: LIMIT + 5 }, () => busy.get('/v1/tenant')));
    const statuses = answers.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 200).length, LIMIT, statuses.join(','));
    assert.equal(statuses.filter((s) => s === 429).length, 5, statuses.join(','));
    const refused = answers.find((r) => r.status === 429)!;
    assert.match(refused.contentType, /^application\/problem\+json/);
    assert.equal(refused.body.code, 'RATE_LIMITED');
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    // a POST over the limit is refused the same way, before its Idempotency-Key is looked at
    const post = await busy.post('/v1/contacts', { name: 'Trop tard' }, { 'idempotency-key': 'late-1' });
    assert.equal(post.status, 429);
    // another tenant's key has its own count; /health is never limited
    const calm = apiClient(stack.url, keys[1]);
    assert.equal((await calm.get('/v1/tenant')).status, 200);
    assert.deepEqual((await calm.get('/v1/contacts')).body, { items: [], nextCursor: null });
    for (let i = 0; i < LIMIT + 5; i++) assert.equal((await fetch(`${stack.url}/health`)).status, 200);
  });
});
