#!/usr/bin/env node
// Benchmark: read latency of a client summary and of the active-client count through the gateway,
// as the tenant grows from 1 contact to 1,000, 10,000 and 100,000 (four services on the local
// Kafka + FerretDB).
//   node scripts/bench/reporting-read-latency.mjs [--levels=1,1000,10000,100000] [--reads=200] [--max-s=60]
// The tenant is created through the gateway; its contacts' reporting read models are seeded
// directly in the reporting database (not through events: inserting is much faster), built with
// reporting's own domain code from a realistic history: each contact has one invoice sent in
// fiscal year 2025 and paid (so one client ledger, one invoice fact, one active-client member and
// one invoice sale per contact), and the tenant's tallies (active-client count of 2025, sales of
// 2025 and all time) as the projection keeps them. At each level, `reads` sequential reads of
// each endpoint, or as many as fit in `max-s` seconds (at least 5), on contacts picked at random.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { contactHistory, TENANT_SETTINGS } from './reporting-events.mjs';
import {
  arg, fmtInt, fmtMs, log, machineNote, onCleanup, percentile, repoRoot, requireFromReporting, runBenchmark, sleep, startBenchInfra, startBenchStack,
} from './reporting-common.mjs';

const LEVELS = String(arg('levels', '1,1000,10000,100000')).split(',').map(Number);
const READS = arg('reads', 200);
const MAX_S = arg('max-s', 60);
const FISCAL_YEAR = 2025;
const INSERT_BATCH = 1000;

