#!/usr/bin/env node
// Benchmark: importing a large CSV of contacts through the gateway, the whole product running on
// the local Kafka and FerretDB, with the contacts service's peak memory.
//   node scripts/bench/contact-import.mjs [--rows=100000] [--mode=async|sync] [--wait-published]
// It starts its own Kafka and FerretDB on free loopback ports in a temporary data folder and the
// four services on free ports, creates a tenant, generates the file, imports it (async: with
// `Prefer: respond-async`, polling the job; sync: one request, which the gateway gives 120 s) and
// prints rows/s, the total time and the contacts process's peak RSS (VmHWM). With
// --wait-published it then waits (up to 10 minutes) until the outbox relay has published every
// imported contact to Kafka. Everything it started is stopped and its data folder removed.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { arg, log, machineNote, onCleanup, pidListeningOn, requireFromReporting, runBenchmark, startBenchInfra, startBenchStack } from './reporting-common.mjs';

const ROWS = arg('rows', 100_000);
const MODE = arg('mode', 'async');
const WAIT_PUBLISHED = process.argv.includes('--wait-published');
if (!Number.isInteger(ROWS) || ROWS < 1 || !['async', 'sync'].includes(MODE)) {
  console.error('usage: contact-import.mjs [--rows=N] [--mode=async|sync] [--wait-published]');
  process.exit(2);
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`;

/** One row per contact, every email distinct: the import creates exactly ROWS contacts. */
function generateCsv(rows) {
  const lines = ['Name,Email,Company,Phone,City,Country'];
  for (let i = 1; i <= rows; i++) {
    const n = String(i).padStart(6, '0');
    lines.push(`Client ${n},client${n}@example.com,Entreprise ${i % 997},514-555-${n.slice(-4)},Montréal,Canada`);
  }
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}


const memoryOf = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
};

async function main() {
  const { apiClient } = requireFromReporting('@carnet/testing');
  const { MongoClient } = requireFromReporting('mongodb');
  const infra = await startBenchInfra('contact-import');
  const suffix = `bench${Date.now().toString(36)}`;
  const stack = await startBenchStack(infra, suffix);
  const admin = apiClient(stack.url);
  const tenant = await admin.post('/v1/tenants', { name: 'Bench import', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '01-01', defaultLanguage: 'fr' }, { 'x-admin-token': stack.adminToken });
  if (tenant.status !== 201) throw new Error(`tenant: ${tenant.status} ${JSON.stringify(tenant.body)}`);
  const api = apiClient(stack.url, tenant.body.apiKey);
  const contactsPid = pidListeningOn(stack.ports.contacts);

  const csv = generateCsv(ROWS);
  log(`file: ${ROWS.toLocaleString('en')} rows, ${(csv.length / 1024 / 1024).toFixed(1)} MiB; mode ${MODE}; contacts service pid ${contactsPid}`);
  const before = memoryOf(contactsPid);
  let peakRss = before.rss;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, memoryOf(contactsPid).rss); }, 200);
  onCleanup(() => clearInterval(sampler));

  const started = performance.now();
  let created;
  if (MODE === 'sync') {
    const r = await api.post('/v1/contacts/import', csv, { 'content-type': 'text/csv' });
    if (r.status !== 200) throw new Error(`import: ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
    created = r.body.created;
  } else {
    const r = await api.post('/v1/contacts/import', csv, { 'content-type': 'text/csv', prefer: 'respond-async' });
    if (r.status !== 202) throw new Error(`import: ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
    const location = r.headers.get('location');
    log(`202 after ${seconds(performance.now() - started)}; following ${location}`);
    let job = r.body;
    let lastLog = 0;
    while (job.status === 'running') {
      await new Promise((res) => setTimeout(res, 1000));
      job = (await api.get(location)).body;
      const elapsed = performance.now() - started;
      if (elapsed - lastLog >= 10_000 || job.status !== 'running') {
        lastLog = elapsed;
        log(`  ${seconds(elapsed)}: ${job.status}, ${job.rowsRead}/${job.rowsTotal} rows read, ${job.created} created, ` +
          `${(job.rowsRead / (elapsed / 1000)).toFixed(0)} rows/s, contacts RSS ${mib(memoryOf(contactsPid).rss)}`);
      }
    }
    if (job.status !== 'done') throw new Error(`job ${job.status}: ${job.failure}`);
    created = job.created;
  }
  const elapsed = performance.now() - started;
  clearInterval(sampler);
  const after = memoryOf(contactsPid);
  if (created !== ROWS) throw new Error(`created ${created} contacts, expected ${ROWS}`);

  log('');
  log(`rows imported        ${ROWS.toLocaleString('en')} (${created.toLocaleString('en')} contacts created)`);
  log(`total time           ${seconds(elapsed)} (request to ${MODE === 'sync' ? 'response' : 'job done'})`);
  log(`rate                 ${(ROWS / (elapsed / 1000)).toFixed(0)} rows/s`);
  log(`contacts RSS         ${mib(before.rss)} before, ${mib(peakRss)} peak while importing (sampled every 200 ms), ${mib(after.rss)} after`);
  log(`contacts VmHWM       ${mib(before.hwm)} before the import, ${mib(after.hwm)} after (peak RSS of the process's life)`);

  if (WAIT_PUBLISHED) {
    const client = await MongoClient.connect(infra.mongoUrl);
    onCleanup(() => client.close());
    const outbox = client.db(`carnet_contacts_${suffix}`).collection('commits_outbox');
    const deadline = performance.now() + 10 * 60_000;
    let pending = Infinity;
    while (pending > 0 && performance.now() < deadline) {
      pending = await outbox.countDocuments({});
      log(`  ${seconds(performance.now() - started)} after the request: ${pending} commits not yet published`);
      if (pending > 0) await new Promise((res) => setTimeout(res, 10_000));
    }
    log(pending === 0 ? `every commit published ${seconds(performance.now() - started)} after the request` : `still ${pending} commits unpublished after 10 minutes`);
  }
  log(`machine: ${machineNote()}`);
}

await runBenchmark(main);
