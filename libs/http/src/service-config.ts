/** Reads and checks environment variables once at boot; names every bad one in a single error. */
export class ConfigError extends Error {}

type Spec<T> = { [K in keyof T]: { env: string; parse?: (raw: string) => T[K]; default?: T[K] } };

export function loadConfig<T>(spec: Spec<T>, env: NodeJS.ProcessEnv = process.env): T {
  const out: Partial<T> = {};
  const problems: string[] = [];
  for (const key of Object.keys(spec) as Array<keyof T>) {
    const { env: name, parse, default: def } = spec[key];
    const raw = env[name];
    if (raw === undefined || raw === '') {
      if (def === undefined) problems.push(`${name} is required`);
      else out[key] = def;
      continue;
    }
    try {
      out[key] = parse ? parse(raw) : (raw as unknown as T[keyof T]);
    } catch (e) {
      problems.push(`${name}: ${(e as Error).message}`);
    }
  }
  if (problems.length) throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  return out as T;
}

export function parsePort(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`not a port: ${raw}`);
  return n;
}

/** Settings every back-end service needs. */
export interface BaseServiceConfig {
  port: number;
  host: string;
  mongoUrl: string;
  database: string;
  kafkaBrokers: string;
  internalSecret: string;
}

export function loadBaseConfig(service: string, defaultPort: number): BaseServiceConfig {
  const upper = service.toUpperCase();
  return loadConfig<BaseServiceConfig>({
    port: { env: `${upper}_PORT`, parse: parsePort, default: defaultPort },
    host: { env: 'HOST', default: '127.0.0.1' },
    mongoUrl: { env: 'MONGO_URL', default: 'mongodb://127.0.0.1:27017' },
    database: { env: `${upper}_DB`, default: `carnet_${service}` },
    kafkaBrokers: { env: 'KAFKA_BROKERS', default: '127.0.0.1:9092' },
    internalSecret: { env: 'CARNET_INTERNAL_SECRET' },
  });
}
