import { loadConfig, parsePort } from '@carnet/http';

export interface GatewayConfig {
  port: number;
  host: string;
  adminToken: string;
  internalSecret: string;
  mongoUrl: string;
  database: string;
  kafkaBrokers: string;
  contactsUrl: string;
  billingUrl: string;
  reportingUrl: string;
}

export const gatewayConfig = (): GatewayConfig => loadConfig<GatewayConfig>({
  port: { env: 'PORT', parse: parsePort, default: 3000 },
  host: { env: 'HOST', default: '127.0.0.1' },
  adminToken: { env: 'CARNET_ADMIN_TOKEN', parse: (v) => { if (v.length < 16) throw new Error('must be at least 16 characters'); return v; } },
  internalSecret: { env: 'CARNET_INTERNAL_SECRET' },
  mongoUrl: { env: 'MONGO_URL', default: 'mongodb://127.0.0.1:27017' },
  database: { env: 'GATEWAY_DB', default: 'carnet_gateway' },
  kafkaBrokers: { env: 'KAFKA_BROKERS', default: '127.0.0.1:9092' },
  contactsUrl: { env: 'CONTACTS_URL', default: 'http://127.0.0.1:3001' },
  billingUrl: { env: 'BILLING_URL', default: 'http://127.0.0.1:3002' },
  reportingUrl: { env: 'REPORTING_URL', default: 'http://127.0.0.1:3003' },
});

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
