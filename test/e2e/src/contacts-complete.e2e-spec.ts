// Contacts through the gateway: field rules, If-Match, list/search/paging, archive, notes, export.
// Four services as separate processes on real Kafka and a real MongoDB-wire server.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiClient, RunningStack, sharedDir, startTestStack } from '@carnet/testing';

type Api = ReturnType<typeof apiClient>;
interface Contact { id: string; name: string; email: string | null; companyName: string | null; status: string; version: number; [k: string]: unknown }

const TENANT = { name: 'Atelier Zoé', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '01-01', defaultLanguage: 'fr' };

describe('contacts, end to end', () => {
  let stack: RunningStack;
  let admin: Api;
  const apiKeyOf = new Map<Api, string>();
  const newTenant = async (name: string): Promise<Api> => {
    const t = await admin.post('/v1/tenants', { ...TENANT, name }, { 'x-admin-token': stack.adminToken });
    assert.equal(t.status, 201, JSON.stringify(t.body));
    const api = apiClient(stack.url, t.body.apiKey);
    apiKeyOf.set(api, t.body.apiKey);
    return api;
  };
  const create = async (api: Api, body: object): Promise<Contact> => {
    const r = await api.post('/v1/contacts', body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
  };
  const names = (r: { body: { items: Contact[] } }) => r.body.items.map((c) => c.name);

  before(async () => {
    stack = await startTestStack('e2e');
    admin = apiClient(stack.url);
  });

  after(async () => {
    await stack?.stop();
  });

  it('creates a contact with defaults, NFC text and null for every empty value', async () => {
    const api = await newTenant('fields');
    const c = await create(api, { name: '  Zoe\u0301 Tremblay ', email: "zoe.o'neil+factures@Example.CA", phone: '   ', color: '#a1b2c3', billing: { address: { city: ' Montréal ' }, language: 'fr-ca' } });
    assert.deepEqual({ ...c, id: undefined, createdAt: undefined }, {
      id: undefined, name: 'Zoé Tremblay', email: "zoe.o'neil+factures@Example.CA", companyName: null, phone: null, color: '#A1B2C3',
      billing: {
        address: { line1: null, line2: null, city: 'Montréal', region: null, postalCode: null, country: null },
        // currency: the tenant's home currency; terms: 30 days by default
        language: 'fr-CA', currency: 'CAD', paymentMethod: null, paymentTermsDays: 30,
      },
      status: 'active', createdAt: undefined, archivedAt: null, version: 1,
    });
    assert.equal(c.name.length, 12, '"Zoé" is one composed character: 3 + 1 space + 8');
    // 200 emoji are 200 characters (400 UTF-16 units, 800 bytes): the limit is in characters
    assert.equal((await api.post('/v1/contacts', { name: '🦊'.repeat(200) })).status, 201);
    const tooLong = await api.post('/v1/contacts', { name: '🦊'.repeat(201) });
    assert.equal(tooLong.status, 422);
    assert.deepEqual(tooLong.body.errors.map((e: { field: string }) => e.field), ['name']);
  });

  it('refuses bad input naming each field, writes nothing, and never answers 500', async () => {
    const api = await newTenant('refusals');
    const bad = await api.post('/v1/contacts', {
      name: ' ', email: 'zoe..t@example.com', color: 'red', companyName: 12, extra: true,
      billing: { currency: 'XYZ', language: 'français', paymentMethod: 'bitcoin', paymentTermsDays: 366, address: { city: 'Laval', planet: 'Mars' } },
    });
    assert.equal(bad.status, 422);
    assert.match(bad.contentType, /^application\/problem\+json/);
    assert.deepEqual([...new Set(bad.body.errors.map((e: { field: string }) => e.field))].sort(), [
      'billing.address.planet', 'billing.currency', 'billing.language', 'billing.paymentMethod', 'billing.paymentTermsDays',
      'color', 'companyName', 'email', 'extra', 'name',
    ]);
    for (const email of ['a b@example.com', 'ab@', '@example.com']) {
      assert.deepEqual((await api.post('/v1/contacts', { name: 'x', email })).body.errors, [{ field: 'email', message: 'email must be a valid email address' }], email);
    }
    assert.equal((await api.post('/v1/contacts', ['not', 'an', 'object'])).status, 422);
    assert.equal((await api.call('POST', '/v1/contacts', '{"name":', { 'content-type': 'application/json' })).status, 400);
    assert.equal((await api.get('/v1/contacts?status=all')).body.items.length, 0, 'nothing was written');
  });

  it('PATCH with If-Match: a stale version is 409, and of two concurrent PATCHes on one version exactly one lands', async () => {
    const api = await newTenant('if-match');
    const c = await create(api, { name: 'Marc Côté' });
    const ok = await api.patch(`/v1/contacts/${c.id}`, { phone: '514-555-0100' }, { 'if-match': '1' });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.version, 2);
    const stale = await api.patch(`/v1/contacts/${c.id}`, { phone: '000' }, { 'if-match': '1' });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'VERSION_CONFLICT');
    assert.equal((await api.get(`/v1/contacts/${c.id}`)).body.phone, '514-555-0100', 'the stale PATCH changed nothing');
    assert.equal((await api.patch(`/v1/contacts/${c.id}`, { phone: '1' }, { 'if-match': 'latest' })).status, 422);

    const race = await Promise.all([
      api.patch(`/v1/contacts/${c.id}`, { companyName: 'Côté Design' }, { 'if-match': '"2"' }),
      api.patch(`/v1/contacts/${c.id}`, { companyName: 'Côté Conseil' }, { 'if-match': '"2"' }),
    ]);
    assert.deepEqual(race.map((r) => r.status).sort(), [200, 409]);
    const winner = race.find((r) => r.status === 200)!.body as Contact;
    const now = (await api.get(`/v1/contacts/${c.id}`)).body;
    assert.equal(now.version, 3);
    assert.equal(now.companyName, winner.companyName);

    // Without If-Match, concurrent PATCHes of different fields all land (re-decided on conflict).
    const all = await Promise.all([
      api.patch(`/v1/contacts/${c.id}`, { color: '#112233' }),
      api.patch(`/v1/contacts/${c.id}`, { billing: { paymentTermsDays: 15 } }),
      api.patch(`/v1/contacts/${c.id}`, { billing: { address: { city: 'Gatineau' } } }),
    ]);
    assert.deepEqual(all.map((r) => r.status), [200, 200, 200]);
    const merged = (await api.get(`/v1/contacts/${c.id}`)).body;
    assert.deepEqual([merged.color, merged.billing.paymentTermsDays, merged.billing.address.city, merged.version], ['#112233', 15, 'Gatineau', 6]);
    // what no PATCH named is untouched, read back from the stored events
    assert.deepEqual([merged.billing.currency, merged.billing.language, merged.phone], ['CAD', 'fr', '514-555-0100']);
    assert.equal((await api.patch(`/v1/contacts/${c.id}`, { name: null })).status, 422, 'a name cannot be cleared');

    // 20 notes and 10 PATCHes at once, none naming a version: every one lands, one after the other.
    const burst = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => api.post(`/v1/contacts/${c.id}/notes`, { body: `note ${i}` })),
      ...Array.from({ length: 10 }, (_, i) => api.patch(`/v1/contacts/${c.id}`, { phone: `438-555-01${String(i).padStart(2, '0')}` })),
    ]);
    assert.deepEqual(burst.map((r) => r.status), [...Array(20).fill(201), ...Array(10).fill(200)]);
    // version 6 + 20 notes + 10 edits = 36; the 20 notes are all there
    assert.equal((await api.get(`/v1/contacts/${c.id}`)).body.version, 36);
    assert.equal((await api.get(`/v1/contacts/${c.id}/notes?limit=100`)).body.items.length, 20);
  });

  it('lists by status, searches name, email and company without case or accents, sorts and pages stably', async () => {
    const api = await newTenant('list');
    await create(api, { name: 'Zoé Tremblay', email: 'zt@example.ca' });
    await create(api, { name: 'Marc Côté', email: 'ZOE.admin@example.ca' });
    await create(api, { name: 'Léa Roy', companyName: 'Studio ZOË' });
    const eric = await create(api, { name: 'Éric Zola', email: 'eric@example.ca' });
    await create(api, { name: 'ana' });

    // "zoe" is in Zoé's name, Marc's email and Léa's company; "Zola" is not "zoe"
    assert.deepEqual(names(await api.get('/v1/contacts?q=zoe&sort=name')), ['Léa Roy', 'Marc Côté', 'Zoé Tremblay']);
    assert.deepEqual(names(await api.get(`/v1/contacts?q=${encodeURIComponent('ZOÉ')}&sort=name`)), ['Léa Roy', 'Marc Côté', 'Zoé Tremblay']);
    assert.deepEqual(names(await api.get('/v1/contacts?q=cote')), ['Marc Côté']);
    assert.deepEqual(names(await api.get(`/v1/contacts?q=${encodeURIComponent('a.b(')}`)), [], 'regex characters are plain text');

    // name order ignores case and accents: ana, eric zola, lea roy, marc cote, zoe tremblay
    assert.deepEqual(names(await api.get('/v1/contacts?sort=name')), ['ana', 'Éric Zola', 'Léa Roy', 'Marc Côté', 'Zoé Tremblay']);
    assert.deepEqual(names(await api.get('/v1/contacts?sort=-name')), ['Zoé Tremblay', 'Marc Côté', 'Léa Roy', 'Éric Zola', 'ana']);
    assert.deepEqual(names(await api.get('/v1/contacts?sort=createdAt')), ['Zoé Tremblay', 'Marc Côté', 'Léa Roy', 'Éric Zola', 'ana']);
    assert.deepEqual(names(await api.get('/v1/contacts?sort=-createdAt')), ['ana', 'Éric Zola', 'Léa Roy', 'Marc Côté', 'Zoé Tremblay']);

    // Pages of 2 by name, with contacts inserted between the pages: no item twice, none skipped.
    const p1 = await api.get('/v1/contacts?sort=name&limit=2');
    assert.deepEqual(names(p1), ['ana', 'Éric Zola']);
    await create(api, { name: 'Aaron Abel' }); // sorts before the cursor: not on later pages
    await create(api, { name: 'Noémie Noël' }); // after it: on a later page
    const p2 = await api.get(`/v1/contacts?sort=name&limit=2&cursor=${p1.body.nextCursor}`);
    assert.deepEqual(names(p2), ['Léa Roy', 'Marc Côté']);
    const p3 = await api.get(`/v1/contacts?sort=name&limit=2&cursor=${p2.body.nextCursor}`);
    assert.deepEqual(names(p3), ['Noémie Noël', 'Zoé Tremblay']);
    assert.equal(p3.body.nextCursor, null);

    assert.equal((await api.get('/v1/contacts?limit=500')).status, 200);
    const tooMany = await api.get('/v1/contacts?limit=501');
    assert.equal(tooMany.status, 422);
    assert.equal(tooMany.body.errors[0].field, 'limit');
    assert.equal((await api.get('/v1/contacts?cursor=not-a-cursor')).body.errors[0].field, 'cursor');
    assert.equal((await api.get('/v1/contacts?status=deleted')).status, 422);

    // Archived contacts leave the default list, appear under archived and all, and stay readable.
    const archived = await api.post(`/v1/contacts/${eric.id}/archive`);
    assert.equal(archived.status, 200);
    assert.equal(archived.body.status, 'archived');
    assert.ok(archived.body.archivedAt);
    const again = await api.post(`/v1/contacts/${eric.id}/archive`);
    assert.deepEqual([again.status, again.body.version, again.body.archivedAt], [200, archived.body.version, archived.body.archivedAt], 'idempotent');
    assert.ok(!names(await api.get('/v1/contacts?limit=500')).includes('Éric Zola'));
    assert.deepEqual(names(await api.get('/v1/contacts?status=archived')), ['Éric Zola']);
    assert.equal((await api.get('/v1/contacts?status=all')).body.items.length, 7, '5 + 2 inserted, archived included');
    const read = await api.get(`/v1/contacts/${eric.id}`);
    assert.deepEqual([read.status, read.body.status, read.body.email], [200, 'archived', 'eric@example.ca']);

    const del = await api.delete(`/v1/contacts/${eric.id}`);
    assert.equal(del.status, 405);
    assert.match(del.contentType, /problem\+json/);
    assert.match(del.body.detail, /archive/);

    const back = await api.post(`/v1/contacts/${eric.id}/reactivate`);
    assert.deepEqual([back.body.status, back.body.archivedAt], ['active', null]);
    assert.equal((await api.post(`/v1/contacts/${eric.id}/reactivate`)).body.version, back.body.version, 'idempotent');
    assert.deepEqual(names(await api.get('/v1/contacts?status=archived')), []);
  });

  it('keeps notes newest first, on active and archived contacts, and hides them from other tenants', async () => {
    const api = await newTenant('notes');
    const other = await newTenant('notes-other');
    const c = await create(api, { name: 'Léa Roy' });
    const n1 = await api.post(`/v1/contacts/${c.id}/notes`, { body: '  Préfère les appels le matin  ' });
    assert.equal(n1.status, 201, JSON.stringify(n1.body));
    assert.deepEqual(Object.keys(n1.body).sort(), ['body', 'createdAt', 'id', 'updatedAt']);
    assert.equal(n1.body.body, 'Préfère les appels le matin');
    await api.post(`/v1/contacts/${c.id}/archive`);
    const n2 = await api.post(`/v1/contacts/${c.id}/notes`, { body: 'Contrat signé, dossier archivé' });
    assert.equal(n2.status, 201, 'an archived contact takes notes');
    const n3 = await api.post(`/v1/contacts/${c.id}/notes`, { body: 'Relancer en janvier' });

    const list = await api.get(`/v1/contacts/${c.id}/notes`);
    assert.deepEqual(list.body.items.map((n: { id: string }) => n.id), [n3.body.id, n2.body.id, n1.body.id]);
    assert.equal(list.body.nextCursor, null);
    const page1 = await api.get(`/v1/contacts/${c.id}/notes?limit=2`);
    assert.deepEqual(page1.body.items.map((n: { id: string }) => n.id), [n3.body.id, n2.body.id]);
    const page2 = await api.get(`/v1/contacts/${c.id}/notes?limit=2&cursor=${page1.body.nextCursor}`);
    assert.deepEqual(page2.body.items.map((n: { id: string }) => n.id), [n1.body.id]);
    assert.equal(page2.body.nextCursor, null);

    const edited = await api.patch(`/v1/contacts/${c.id}/notes/${n1.body.id}`, { body: 'Préfère les appels après 10 h' });
    assert.equal(edited.status, 200);
    assert.deepEqual([edited.body.body, edited.body.createdAt], ['Préfère les appels après 10 h', n1.body.createdAt]);
    assert.equal((await api.get(`/v1/contacts/${c.id}/notes/${n1.body.id}`)).body.body, 'Préfère les appels après 10 h');
    assert.deepEqual((await api.patch(`/v1/contacts/${c.id}/notes/${n1.body.id}`, { body: ' ' })).body.errors.map((e: { field: string }) => e.field), ['body']);
    assert.equal((await api.post(`/v1/contacts/${c.id}/notes`, { body: 'x', pinned: true })).status, 422);

    assert.equal((await api.delete(`/v1/contacts/${c.id}/notes/${n2.body.id}`)).status, 204);
    assert.equal((await api.get(`/v1/contacts/${c.id}/notes/${n2.body.id}`)).status, 404);
    assert.equal((await api.delete(`/v1/contacts/${c.id}/notes/${n2.body.id}`)).status, 404);
    assert.deepEqual((await api.get(`/v1/contacts/${c.id}/notes`)).body.items.map((n: { id: string }) => n.id), [n3.body.id, n1.body.id]);

    assert.equal((await other.get(`/v1/contacts/${c.id}/notes`)).status, 404);
    assert.equal((await other.post(`/v1/contacts/${c.id}/notes`, { body: 'intrus' })).status, 404);
    assert.equal((await other.delete(`/v1/contacts/${c.id}/notes/${n1.body.id}`)).status, 404);
    assert.equal((await api.post('/v1/contacts/00000000-0000-4000-8000-000000000000/notes', { body: 'x' })).status, 404);
    assert.equal((await api.get(`/v1/contacts/${c.id}/notes/not-a-uuid`)).status, 404);
  });

  for (const format of ['csv', 'vcf'] as const) {
    it(`exports every contact as ${format} and imports it into a new tenant as the same contacts`, async () => {
      const api = await newTenant(`export-${format}`);
      await create(api, {
        name: 'Zoé Tremblay-Ouellet', email: "zoe.o'neil+factures@example.ca", companyName: 'Ateliers "Zoé", Fils & Cie; Québec',
        phone: '+1 514-555-0199', color: '#33aa77',
        billing: { address: { line1: '1234, rue Saint-Denis', line2: 'Bureau 5; porte "B"', city: 'Montréal', region: 'QC', postalCode: 'H2X 3K4', country: 'Canada' }, currency: 'USD', paymentMethod: 'interac', paymentTermsDays: 15 },
      });
      await create(api, { name: 'Ørsted Æblegård A/S', companyName: 'Ørsted Æblegård A/S', billing: { language: 'da', currency: 'DKK', paymentMethod: 'bank_transfer', paymentTermsDays: 0 } });
      const old = await create(api, { name: 'Ōtani 大谷, Jr.', email: 'OTANI@Example.JP', billing: { language: 'ja', currency: 'JPY', paymentTermsDays: 365 } });
      await api.post(`/v1/contacts/${old.id}/archive`);

      const file = await api.get(`/v1/contacts/export?format=${format}`);
      assert.equal(file.status, 200);
      assert.equal(file.contentType, format === 'csv' ? 'text/csv; charset=utf-8' : 'text/vcard; charset=utf-8');
      assert.match(file.headers.get('content-disposition') ?? '', new RegExp(`^attachment; filename="contacts-\\d{4}-\\d{2}-\\d{2}\\.${format}"$`));

      const copy = await newTenant(`import-${format}`);
      const imported = await copy.post('/v1/contacts/import', String(file.body), { 'content-type': format === 'csv' ? 'text/csv' : 'text/vcard' });
      assert.equal(imported.status, 200, JSON.stringify(imported.body));
      assert.equal(imported.body.created, 3, 'the archived contact is exported too');
      assert.deepEqual(imported.body.errors, []);

      // the same contacts, archived status included (the dates are the import's own)
      const profile = ({ name, email, companyName, phone, color, billing, status }: Contact) => ({ name, email, companyName, phone, color, billing, status });
      const original = (await api.get('/v1/contacts?status=all&sort=name')).body.items.map(profile);
      const copied = (await copy.get('/v1/contacts?status=all&sort=name')).body.items.map(profile);
      assert.deepEqual(copied, original);
      assert.deepEqual(copied.map((c: { status: string }) => c.status).sort(), ['active', 'active', 'archived']);
      assert.deepEqual((await copy.get('/v1/contacts?status=archived')).body.items.map((c: Contact) => c.name), ['Ōtani 大谷, Jr.']);
    });
  }

  it('imports a multipart upload of a real export, and a Windows-1252 file, through the gateway', async () => {
    const api = await newTenant('upload');
    const form = new FormData();
    const file = readFileSync(join(sharedDir(), 'data', 'imports', 'freshbooks', 'freshbooks_clients.csv'));
    form.append('file', new Blob([file], { type: 'text/csv' }), 'freshbooks_clients.csv');
    // fetch writes the multipart body and its boundary in the content type
    const res = await fetch(`${stack.url}/v1/contacts/import`, { method: 'POST', headers: { authorization: `Bearer ${apiKeyOf.get(api)}` }, body: form });
    const report = await res.json() as { created: number; errors: unknown[] };
    assert.equal(res.status, 200, JSON.stringify(report));
    assert.deepEqual([report.created, report.errors], [2, []], 'the FreshBooks file holds Marge Simpson and Scott Summer');
    const names = (await api.get('/v1/contacts?sort=name')).body.items.map((c: Contact) => [c.name, c.email]);
    assert.deepEqual(names, [['Marge Simpson', 'marge@simpsons.com'], ['Scott Summer', 'ssummers@xavierscool.edu']]);

    // "Société Générale; Zoë Çelik; Crème Brûlée" in Windows-1252: é = E9, ë = EB, Ç = C7, è = E8, û = FB
    const cp1252 = Buffer.from('Nom;Courriel;Entreprise\r\nZo\xeb \xc7elik;zoe@example.fr;Soci\xe9t\xe9 G\xe9n\xe9rale\r\nCr\xe8me Br\xfbl\xe9e;creme@example.fr;\r\n', 'latin1');
    const legacy = await api.post('/v1/contacts/import', cp1252, { 'content-type': 'text/csv' });
    assert.equal(legacy.status, 200, JSON.stringify(legacy.body));
    assert.equal(legacy.body.created, 2);
    const found = (await api.get('/v1/contacts?q=zoe')).body.items.map((c: Contact) => [c.name, c.companyName]);
    assert.deepEqual(found, [['Zoë Çelik', 'Société Générale']]);
    assert.equal((await api.get('/v1/contacts?q=creme')).body.items[0]?.name, 'Crème Brûlée');
  });

  it('refuses an unknown export format and exports only the tenant\'s own contacts', async () => {
    const api = await newTenant('export-scope');
    const other = await newTenant('export-scope-other');
    await create(api, { name: 'Seul Contact' });
    assert.equal((await api.get('/v1/contacts/export?format=xlsx')).status, 422);
    const csv = String((await other.get('/v1/contacts/export')).body);
    assert.equal(csv.trim().split('\r\n').length, 1, 'only the header: the other tenant has no contacts');
    assert.match(String((await api.get('/v1/contacts/export')).body), /\r\nSeul Contact,/);
  });
});
