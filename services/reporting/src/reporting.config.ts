import { TOPICS } from '@carnet/events';
import { BaseServiceConfig, loadBaseConfig, loadConfig } from '@carnet/http';

/** How the projection consumes Kafka. */
export interface ProjectionOptions {
  /** Appended to consumer group ids, so stacks sharing one Kafka (tests) never share a group. */
  groupSuffix: string;
  topics: string[];
}

/** What the rebuild command needs: the stores, not the HTTP side. */
export interface ReportingStoreConfig extends ProjectionOptions {
  mongoUrl: string;
  database: string;
  kafkaBrokers: string;
}

export const PROJECTION_OPTIONS = Symbol('PROJECTION_OPTIONS');

// Partitions whose batches the projection applies at once (topics have 3 locally), live and in a
// rebuild: their database round trips overlap instead of queueing (see BENCHMARKS.md, fifth pass).
export const PARTITIONS_AT_ONCE = 6;

// Tenant settings first: a fresh projection then knows each tenant's calendar early.
export const REPORTING_TOPICS: string[] = [TOPICS.tenants, TOPICS.contacts, TOPICS.billing];

export function loadReportingConfig(env: NodeJS.ProcessEnv = process.env): BaseServiceConfig & ProjectionOptions {
  return { ...loadBaseConfig('reporting', 3003), ...loadConfig<{ groupSuffix: string }>({ groupSuffix: { env: 'CARNET_GROUP_SUFFIX', default: '' } }, env), topics: REPORTING_TOPICS };
}

export function loadStoreConfig(env: NodeJS.ProcessEnv = process.env): ReportingStoreConfig {
  const store = loadConfig<Omit<ReportingStoreConfig, 'topics'>>({
    mongoUrl: { env: 'MONGO_URL', default: 'mongodb://127.0.0.1:27017' },
    database: { env: 'REPORTING_DB', default: 'carnet_reporting' },
    kafkaBrokers: { env: 'KAFKA_BROKERS', default: '127.0.0.1:9092' },
    groupSuffix: { env: 'CARNET_GROUP_SUFFIX', default: '' },
  }, env);
  return { ...store, topics: REPORTING_TOPICS };
}
