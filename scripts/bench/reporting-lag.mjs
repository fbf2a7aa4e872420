#!/usr/bin/env node
// Benchmark: how long after a command's 2xx its effect is visible in reporting, under a steady
// command rate through the gateway (four services on the local Kafka + FerretDB).
//   node scripts/bench/reporting-lag.mjs [--rates=50,500] [--seconds=30] [--contacts=500] [--sample-every=10] [--poll-ms=20]
//                                        [--import-events=0] [--warmup-seconds=10]
// Each command adds a note to a contact (POST /v1/contacts/{id}/notes: one ContactNoteAdded event,
// which reporting counts in the contact's summary). Commands are paced open-loop at each target
// rate, at most one in flight per contact (so none conflicts); when every contact is busy the
// driver waits, and the rate reached is printed. For one command in `sample-every`, the contact's
// summary is polled every `poll-ms` until counts.notes reaches the number of notes acknowledged
// so far: the lag is from the 2xx to the sending of the first poll that sees it. Past 250 ms (the
// target) a sample is polled 5 times less often, past one second 25 times less often, so that
// slow samples do not load the machine they measure (every poll is a summary read through the
// gateway: at 10 ms, 40 slow samples made 4,000 reads/s, far more than the commands).
// With --import-events=N, each phase also imports N new contacts a second (a CSV of N/10 rows,
// POST /v1/contacts/import, ten times a second, in a second tenant): N more ContactCreated events a
// second for the projection, from the way a business brings its clients in. The lag is still
// measured on the notes; the events/s column counts both. A first phase of --warmup-seconds at the
// first rate is run and not reported: it is where Kafka's JVM and Node compile their hot code (it
// used to make Kafka cost 5–10 ms of CPU per event in whichever phase came first).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  arg, cpuMeter, fmtInt, fmtMs, log, machineNote, percentile, repoRoot, runBenchmark, sleep, startBenchInfra, startBenchStack,
} from './reporting-common.mjs';

// undici's request, as the gateway uses: the load generator's own CPU is taken from the machine it
// measures (with the global fetch it was about 2 ms a request, more than the gateway's).
const { request } = createRequire(join(repoRoot, 'services', 'gateway', 'package.json'))('undici');

const RATES = String(arg('rates', '50,500')).split(',').map(Number);
const SECONDS = arg('seconds', 30);
const CONTACTS = arg('contacts', 500);
const SAMPLE_EVERY = arg('sample-every', 10);
const POLL_MS = arg('poll-ms', 20);
// Bounds: polls in flight at once, how long one sample may wait, how long a phase may drain.
const MAX_POLLERS = 20;
const SAMPLE_TIMEOUT_MS = 60_000;
const IMPORT_EVENTS = arg('import-events', 0);
const WARMUP_SECONDS = arg('warmup-seconds', 10);
const IMPORTS_PER_SECOND = 10;
let importedSoFar = 0; // rows imported so far: each new row gets a new email
const DRAIN_TIMEOUT_MS = 180_000;

