import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { repoRoot, requireEnv, uniqueSuffix } from './test-env';

export interface StackOptions {
  repoRoot: string;
  kafkaBrokers: string;
  mongoUrl: string;
  /** Gateway port; services take the next three. Without it, four free ports are picked. */
  port?: number;
  /** Appended to every database name, so test runs never share state. */
  databaseSuffix?: string;
  /** Put before every Kafka topic name, so a run's consumers never read another run's events. */
  topicPrefix?: string;
  adminToken?: string;
  /** Signs client-portal links; give the same one at every start so links keep opening. */
  portalSecret?: string;
  /** Where each service's log goes (one file per service). */
  logDir: string;
  /** Inherit services' stderr instead of logging to files. */
  inheritOutput?: boolean;
  /** More settings for every service (e.g. CARNET_RATE_LIMIT_PER_MINUTE). */
  env?: Record<string, string>;
}

export interface RunningStack {
  url: string;
  adminToken: string;
  internalSecret: string;
  portalSecret: string;
  /** Put before every Kafka topic name of this stack (empty when none). */
  topicPrefix: string;
  ports: Record<'gateway' | 'contacts' | 'billing' | 'reporting', number>;
  /** Stops one service (SIGKILL when `hard`), to test crashes. */
  kill(service: ServiceName, hard?: boolean): Promise<void>;
  /** Starts a stopped service again with the same settings. */
  restart(service: ServiceName): Promise<void>;
  stop(): Promise<void>;
}

export type ServiceName = 'gateway' | 'contacts' | 'billing' | 'reporting';
const SERVICES: ServiceName[] = ['contacts', 'billing', 'reporting', 'gateway'];

/** Starts the four services as separate processes, the way production runs them, and waits for health. */
export async function startCarnetStack(o: StackOptions): Promise<RunningStack> {
  const ports = o.port === undefined
    ? { gateway: await freePort(), contacts: await freePort(), billing: await freePort(), reporting: await freePort() }
    : { gateway: o.port, contacts: o.port + 1, billing: o.port + 2, reporting: o.port + 3 };
  const suffix = o.databaseSuffix ? `_${o.databaseSuffix}` : '';
  const adminToken = o.adminToken ?? randomBytes(18).toString('base64url');
  const internalSecret = randomBytes(24).toString('base64url');
  const portalSecret = o.portalSecret ?? randomBytes(24).toString('base64url');
  mkdirSync(o.logDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KAFKA_BROKERS: o.kafkaBrokers, MONGO_URL: o.mongoUrl,
    CARNET_ADMIN_TOKEN: adminToken, CARNET_INTERNAL_SECRET: internalSecret,
    CARNET_PORTAL_SECRET: portalSecret,
    PORT: String(ports.gateway), CONTACTS_PORT: String(ports.contacts), BILLING_PORT: String(ports.billing), REPORTING_PORT: String(ports.reporting),
    CONTACTS_URL: `http://127.0.0.1:${ports.contacts}`, BILLING_URL: `http://127.0.0.1:${ports.billing}`, REPORTING_URL: `http://127.0.0.1:${ports.reporting}`,
    GATEWAY_DB: `carnet_gateway${suffix}`, CONTACTS_DB: `carnet_contacts${suffix}`, BILLING_DB: `carnet_billing${suffix}`, REPORTING_DB: `carnet_reporting${suffix}`,
    CARNET_GROUP_SUFFIX: suffix,
    ...(o.topicPrefix === undefined ? {} : { CARNET_TOPIC_PREFIX: o.topicPrefix }),
    ...o.env,
  };
  const children = new Map<ServiceName, ChildProcess>();

  const launch = (name: ServiceName) => {
    // The IPC channel ties each service's life to this process (see runService). CARNET_NODE_ARGS
    // passes Node flags to every service (say --cpu-prof for a benchmark's profiles).
    const child = spawn(process.execPath, [...(process.env.CARNET_NODE_ARGS ? process.env.CARNET_NODE_ARGS.split(' ') : []), join(o.repoRoot, 'services', name, 'dist', 'main.js')], {
      env, stdio: o.inheritOutput ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    if (!o.inheritOutput) {
      const log = createWriteStream(join(o.logDir, `${name}.log`), { flags: 'a' });
      child.stdout?.pipe(log);
      child.stderr?.pipe(log);
    }
    children.set(name, child);
  };

  const waitHealthy = async (name: ServiceName, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const child = children.get(name);
      if (child && child.exitCode !== null) {
        await new Promise((r) => setTimeout(r, 300)); // let the log pipe flush
        throw new Error(`${name} exited with code ${child.exitCode}: ${lastLine(name)} (log: ${join(o.logDir, name + '.log')})`);
      }
      try {
        if ((await fetch(`http://127.0.0.1:${ports[name]}/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${name} not healthy after ${timeoutMs / 1000}s; see ${join(o.logDir, name + '.log')}`);
  };

  const kill = (name: ServiceName, hard = false) => new Promise<void>((res) => {
    const child = children.get(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return res();
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(t); res(); });
    child.kill(hard ? 'SIGKILL' : 'SIGTERM');
  });

  const lastLine = (name: ServiceName) => {
    try {
      return readFileSync(join(o.logDir, `${name}.log`), 'utf8').trim().split('\n').filter((l) => !l.includes('"level":"info"')).slice(-1)[0] ?? '';
    } catch {
      return '';
    }
  };

  const stack: RunningStack = {
    url: `http://127.0.0.1:${ports.gateway}`, adminToken, internalSecret, portalSecret, topicPrefix: o.topicPrefix ?? '', ports, kill,
    restart: async (name) => { launch(name); await waitHealthy(name); },
    stop: async () => { await Promise.all(SERVICES.map((s) => kill(s))); },
  };
  for (const s of SERVICES) {
    if (!(await portIsFree(ports[s]))) throw new Error(`port ${ports[s]} for the ${s} service is already in use; stop what runs there or choose another PORT (services use PORT+1 to PORT+3)`);
  }
  try {
    for (const s of SERVICES) launch(s);
    for (const s of SERVICES) await waitHealthy(s);
  } catch (e) {
    await stack.stop();
    throw e;
  }
  return stack;
}

/**
 * A TCP port nothing listens on right now, so parallel runs never collide. It is taken below the
 * range the system hands out to outgoing connections: a port from that range (what `listen(0)`
 * gives) can become the source port of a connection Kafka or a client opens before the server
 * meant for it binds ("address already in use").
 */
export async function freePort(): Promise<number> {
  const below = ephemeralLow();
  for (;;) {
    const port = 10_000 + Math.floor(Math.random() * (below - 10_000));
    if (await portIsFree(port)) return port;
  }
}

function ephemeralLow(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32_768;
  } catch {
    return 32_768; // not Linux: the IANA dynamic range starts at 49152, so this stays below it too
  }
}

/** True when nothing listens on this loopback port. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/**
 * The four services on the servers `npm test` provides (KAFKA_BROKERS, MONGO_URL), with databases
 * and consumer groups of their own and logs under .carnet/test-logs/<label…>: one per e2e file.
 */
export function startTestStack(label: string, env?: Record<string, string>): Promise<RunningStack> {
  const suffix = uniqueSuffix(label);
  return startCarnetStack({
    repoRoot: repoRoot(), kafkaBrokers: requireEnv('KAFKA_BROKERS'), mongoUrl: requireEnv('MONGO_URL'), env,
    databaseSuffix: suffix, topicPrefix: `${suffix}.`, logDir: join(repoRoot(), '.carnet', 'test-logs', suffix),
  });
}
