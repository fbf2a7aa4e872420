#!/usr/bin/env node
// Benchmark: how fast reporting rebuilds from Kafka, against the two raw speeds it is bound by,
// all on the same local Kafka + FerretDB in one run:
//   (a) kafkajs consuming the three topics from the beginning (JSON.parse of each message, nothing else);
//   (b) FerretDB writing documents the size of a rebuilt client ledger: insertMany, bulk upserts by
//       _id, and one findOne + guarded replaceOne at a time (the projection's write), each capped at 30 s;
//   (c) the rebuild of services/reporting (rebuildReporting from its dist), events per second.
//   node scripts/bench/reporting-rebuild-rate.mjs [--tenants=4] [--contacts=1000] [--timeout-s=900]
// Each contact has 20 events (ContactCreated, 4 notes, 5 invoices created, sent and paid), so the
// default is 4 TenantCreated + 1,000 × 20 = 20,004 events, produced directly with kafkajs.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { contactHistory, tenantCreated, topicOf } from './reporting-events.mjs';
import {
  arg, fmtInt, log, machineNote, onCleanup, repoRoot, requireFromReporting, runBenchmark, startBenchInfra,
} from './reporting-common.mjs';

const TENANTS = arg('tenants', 4);
const CONTACTS = arg('contacts', 1000);
const TIMEOUT_S = arg('timeout-s', 900);
const NOTES = 4;
const INVOICES = 5;
const UPSERT_BATCH = 1000;
// Bulks of 100 upserts: unpatched FerretDB v1.24.2 never answered one (each statement of an update
// held a connection of the 100 in its pool until the end); deploy/local/infra.mjs patches that.
const BULK_UPSERT_BATCH = 100;
// A write that has not answered by then is reported as stalled instead of waited for.
const STALL_MS = 120_000;
// Each raw write measure stops after this long; the rate is over what it did.
const RAW_CAP_MS = 30_000;
const PROGRESS_MS = 30_000;

