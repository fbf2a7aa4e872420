#!/usr/bin/env node
// Benchmark: a command on a contact with a long history (10,000 events) against the same command
// on a new contact, with and without snapshots, on the real MongoDB-wire server.
//   node scripts/bench/contact-long-history.mjs [--events=10000] [--runs=20]
// Uses MONGO_URL when set; otherwise starts the project's local FerretDB (and Kafka) from deploy/local.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureBuilt, repoRoot } from '../workspace.mjs';

const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const EVENTS = arg('events', 10_000);
const RUNS = arg('runs', 20);

ensureBuilt();
const require = createRequire(join(repoRoot, 'services', 'contacts', 'package.json'));
const { MongoClient } = require('mongodb');
const { AggregateRepository, EventStore } = require('@carnet/eventstore');
const { evolveContact, initialContactState } = require(join(repoRoot, 'services/contacts/dist/contact/domain/contact.state.js'));
const { addNote, createContact, deleteNote, updateContact } = require(join(repoRoot, 'services/contacts/dist/contact/domain/contact.decide.js'));

let stopInfra = async () => {};
let mongoUrl = process.env.MONGO_URL;
if (!mongoUrl) {
  const { startInfra } = await import('../../deploy/local/infra.mjs');
  const { freePort } = require('@carnet/testing');
  const dataDir = join(repoRoot, '.carnet', `bench-data-${process.pid}`);
  const infra = await startInfra({ dataDir, kafkaPort: 39092 + (process.pid % 200) * 2, mongoPort: await freePort(), debugPort: await freePort(), fresh: true });
  mongoUrl = infra.mongoUrl;
  stopInfra = async () => {
    await infra.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

const client = await MongoClient.connect(mongoUrl);
const db = client.db(`carnet_bench_${Date.now().toString(36)}`);
const store = new EventStore(db);
await store.ensureIndexes();
const definition = { type: 'Contact', initial: initialContactState, evolve: evolveContact };
const withSnapshots = new AggregateRepository(store, db, definition); // a snapshot every 100 events (the default)
const withoutSnapshots = new AggregateRepository(store, db, definition, Number.POSITIVE_INFINITY);
const tenantId = 'bench-tenant';
const opts = (contactId) => ({ contactId, metadata: { correlationId: randomUUID(), causationId: null, actor: 'bench' } });
const profile = {
  name: 'Zoé Tremblay', email: 'zoe@example.ca', companyName: 'Atelier Zoé', phone: null, color: '#336699',
  billing: { address: { line1: '1 rue Principale', line2: null, city: 'Montréal', region: 'QC', postalCode: 'H2X 1Y4', country: 'CA' }, language: 'fr', currency: 'CAD', paymentMethod: 'interac', paymentTermsDays: 30 },
};

let counter = 0;
// The command timed: a profile change, the most common command on a contact.
const command = (repo, id) => repo.execute(tenantId, id, ({ state }) => updateContact(state, { phone: `514-555-${String(++counter).padStart(4, '0')}` }), opts(id));

async function timed(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

// One commit per command, as the service writes them: profile changes with a note added and
// deleted now and then, so the history is a realistic mix and the state stays small. The filling
// decides on a state kept in memory and appends directly, so it does not re-read the history.
const long = randomUUID();
let { state, version: longVersion } = await withSnapshots.execute(tenantId, long, ({ state }) => createContact(state, profile, 'api'), opts(long));
const fillStart = performance.now();
for (let i = 2; i <= EVENTS; i++) {
  const noteId = `note-${Math.floor(i / 20)}`;
  const events = i % 20 === 0 ? addNote(state, noteId, `Note ${i}`)
    : i % 20 === 10 && state.notes.some((n) => n.id === noteId) ? deleteNote(state, noteId)
      : updateContact(state, { phone: `418-555-${String(i).padStart(5, '0')}` });
  for (const e of await store.append({ tenantId, aggregateType: 'Contact', aggregateId: long, expectedVersion: longVersion, events, ...opts(long) })) {
    state = evolveContact(state, e);
    longVersion = e.version;
  }
  if (i % 1000 === 0) process.stderr.write(`  appended ${i} events\n`);
}
const fillMs = performance.now() - fillStart;

// Without a snapshot a command replays the whole history (and, with snapshotEvery = ∞, stays so).
await db.collection('snapshots_contact').deleteMany({});
const replay = [];
for (let r = 0; r < Math.min(RUNS, 5); r++) replay.push(await timed(() => command(withoutSnapshots, long)));
const firstWithSnapshot = await timed(() => command(withSnapshots, long));
const fromSnapshot = [];
for (let r = 0; r < RUNS; r++) fromSnapshot.push(await timed(() => command(withSnapshots, long)));

const fresh = randomUUID();
await withSnapshots.execute(tenantId, fresh, ({ state }) => createContact(state, profile, 'api'), opts(fresh));
const onNew = [];
for (let r = 0; r < RUNS; r++) onNew.push(await timed(() => command(withSnapshots, fresh)));

// Where the time goes: reading a stream that has no events costs the query over the whole commits
// collection, and the server says whether it used an index (FerretDB v1 on SQLite only does for _id).
const emptyStream = [];
for (let r = 0; r < 5; r++) emptyStream.push(await timed(() => store.load(tenantId, randomUUID())));
const snapshotRead = [];
for (let r = 0; r < 5; r++) snapshotRead.push(await timed(() => db.collection('snapshots_contact').findOne({ _id: `${tenantId}:${long}` })));
const explain = await db.command({ explain: { find: 'commits', filter: { tenantId, aggregateId: long } } });
const commits = await store.commits.estimatedDocumentCount();

const { version } = await withSnapshots.load(tenantId, long);
console.log(`contact-long-history: ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
console.log(`long contact: ${version} events; filling it took ${(fillMs / 1000).toFixed(1)} s`);
console.log(`| command (update the phone)                        | time (median of runs) |`);
console.log(`|----------------------------------------------------|-----------------------|`);
console.log(`| long history, no snapshot (replays every event)    | ${ms(median(replay))} (${replay.length} runs) |`);
console.log(`| long history, first command (replay + snapshot)    | ${ms(firstWithSnapshot)} (1 run) |`);
console.log(`| long history, from the snapshot                    | ${ms(median(fromSnapshot))} (${fromSnapshot.length} runs) |`);
console.log(`| new contact                                        | ${ms(median(onNew))} (${onNew.length} runs) |`);
console.log(`reading a stream with no events: ${ms(median(emptyStream))} over ${commits} commits; reading the snapshot by _id: ${ms(median(snapshotRead))}`);
console.log(`commits query plan: ${JSON.stringify(explain.queryPlanner ?? {})}${'filterPushdown' in explain ? `, filterPushdown: ${explain.filterPushdown}` : ''}`);

await db.dropDatabase();
await client.close();
await stopInfra();
