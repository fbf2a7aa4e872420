// Edges QA found at the gateway and in the shared HTTP plumbing: tenant settings that cannot be
// erased or re-based, admin-token messages, 405 + Allow, deep JSON, media types and non-object JSON.
// Four services as separate processes on real Kafka and a real MongoDB-wire server.
import { strict as assert } from 'node:assert';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { apiClient, RunningStack, startTestStack } from '@carnet/testing';

type Api = ReturnType<typeof apiClient>;
const TENANT = { name: 'Atelier Zoé', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '04-01', defaultLanguage: 'fr' };
// {"name":"x","lines":[[[…]]]} with 5,000 arrays: far deeper than the 32 levels any request needs
const DEEP = (inner: string) => `{${inner}"lines":${'['.repeat(5000)}${']'.repeat(5000)}}`;
const allowOf = (r: { headers: Headers }) => (r.headers.get('allow') ?? '').split(/,\s*/).filter(Boolean).sort();

describe('gateway edges, end to end', () => {
  let stack: RunningStack;
  let admin: Api;
  let api: Api;
  let apiKey: string;

  before(async () => {
    stack = await startTestStack('e2e');
    admin = apiClient(stack.url);
    const t = await admin.post('/v1/tenants', TENANT, { 'x-admin-token': stack.adminToken });
    assert.equal(t.status, 201, JSON.stringify(t.body));
    apiKey = t.body.apiKey;
    api = apiClient(stack.url, apiKey);
  });

  after(async () => {
    await stack?.stop();
  });

  it('refuses null for every tenant setting, naming the field, and changes nothing', async () => {
    const before = (await api.get('/v1/tenant')).body;
    for (const field of ['name', 'homeCurrency', 'timezone', 'fiscalYearStart', 'defaultLanguage']) {
      const r = await api.patch('/v1/tenant', { [field]: null });
      assert.equal(r.status, 422, `${field}: ${JSON.stringify(r.body)}`);
      assert.match(r.contentType, /application\/problem\+json/);
      assert.deepEqual([...new Set(r.body.errors.map((e: { field: string }) => e.field))], [field]);
    }
    // one valid change beside a null: the whole request is refused
    assert.equal((await api.patch('/v1/tenant', { timezone: 'America/Vancouver', name: null })).status, 422);
    assert.deepEqual((await api.get('/v1/tenant')).body, before, 'same settings, same version');
  });

  it('keeps the home currency: another one is a 409, the same one a no-op', async () => {
    const before = (await api.get('/v1/tenant')).body;
    const usd = await api.patch('/v1/tenant', { homeCurrency: 'USD', name: 'Renamed' });
    assert.equal(usd.status, 409, JSON.stringify(usd.body));
    assert.match(usd.contentType, /application\/problem\+json/);
    assert.equal(usd.body.code, 'HOME_CURRENCY_LOCKED');
    assert.match(usd.body.detail, /CAD/);
    assert.match(usd.body.detail, /exchange rates/);
    assert.deepEqual((await api.get('/v1/tenant')).body, before, 'the name beside it was not applied either');

    const same = await api.patch('/v1/tenant', { homeCurrency: 'CAD' });
    assert.equal(same.status, 200);
    assert.equal(same.body.version, before.version, 'no event recorded');
    assert.equal(same.body.homeCurrency, 'CAD');
  });

  it('tells a missing admin token from a wrong one', async () => {
    const missing = await admin.post('/v1/tenants', TENANT);
    const wrong = await admin.post('/v1/tenants', TENANT, { 'x-admin-token': 'not-the-admin-token' });
    assert.deepEqual([missing.status, wrong.status], [401, 401]);
    assert.match(missing.contentType, /application\/problem\+json/);
    assert.match(wrong.contentType, /application\/problem\+json/);
    assert.match(missing.body.detail, /needs the X-Admin-Token header/);
    assert.match(wrong.body.detail, /X-Admin-Token is wrong/);
  });

  it('answers 405 with Allow for a method a known path does not take, 404 for an unknown path', async () => {
    const cases: Array<[string, string, string[]]> = [
      // the gateway's own routes
      ['DELETE', '/v1/tenant', ['GET', 'PATCH']],
      ['GET', '/v1/tenants', ['POST']],
      ['PUT', '/v1/tenant/api-keys', ['GET', 'POST']],
      // billing's, through its shared bootstrap
      ['PUT', '/v1/invoices/7d3c5d1e-4f4b-4c36-9c1f-0a4b8f1e2d3c', ['GET', 'PATCH']],
      ['DELETE', '/v1/invoices/7d3c5d1e-4f4b-4c36-9c1f-0a4b8f1e2d3c', ['GET', 'PATCH']],
      ['GET', '/v1/invoices/7d3c5d1e-4f4b-4c36-9c1f-0a4b8f1e2d3c/send', ['POST']],
      // reporting's
      ['POST', '/v1/contacts/7d3c5d1e-4f4b-4c36-9c1f-0a4b8f1e2d3c/summary', ['GET']],
    ];
    for (const [method, path, allow] of cases) {
      const r = await api.call(method, path);
      assert.equal(r.status, 405, `${method} ${path}: ${JSON.stringify(r.body)}`);
      assert.match(r.contentType, /application\/problem\+json/);
      assert.deepEqual(allowOf(r), allow, `${method} ${path}`);
    }
    const unknown = await api.call('PUT', '/v1/nowhere');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers.get('allow'), null);
  });

  it('refuses deeply nested JSON with a 400, never a 500, at the gateway and behind it', async () => {
    const before = (await api.get('/v1/tenant')).body;
    const tenantPatch = await api.call('PATCH', '/v1/tenant', DEEP(''), { 'content-type': 'application/json' });
    const tenantCreate = await admin.call('POST', '/v1/tenants', DEEP('"name":"x",'), { 'content-type': 'application/json', 'x-admin-token': stack.adminToken });
    const invoice = await api.call('POST', '/v1/invoices', DEEP('"contactId":"x",'), { 'content-type': 'application/json' });
    const topLevel = await api.call('POST', '/v1/items', '['.repeat(5000) + ']'.repeat(5000), { 'content-type': 'application/json' });
    for (const r of [tenantPatch, tenantCreate, invoice, topLevel]) {
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.match(r.contentType, /application\/problem\+json/);
      assert.equal(r.body.code, 'JSON_TOO_DEEP');
    }
    assert.deepEqual((await api.get('/v1/tenant')).body, before);
  });

  it('answers 422 for JSON that is not an object and 415 for another media type', async () => {
    for (const text of ['"x"', 'null', '[]', '42']) {
      const tenant = await api.call('PATCH', '/v1/tenant', text, { 'content-type': 'application/json' });
      const item = await api.call('POST', '/v1/items', text, { 'content-type': 'application/json' });
      for (const r of [tenant, item]) {
        assert.equal(r.status, 422, `${text}: ${JSON.stringify(r.body)}`);
        assert.match(r.contentType, /application\/problem\+json/);
        assert.deepEqual(r.body.errors, [{ field: '', message: 'the body must be a JSON object' }]);
      }
    }
    const plain = JSON.stringify({ name: 'Renamed' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const tenant = await api.call('PATCH', '/v1/tenant', plain, { 'content-type': type });
      const item = await api.call('POST', '/v1/items', plain, { 'content-type': type });
      for (const r of [tenant, item]) {
        assert.equal(r.status, 415, `${type}: ${JSON.stringify(r.body)}`);
        assert.match(r.contentType, /application\/problem\+json/);
      }
    }
    assert.equal((await api.get('/v1/tenant')).body.name, TENANT.name);
    assert.deepEqual((await api.get('/v1/items')).body.items, []);
  });

  it('never lets a path with dot segments or backslashes reach another route of a service', async () => {
    // fetch would resolve "..": the request is written by hand, as a client could send it
    const send = (path: string) => new Promise<{ status: number; body: string }>((resolve, reject) => {
      const socket = connect(Number(new URL(stack.url).port), '127.0.0.1', () => {
        socket.write(`GET ${path} HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer ${apiKey}\r\nConnection: close\r\n\r\n`);
      });
      let data = '';
      socket.on('data', (chunk) => { data += chunk; });
      socket.on('end', () => resolve({ status: Number(data.split(' ')[1]), body: data.slice(data.indexOf('\r\n\r\n') + 4) }));
      socket.on('error', reject);
    });
    for (const path of ['/v1/reports/../../metrics', '/v1/contacts/%2e%2e/%2e%2e/metrics', '/v1/contacts/..%2f..%2fhealth', '/v1/invoices/.%2e/.%2e/health', '/v1/contacts\\..\\..\\health']) {
      const r = await send(path);
      assert.equal(r.status, 404, `${path}: ${r.body.slice(0, 200)}`);
      assert.ok(!r.body.includes('carnet_reporting_events'), `${path} leaked the metrics`);
    }
  });

  it('refuses JSON that is not UTF-8 and keys every object inherits, writing nothing', async () => {
    // "François" with ç as the single Windows-1252 byte E7: not UTF-8
    const latin1 = Buffer.concat([Buffer.from('{"name":"Fran'), Buffer.from([0xe7]), Buffer.from('ois"}')]);
    const refused = await api.call('POST', '/v1/contacts', latin1, { 'content-type': 'application/json' });
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.equal(refused.body.code, 'MALFORMED_JSON');
    assert.equal((await api.call('PATCH', '/v1/tenant', latin1, { 'content-type': 'application/json' })).status, 400, 'at the gateway too');
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const r = await api.call('POST', '/v1/contacts', `{"name":"x","${key}":{"a":1}}`, { 'content-type': 'application/json' });
      assert.equal(r.status, 422, `${key}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.errors[0].field, key);
    }
    const nested = await api.call('POST', '/v1/contacts', '{"name":"x","billing":{"address":{"__proto__":{"city":"x"}}}}', { 'content-type': 'application/json' });
    assert.deepEqual([nested.status, nested.body.errors?.[0]?.field], [422, 'billing.address.__proto__']);
    assert.equal((await api.call('PATCH', '/v1/tenant', '{"constructor":{"name":"x"}}', { 'content-type': 'application/json' })).status, 422);
    assert.deepEqual((await api.get('/v1/contacts?status=all')).body.items, [], 'nothing was written');
  });
});

