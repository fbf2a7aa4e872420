// `node services/reporting/dist/rebuild.js [--keep-previous]`: rebuilds every reporting read model
// from the beginning of tenants.events, contacts.events and billing.events, then swaps it in while
// the service keeps running. Prints one JSON line with the result; exit code 1 when it failed.
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import { createKafka, parseBrokers } from '@carnet/messaging';
import { ProjectionLog } from './projection/projection.runner';
import { ReadModelRegistry } from './read-models/read-model-registry';
import { rebuildReporting } from './rebuild/reporting-rebuild';
import { loadStoreConfig } from './reporting.config';

const log: ProjectionLog = (level, msg, extra) =>
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level, service: 'reporting-rebuild', msg, ...extra }) + '\n');

async function main(): Promise<void> {
  const config = loadStoreConfig();
  const conn = await mongoose.createConnection(config.mongoUrl, { dbName: config.database, serverSelectionTimeoutMS: 10_000 }).asPromise();
  try {
    const db = conn.db as unknown as Db;
    const kafka = createKafka(parseBrokers(config.kafkaBrokers), 'reporting-rebuild');
    const result = await rebuildReporting(kafka, db, new ReadModelRegistry(db, config), {
      topics: config.topics, keepPrevious: process.argv.includes('--keep-previous'), log,
    });
    process.stdout.write(JSON.stringify(result) + '\n');
  } finally {
    await conn.close();
  }
}

main().catch((e) => {
  log('error', `rebuild failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