await runBenchmark(async () => {
  const { Kafka, logLevel, Partitioners } = requireFromReporting('kafkajs');
  const { MongoClient } = requireFromReporting('mongodb');
  const { ensureTopics } = requireFromReporting('@carnet/messaging');
  const { partitionKey } = requireFromReporting('@carnet/events');
  const dist = (p) => requireFromReporting(join(repoRoot, 'services', 'reporting', 'dist', p));
  const { rebuildReporting } = dist('rebuild/reporting-rebuild.js');
  const { ReadModelRegistry } = dist('read-models/read-model-registry.js');
  const { REPORTING_TOPICS } = dist('reporting.config.js');
  const { applyToLedger, emptyClientLedger } = dist('domain/index.js');

  const infra = await startBenchInfra('reporting-rebuild');
  const kafka = new Kafka({ clientId: 'bench-rebuild', brokers: [infra.kafkaBrokers], logLevel: logLevel.ERROR });
  await ensureTopics(kafka, REPORTING_TOPICS);

  // The events, interleaved across contacts (as many clients' commands would be), each contact's in order.
  const histories = [];
  const tenants = Array.from({ length: TENANTS }, () => randomUUID());
  for (let c = 0; c < CONTACTS; c++) histories.push(contactHistory(tenants[c % TENANTS], randomUUID(), c, { notes: NOTES, invoices: INVOICES }));
  const events = tenants.map((t) => tenantCreated(t));
  for (let k = 0; histories.some((h) => k < h.length); k++) for (const h of histories) if (k < h.length) events.push(h[k]);
  const bytes = events.reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e)), 0);

  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, maxInFlightRequests: 1 });
  await producer.connect();
  const produceStart = performance.now();
  for (let i = 0; i < events.length; i += 1000) {
    const byTopic = new Map();
    for (const e of events.slice(i, i + 1000)) {
      const t = topicOf(e);
      if (!byTopic.has(t)) byTopic.set(t, []);
      byTopic.get(t).push({ key: partitionKey(e), value: JSON.stringify(e), headers: { 'event-type': e.type, 'correlation-id': e.metadata.correlationId } });
    }
    await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
  }
  const produceMs = performance.now() - produceStart;
  await producer.disconnect();
  log(`produced ${events.length} events (${(bytes / events.length).toFixed(0)} bytes each on average) in ${(produceMs / 1000).toFixed(1)} s`);

  // (a) raw consume
  const raw = await rawConsume(kafka, REPORTING_TOPICS, events.length);
  log(`(a) raw consume: ${fmtInt(raw.rateFirst)} events/s`);

  const client = await MongoClient.connect(infra.mongoUrl);
  onCleanup(() => client.close(true));

  // (b) raw writes, in a database of their own, of documents the size of a rebuilt client ledger
  // (one contact's history folded by reporting's domain code).
  const sample = histories[0].reduce((l, e) => applyToLedger(l, e) ?? l, emptyClientLedger(histories[0][0].tenantId, histories[0][0].aggregateId));
  const ledgerBytes = Buffer.byteLength(JSON.stringify(sample));
  const scratch = client.db(`bench_raw${Date.now().toString(36)}`);
  const raws = [];
  for (const size of [...new Set([1000, events.length])]) {
    const target = scratch.collection(`upserts_${size}`);
    const docs = Array.from({ length: size }, (_, i) => ({ ...sample, _id: `bench:${i}`, rev: 1 }));
    const insert = await timedWrites(docs.length, UPSERT_BATCH, (from, to) => target.insertMany(docs.slice(from, to)));
    const upsert = await timedWrites(docs.length, BULK_UPSERT_BATCH, (from, to) => target.bulkWrite(
      docs.slice(from, to).map(({ _id, ...rest }) => ({ replaceOne: { filter: { _id }, replacement: { ...rest, rev: 2 }, upsert: true } })), { ordered: false }));
    // One event's ledger update as the projection makes it: read by _id, then a replace guarded by the revision.
    const guarded = await timedWrites(docs.length, 1, async (i) => {
      const doc = await target.findOne({ _id: `bench:${i}` });
      await target.replaceOne({ _id: doc._id, rev: doc.rev }, { ...doc, rev: doc.rev + 1 });
    });
    raws.push({ size, insert, upsert, guarded });
    // A stalled bulk may still hold SQLite's write lock: stop the raw writes there.
    if (upsert.stalled) break;
    log(`(b) ${size} documents: insert ${fmtInt(insert.rate)}/s, bulk upsert ${fmtInt(upsert.rate)}/s, read + guarded replace ${fmtInt(guarded.rate)}/s`);
  }
  const plan = await scratch.command({ explain: { update: `upserts_${events.length}`, updates: [{ q: { _id: 'bench:1' }, u: { rev: 3 } }] } });
  const findPlan = await scratch.command({ explain: { find: `upserts_${events.length}`, filter: { _id: 'bench:1' } } });
  await scratch.dropDatabase();

  // (c) rebuild, with the service's own code; keepPrevious skips the 3 s grace before dropping the old generation.
  const db = client.db(`carnet_reporting_bench${Date.now().toString(36)}`);
  const registry = new ReadModelRegistry(db, { groupSuffix: '', topics: REPORTING_TOPICS });
  let building = null;
  const next = registry.next.bind(registry);
  registry.next = (now) => (building = next(now));
  const progress = [];
  const rebuildStart = performance.now();
  const ticker = setInterval(async () => {
    if (!building) return;
    const done = await committed(kafka, building.groupId, REPORTING_TOPICS).catch(() => null);
    if (done !== null) {
      progress.push({ s: (performance.now() - rebuildStart) / 1000, done });
      log(`(c) ${fmtInt(done)} events rebuilt after ${((performance.now() - rebuildStart) / 1000).toFixed(0)} s`);
    }
  }, PROGRESS_MS);
  let rebuild;
  try {
    rebuild = await rebuildReporting(kafka, db, registry, { topics: REPORTING_TOPICS, keepPrevious: true, timeoutMs: TIMEOUT_S * 1000, log: () => {} });
  } catch (e) {
    // Timed out: the rate so far, from the offsets the rebuild's group has committed.
    rebuild = { events: await committed(kafka, building.groupId, REPORTING_TOPICS), elapsedMs: performance.now() - rebuildStart, partial: String(e) };
  } finally {
    clearInterval(ticker);
  }
  const rebuildRate = rebuild.events / (rebuild.elapsedMs / 1000);
  log(`(c) rebuild: ${rebuild.events} events in ${(rebuild.elapsedMs / 1000).toFixed(1)} s`);
  await db.dropDatabase();

  console.log(`\nreporting-rebuild-rate: ${machineNote()}`);
  console.log(`${fmtInt(events.length)} events in Kafka (${TENANTS} tenants, ${fmtInt(CONTACTS)} contacts × ${1 + NOTES + 3 * INVOICES} events, ${(bytes / events.length).toFixed(0)} bytes each on average); produced in ${(produceMs / 1000).toFixed(1)} s (${fmtInt(events.length / (produceMs / 1000))} events/s)`);
  console.log('| measure | rate | detail |');
  console.log('|---|---|---|');
  console.log(`| (a) kafkajs consume, 3 topics from the beginning | ${fmtInt(raw.rateFirst)} events/s | first to last message ${(raw.firstToLastMs / 1000).toFixed(2)} s; ${fmtInt(raw.rateAll)} events/s counting the group join (${(raw.allMs / 1000).toFixed(2)} s) |`);
  for (const r of raws) {
    const at = `${fmtInt(r.size)} documents of ${fmtInt(ledgerBytes)} bytes (a rebuilt ledger's size)`;
    console.log(`| (b) FerretDB insertMany | ${fmtInt(r.insert.rate)} docs/s | ${at}, batches of ${UPSERT_BATCH} |`);
    console.log(`| (b) FerretDB bulk upsert (replaceOne by _id, upsert) of existing documents | ${fmtInt(r.upsert.rate)} docs/s | ${at}, bulkWrite of ${BULK_UPSERT_BATCH}; ${fmtInt(r.upsert.done)} done in ${(r.upsert.ms / 1000).toFixed(1)} s${r.upsert.stalled ? `, then a bulk got no answer in ${STALL_MS / 1000} s` : ''}${r.upsert.error ? `, then failed: ${r.upsert.error}` : ''} |`);
    console.log(`| (b) FerretDB findOne by _id + replaceOne {_id, rev}, one at a time | ${fmtInt(r.guarded.rate)} docs/s | ${at}; ${fmtInt(r.guarded.done)} done in ${(r.guarded.ms / 1000).toFixed(1)} s${r.guarded.error ? `, then failed: ${r.guarded.error}` : ''} |`);
  }
  console.log(`| (c) reporting rebuild | ${fmtInt(rebuildRate)} events/s | ${fmtInt(rebuild.events)} events in ${(rebuild.elapsedMs / 1000).toFixed(1)} s${rebuild.partial ? ` (PARTIAL: ${rebuild.partial})` : ''} |`);
  console.log(`rebuild progress (s → events): ${progress.map((p) => `${p.s.toFixed(0)} → ${fmtInt(p.done)}`).join(', ')}`);
  console.log(`query plans on ${fmtInt(events.length)} documents: update by _id ${JSON.stringify(plan.queryPlanner)} (filterPushdown ${plan.filterPushdown}); find by _id ${JSON.stringify(findPlan.queryPlanner)} (filterPushdown ${findPlan.filterPushdown})`);
});

