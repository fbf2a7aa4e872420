#!/usr/bin/env node
// `npm run rebuild:reporting`: rebuilds reporting's read models on the servers of the running
// `npm start` (the addresses it wrote in .carnet/running.json), unless KAFKA_BROKERS and MONGO_URL
// say where. Arguments go through to services/reporting/dist/rebuild.js (e.g. --keep-previous).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, repoRoot } from './workspace.mjs';

ensureBuilt();
const runningFile = join(repoRoot, '.carnet', 'running.json');
const env = { ...process.env };
if (!env.KAFKA_BROKERS || !env.MONGO_URL) {
  if (!existsSync(runningFile)) {
    console.error('No running `npm start` found (.carnet/running.json): start it first, or set KAFKA_BROKERS and MONGO_URL.');
    process.exit(2);
  }
  const running = JSON.parse(readFileSync(runningFile, 'utf8'));
  env.KAFKA_BROKERS ??= running.kafkaBrokers;
  env.MONGO_URL ??= running.mongoUrl;
  console.error(`rebuilding reporting on Kafka ${env.KAFKA_BROKERS} and ${env.MONGO_URL}`);
}
const child = spawn(process.execPath, [join(repoRoot, 'services', 'reporting', 'dist', 'rebuild.js'), ...process.argv.slice(2)], { env, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
