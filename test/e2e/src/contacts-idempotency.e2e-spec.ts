// Idempotency-Key on POSTs, implemented once in the gateway for every service behind it.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { apiClient, RunningStack, startTestStack } from '@carnet/testing';

type Api = ReturnType<typeof apiClient>;
const TENANT = { name: 'Idempotent', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '01-01', defaultLanguage: 'fr' };

describe('Idempotency-Key, end to end', () => {
  let stack: RunningStack;
  let admin: Api;
  const newTenant = async (name: string): Promise<Api> => {
    const t = await admin.post('/v1/tenants', { ...TENANT, name }, { 'x-admin-token': stack.adminToken });
    assert.equal(t.status, 201, JSON.stringify(t.body));
    return apiClient(stack.url, t.body.apiKey);
  };
  const key = () => ({ 'idempotency-key': randomUUID() });
  const countContacts = async (api: Api) => (await api.get('/v1/contacts?status=all&limit=500')).body.items.length as number;

  before(async () => {
    stack = await startTestStack('e2e');
    admin = apiClient(stack.url);
  });

  after(async () => {
    await stack?.stop();
  });

  it('answers a repeated POST with the first response and no second effect', async () => {
    const api = await newTenant('repeat');
    const k = key();
    const first = await api.post('/v1/contacts', { name: 'Zoé Tremblay' }, k);
    assert.equal(first.status, 201);
    const second = await api.post('/v1/contacts', { name: 'Zoé Tremblay' }, k);
    assert.deepEqual([second.status, second.contentType, second.body], [first.status, first.contentType, first.body]);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(await countContacts(api), 1);

    // A refusal is an answer too: replayed, not re-run.
    const k2 = key();
    const refused = await api.post('/v1/contacts', { name: '' }, k2);
    assert.equal(refused.status, 422);
    const refusedAgain = await api.post('/v1/contacts', { name: '' }, k2);
    assert.deepEqual([refusedAgain.status, refusedAgain.contentType, refusedAgain.body], [422, refused.contentType, refused.body]);

    // Without a key, the same POST is a new contact.
    assert.equal((await api.post('/v1/contacts', { name: 'Zoé Tremblay' })).status, 201);
    assert.equal(await countContacts(api), 2);
  });

  it('refuses the same key with another body or path (422), keeps tenants apart, and checks the key', async () => {
    const api = await newTenant('mismatch');
    const other = await newTenant('mismatch-other');
    const k = key();
    const first = await api.post('/v1/contacts', { name: 'Marc Côté' }, k);
    const changed = await api.post('/v1/contacts', { name: 'Marc Coté' }, k);
    assert.equal(changed.status, 422);
    assert.equal(changed.body.code, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(changed.body.errors[0].field, 'Idempotency-Key');
    assert.equal((await api.post(`/v1/contacts/${first.body.id}/archive`, {}, k)).status, 422, 'another path');
    assert.equal(await countContacts(api), 1);

    const theirs = await other.post('/v1/contacts', { name: 'Marc Côté' }, k);
    assert.equal(theirs.status, 201, 'the same key in another tenant is another request');
    assert.notEqual(theirs.body.id, first.body.id);

    const badKey = await api.post('/v1/contacts', { name: 'x' }, { 'idempotency-key': 'has spaces in it' });
    assert.equal(badKey.status, 422);
    assert.equal(badKey.body.errors[0].field, 'Idempotency-Key');
    assert.equal(await countContacts(api), 1, 'nothing written');
  });

  it('answers 409 to a duplicate sent while the first is still running, then replays the first', async () => {
    const api = await newTenant('in-flight');
    // 400 contacts to import keep the first request busy for well over the 100 ms below.
    const csv = 'Name,Email\r\n' + Array.from({ length: 400 }, (_, i) => `Client ${i},client${i}@example.com`).join('\r\n') + '\r\n';
    const k = key();
    const first = api.post('/v1/contacts/import', csv, { 'content-type': 'text/csv', ...k });
    await new Promise((r) => setTimeout(r, 100));
    const duplicate = await api.post('/v1/contacts/import', csv, { 'content-type': 'text/csv', ...k });
    assert.equal(duplicate.status, 409);
    assert.equal(duplicate.body.code, 'IDEMPOTENCY_IN_FLIGHT');
    const done = await first;
    assert.equal(done.status, 200);
    assert.equal(done.body.created, 400);
    const replayed = await api.post('/v1/contacts/import', csv, { 'content-type': 'text/csv', ...k });
    assert.deepEqual([replayed.status, replayed.body], [200, done.body]);
    assert.equal(await countContacts(api), 400);
  });

  it('covers every service and the gateway\'s own POSTs', async () => {
    const api = await newTenant('services');
    const k = key();
    const tax = await api.post('/v1/tenant/taxes', { code: 'GST', name: 'TPS', rate: '5' }, k);
    assert.equal(tax.status, 201, JSON.stringify(tax.body));
    assert.deepEqual(await api.post('/v1/tenant/taxes', { code: 'GST', name: 'TPS', rate: '5' }, k).then((r) => [r.status, r.body]), [201, tax.body]);

    const k2 = key();
    const issued = await api.post('/v1/tenant/api-keys', {}, k2);
    const again = await api.post('/v1/tenant/api-keys', {}, k2);
    // the same key record, not a second one; the secret itself is shown only in the first answer
    assert.equal(again.body.id, issued.body.id, 'the same key, not a second one');
    assert.equal(again.body.apiKey, null);
    assert.match(issued.body.apiKey, /^ck_/);
    // the tenant's first key + one issued
    assert.equal((await api.get('/v1/tenant/api-keys')).body.items.length, 2);

    const k3 = key();
    const t1 = await admin.post('/v1/tenants', { ...TENANT, name: 'Once' }, { 'x-admin-token': stack.adminToken, ...k3 });
    const t2 = await admin.post('/v1/tenants', { ...TENANT, name: 'Once' }, { 'x-admin-token': stack.adminToken, ...k3 });
    assert.deepEqual([t2.status, t2.body.id], [201, t1.body.id]);
  });

  it('forgets a request that failed on the server side, so a retry runs', async () => {
    const api = await newTenant('retry');
    const k = key();
    await stack.kill('contacts');
    try {
      const down = await api.post('/v1/contacts', { name: 'Léa Roy' }, k);
      assert.equal(down.status, 503);
      assert.equal(down.headers.get('retry-after'), '5', 'the client is told when to try again');
    } finally {
      await stack.restart('contacts');
    }
    const retry = await api.post('/v1/contacts', { name: 'Léa Roy' }, k);
    assert.equal(retry.status, 201);
    assert.equal(await countContacts(api), 1);
  });
});