async function rawConsume(kafka, topics, expected) {
  const consumer = kafka.consumer({ groupId: `bench-raw-${Date.now().toString(36)}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: true });
  let count = 0;
  let first = 0;
  let done;
  const finished = new Promise((r) => (done = r));
  const start = performance.now();
  await consumer.run({
    eachBatch: async ({ batch }) => {
      if (!first) first = performance.now();
      for (const m of batch.messages) JSON.parse(m.value.toString('utf8'));
      count += batch.messages.length;
      if (count >= expected) done(performance.now());
    },
  });
  const timeout = setTimeout(() => done(null), 300_000);
  const end = await finished;
  clearTimeout(timeout);
  await consumer.disconnect();
  if (end === null) throw new Error(`raw consume read ${count} of ${expected} events in 300 s`);
  return { rateFirst: expected / ((end - first) / 1000), firstToLastMs: end - first, allMs: end - start, rateAll: expected / ((end - start) / 1000) };
}

// Writes `total` items, `batch` at a time, until done or RAW_CAP_MS has passed.
async function timedWrites(total, batch, write) {
  const t = performance.now();
  let done = 0;
  let stalled = false;
  while (done < total && performance.now() - t < RAW_CAP_MS) {
    const to = Math.min(total, done + batch);
    let timer;
    const stall = new Promise((res) => (timer = setTimeout(() => res('stalled'), STALL_MS)));
    try {
      stalled = (await Promise.race([write(done, to), stall])) === 'stalled';
    } catch (e) {
      // e.g. SQLITE_BUSY: reported with the rate so far rather than ending the benchmark.
      return { done, ms: performance.now() - t, rate: done / ((performance.now() - t) / 1000), stalled: false, error: e instanceof Error ? e.message.slice(-120) : String(e) };
    } finally {
      clearTimeout(timer);
    }
    if (stalled) break;
    done = to;
  }
  const ms = performance.now() - t;
  return { done, ms, rate: done / (ms / 1000), stalled };
}

async function committed(kafka, groupId, topics) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    let n = 0;
    for (const t of await admin.fetchOffsets({ groupId, topics })) for (const p of t.partitions) n += Math.max(0, Number(p.offset));
    return n;
  } finally {
    await admin.disconnect();
  }
}
