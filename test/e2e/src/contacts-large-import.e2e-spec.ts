// Large contact imports through the gateway, on real Kafka and a real MongoDB-wire server: a file
// of 1,200 rows answered synchronously, then one of 2,400 rows imported in the background
// (Prefer: respond-async) and followed through its job. Every expected count is worked out by hand.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { apiClient, eventually, repoRoot, requireEnv, RunningStack, startCarnetStack, uniqueSuffix } from '@carnet/testing';

type Api = ReturnType<typeof apiClient>;
interface Issue { line: number; message: string }
interface ImportReport { created: number; skipped: Array<{ line: number; reason: string }>; warnings: Issue[]; errors: Issue[] }
interface ImportJob {
  id: string; status: 'running' | 'done' | 'failed'; rowsTotal: number; rowsRead: number; created: number;
  skipped: number; warnings: number; errors: number; startedAt: string; finishedAt: string | null; failure: string | null; report: ImportReport | null;
}
interface Contact { id: string; name: string; email: string | null }

const TENANT = { name: 'Atelier Import', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '01-01', defaultLanguage: 'fr' };
const pad = (n: number) => String(n).padStart(4, '0');
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
// Data row r of a file is on line r + 1 (the header is line 1).
const lineOf = (row: number) => row + 1;

/**
 * File A, 1,200 rows (Name,Email,Phone):
 * - rows 1–1000: new clients a0001…a1000;
 * - rows 1001–1100: the emails of rows 1–100 again, in upper case (found by the claims of earlier batches);
 * - rows 1101–1110: new b1101…b1110; rows 1111–1120: the emails of rows 1101–1110 again (same batch);
 * - rows 1121–1123: the emails of three contacts created through the API (written in upper case);
 * - row 1124: a phone and nothing else (an error); row 1125: an email that is not one (a warning);
 * - rows 1126–1200: new c1126…c1200, row 1126 without an email.
 */
function fileA(): string {
  const rows = [
    ...range(1, 1000).map((r) => `Client A${pad(r)},a${pad(r)}@example.ca,`),
    ...range(1001, 1100).map((r) => `Again A${pad(r)},A${pad(r - 1000)}@EXAMPLE.CA,`),
    ...range(1101, 1110).map((r) => `Twin B${pad(r)},b${pad(r)}@example.ca,`),
    ...range(1111, 1120).map((r) => `Twin copy B${pad(r)},b${pad(r - 10)}@example.ca,`),
    ...[1, 2, 3].map((i) => `Known ${i},EXISTING${i}@Example.ca,`),
    ',,514-555-0000',
    'Bob Invalid,bob@example..com,',
    'Client C1126,,',
    ...range(1127, 1200).map((r) => `Client C${pad(r)},c${pad(r)}@example.ca,`),
  ];
  assert.equal(rows.length, 1200);
  return ['Name,Email,Phone', ...rows].join('\r\n') + '\r\n';
}

/** File B, 2,400 rows: rows 1–2000 new clients d0001…d2000, rows 2001–2400 the emails of file A's rows 1–400. */
function fileB(): string {
  const rows = [
    ...range(1, 2000).map((r) => `Client D${pad(r)},d${pad(r)}@example.ca`),
    ...range(2001, 2400).map((r) => `Again D${pad(r)},a${pad(r - 2000)}@example.ca`),
  ];
  return ['Name,Email', ...rows].join('\n') + '\n';
}

