import { loadConfig, parsePort } from '@carnet/http';

export interface GatewayConfig {
  port: number;
  host: string;
  adminToken: string;
  internalSecret: string;
  /** Signs client-portal links; keep it across restarts or every link given out stops opening. */
  portalSecret: string;
  /** Where the public reaches the gateway, for the portal links it hands out. */
  publicUrl: string;
  /** Requests a minute per API key (or portal link, or address without a key); 0: no limit. */
  rateLimitPerMinute: number;
  mongoUrl: string;
  database: string;
  kafkaBrokers: string;
  contactsUrl: string;
  billingUrl: string;
  reportingUrl: string;
}

export const gatewayConfig = (): GatewayConfig => withPublicUrl(loadConfig<GatewayConfig>({
  port: { env: 'PORT', parse: parsePort, default: 3000 },
  host: { env: 'HOST', default: '127.0.0.1' },
  adminToken: { env: 'CARNET_ADMIN_TOKEN', parse: longSecret },
  internalSecret: { env: 'CARNET_INTERNAL_SECRET' },
  portalSecret: { env: 'CARNET_PORTAL_SECRET', parse: longSecret },
  publicUrl: { env: 'CARNET_PUBLIC_URL', parse: parsePublicUrl, default: '' },
  rateLimitPerMinute: { env: 'CARNET_RATE_LIMIT_PER_MINUTE', parse: parseCount, default: 12_000 },
  mongoUrl: { env: 'MONGO_URL', default: 'mongodb://127.0.0.1:27017' },
  database: { env: 'GATEWAY_DB', default: 'carnet_gateway' },
  kafkaBrokers: { env: 'KAFKA_BROKERS', default: '127.0.0.1:9092' },
  contactsUrl: { env: 'CONTACTS_URL', default: 'http://127.0.0.1:3001' },
  billingUrl: { env: 'BILLING_URL', default: 'http://127.0.0.1:3002' },
  reportingUrl: { env: 'REPORTING_URL', default: 'http://127.0.0.1:3003' },
}));

function longSecret(v: string): string {
  if (v.length < 16) throw new Error('must be at least 16 characters');
  return v;
}

// Without CARNET_PUBLIC_URL, links point at the gateway's own address.
function withPublicUrl(c: GatewayConfig): GatewayConfig {
  return c.publicUrl ? c : { ...c, publicUrl: `http://${c.host.includes(':') ? `[${c.host}]` : c.host}:${c.port}` };
}

function parseCount(raw: string): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a whole number: ${raw}`);
  return n;
}

function parsePublicUrl(raw: string): string {
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('must be an http(s) URL');
  return raw.replace(/\/+$/, '');
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
