#!/usr/bin/env node
// Benchmark: what one FerretDB operation costs on this machine, with SQLite as FerretDB leaves it
// and with the settings deploy/local/infra.mjs starts it with (SQLITE_PRAGMAS), one after the other.
//   node scripts/bench/ferretdb-writes.mjs [--docs=2000] [--repeat=2]
// For each setting it starts the project's FerretDB build on a free port in a fresh folder and
// times, on documents of about 1.5 KB: insertOne one at a time, updateOne by _id one at a time,
// findOne by _id one at a time, updateOne by _id with 8 in flight, bulkWrite of 100 updateOne, and
// insertMany of 100. Settings alternate `repeat` times, so that a busy moment of the machine shows
// as a difference between repeats rather than between settings.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { provisionFerretDb, SQLITE_PRAGMAS } from '../../deploy/local/infra.mjs';
import { arg, fmtInt, machineNote, onCleanup, requireFromReporting, runBenchmark, sleep } from './reporting-common.mjs';

const DOCS = arg('docs', 2000);
const REPEAT = arg('repeat', 2);
const SETTINGS = [
  { name: 'FerretDB defaults (busy_timeout 30 s)', pragmas: ['busy_timeout(30000)'] },
  { name: 'deploy/local/infra.mjs', pragmas: SQLITE_PRAGMAS },
];

await runBenchmark(async () => {
  const { MongoClient } = requireFromReporting('mongodb');
  const { freePort } = requireFromReporting('@carnet/testing');
  const bin = provisionFerretDb();
  const results = [];
  for (let r = 0; r < REPEAT; r++) {
    for (const setting of SETTINGS) {
      const dir = mkdtempSync(join(tmpdir(), 'carnet-ferretdb-bench-'));
      const port = await freePort();
      const child = spawn(bin, [
        '--handler=sqlite', `--sqlite-url=file:${dir}/?${setting.pragmas.map((p) => `_pragma=${p}`).join('&')}`,
        `--listen-addr=127.0.0.1:${port}`, `--state-dir=${dir}`, `--debug-addr=127.0.0.1:${await freePort()}`, '--telemetry=disable', '--log-level=warn',
      ], { stdio: 'ignore' });
      const stop = () => { child.kill('SIGKILL'); rmSync(dir, { recursive: true, force: true }); };
      onCleanup(stop);
      const client = new MongoClient(`mongodb://127.0.0.1:${port}/`, { serverSelectionTimeoutMS: 10_000 });
      for (let i = 0; ; i++) {
        try { await client.connect(); break; } catch (e) { if (i > 50) throw e; await sleep(200); }
      }
      const col = client.db('bench').collection('docs');
      const doc = (i) => ({ _id: `k${i}`, tenantId: 't', n: i, pad: 'x'.repeat(1500) });
      const rate = async (n, work) => { const t = performance.now(); await work(); return n / ((performance.now() - t) / 1000); };
      const row = { setting: setting.name, repeat: r + 1 };
      row.insertOne = await rate(DOCS, async () => { for (let i = 0; i < DOCS; i++) await col.insertOne(doc(i)); });
      row.updateOne = await rate(DOCS, async () => { for (let i = 0; i < DOCS; i++) await col.updateOne({ _id: `k${i}` }, { $set: { n: -i } }); });
      row.findOne = await rate(DOCS, async () => { for (let i = 0; i < DOCS; i++) await col.findOne({ _id: `k${i}` }); });
      row.parallel = await rate(DOCS, () => Promise.all(Array.from({ length: 8 }, async (_, w) => {
        for (let i = w; i < DOCS; i += 8) await col.updateOne({ _id: `k${i}` }, { $set: { n: i } });
      })));
      row.bulk = await rate(DOCS, async () => {
        for (let b = 0; b < DOCS; b += 100) await col.bulkWrite(Array.from({ length: Math.min(100, DOCS - b) }, (_, j) => ({ updateOne: { filter: { _id: `k${b + j}` }, update: { $set: { n: 1 } } } })));
      });
      row.insertMany = await rate(DOCS, async () => {
        for (let b = 0; b < DOCS; b += 100) await col.insertMany(Array.from({ length: Math.min(100, DOCS - b) }, (_, j) => doc(DOCS + b + j)));
      });
      await client.close();
      stop();
      results.push(row);
      process.stderr.write(`  ${setting.name}, repeat ${r + 1}: done\n`);
    }
  }
  console.log(`\nferretdb-writes: ${machineNote()}`);
  console.log(`${fmtInt(DOCS)} documents of about 1.5 KB per measure; operations per second (higher is better)`);
  console.log('| SQLite settings | repeat | insertOne | updateOne by _id | findOne by _id | updateOne, 8 in flight | bulkWrite of 100 updates | insertMany of 100 |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of results) console.log(`| ${r.setting} | ${r.repeat} | ${[r.insertOne, r.updateOne, r.findOne, r.parallel, r.bulk, r.insertMany].map(fmtInt).join(' | ')} |`);
  console.log(`(deploy/local/infra.mjs: ${SQLITE_PRAGMAS.join(', ')})`);
});
