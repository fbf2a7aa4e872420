#!/usr/bin/env node
// `npm start`: the whole product on this machine. Installs and builds what is missing, starts Kafka
// and FerretDB (or uses KAFKA_BROKERS/MONGO_URL), starts the four services, makes sure a demo
// tenant exists, and prints where to go. Ctrl-C stops everything it started.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, repoRoot } from './workspace.mjs';

const stateDir = join(repoRoot, '.carnet');
mkdirSync(stateDir, { recursive: true });
const readJson = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null);
// Where the running product's servers are, for `npm run rebuild:reporting`; removed at stop.
const runningFile = join(stateDir, 'running.json');

ensureBuilt();
const { startCarnetStack, portIsFree } = await import('../libs/testing/dist/index.js');

let infra = null;
let stack = null;
let stopping = false;
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping services…');
  rmSync(runningFile, { force: true });
  await stack?.stop();
  await infra?.stop();
  console.log('stopped.');
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
// npm, stopped with SIGTERM, exits without passing it on: this process is then left to init. It
// notices its parent is gone and stops everything, so nothing keeps running without a launcher.
const launcher = process.ppid;
setInterval(() => { if (process.ppid !== launcher) void shutdown(0); }, 1000).unref();

try {
  const port = Number(process.env.PORT ?? 3000);
  for (const p of [port, port + 1, port + 2, port + 3]) {
    if (!(await portIsFree(p))) throw new Error(`port ${p} is already in use (the gateway takes PORT=${port}, the services PORT+1 to PORT+3); stop what runs there or start with another PORT`);
  }
  let kafkaBrokers = process.env.KAFKA_BROKERS;
  let mongoUrl = process.env.MONGO_URL;
  if (!kafkaBrokers || !mongoUrl) {
    const { startInfra, KAFKA_VERSION, FERRETDB_VERSION } = await import('../deploy/local/infra.mjs');
    console.log(`starting Kafka ${KAFKA_VERSION} and FerretDB ${FERRETDB_VERSION}…`);
    infra = await startInfra({
      dataDir: join(stateDir, 'data'),
      kafkaPort: Number(process.env.CARNET_KAFKA_PORT ?? 9092),
      mongoPort: Number(process.env.CARNET_MONGO_PORT ?? 27017),
    });
    kafkaBrokers = infra.kafkaBrokers;
    mongoUrl = infra.mongoUrl;
  }

  // Secrets survive restarts, so the printed admin token and the demo key keep working.
  const secretsFile = join(stateDir, 'secrets.json');
  const secrets = { adminToken: randomBytes(18).toString('base64url'), portalSecret: randomBytes(24).toString('base64url'), ...readJson(secretsFile) };
  writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  const adminToken = process.env.CARNET_ADMIN_TOKEN ?? secrets.adminToken;

  console.log('starting gateway, contacts, billing and reporting…');
  stack = await startCarnetStack({
    repoRoot, kafkaBrokers, mongoUrl, adminToken, portalSecret: process.env.CARNET_PORTAL_SECRET ?? secrets.portalSecret, port, logDir: join(stateDir, 'logs'),
  });

  writeFileSync(runningFile, JSON.stringify({ gateway: stack.url, kafkaBrokers, mongoUrl, pid: process.pid }, null, 2));

  const demoFile = join(stateDir, 'demo-tenant.json');
  let demo = readJson(demoFile);
  const ok = demo && (await fetch(`${stack.url}/v1/tenant`, { headers: { authorization: `Bearer ${demo.apiKey}` } })).ok;
  if (!ok) {
    const res = await fetch(`${stack.url}/v1/tenants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-token': adminToken },
      body: JSON.stringify({ name: 'Atelier Démo', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '04-01', defaultLanguage: 'fr' }),
    });
    if (res.status !== 201) throw new Error(`could not create the demo tenant: ${res.status} ${await res.text()}`);
    const t = await res.json();
    demo = { tenantId: t.id, apiKey: t.apiKey };
    writeFileSync(demoFile, JSON.stringify(demo, null, 2), { mode: 0o600 });
  }

  console.log(`
Carnet is running.
  Gateway (public API):  ${stack.url}      health: ${stack.url}/health
  Admin token:           ${adminToken}   (header X-Admin-Token, for POST /v1/tenants)
  Demo tenant API key:   ${demo.apiKey}   (header Authorization: Bearer …)
  Kafka: ${kafkaBrokers}   MongoDB wire (FerretDB): ${mongoUrl}
  Service logs:          ${join(stateDir, 'logs')}

Try it: in another terminal, run  npm run demo
Ctrl-C stops everything.`);
} catch (e) {
  console.error(`npm start failed: ${e.message}`);
  await shutdown(1);
}