describe('large contact imports, end to end', () => {
  let stack: RunningStack;
  let admin: Api;
  let api: Api;
  let other: Api;
  let jobLocation = '';
  let jobId = '';

  const newTenant = async (name: string): Promise<Api> => {
    const t = await admin.post('/v1/tenants', { ...TENANT, name }, { 'x-admin-token': stack.adminToken });
    assert.equal(t.status, 201, JSON.stringify(t.body));
    return apiClient(stack.url, t.body.apiKey);
  };
  const search = async (q: string): Promise<Contact[]> => {
    const r = await api.get(`/v1/contacts?status=all&limit=500&q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.items;
  };
  const everyContact = async (): Promise<Contact[]> => {
    const all: Contact[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Contact[]; nextCursor: string | null } } = await api.get(`/v1/contacts?status=all&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return all;
  };

  before(async () => {
    const suffix = uniqueSuffix('e2e');
    stack = await startCarnetStack({
      repoRoot: repoRoot(), kafkaBrokers: requireEnv('KAFKA_BROKERS'), mongoUrl: requireEnv('MONGO_URL'),
      databaseSuffix: suffix, logDir: join(repoRoot(), '.carnet', 'test-logs', suffix),
    });
    admin = apiClient(stack.url);
    api = await newTenant('large imports');
    other = await newTenant('someone else');
    // Contacts created through the API hold no email claim: the import must still find them.
    for (const i of [1, 2, 3]) assert.equal((await api.post('/v1/contacts', { name: `Existing ${i}`, email: `existing${i}@example.ca` })).status, 201);
    assert.equal((await api.post('/v1/contacts', { name: 'Existing without email' })).status, 201);
  });

  after(async () => {
    await stack?.stop();
  });

  it('imports 1,200 rows in one request, skipping duplicates in the file and existing emails', async () => {
    const r = await api.post<ImportReport>('/v1/contacts/import', fileA(), { 'content-type': 'text/csv' });
    assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 2000));
    // skipped: 100 (rows 1001–1100) + 10 (rows 1111–1120) + 3 (rows 1121–1123) = 113; one error (row 1124);
    // created: 1,200 − 113 − 1 = 1,086 (row 1125 without its email, row 1126 without one)
    assert.equal(r.body.created, 1086);
    const expectedSkipped = [...range(1001, 1100), ...range(1111, 1120), ...range(1121, 1123)].map(lineOf);
    assert.deepEqual(r.body.skipped.map((s) => s.line), expectedSkipped);
    assert.deepEqual(r.body.skipped[0], { line: 1002, reason: 'a contact with email A0001@EXAMPLE.CA already exists' });
    assert.deepEqual(r.body.skipped.at(-1), { line: 1124, reason: 'a contact with email EXISTING3@Example.ca already exists' });
    assert.deepEqual(r.body.errors.map((e) => e.line), [lineOf(1124)]);
    assert.deepEqual(r.body.warnings, [{ line: lineOf(1125), message: 'email "bob@example..com" is not a valid address and was left out' }]);
  });

  it('after the first import, still skips emails given through the API: a new contact and an edited one', async () => {
    const made = await api.post<Contact>('/v1/contacts', { name: 'Made after', email: 'made.after@example.ca' });
    assert.equal(made.status, 201);
    const edited = await api.post<Contact>('/v1/contacts', { name: 'Edited after' });
    assert.equal((await api.patch(`/v1/contacts/${edited.body.id}`, { email: 'Edited.After@example.ca' })).status, 200);
    const r = await api.post<ImportReport>('/v1/contacts/import', 'Name,Email\r\nCopy one,MADE.AFTER@example.ca\r\nCopy two,edited.after@EXAMPLE.ca\r\nNew one,new.after@example.ca\r\n', { 'content-type': 'text/csv' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    // lines 2 and 3 repeat the two emails (in another case): skipped; line 4 is new
    assert.equal(r.body.created, 1);
    assert.deepEqual(r.body.skipped, [
      { line: 2, reason: 'a contact with email MADE.AFTER@example.ca already exists' },
      { line: 3, reason: 'a contact with email edited.after@EXAMPLE.ca already exists' },
    ]);
  });

  it('refuses an unreadable file before starting a job, and writes nothing', async () => {
    const r = await api.post('/v1/contacts/import', 'foo,bar\n1,2\n', { 'content-type': 'text/csv', prefer: 'respond-async' });
    assert.equal(r.status, 422, JSON.stringify(r.body));
    assert.match(r.contentType, /application\/problem\+json/);
    assert.equal(r.body.code, 'IMPORT_UNREADABLE');
    assert.equal(r.headers.get('location'), null);
    assert.deepEqual(await search('foo'), []);
  });

  it('imports 2,400 rows in the background with Prefer: respond-async, reporting progress as it goes', async () => {
    const r = await api.post<ImportJob>('/v1/contacts/import', fileB(), { 'content-type': 'text/csv', prefer: 'respond-async' });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    jobId = r.body.id;
    jobLocation = r.headers.get('location') ?? '';
    assert.equal(jobLocation, `/v1/contacts/imports/${jobId}`);
    // the file is checked (and its rows counted) before the answer; nothing is read yet
    assert.deepEqual([r.body.status, r.body.rowsTotal, r.body.rowsRead, r.body.created, r.body.finishedAt, r.body.report], ['running', 2400, 0, 0, null, null]);

    const seen: number[] = [];
    const done = await eventually(async () => {
      const job = await api.get<ImportJob>(jobLocation);
      assert.equal(job.status, 200, JSON.stringify(job.body));
      seen.push(job.body.rowsRead);
      return job.body.status === 'running' ? undefined : job.body;
    }, 300_000, 'import job done');
    // progress moves a batch of 500 rows at a time: 0, 500, 1,000, 1,500, 2,000, then the last 400
    for (const [i, rows] of seen.entries()) {
      assert.ok([0, 500, 1000, 1500, 2000, 2400].includes(rows), `rowsRead ${rows}`);
      assert.ok(i === 0 || rows >= seen[i - 1]!, `progress went back: ${seen.join(', ')}`);
    }
    // rows 1–2000 are new: 2,000 created; rows 2001–2400 repeat file A's emails: 400 skipped
    assert.deepEqual(
      [done.status, done.rowsTotal, done.rowsRead, done.created, done.skipped, done.errors, done.failure],
      ['done', 2400, 2400, 2000, 400, 0, null],
    );
    assert.ok(done.finishedAt && done.finishedAt >= done.startedAt);
    assert.ok(done.report);
    assert.equal(done.report.created, 2000);
    assert.deepEqual(done.report.skipped.map((s) => s.line), range(2001, 2400).map(lineOf));
    assert.deepEqual(done.report.skipped[0], { line: 2002, reason: 'a contact with email a0001@example.ca already exists' });
    assert.deepEqual([done.report.warnings, done.report.errors], [[], []]);
  });

  it('keeps a job to its tenant: another tenant, or an id that is not one, gets a 404', async () => {
    assert.equal((await other.get(jobLocation)).status, 404);
    assert.equal((await api.get('/v1/contacts/imports/not-a-job')).status, 404);
    assert.equal((await api.get('/v1/contacts/imports/00000000-0000-4000-8000-000000000000')).status, 404);
  });

  it('lists and finds every imported contact, each email once', async () => {
    const all = await everyContact();
    // 4 created through the API before the imports + 2 after + 1,086 from file A + 1 from the small
    // file + 2,000 from file B = 3,093
    assert.equal(all.length, 3093);
    const emails = all.map((c) => c.email?.toLowerCase()).filter((e): e is string => !!e);
    // 3,093 − 3 without an email (the API one, rows 1125 and 1126 of file A) = 3,090, all different
    assert.equal(emails.length, 3090);
    assert.equal(new Set(emails).size, 3090);
    assert.deepEqual((await search('a0777')).map((c) => c.name), ['Client A0777']);
    assert.deepEqual((await search('D1999')).map((c) => c.name), ['Client D1999']);
    assert.deepEqual((await search('b1105')).map((c) => c.name), ['Twin B1105'], 'its twin row was skipped');
    assert.deepEqual(await search('Again'), [], 'every repeated row was skipped');
    assert.deepEqual((await search('Bob Invalid')).map((c) => c.email), [null]);
  });

  it('hands imported contacts to billing: one of them can be invoiced', async () => {
    const [first] = await search('a0001@example.ca');
    assert.ok(first);
    const invoice = await eventually(async () => {
      const r = await api.post('/v1/invoices', { contactId: first.id, lines: [{ description: 'Conseil', quantity: '2', unitPrice: '50.00', taxCodes: [] }] });
      return r.status === 201 ? r.body : undefined;
    }, 120_000, 'billing knows the imported contact');
    // 2 × 50.00 = 100.00, no tax
    assert.deepEqual([invoice.currency, invoice.subtotal, invoice.total], ['CAD', '100.00', '100.00']);
  });
});