await runBenchmark(async () => {
  const infra = await startBenchInfra('reporting-lag');
  const stack = await startBenchStack(infra, `benchlag${Date.now().toString(36)}`);
  const admin = client(stack.url);
  const tenant = await admin.post('/v1/tenants', { name: 'Bench Lag', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '01-01', defaultLanguage: 'fr' }, { 'x-admin-token': stack.adminToken });
  if (tenant.status !== 201) throw new Error(`tenant: ${tenant.status} ${JSON.stringify(tenant.body)}`);
  const api = client(stack.url, tenant.body.apiKey);
  const importer = await admin.post('/v1/tenants', { name: 'Bench Import', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '01-01', defaultLanguage: 'en' }, { 'x-admin-token': stack.adminToken });
  if (importer.status !== 201) throw new Error(`tenant: ${importer.status} ${JSON.stringify(importer.body)}`);
  const importApi = client(stack.url, importer.body.apiKey);

  const contacts = [];
  for (let i = 0; i < CONTACTS; i += 10) {
    await Promise.all(Array.from({ length: Math.min(10, CONTACTS - i) }, async (_, j) => {
      const c = await api.post('/v1/contacts', { name: `Client ${i + j}` });
      if (c.status !== 201) throw new Error(`contact: ${c.status} ${JSON.stringify(c.body)}`);
      contacts.push({ id: c.body.id, acked: 0, dirty: false });
    }));
  }
  // Every ledger exists before the clock starts (a summary is 404 until ContactCreated is projected).
  for (const c of contacts) await waitUntil(async () => (await api.get(`/v1/contacts/${c.id}/summary`)).status === 200, 60_000, `ledger of ${c.id}`);
  log(`${CONTACTS} contacts created and projected`);

  if (WARMUP_SECONDS > 0) {
    log(`warm-up: ${WARMUP_SECONDS} s at ${RATES[0]}/s, not reported`);
    await phase(api, contacts, RATES[0], async () => ({}), WARMUP_SECONDS);
  }
  const phases = [];
  const cpu = cpuMeter(infra, stack);
  for (const rate of RATES) {
    const before = cpu();
    const imports = IMPORT_EVENTS > 0 ? importLoad(importApi, IMPORT_EVENTS) : null;
    let imported = null;
    // The imports stop with the commands, so the drain that follows is the projection's alone.
    const p = await phase(api, contacts, rate, async () => {
      imported = imports ? await imports.stop() : null;
      return cpu();
    });
    const cpuUsed = Object.fromEntries(Object.entries(p.cpuAtLastAck).map(([k, v]) => [k, v - before[k]]));
    phases.push({ ...p, imported, cpuUsed, events: p.ok + (imported?.created ?? 0) });
  }

  console.log(`\nreporting-lag: ${machineNote()}`);
  console.log(`${CONTACTS} contacts, ${WARMUP_SECONDS} s of warm-up, ${SECONDS} s per target rate, one command in ${SAMPLE_EVERY} sampled, summary polled every ${POLL_MS} ms (every ${5 * POLL_MS} ms past 250 ms, every ${25 * POLL_MS} ms past 1 s)`
    + (IMPORT_EVENTS > 0 ? `; alongside, ${IMPORT_EVENTS} imported contacts/s target (${IMPORTS_PER_SECOND} imports/s of ${Math.round(IMPORT_EVENTS / IMPORTS_PER_SECOND)} rows)` : ''));
  console.log('| target rate | commands (2xx / failed) | rate reached | imported contacts/s (imports failed, p50 / p99) | events/s | command p50 / p99 | lag samples | lag p50 | lag p95 | lag p99 | lag max | not seen | drained after last 2xx |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const p of phases) {
    const imported = p.imported ? `${p.imported.rate.toFixed(1)}/s (${p.imported.failed}, ${fmtMs(percentile(p.imported.ms, 50))} / ${fmtMs(percentile(p.imported.ms, 99))})` : '—';
    console.log(`| ${p.rate}/s | ${fmtInt(p.ok)} / ${fmtInt(p.failed)} | ${p.reached.toFixed(1)}/s | ${imported} | ${(p.reached + (p.imported?.rate ?? 0)).toFixed(1)}/s | ${fmtMs(percentile(p.commandMs, 50))} / ${fmtMs(percentile(p.commandMs, 99))} `
      + `| ${p.lags.length} | ${fmtMs(percentile(p.lags, 50))} | ${fmtMs(percentile(p.lags, 95))} | ${fmtMs(percentile(p.lags, 99))} | ${fmtMs(Math.max(...p.lags))} `
      + `| ${p.notSeen} | ${p.drainMs === null ? `not within ${DRAIN_TIMEOUT_MS / 1000} s` : fmtMs(p.drainMs)} |`);
  }
  const names = Object.keys(phases[0]?.cpuUsed ?? {});
  console.log('\nCPU time of each process while the commands ran (first command to last 2xx), in ms per event accepted:');
  console.log(`| target rate | events | ${names.join(' | ')} | all | cores busy |`);
  console.log(`|---|---|${names.map(() => '---|').join('')}---|---|`);
  for (const p of phases) {
    const all = names.reduce((sum, k) => sum + p.cpuUsed[k], 0);
    console.log(`| ${p.rate}/s | ${fmtInt(p.events)} | ${names.map((k) => (1000 * p.cpuUsed[k] / p.events).toFixed(2)).join(' | ')} | ${(1000 * all / p.events).toFixed(2)} | ${(all / p.seconds).toFixed(2)} |`);
  }
  for (const p of phases) {
    const p99 = percentile(p.lags, 99);
    console.log(`at ${p.rate}/s target (${(p.reached + (p.imported?.rate ?? 0)).toFixed(1)} events/s reached): p99 lag ${fmtMs(p99)} → target p99 ≤ 250 ms ${p99 <= 250 && p.notSeen === 0 ? 'met' : 'NOT met'}`);
  }
});

