#!/usr/bin/env node
// `npm test`: installs packages if needed, builds, brings up real Kafka + a MongoDB-wire server
// (KAFKA_BROKERS/MONGO_URL if set, else Docker via testcontainers if an engine answers, else the
// project's own local servers from deploy/local), then runs every tier with node's test runner.
//   --tier=unit|int|e2e   run one tier only (unit needs no servers)
//   --only=TEXT           run only the test files whose path contains TEXT
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { ensureBuilt, repoRoot } from './workspace.mjs';

const tierArg = process.argv.find((a) => a.startsWith('--tier='))?.slice(7);
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const TIERS = { unit: /\.spec\.js$/, int: /\.int-spec\.js$/, e2e: /\.e2e-spec\.js$/ };
const tiers = tierArg ? [tierArg] : ['unit', 'int', 'e2e'];
for (const t of tiers) if (!TIERS[t]) { console.error(`unknown tier ${t}; use unit, int or e2e`); process.exit(2); }

ensureBuilt();
// Loaded once built: the same free-port choice as the test stacks.
const { freePort, portIsFree } = createRequire(join(repoRoot, 'libs', 'testing', 'package.json'))('./dist/index.js');

function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (p.includes('/dist/') && tiers.some((t) => TIERS[t].test(name)) && (!only || p.includes(only))) out.push(p);
  }
  return out;
}
const files = ['libs', 'services', 'test'].flatMap((d) => (existsSync(join(repoRoot, d)) ? findTests(join(repoRoot, d)) : []));
files.sort((a, b) => tierRank(a) - tierRank(b) || a.localeCompare(b));
function tierRank(f) { return TIERS.unit.test(f) ? 0 : TIERS.int.test(f) ? 1 : 2; }
console.log(`test files (${files.length}):\n${files.map((f) => '  ' + relative(repoRoot, f)).join('\n')}`);

const needsServers = files.some((f) => !TIERS.unit.test(f));
let infra = { env: {}, stop: async () => {} };
if (needsServers) infra = await startServers();

const code = await new Promise((res) => {
  const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...files], {
    stdio: 'inherit',
    env: { ...process.env, ...infra.env, CARNET_REPO_ROOT: repoRoot },
  });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (c, sig) => res(c ?? (sig ? 1 : 0)));
});
await infra.stop();
process.exit(code);

async function startServers() {
  if (process.env.KAFKA_BROKERS && process.env.MONGO_URL) {
    console.log(`using KAFKA_BROKERS=${process.env.KAFKA_BROKERS} MONGO_URL=${process.env.MONGO_URL}`);
    return { env: {}, stop: async () => {} };
  }
  const docker = await tryDocker();
  if (docker) return docker;
  const { startInfra, KAFKA_VERSION, FERRETDB_VERSION } = await import('../deploy/local/infra.mjs');
  // Free ports and a fresh data dir, so tests never touch a running `npm start` or another run.
  const started = Date.now();
  const local = await startInfra({ dataDir: join(repoRoot, '.carnet', `test-data-${process.pid}`), kafkaPort: await freePortPair(), mongoPort: await freePort(), debugPort: await freePort(), fresh: true });
  console.log(`local Kafka ${KAFKA_VERSION} and FerretDB ${FERRETDB_VERSION} ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return {
    env: { KAFKA_BROKERS: local.kafkaBrokers, MONGO_URL: local.mongoUrl },
    stop: async () => { await local.stop(); rmSync(join(repoRoot, '.carnet', `test-data-${process.pid}`), { recursive: true, force: true }); },
  };
}

async function tryDocker() {
  if (spawnSync('docker', ['info'], { stdio: 'ignore' }).status !== 0) return null;
  try {
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const { MongoDBContainer } = await import('@testcontainers/mongodb');
    const [kafka, mongo] = await Promise.all([
      new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start(),
      new MongoDBContainer('mongo:7').start(),
    ]);
    console.log('using Docker containers for Kafka and MongoDB');
    return {
      env: {
        KAFKA_BROKERS: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
        MONGO_URL: `${mongo.getConnectionString()}/?directConnection=true`,
      },
      stop: async () => { await Promise.all([kafka.stop(), mongo.stop()]); },
    };
  } catch (e) {
    console.log(`Docker answered but containers did not start (${e.message}); using local servers`);
    return null;
  }
}

// Kafka needs two neighbouring ports (broker, controller).
async function freePortPair() {
  for (;;) {
    const p = await freePort();
    if (await portIsFree(p + 1)) return p;
  }
}
