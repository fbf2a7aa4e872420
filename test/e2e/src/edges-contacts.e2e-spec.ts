// Edges QA found in contacts: concurrent imports of the same emails, names made of invisible or
// control characters, deep JSON, media types, non-object JSON, 405 + Allow on contact resources.
// Four services as separate processes on real Kafka and a real MongoDB-wire server.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { apiClient, RunningStack, startTestStack } from '@carnet/testing';

type Api = ReturnType<typeof apiClient>;
interface Contact { id: string; name: string; email: string | null; version: number }
interface ImportReport { created: number; skipped: Array<{ line: number; reason: string }>; errors: unknown[] }

const TENANT = { name: 'Atelier Zoé', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '01-01', defaultLanguage: 'fr' };
const allowOf = (r: { headers: Headers }) => (r.headers.get('allow') ?? '').split(/,\s*/).filter(Boolean).sort();

describe('contacts edges, end to end', () => {
  let stack: RunningStack;
  let admin: Api;
  const newTenant = async (name: string): Promise<Api> => {
    const t = await admin.post('/v1/tenants', { ...TENANT, name }, { 'x-admin-token': stack.adminToken });
    assert.equal(t.status, 201, JSON.stringify(t.body));
    return apiClient(stack.url, t.body.apiKey);
  };
  const all = async (api: Api): Promise<Contact[]> => {
    const r = await api.get('/v1/contacts?status=all&limit=500');
    assert.equal(r.status, 200);
    return r.body.items;
  };
  const importCsv = (api: Api, csv: string) => api.post<ImportReport>('/v1/contacts/import', csv, { 'content-type': 'text/csv' });

  before(async () => {
    stack = await startTestStack('e2e');
    admin = apiClient(stack.url);
  });

  after(async () => {
    await stack?.stop();
  });

  it('four imports of the same 20 emails at once create each contact once', async () => {
    const api = await newTenant('concurrent imports');
    const rows = Array.from({ length: 20 }, (_, i) => `Client ${i + 1},client${i + 1}@example.ca`);
    // two files in lower case, two in upper case: emails compare case-insensitively
    const lower = ['Name,Email', ...rows].join('\n');
    const upper = ['Name,Email', ...rows.map((r) => r.toUpperCase())].join('\n');
    const reports = await Promise.all([lower, upper, lower, upper].map((csv) => importCsv(api, csv)));
    for (const r of reports) assert.equal(r.status, 200, JSON.stringify(r.body));
    // 4 files × 20 rows = 80 rows: 20 created in all, the other 80 − 20 = 60 skipped
    assert.equal(reports.reduce((n, r) => n + r.body.created, 0), 20, JSON.stringify(reports.map((r) => r.body.created)));
    assert.equal(reports.reduce((n, r) => n + r.body.skipped.length, 0), 60);
    const contacts = await all(api);
    const emails = contacts.map((c) => c.email?.toLowerCase()).sort();
    assert.equal(contacts.length, 20);
    assert.deepEqual(emails, Array.from({ length: 20 }, (_, i) => `client${i + 1}@example.ca`).sort());
  });

  it('an imported contact whose email changed frees the old address for the next import', async () => {
    const api = await newTenant('moved email');
    const first = await importCsv(api, 'Name,Email\nZoé Tremblay,zoe@example.ca');
    assert.equal(first.body.created, 1);
    const [zoe] = await all(api);
    assert.ok(zoe);
    assert.equal((await api.patch(`/v1/contacts/${zoe.id}`, { email: 'zoe@nouveau.example' })).status, 200);
    // the claim on zoe@example.ca still names Zoé, who no longer has that address: it is taken over
    const again = await importCsv(api, 'Name,Email\nZoé Autre,zoe@example.ca');
    assert.deepEqual([again.body.created, again.body.skipped.length], [1, 0], JSON.stringify(again.body));
    // and that new contact now holds it: a third import skips it
    const third = await importCsv(api, 'Name,Email\nZoé Encore,ZOE@example.ca');
    assert.deepEqual([third.body.created, third.body.skipped.length], [0, 1]);
    assert.deepEqual((await all(api)).map((c) => c.email).sort(), ['zoe@example.ca', 'zoe@nouveau.example']);
  });

  it('refuses names that show nothing and control characters in text fields, writing nothing', async () => {
    const api = await newTenant('invisible');
    const blankNames = ['\u200B', '\u200B\u200C\u200D\u2060', '\uFEFF\u200B', '\u0000', '\u0001\u0002', '\uD800', '\u3164'];
    for (const name of blankNames) {
      const r = await api.post('/v1/contacts', { name });
      assert.equal(r.status, 422, `${JSON.stringify(name)}: ${JSON.stringify(r.body)}`);
      assert.match(r.contentType, /application\/problem\+json/);
      assert.deepEqual([...new Set(r.body.errors.map((e: { field: string }) => e.field))], ['name'], JSON.stringify(name));
    }
    const controls = await api.post('/v1/contacts', { name: 'Zoé', companyName: 'Atelier\u0000Zoé', phone: '514\u0007555', billing: { address: { city: 'Montr\u001Béal' } } });
    assert.equal(controls.status, 422);
    assert.deepEqual([...new Set(controls.body.errors.map((e: { field: string }) => e.field))].sort(), ['billing.address.city', 'companyName', 'phone']);
    assert.deepEqual(await all(api), [], 'nothing was created');

    const zoe = await api.post('/v1/contacts', { name: 'Zoé' });
    assert.equal(zoe.status, 201);
    const rename = await api.patch(`/v1/contacts/${zoe.body.id}`, { name: '\u200B\u200D' });
    assert.equal(rename.status, 422);
    const note = await api.post(`/v1/contacts/${zoe.body.id}/notes`, { body: 'Rappeler\u0000lundi' });
    assert.equal(note.status, 422);
    assert.equal((await api.post(`/v1/contacts/${zoe.body.id}/notes`, { body: 'Rappeler lundi\n\t- devis' })).status, 201, 'line breaks and tabs are text');
    assert.equal((await api.get(`/v1/contacts/${zoe.body.id}`)).body.name, 'Zoé');
  });

  it('refuses deep JSON with a 400 and non-object JSON with a 422, creating nothing', async () => {
    const api = await newTenant('shapes');
    // 5,000 arrays inside "billing": class-transformer would overflow its stack on them
    const deep = `{"name":"x","billing":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    for (const text of [deep, '['.repeat(5000) + ']'.repeat(5000)]) {
      const r = await api.call('POST', '/v1/contacts', text, { 'content-type': 'application/json' });
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.match(r.contentType, /application\/problem\+json/);
      assert.equal(r.body.code, 'JSON_TOO_DEEP');
    }
    for (const text of ['"x"', 'null', '[]', '[{"name":"Zoé"}]', 'true']) {
      const r = await api.call('POST', '/v1/contacts', text, { 'content-type': 'application/json' });
      assert.equal(r.status, 422, `${text}: ${JSON.stringify(r.body)}`);
      assert.deepEqual(r.body.errors, [{ field: '', message: 'the body must be a JSON object' }]);
    }
    assert.deepEqual(await all(api), []);
  });

  it('answers 415 to a JSON endpoint called with text or a form, and still imports text/csv', async () => {
    const api = await newTenant('media types');
    for (const [type, body] of [['text/plain', '{"name":"Zoé"}'], ['application/x-www-form-urlencoded', 'name=Zo%C3%A9']]) {
      const r = await api.call('POST', '/v1/contacts', body, { 'content-type': type! });
      assert.equal(r.status, 415, `${type}: ${JSON.stringify(r.body)}`);
      assert.match(r.contentType, /application\/problem\+json/);
    }
    assert.deepEqual(await all(api), []);
    const zoe = await api.post('/v1/contacts', { name: 'Zoé' }, { 'content-type': 'application/json; charset=utf-8' });
    assert.equal(zoe.status, 201);
    assert.equal((await api.call('PATCH', `/v1/contacts/${zoe.body.id}`, '{"name":"Zoé T."}', { 'content-type': 'text/plain' })).status, 415);
    assert.equal((await api.call('POST', `/v1/contacts/${zoe.body.id}/notes`, 'body=hello', { 'content-type': 'application/x-www-form-urlencoded' })).status, 415);
    const imported = await importCsv(api, 'Name,Email\nÉric Zola,eric@example.ca');
    assert.equal(imported.status, 200);
    assert.equal(imported.body.created, 1);
  });

  it('answers 405 with Allow on contact resources; DELETE says contacts are archived', async () => {
    const api = await newTenant('methods');
    const zoe = (await api.post('/v1/contacts', { name: 'Zoé' })).body as Contact;
    const note = (await api.post(`/v1/contacts/${zoe.id}/notes`, { body: 'Rappeler lundi' })).body as { id: string };
    const before = (await api.get(`/v1/contacts/${zoe.id}`)).body as Contact;

    const del = await api.delete(`/v1/contacts/${zoe.id}`);
    assert.equal(del.status, 405);
    assert.match(del.contentType, /application\/problem\+json/);
    assert.match(del.body.detail, /archive/);
    assert.deepEqual(allowOf(del), ['GET', 'PATCH']);

    const cases: Array<[string, string, string[]]> = [
      ['PUT', `/v1/contacts/${zoe.id}`, ['GET', 'PATCH']],
      ['PUT', `/v1/contacts/${zoe.id}/notes/${note.id}`, ['DELETE', 'GET', 'PATCH']],
      ['GET', `/v1/contacts/${zoe.id}/archive`, ['POST']],
      ['DELETE', '/v1/contacts', ['GET', 'POST']],
    ];
    for (const [method, path, allow] of cases) {
      const r = await api.call(method, path);
      assert.equal(r.status, 405, `${method} ${path}: ${JSON.stringify(r.body)}`);
      assert.deepEqual(allowOf(r), allow, `${method} ${path}`);
    }
    const read = await api.get(`/v1/contacts/${zoe.id}`);
    assert.deepEqual([read.status, read.body.status, read.body.version], [200, 'active', before.version], 'DELETE changed nothing');
  });
});
