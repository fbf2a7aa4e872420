// Shared by the reporting benchmarks: local Kafka + FerretDB on free loopback ports in a temporary
// data folder (removed afterwards), the four services when asked, percentiles and a machine note.
// Everything started here is stopped by `cleanup()`, also on Ctrl-C or an uncaught error.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, repoRoot } from '../workspace.mjs';

export { repoRoot };

// Packages resolved as the reporting service resolves them (kafkajs, mongodb, @carnet/*).
export const requireFromReporting = createRequire(join(repoRoot, 'services', 'reporting', 'package.json'));

const cleanups = [];
let cleaning = null;

/** Runs every registered cleanup once, newest first. */
export function cleanup() {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (e) {
        process.stderr.write(`cleanup: ${e instanceof Error ? e.message : String(e)}\n`);
      }
    }
  })();
  return cleaning;
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => { cleanup().finally(() => process.exit(130)); });
}
// A failure outside main's await (a background loop) would end the process with Kafka and
// FerretDB still running: they are stopped first.
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.once(event, (e) => {
    process.stderr.write(`benchmark failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    cleanup().finally(() => process.exit(1));
  });
}

/** Runs `main`, then cleans up whatever it started, whether it succeeded or not. */
export async function runBenchmark(main) {
  ensureBuilt();
  try {
    await main();
  } catch (e) {
    process.stderr.write(`benchmark failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

export const arg = (name, fallback) => {
  const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  return raw === undefined ? fallback : typeof fallback === 'number' ? Number(raw) : raw;
};

/** Kafka (and its controller on the next port) and FerretDB, on free ports, in a fresh data folder. */
export async function startBenchInfra(name) {
  const { startInfra } = await import('../../deploy/local/infra.mjs');
  const { freePort, portIsFree } = requireFromReporting('@carnet/testing');
  const dataDir = join(repoRoot, '.carnet', `bench-${name}-${process.pid}`);
  let kafkaPort = await freePort();
  while (!(await portIsFree(kafkaPort + 1))) kafkaPort = await freePort();
  const started = Date.now();
  const infra = await startInfra({ dataDir, kafkaPort, mongoPort: await freePort(), debugPort: await freePort(), fresh: true });
  cleanups.push(async () => {
    await infra.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  log(`Kafka on ${infra.kafkaBrokers}, FerretDB on ${infra.mongoUrl} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return { ...infra, dataDir };
}

/** The four services through the launcher the e2e tests use; their logs outlive the run, to read after a failure. */
export async function startBenchStack(infra, suffix) {
  const { startCarnetStack } = requireFromReporting('@carnet/testing');
  const started = Date.now();
  const stack = await startCarnetStack({
    repoRoot, kafkaBrokers: infra.kafkaBrokers, mongoUrl: infra.mongoUrl, databaseSuffix: suffix, logDir: join(repoRoot, '.carnet', 'bench-logs', suffix),
    // A load generator is one API key sending hundreds of requests a second: measured, not limited.
    env: { CARNET_RATE_LIMIT_PER_MINUTE: '0' },
  });
  cleanups.push(() => stack.stop());
  log(`services healthy behind ${stack.url} (${((Date.now() - started) / 1000).toFixed(1)} s), logs in .carnet/bench-logs/${suffix}`);
  return stack;
}

/** Registers something else to stop at the end (a client, a consumer). */
export function onCleanup(fn) {
  cleanups.push(fn);
}

/** Nearest-rank percentile of an unsorted list. */
export function percentile(xs, p) {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const fmtMs = (x) => (Number.isNaN(x) ? '—' : x >= 100 ? `${Math.round(x).toLocaleString('en-US')} ms` : `${x.toFixed(1)} ms`);
export const fmtInt = (x) => Math.round(x).toLocaleString('en-US');

export function machineNote() {
  return `${new Date().toISOString()}, Node ${process.version}, ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${loadavg()[0].toFixed(2)}`;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function log(msg) {
  process.stderr.write(`  ${msg}\n`);
}

/** The pid listening on a loopback port (a service), from `ss`. */
export function pidListeningOn(port) {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`no process found listening on port ${port}: ${out}`);
  return Number(pid);
}

/**
 * CPU seconds (user + system) used so far by each process of a bench run: Kafka, FerretDB, the four
 * services and this script. Read from /proc (Linux); call twice and subtract for a phase.
 */
export function cpuMeter(infra, stack) {
  const ticks = 100; // USER_HZ on Linux
  const pids = {
    ferretdb: Number(readFileSync(join(infra.dataDir, 'ferretdb.pid'), 'utf8')),
    kafka: Number(readFileSync(join(infra.dataDir, 'kafka.pid'), 'utf8')),
    ...Object.fromEntries(Object.entries(stack.ports).map(([name, port]) => [name, pidListeningOn(port)])),
  };
  return () => {
    const used = {};
    for (const [name, pid] of Object.entries(pids)) {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      used[name] = (Number(fields[11]) + Number(fields[12])) / ticks;
    }
    const self = process.cpuUsage();
    used.bench = (self.user + self.system) / 1e6;
    return used;
  };
}
