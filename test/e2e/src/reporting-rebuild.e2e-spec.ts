// Rebuilding reporting from the events gives, field for field, what the live projection built,
// and the running service carries on from the rebuilt generation.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { Db, MongoClient } from 'mongodb';
import { apiClient, eventually, repoRoot, requireEnv, RunningStack, startCarnetStack, uniqueSuffix } from '@carnet/testing';

type Api = ReturnType<typeof apiClient>;

const TENANT = { name: 'Rebuild Ltée', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '04-01', defaultLanguage: 'fr' };
const COLLECTIONS = ['client_ledgers', 'invoice_facts', 'tenant_reports', 'active_client_members', 'active_client_counts', 'invoice_sales', 'sales_totals'];

// "123.45" → 12345: amounts here are CAD/USD, always two decimals, and stay integers.
const cents = (money: string) => Number(money.replace('.', ''));
const money = (minor: number) => `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

describe('reporting rebuild', () => {
  let stack: RunningStack;
  let api: Api;
  let mongo: MongoClient;
  let db: Db;
  let suffix: string;
  const tenants: string[] = [];
  const contacts: string[] = [];
  let before1: Record<string, unknown>;

  const runRebuild = async (...args: string[]) => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(repoRoot(), 'services', 'reporting', 'dist', 'rebuild.js'), ...args], {
      env: { ...process.env, MONGO_URL: requireEnv('MONGO_URL'), KAFKA_BROKERS: requireEnv('KAFKA_BROKERS'), REPORTING_DB: `carnet_reporting_${suffix}`, CARNET_GROUP_SUFFIX: `_${suffix}`, CARNET_TOPIC_PREFIX: `${suffix}.` },
      timeout: 300_000,
    });
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { previous: { generation: string }; current: { generation: string }; events: number };
  };

  // Every read-model document of this file's tenants in one generation, without the storage revision.
  const snapshot = async (generation: string) => {
    const out: Record<string, unknown[]> = {};
    for (const name of COLLECTIONS) {
      const docs = await db.collection(generation ? `${generation}_${name}` : name).find({ tenantId: { $in: tenants } }).toArray();
      out[name] = docs.map(({ rev: _rev, ...doc }) => doc).sort((a, b) => String(a._id).localeCompare(String(b._id)));
    }
    return out;
  };

  // What reporting answers through the gateway for every contact and the tenant.
  const answers = async () => {
    const out: Record<string, unknown> = {};
    for (const id of contacts) {
      out[`summary ${id}`] = (await api.get(`/v1/contacts/${id}/summary`)).body;
      out[`summary 2025 ${id}`] = (await api.get(`/v1/contacts/${id}/summary?fiscalYear=2025`)).body;
      out[`statement ${id}`] = (await api.get(`/v1/contacts/${id}/statement?from=2025-01-01&to=2026-12-31`)).body;
    }
    for (const fy of [2024, 2025, 2026]) {
      out[`active ${fy}`] = (await api.get(`/v1/reports/active-clients?fiscalYear=${fy}&include=contacts`)).body;
      out[`dashboard ${fy}`] = (await api.get(`/v1/reports/dashboard?fiscalYear=${fy}`)).body;
    }
    return out;
  };

  // Reporting has caught up when, for every contact, it counts the invoices and receipts billing
  // has and its money owed is the sum of billing's outstanding amounts (every date is past).
  const caughtUp = () => eventually(async () => {
    for (const id of contacts) {
      const invoices = (await api.get(`/v1/invoices?contactId=${id}`)).body.items as Array<{ number: string | null; status: string; outstanding: string }>;
      const receipts = (await api.get(`/v1/receipts?contactId=${id}`)).body.items as unknown[];
      const owed = invoices.filter((i) => i.number !== null && i.status !== 'void').reduce((sum, i) => sum + cents(i.outstanding), 0);
      const s = (await api.get(`/v1/contacts/${id}/summary`)).body;
      if (s.counts?.invoices !== invoices.filter((i) => i.number !== null).length || s.counts.receipts !== receipts.length || s.moneyOwed !== money(owed)) return undefined;
    }
    return true;
  }, 30_000, 'reporting caught up with billing');

  before(async () => {
    suffix = uniqueSuffix('rb');
    stack = await startCarnetStack({
      repoRoot: repoRoot(), kafkaBrokers: requireEnv('KAFKA_BROKERS'), mongoUrl: requireEnv('MONGO_URL'),
      databaseSuffix: suffix, topicPrefix: `${suffix}.`, logDir: join(repoRoot(), '.carnet', 'test-logs', suffix),
    });
    mongo = await MongoClient.connect(requireEnv('MONGO_URL'));
    db = mongo.db(`carnet_reporting_${suffix}`);
    const admin = apiClient(stack.url);
    const t = await admin.post('/v1/tenants', TENANT, { 'x-admin-token': stack.adminToken });
    assert.equal(t.status, 201, JSON.stringify(t.body));
    tenants.push(t.body.id);
    api = apiClient(stack.url, t.body.apiKey);
  });

  after(async () => {
    await mongo?.close();
    await stack?.stop();
  });

  it('runs a long mixed scenario', async () => {
    assert.equal((await api.post('/v1/tenant/taxes', { code: 'GST', name: 'TPS', rate: '5' })).status, 201);
    assert.equal((await api.post('/v1/tenant/taxes', { code: 'QST', name: 'TVQ', rate: '9.975' })).status, 201);
    const people: Array<[string, Record<string, unknown>]> = [
      ['Élodie Côté', { language: 'fr' }], ['Acme Corp', { currency: 'USD', language: 'en' }], ['Дмитрий Ψαράς', {}],
      ['Zoë Ñúñez', { language: 'es' }], ['Bob Archive', {}], ['Carla Void', { paymentTermsDays: 15 }],
    ];
    for (const [name, billing] of people) {
      const r = await api.post('/v1/contacts', { name, billing });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      contacts.push(r.body.id);
    }
    const invoices: string[][] = contacts.map(() => []);
    for (let j = 0; j < 4; j++) {
      if (j === 2) assert.equal((await api.patch('/v1/tenant', { fiscalYearStart: '07-01' })).status, 200);
      for (let i = 0; i < contacts.length; i++) {
        const unitPrice = `${(i + 1) * 10 + j}.${String((i * 7 + j * 3) % 100).padStart(2, '0')}`;
        const body = {
          contactId: contacts[i], ...(i === 1 ? { exchangeRate: `1.3${j}` } : {}),
          lines: [{ description: `Work ${i}.${j}`, quantity: j + 1, unitPrice, taxCodes: j % 2 === 0 ? ['GST', 'QST'] : [] }],
        };
        const created = await api.post('/v1/invoices', body);
        assert.equal(created.status, 201, JSON.stringify(created.body));
        if (i === 3 && j === 1) assert.equal((await api.patch(`/v1/invoices/${created.body.id}`, { lines: [{ description: 'Edited', quantity: 3, unitPrice: '19.99' }] })).status, 200);
        // 03:30Z is 22:30 or 23:30 the evening before in Toronto: every 25 days from January 2025
        const sentAt = new Date(Date.UTC(2025, 0, 5 + (i * 4 + j) * 25, 3, 30)).toISOString();
        const sent = await api.post(`/v1/invoices/${created.body.id}/send`, { sentAt });
        assert.equal(sent.status, 200, JSON.stringify(sent.body));
        invoices[i].push(created.body.id);
        const paidAt = new Date(Date.UTC(2025, 0, 5 + (i * 4 + j) * 25 + 12, 15)).toISOString();
        if (i !== 5 && j % 2 === 0) {
          const half = Math.floor(cents(sent.body.outstanding) / 2);
          assert.equal((await api.post(`/v1/invoices/${created.body.id}/payments`, { amount: money(half), paidAt, method: 'cheque' })).status, 201);
        }
        if (i !== 5 && j === 3) {
          assert.equal((await api.post(`/v1/invoices/${created.body.id}/payments`, { amount: sent.body.outstanding, paidAt, method: 'interac' })).status, 201);
        }
      }
    }
    // One payment across two invoices of one client
    const [d1, d2] = await Promise.all([api.get(`/v1/invoices/${invoices[2][1]}`), api.get(`/v1/invoices/${invoices[2][2]}`)]);
    const p = await api.post('/v1/payments', {
      contactId: contacts[2], amount: money(cents(d1.body.outstanding) + 1000), paidAt: '2026-10-01T12:00:00Z', method: 'bank_transfer',
      allocations: [{ invoiceId: invoices[2][1], amount: d1.body.outstanding }, { invoiceId: invoices[2][2], amount: '10.00' }],
    });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    // A credit granted, partly applied
    assert.equal((await api.post(`/v1/contacts/${contacts[0]}/credits`, { amount: '50.00', reason: 'Geste commercial', grantedAt: '2026-02-01T12:00:00Z' })).status, 201);
    assert.equal((await api.post(`/v1/invoices/${invoices[0][1]}/apply-credit`, { amount: '20.00' })).status, 200);
    // Voids, a renamed and re-languaged contact, an archive undone and done again
    for (const id of [invoices[5][0], invoices[5][2]]) assert.equal((await api.post(`/v1/invoices/${id}/void`, {})).status, 200);
    assert.equal((await api.patch(`/v1/contacts/${contacts[0]}`, { name: 'Élodie Côté-Tremblay' })).status, 200);
    assert.equal((await api.patch(`/v1/contacts/${contacts[3]}`, { billing: { language: 'fr' } })).status, 200);
    for (const action of ['archive', 'reactivate', 'archive']) assert.equal((await api.post(`/v1/contacts/${contacts[4]}/${action}`, {})).status, 200);
    // A draft never sent, and the time zone changed at the end
    assert.equal((await api.post('/v1/invoices', { contactId: contacts[3], lines: [{ description: 'Draft', quantity: 1, unitPrice: '1.00' }] })).status, 201);
    assert.equal((await api.patch('/v1/tenant', { timezone: 'America/Vancouver' })).status, 200);
    await caughtUp();
    // July start in Vancouver: invoices of every fiscal year 2024…2026, so there is something to compare
    const counts = await Promise.all([2024, 2025, 2026].map(async (fy) => (await api.get(`/v1/reports/active-clients?fiscalYear=${fy}`)).body.count));
    assert.ok(counts.every((n) => n > 0), `active clients per year: ${counts.join(', ')}`);
  });

  it('rebuilds from the events exactly what the live projection built, then swaps it in', async () => {
    const live = await snapshot('');
    assert.ok((live.client_ledgers?.length ?? 0) >= 6 && (live.invoice_facts?.length ?? 0) >= 24, 'the live read models hold the scenario');
    before1 = await answers();

    const result = await runRebuild('--keep-previous');
    assert.equal(result.previous.generation, '');
    assert.match(result.current.generation, /^g[0-9a-z]+$/);
    assert.ok(result.events > 60, `replayed ${result.events} events`);
    assert.deepStrictEqual(await snapshot(result.current.generation), live);

    // The service now reads the rebuilt generation: the same answers, asOf included
    await new Promise((r) => setTimeout(r, 1_000));
    assert.deepStrictEqual(await answers(), before1);
  });

  it('keeps projecting into the rebuilt generation, and a second rebuild drops the previous one', async () => {
    const id = contacts[3];
    const inv = await api.post('/v1/invoices', { contactId: id, lines: [{ description: 'After the swap', quantity: 1, unitPrice: '42.00' }] });
    assert.equal((await api.post(`/v1/invoices/${inv.body.id}/send`, { sentAt: '2026-11-01T12:00:00Z' })).status, 200);
    await caughtUp();

    const first = (await db.collection('reporting_meta').findOne({ _id: 'live' as never }))?.generation as string;
    const second = await runRebuild();
    assert.equal(second.previous.generation, first);
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    assert.deepEqual(names.filter((n) => n.startsWith(`${first}_`)), [], 'the previous generation is dropped');
    assert.ok(names.includes(`${second.current.generation}_client_ledgers`));
    await caughtUp();
    const summary = (await api.get(`/v1/contacts/${id}/summary`)).body;
    // one more invoice sent than before the swap
    assert.equal(summary.counts.invoices, (before1[`summary ${id}`] as { counts: { invoices: number } }).counts.invoices + 1);
  });
});
