#!/usr/bin/env node
// Benchmark: how long after a command's 2xx its effect is visible in reporting, under a steady
// command rate through the gateway (four services on the local Kafka + FerretDB).
//   node scripts/bench/reporting-lag.mjs [--rates=50,500] [--seconds=30] [--contacts=100] [--sample-every=10] [--poll-ms=10]
// Each command adds a note to a contact (POST /v1/contacts/{id}/notes: one ContactNoteAdded event,
// which reporting counts in the contact's summary). Commands are paced open-loop at each target
// rate, at most one in flight per contact (so none conflicts); when every contact is busy the
// driver waits, and the rate reached is printed. For one command in `sample-every`, the contact's
// summary is polled every `poll-ms` until counts.notes reaches the number of notes acknowledged
// so far: the lag is from the 2xx to the sending of the first poll that sees it. Past the first
// second a sample is polled 10 times less often, so that slow samples (already far over the
// 250 ms target) do not load the machine they measure.
import { performance } from 'node:perf_hooks';
import {
  arg, fmtInt, fmtMs, log, machineNote, percentile, runBenchmark, sleep, startBenchInfra, startBenchStack,
} from './reporting-common.mjs';

const RATES = String(arg('rates', '50,500')).split(',').map(Number);
const SECONDS = arg('seconds', 30);
const CONTACTS = arg('contacts', 100);
const SAMPLE_EVERY = arg('sample-every', 10);
const POLL_MS = arg('poll-ms', 10);
// Bounds: polls in flight at once, how long one sample may wait, how long a phase may drain.
const MAX_POLLERS = 40;
const SAMPLE_TIMEOUT_MS = 60_000;
const DRAIN_TIMEOUT_MS = 180_000;

await runBenchmark(async () => {
  const infra = await startBenchInfra('reporting-lag');
  const stack = await startBenchStack(infra, `benchlag${Date.now().toString(36)}`);
  const admin = client(stack.url);
  const tenant = await admin.post('/v1/tenants', { name: 'Bench Lag', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '01-01', defaultLanguage: 'fr' }, { 'x-admin-token': stack.adminToken });
  if (tenant.status !== 201) throw new Error(`tenant: ${tenant.status} ${JSON.stringify(tenant.body)}`);
  const api = client(stack.url, tenant.body.apiKey);

  const contacts = [];
  for (let i = 0; i < CONTACTS; i++) {
    const c = await api.post('/v1/contacts', { name: `Client ${i}` });
    if (c.status !== 201) throw new Error(`contact: ${c.status} ${JSON.stringify(c.body)}`);
    contacts.push({ id: c.body.id, acked: 0, dirty: false });
  }
  // Every ledger exists before the clock starts (a summary is 404 until ContactCreated is projected).
  for (const c of contacts) await waitUntil(async () => (await api.get(`/v1/contacts/${c.id}/summary`)).status === 200, 60_000, `ledger of ${c.id}`);
  log(`${CONTACTS} contacts created and projected`);

  const phases = [];
  for (const rate of RATES) phases.push(await phase(api, contacts, rate));

  console.log(`\nreporting-lag: ${machineNote()}`);
  console.log(`${CONTACTS} contacts, ${SECONDS} s per target rate, one command in ${SAMPLE_EVERY} sampled, summary polled every ${POLL_MS} ms (every ${10 * POLL_MS} ms after the first second)`);
  console.log('| target rate | commands (2xx / failed) | rate reached | command p50 / p99 | lag samples | lag p50 | lag p95 | lag p99 | lag max | not seen | drained after last 2xx |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const p of phases) {
    console.log(`| ${p.rate}/s | ${fmtInt(p.ok)} / ${fmtInt(p.failed)} | ${p.reached.toFixed(1)}/s | ${fmtMs(percentile(p.commandMs, 50))} / ${fmtMs(percentile(p.commandMs, 99))} `
      + `| ${p.lags.length} | ${fmtMs(percentile(p.lags, 50))} | ${fmtMs(percentile(p.lags, 95))} | ${fmtMs(percentile(p.lags, 99))} | ${fmtMs(Math.max(...p.lags))} `
      + `| ${p.notSeen} | ${p.drainMs === null ? `not within ${DRAIN_TIMEOUT_MS / 1000} s` : fmtMs(p.drainMs)} |`);
  }
  for (const p of phases) {
    const p99 = percentile(p.lags, 99);
    console.log(`at ${p.rate}/s target (${p.reached.toFixed(1)}/s reached): p99 lag ${fmtMs(p99)} → target p99 ≤ 250 ms ${p99 <= 250 && p.notSeen === 0 ? 'met' : 'NOT met'}`);
  }
});

// One phase: paced commands for SECONDS, then waits until reporting has every acknowledged note.
async function phase(api, contacts, rate) {
  log(`phase: target ${rate} commands/s for ${SECONDS} s`);
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

  const total = Math.round(rate * SECONDS);
  const t0 = performance.now();
  const inFlight = new Set();
  let lastAck = t0;
  // Stops after SECONDS even when the rate was not reached, so a slow system cannot stretch a phase.
  for (let i = 0; i < total && performance.now() - t0 < SECONDS * 1000; i++) {
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
  return { rate, ok, failed, reached: ok / ((lastAck - t0) / 1000), commandMs, lags, notSeen, drainMs };
}

async function pollUntilVisible(api, contactId, notes, acked) {
  for (;;) {
    const sent = performance.now();
    if (sent - acked > SAMPLE_TIMEOUT_MS) return null;
    const s = await api.get(`/v1/contacts/${contactId}/summary`);
    if (s.status === 200 && s.body.counts.notes >= notes) return sent - acked;
    const every = sent - acked < 1000 ? POLL_MS : 10 * POLL_MS;
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
    const h = { ...headers, ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const res = await fetch(baseUrl + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let parsed = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, body: parsed };
  };
  return { get: (path) => call('GET', path), post: (path, body, headers) => call('POST', path, body, headers) };
}
