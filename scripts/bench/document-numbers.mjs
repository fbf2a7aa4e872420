#!/usr/bin/env node
// Benchmark: taking document numbers (INV-000001…) when the database holds many numbers of other
// tenants, on the real MongoDB-wire server: the first number of a sequence after a start, a burst
// in one tenant (one after the other, and all at once from one or two processes), and what
// reading the top of a sequence by query costs there.
//   node scripts/bench/document-numbers.mjs [--others=20000] [--burst=60] [--runs=5]
// Uses MONGO_URL when set; otherwise starts the project's local FerretDB (and Kafka) on free ports.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { arg, fmtMs, log, machineNote, onCleanup, repoRoot, requireFromReporting, runBenchmark, startBenchInfra } from './reporting-common.mjs';

const OTHERS = arg('others', 20_000);
const BURST = arg('burst', 60);
const RUNS = arg('runs', 5);
const PER_OTHER_TENANT = 1_000;

runBenchmark(async () => {
  const { MongoClient } = requireFromReporting('mongodb');
  const { DocumentNumberAllocator } = requireFromReporting(join(repoRoot, 'services/billing/dist/numbering/document-number.allocator.js'));
  const mongoUrl = process.env.MONGO_URL ?? (await startBenchInfra('document-numbers')).mongoUrl;

  const client = await MongoClient.connect(mongoUrl);
  const db = client.db(`carnet_bench_${Date.now().toString(36)}`);
  onCleanup(async () => {
    await db.dropDatabase();
    await client.close();
  });
  const numbers = db.collection('document_numbers');
  // A started billing service: its allocator's indexes, and an empty memory of sequences.
  const started = async () => {
    const allocator = new DocumentNumberAllocator(db);
    await allocator.onModuleInit();
    return allocator;
  };
  await started();

  // Other tenants' numbers, written as the allocator writes them (1,000 invoices a tenant).
  const fillStart = performance.now();
  for (let done = 0; done < OTHERS; ) {
    const batch = [];
    for (let i = 0; i < 1000 && done < OTHERS; i++, done++) {
      const tenantId = `other-${Math.floor(done / PER_OTHER_TENANT)}`;
      const seq = (done % PER_OTHER_TENANT) + 1;
      batch.push({ _id: `${tenantId}:INV:${seq}`, tenantId, kind: 'INV', seq, ownerId: `inv-${done}`, contactId: 'c-1', reservedAt: new Date() });
    }
    await numbers.insertMany(batch, { ordered: false });
    if (done % 5000 === 0) log(`wrote ${done} numbers of other tenants`);
  }
  const fillSeconds = (performance.now() - fillStart) / 1000;

  async function timed(fn) {
    const t = performance.now();
    const value = await fn();
    return { ms: performance.now() - t, value };
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  const rows = [];
  let tenantCounter = 0;
  const burstTimes = [];
  const firstTimes = [];
  const resumeTimes = [];
  const scanTimes = [];
  const parallelOneTimes = [];
  const parallelTwoTimes = [];
  for (let run = 0; run < RUNS; run++) {
    const tenantId = `bench-${run}-${++tenantCounter}`;
    // The first number of a new sequence, then a burst, by one freshly started allocator.
    const allocator = await started();
    const first = await timed(() => allocator.allocate(tenantId, 'INV', 'doc-0', 'c-1'));
    firstTimes.push(first.ms);
    const issued = [first.value];
    const burstStart = performance.now();
    for (let i = 1; i < BURST; i++) issued.push(await allocator.allocate(tenantId, 'INV', `doc-${i}`, 'c-1'));
    burstTimes.push((performance.now() - burstStart) / (BURST - 1));
    const expected = Array.from({ length: BURST }, (_, i) => `INV-${String(i + 1).padStart(6, '0')}`);
    if (issued.join() !== expected.join()) throw new Error(`numbers issued out of sequence: ${issued.join()}`);
    // After a restart: the next number of that sequence (its top found again), by a new allocator.
    const resumed = await timed(async () => (await started()).allocate(tenantId, 'INV', `doc-${BURST}`, 'c-1'));
    if (resumed.value !== `INV-${String(BURST + 1).padStart(6, '0')}`) throw new Error(`resumed at ${resumed.value}`);
    resumeTimes.push(resumed.ms);
    // A burst asked at once, by one process, then by two processes sharing the sequence.
    const parallelTenant = `${tenantId}-parallel`;
    const [one, two] = [await started(), await started()];
    const atOnce = async (allocators, from) => {
      const t = performance.now();
      const got = await Promise.all(Array.from({ length: BURST }, (_, i) => allocators[i % allocators.length].allocate(parallelTenant, 'INV', `doc-${from + i}`, 'c-1')));
      const want = Array.from({ length: BURST }, (_, i) => `INV-${String(from + i + 1).padStart(6, '0')}`);
      if ([...got].sort().join() !== want.join()) throw new Error(`numbers issued with a gap or a duplicate: ${[...got].sort().join()}`);
      return (performance.now() - t) / BURST;
    };
    parallelOneTimes.push(await atOnce([one], 0));
    parallelTwoTimes.push(await atOnce([one, two], BURST));
    // What reading the top by query costs (the allocator's last resort, and every number before).
    scanTimes.push((await timed(() => numbers.find({ tenantId, kind: 'INV' }).sort({ seq: -1 }).limit(1).next())).ms);
  }
  rows.push(['first number of a new sequence, after a start', fmtMs(median(firstTimes))]);
  rows.push([`each next number of a burst of ${BURST}`, fmtMs(median(burstTimes))]);
  rows.push([`next number after a restart (top found among ${BURST + 1})`, fmtMs(median(resumeTimes))]);
  rows.push([`a burst of ${BURST} asked at once, one process (per number)`, fmtMs(median(parallelOneTimes))]);
  rows.push([`a burst of ${BURST} asked at once, two processes (per number)`, fmtMs(median(parallelTwoTimes))]);
  // Billing's start-up check for numbers a crash left unused, every number reserved lately being used.
  const sequencesReserved = (await numbers.distinct('tenantId')).length; // one kind (INV): a sequence a tenant
  const check = await timed(async () => (await started()).releaseUnused(new Date(Date.now() - 24 * 3600_000), async () => true));
  if (check.value.length !== 0) throw new Error('numbers given back although used');
  rows.push([`start-up check for unused numbers (${sequencesReserved} sequences, ${(await numbers.countDocuments()).toLocaleString('en')} numbers reserved in 24 h)`, fmtMs(check.ms)]);
  rows.push(['reading the top of a sequence by query', fmtMs(median(scanTimes))]);

  console.log(`\nDocument numbers, ${OTHERS.toLocaleString('en')} numbers of other tenants in the collection (written in ${fillSeconds.toFixed(1)} s), median of ${RUNS} runs`);
  console.log(`${machineNote()}, ${process.env.MONGO_URL ? 'MONGO_URL' : 'local FerretDB (SQLite)'}`);
  console.log('| step | time |\n|---|---|');
  for (const [step, time] of rows) console.log(`| ${step} | ${time} |`);
});