await runBenchmark(async () => {
  const { MongoClient } = requireFromReporting('mongodb');
  const { applyToLedger, emptyClientLedger, activeClientsByYear, invoiceSale, salesTotals } = requireFromReporting(join(repoRoot, 'services', 'reporting', 'dist', 'domain', 'index.js'));

  const infra = await startBenchInfra('reporting-read');
  const suffix = `benchread${Date.now().toString(36)}`;
  const stack = await startBenchStack(infra, suffix);
  const tenant = await post(`${stack.url}/v1/tenants`, TENANT_SETTINGS, { 'x-admin-token': stack.adminToken });
  if (tenant.status !== 201) throw new Error(`tenant: ${tenant.status} ${JSON.stringify(tenant.body)}`);
  const tenantId = tenant.body.id;
  const auth = { authorization: `Bearer ${tenant.body.apiKey}` };

  const client = await MongoClient.connect(infra.mongoUrl);
  onCleanup(() => client.close(true));
  const db = client.db(`carnet_reporting_${suffix}`);
  // Reporting knows the tenant's calendar (TenantCreated projected) before anything is seeded.
  for (let i = 0; !(await db.collection('tenant_reports').findOne({ _id: tenantId }))?.settings; i++) {
    if (i > 600) throw new Error('TenantCreated not projected within 60 s');
    await sleep(100);
  }

  const ids = [];
  const sales = [];
  const rows = [];
  for (const level of LEVELS) {
    const seedStart = performance.now();
    const ledgers = [];
    const facts = [];
    const members = [];
    const saleDocs = [];
    while (ids.length < level) {
      const contactId = randomUUID();
      // ContactCreated, one note, then InvoiceCreated, InvoiceSent (2025-04-07, fiscal year 2025) and PaymentRecorded.
      let ledger = emptyClientLedger(tenantId, contactId);
      for (const e of contactHistory(tenantId, contactId, ids.length, { notes: 1, invoices: 1 })) ledger = applyToLedger(ledger, e) ?? ledger;
      ledgers.push({ ...ledger, _id: `${tenantId}:${contactId}`, rev: 5 });
      const refs = [];
      for (const inv of ledger.invoices) {
        facts.push(factDocument(tenantId, contactId, ledger.versions.billing, inv));
        refs.push({ contactId, invoiceId: inv.id, number: inv.number, sentAt: inv.sentAt, voided: false });
        const sale = invoiceSale(inv, TENANT_SETTINGS);
        sales.push(sale);
        saleDocs.push({ _id: `${tenantId}:${inv.id}`, tenantId, contactId, invoiceId: inv.id, ...sale });
      }
      for (const [fiscalYear, years] of activeClientsByYear(refs, TENANT_SETTINGS)) {
        for (const [, m] of years) members.push({ _id: `${tenantId}:${fiscalYear}:${contactId}`, tenantId, fiscalYear, contactId, ...m });
      }
      ids.push(contactId);
    }
    for (const [name, docs] of [['client_ledgers', ledgers], ['invoice_facts', facts], ['active_client_members', members], ['invoice_sales', saleDocs]]) {
      for (let i = 0; i < docs.length; i += INSERT_BATCH) await db.collection(name).insertMany(docs.slice(i, i + INSERT_BATCH));
    }
    // The tallies, as the projection keeps them: one small document per tenant and period.
    const count = await db.collection('active_client_members').countDocuments({ tenantId, fiscalYear: FISCAL_YEAR });
    const countDoc = { tenantId, fiscalYear: FISCAL_YEAR, value: count, pending: {}, rev: ids.length };
    await db.collection('active_client_counts').replaceOne({ _id: `${tenantId}:${FISCAL_YEAR}` }, countDoc, { upsert: true });
    const totals = salesTotals(sales);
    for (const fiscalYear of [null, FISCAL_YEAR]) {
      const total = { tenantId, fiscalYear, value: totals.get(fiscalYear) ?? 0, pending: {}, rev: ids.length };
      await db.collection('sales_totals').replaceOne({ _id: `${tenantId}:${fiscalYear ?? 'all'}` }, total, { upsert: true });
    }
    const countBytes = Buffer.byteLength(JSON.stringify({ _id: `${tenantId}:${FISCAL_YEAR}`, ...countDoc }));
    const seedS = (performance.now() - seedStart) / 1000;
    log(`level ${fmtInt(level)}: seeded in ${seedS.toFixed(1)} s; active-client count document ${fmtInt(countBytes)} bytes`);

    // Sanity: reporting answers from the seeded models.
    const check = await get(`${stack.url}/v1/reports/active-clients?fiscalYear=${FISCAL_YEAR}`, auth);
    if (check.body.count !== level) throw new Error(`active clients ${JSON.stringify(check.body)} after seeding ${level}`);
    const share = await get(`${stack.url}/v1/contacts/${ids[0]}/summary?fiscalYear=${FISCAL_YEAR}`, auth);
    if (share.body.salesShare === null) throw new Error(`summary ${JSON.stringify(share.body)} has no sales share after seeding ${level}`);
    const summary = await timedReads(() => `${stack.url}/v1/contacts/${ids[Math.floor(Math.random() * ids.length)]}/summary`, auth);
    const active = await timedReads(() => `${stack.url}/v1/reports/active-clients?fiscalYear=${FISCAL_YEAR}`, auth);
    rows.push({ level, seedS, countBytes, summary, active });
    log(`  summary p50 ${fmtMs(percentile(summary.ms, 50))} (${summary.ms.length} reads), active clients p50 ${fmtMs(percentile(active.ms, 50))} (${active.ms.length} reads)`);
  }

  console.log(`\nreporting-read-latency: ${machineNote()}`);
  console.log(`one tenant; each contact: a client ledger, one invoice fact, one active-client member and one invoice sale (fiscal year ${FISCAL_YEAR}), seeded directly in the reporting database, with the tenant's tallies`);
  console.log('| contacts in the tenant | seeding | summary p50 | summary p99 | summary reads | active clients p50 | active clients p99 | active-client reads | active-client count document |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${fmtInt(r.level)} | ${r.seedS.toFixed(1)} s | ${fmtMs(percentile(r.summary.ms, 50))} | ${fmtMs(percentile(r.summary.ms, 99))} | ${r.summary.ms.length}${r.summary.errors ? ` (${r.summary.errors} not 200)` : ''} `
      + `| ${fmtMs(percentile(r.active.ms, 50))} | ${fmtMs(percentile(r.active.ms, 99))} | ${r.active.ms.length}${r.active.errors ? ` (${r.active.errors} not 200)` : ''} | ${fmtInt(r.countBytes)} bytes |`);
  }
});

// The fact InvoiceFactsRepository.save writes for a sent invoice.
function factDocument(tenantId, contactId, version, inv) {
  return {
    _id: `${tenantId}:${inv.id}`, tenantId, contactId, invoiceId: inv.id, number: inv.number, version,
    sentAt: new Date(inv.sentAt).toISOString(), voided: inv.voidedAt !== null, voidedAt: inv.voidedAt, dueDate: inv.dueDate,
    currency: inv.currency, exchangeRate: inv.exchangeRate, subtotal: inv.subtotal, total: inv.total,
    settledAt: inv.settledAt === null ? null : new Date(inv.settledAt).toISOString(), settlements: inv.settlements,
  };
}

async function timedReads(url, headers) {
  const ms = [];
  let errors = 0;
  const deadline = performance.now() + MAX_S * 1000;
  while (ms.length < READS && (ms.length < 5 || performance.now() < deadline)) {
    const t = performance.now();
    const res = await fetch(url(), { headers });
    await res.arrayBuffer();
    ms.push(performance.now() - t);
    if (res.status !== 200) errors++;
  }
  return { ms, errors };
}

async function get(url, headers) {
  const res = await fetch(url, { headers });
  return { status: res.status, body: await res.json() };
}

async function post(url, body, headers) {
  const res = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}