// One phase: paced commands for SECONDS, then waits until reporting has every acknowledged note.
async function phase(api, contacts, rate, commandsDone, seconds = SECONDS) {
  log(`phase: target ${rate} commands/s for ${seconds} s`);
  const commandMs = [];
  const lags = [];
  const pollers = new Set();
  let ok = 0;
  let failed = 0;
  let notSeen = 0;
  let skippedSamples = 0;
  let waiters = [];
  // Contacts with no command in flight, least recently used first.
  const idle = contacts.filter((c) => !c.dirty);

  const total = Math.round(rate * seconds);
  const t0 = performance.now();
  const inFlight = new Set();
  let lastAck = t0;
  // Stops after SECONDS even when the rate was not reached, so a slow system cannot stretch a phase.
  for (let i = 0; i < total && performance.now() - t0 < seconds * 1000; i++) {
    const due = t0 + (i * 1000) / rate;
    const ahead = due - performance.now();
    if (ahead > 1) await sleep(ahead);
    while (idle.length === 0) {
      if (inFlight.size === 0) throw new Error('every contact has a failed command; nothing left to drive');
      await new Promise((r) => waiters.push(r));
    }
    const c = idle.shift();
    const sampled = i % SAMPLE_EVERY === 0;
    const p = (async () => {
      const sent = performance.now();
      let res;
      try {
        res = await api.post(`/v1/contacts/${c.id}/notes`, { body: `note ${i}` });
      } catch (e) {
        res = { status: 0, body: String(e) };
      }
      const acked = performance.now();
      commandMs.push(acked - sent);
      if (res.status === 201) {
        ok++;
        c.acked++;
        lastAck = acked;
        if (sampled) {
          if (pollers.size >= MAX_POLLERS) skippedSamples++;
          else {
            const poll = pollUntilVisible(api, c.id, c.acked, acked).then((lag) => { if (lag === null) notSeen++; else lags.push(lag); });
            pollers.add(poll);
            poll.finally(() => pollers.delete(poll));
          }
        }
      } else {
        failed++;
        // It may or may not have been written: this contact's count is no longer known.
        c.dirty = true;
        if (failed <= 5) log(`command failed: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
      if (!c.dirty) idle.push(c);
      const w = waiters;
      waiters = [];
      for (const r of w) r();
    })();
    inFlight.add(p);
    p.finally(() => inFlight.delete(p));
  }
  await Promise.all([...inFlight]);
  const cpuAtLastAck = await commandsDone();
  const elapsed = performance.now() - t0;
  log(`  ${ok} commands acknowledged in ${(elapsed / 1000).toFixed(1)} s; waiting for the samples and the projection`);
  await Promise.all([...pollers]);

  // Drained: every clean contact's summary counts every note acknowledged for it.
  let drainMs = null;
  try {
    await waitUntil(async () => {
      for (const c of contacts) {
        if (c.dirty) continue;
        const s = await api.get(`/v1/contacts/${c.id}/summary`);
        if (s.body?.counts?.notes !== c.acked) return false;
      }
      return true;
    }, DRAIN_TIMEOUT_MS, 'projection drained');
    drainMs = performance.now() - lastAck;
  } catch (e) {
    log(String(e));
  }
  if (skippedSamples) log(`  ${skippedSamples} samples skipped (more than ${MAX_POLLERS} polls in flight)`);
  return { rate, ok, failed, reached: ok / ((lastAck - t0) / 1000), commandMs, lags, notSeen, drainMs, cpuAtLastAck, seconds: elapsed / 1000 };
}

// Imports of new contacts (distinct emails) at IMPORTS_PER_SECOND, until stop(); then the rate of
// contacts created, over the time from the first import sent to the last answered.
function importLoad(api, eventsPerSecond) {
  const rows = Math.max(1, Math.round(eventsPerSecond / IMPORTS_PER_SECOND));
  const ms = [];
  let created = 0;
  let failed = 0;
  let running = true;
  const inFlight = new Set();
  const t0 = performance.now();
  let lastDone = t0;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const ahead = t0 + (i * 1000) / IMPORTS_PER_SECOND - performance.now();
      if (ahead > 1) await sleep(ahead);
      const csv = ['Name,Email', ...Array.from({ length: rows }, (_, j) => `Imported ${importedSoFar + j},imported${importedSoFar + j}@example.com`)].join('\r\n');
      importedSoFar += rows;
      const p = (async () => {
        const sent = performance.now();
        const res = await api.post('/v1/contacts/import', csv, { 'content-type': 'text/csv' }).catch((e) => ({ status: 0, body: String(e) }));
        ms.push(performance.now() - sent);
        lastDone = performance.now();
        if (res.status === 200) created += res.body.created;
        else if (++failed <= 3) log(`import failed: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      })();
      inFlight.add(p);
      p.finally(() => inFlight.delete(p));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await Promise.all([...inFlight]);
      return { created, failed, ms, rate: created / ((lastDone - t0) / 1000) };
    },
  };
}

async function pollUntilVisible(api, contactId, notes, acked) {
  for (;;) {
    const sent = performance.now();
    if (sent - acked > SAMPLE_TIMEOUT_MS) return null;
    const s = await api.get(`/v1/contacts/${contactId}/summary`);
    if (s.status === 200 && s.body.counts.notes >= notes) return sent - acked;
    const since = sent - acked;
    const every = since < 250 ? POLL_MS : since < 1000 ? 5 * POLL_MS : 25 * POLL_MS;
    const wait = every - (performance.now() - sent);
    if (wait > 0) await sleep(wait);
  }
}

async function waitUntil(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
}

function client(baseUrl, apiKey) {
  const call = async (method, path, body, headers = {}) => {
    const raw = typeof body === 'string';
    const h = { ...(body === undefined || raw ? {} : { 'content-type': 'application/json' }), ...headers, ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) };
    const res = await request(baseUrl + path, { method, headers: h, body: body === undefined ? undefined : raw ? body : JSON.stringify(body) });
    const text = await res.body.text();
    let parsed = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.statusCode, body: parsed };
  };
  return { get: (path) => call('GET', path), post: (path, body, headers) => call('POST', path, body, headers) };
}
