#!/usr/bin/env node
// Local infrastructure without Docker: Apache Kafka (KRaft, one node) from Maven Central jars and
// FerretDB v1 (MongoDB wire protocol, SQLite backend) built from its Go module. Binaries are
// cached in ~/.cache/carnet (CARNET_CACHE_DIR) so a second start takes seconds.
//
//   node deploy/local/infra.mjs provision      fetch/build once, then exit
//   node deploy/local/infra.mjs up             start both, wait until ready, stay in foreground
//
// Used as a module by scripts/start.mjs and scripts/test.mjs (startInfra / provision).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, openSync } from 'node:fs';
import { createConnection } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const KAFKA_VERSION = '3.9.1';
export const FERRETDB_VERSION = 'v1.24.2';
const CLUSTER_ID = 'MkU3OEVBNTcwNTJENDM2Qk'; // fixed: a generated id may start with '-' and read as a flag

export const cacheDir = () => resolve(process.env.CARNET_CACHE_DIR ?? join(homedir(), '.cache', 'carnet'));

const log = (msg) => process.stderr.write(`[infra] ${msg}\n`);

function need(cmd, args, hint) {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  if (r.error || r.status !== 0) {
    throw new Error(`'${cmd}' is required but was not found or does not run. ${hint}`);
  }
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts });
  if (r.error || r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}):\n${(r.stdout ?? '').slice(-3000)}\n${(r.stderr ?? r.error?.message ?? '').slice(-3000)}`);
  }
  return r.stdout;
}

/** Kafka jars: resolved once with Maven into the cache. Returns the jar folder. */
export function provisionKafka() {
  const pom = readFileSync(join(here, 'kafka', 'pom.xml'), 'utf8');
  const stamp = createHash('sha256').update(pom).digest('hex').slice(0, 12);
  const dir = join(cacheDir(), `kafka-${KAFKA_VERSION}-${stamp}`);
  const libs = join(dir, 'libs');
  if (existsSync(join(dir, 'READY'))) return libs;
  need('java', ['-version'], 'Install a Java 17+ runtime (Debian: apt-get install openjdk-17-jre-headless).');
  need('mvn', ['-v'], 'Install Maven (Debian: apt-get install maven).');
  log(`resolving Apache Kafka ${KAFKA_VERSION} jars from Maven Central (once)…`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(libs, { recursive: true });
  run('mvn', ['-q', '-B', '-f', join(here, 'kafka', 'pom.xml'), 'dependency:copy-dependencies',
    '-DincludeScope=runtime', `-DoutputDirectory=${libs}`, `-Dkafka.version=${KAFKA_VERSION}`]);
  writeFileSync(join(dir, 'READY'), new Date().toISOString());
  return libs;
}

// Patches to FerretDB v1.24.2, each a small change checked before it is made. To its SQLite backend:
// - it looks documents up by `_ferretdb_sjson->'$._id'` while its unique `_id` index is on
//   `_ferretdb_sjson->"_id"`: the same value, but not the same expression, so SQLite never used the
//   index and every lookup by _id scanned the collection (72 ms at 40,000 documents, and growing);
// - it pushes `_id = ?` down to SQLite only when the filter is `{ _id }` alone, so a guarded write
//   (`{ _id, rev }`, `{ _id, version: { $lt } }`) read and decoded the whole collection (48 ms at
//   5,000 documents). Pushing down the `_id` equality of any filter is safe: the handler applies
//   the whole filter to what the backend returns, in every command (find, update, delete, count…);
// - it pushes no `_id: { $in: [...] }` down at all, so removing 500 published outbox entries was
//   500 deletes, each a read and a write transaction of its own (0.5–3.8 s under load, while the
//   relay waited); an `$in` of strings or ObjectIds (up to 1,000) is now `_id IN (…)` on the index;
// - writers to one database waited for SQLite's write lock in its busy handler, which sleeps 1, 2,
//   5 … 100 ms between tries, so a small write could wait behind a bulk far longer than the bulk
//   took; they now queue on a mutex per database, each served as soon as the one before is done.
// To its update and delete commands:
// - each statement read its documents and then wrote them in two steps, so two guarded updates of
//   one document (`{ _id, rev: 4 }`) could both match and the second overwrite the first: a lost
//   update, seen once reporting applied several partitions at once. Each statement's read and write
//   now happen under a mutex per database;
// - update closed each statement's query only when the whole command ended, so a bulk of updates
//   held one SQLite connection per statement, and one of 100 (the size of the connection pool)
//   waited forever for a connection. Each query is now closed once its update is done.
const FERRETDB_PATCHES = [
  {
    file: join('internal', 'backends', 'sqlite', 'metadata', 'metadata.go'),
    shipped: `IDColumn = DefaultColumn + "->'$._id'"`,
    patched: 'IDColumn = DefaultColumn + `->"_id"`',
    count: 1,
  },
  {
    file: join('internal', 'backends', 'sqlite', 'collection.go'),
    shipped: 'if params.Filter.Len() == 1 {',
    patched: 'if params.Filter.Len() > 0 {',
    count: 2, // Query and Explain
  },
  {
    file: join('internal', 'backends', 'sqlite', 'collection.go'),
    shipped: '\t\tcase string, types.ObjectID:\n\t\t\twhereClause = fmt.Sprintf(` WHERE %s = ?`, metadata.IDColumn)\n\t\t\targs = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}\n',
    patched: '\t\tcase string, types.ObjectID:\n\t\t\twhereClause = fmt.Sprintf(` WHERE %s = ?`, metadata.IDColumn)\n\t\t\targs = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}\n'
      + '\t\tcase *types.Document:\n\t\t\tif in, ids := idsIn(v.(*types.Document)); in != "" {\n\t\t\t\twhereClause = fmt.Sprintf(` WHERE %s IN (%s)`, metadata.IDColumn, in)\n\t\t\t\targs = ids\n\t\t\t}\n',
    count: 1, // Query only (Explain is not used)
    append: `
// idsIn gives the placeholders and values of an { $in: [...] } filter on _id when every value is a
// string or an ObjectID (as the equality pushdown above), or "" when it is anything else.
func idsIn(op *types.Document) (string, []any) {
	if op.Len() != 1 {
		return "", nil
	}
	v, err := op.Get("$in")
	arr, ok := v.(*types.Array)
	if err != nil || !ok || arr.Len() == 0 || arr.Len() > 1000 {
		return "", nil
	}
	placeholders := make([]string, arr.Len())
	ids := make([]any, arr.Len())
	for i := 0; i < arr.Len(); i++ {
		el := must.NotFail(arr.Get(i))
		switch el.(type) {
		case string, types.ObjectID:
			placeholders[i] = "?"
			ids[i] = string(must.NotFail(sjson.MarshalSingleValue(el)))
		default:
			return "", nil
		}
	}
	return strings.Join(placeholders, ", "), ids
}
`,
  },
  {
    file: join('internal', 'util', 'fsql', 'db.go'),
    shipped: '\t"time"\n',
    patched: '\t"sync"\n\t"time"\n',
    count: 1,
  },
  {
    file: join('internal', 'util', 'fsql', 'db.go'),
    shipped: '\tsqlDB     *sql.DB\n',
    patched: '\tsqlDB     *sql.DB\n\twrites    sync.Mutex // one writer at a time, queued here rather than in SQLite\'s sleeping busy handler\n',
    count: 1,
  },
  {
    file: join('internal', 'util', 'fsql', 'db.go'),
    shipped: 'func (db *DB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {\n',
    patched: 'func (db *DB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {\n\tdb.writes.Lock()\n\tdefer db.writes.Unlock()\n',
    count: 1,
  },
  {
    file: join('internal', 'util', 'fsql', 'db.go'),
    shipped: 'func (db *DB) InTransaction(ctx context.Context, f func(*Tx) error) (err error) {\n',
    patched: 'func (db *DB) InTransaction(ctx context.Context, f func(*Tx) error) (err error) {\n\tdb.writes.Lock()\n\tdefer db.writes.Unlock()\n',
    count: 1,
  },
  {
    file: join('internal', 'handler', 'msg_update.go'),
    shipped: '\t\tres, err := c.Query(ctx, &qp)\n\t\tif err != nil {\n\t\t\treturn 0, 0, nil, lazyerrors.Error(err)\n\t\t}\n\n\t\tcloser := iterator.NewMultiCloser()\n\t\tdefer closer.Close()\n',
    patched: '\t\tunlock := lockDocuments(params.DB)\n\t\tres, err := c.Query(ctx, &qp)\n\t\tif err != nil {\n\t\t\tunlock()\n\t\t\treturn 0, 0, nil, lazyerrors.Error(err)\n\t\t}\n\n\t\tcloser := iterator.NewMultiCloser()\n',
    count: 1,
  },
  {
    file: join('internal', 'handler', 'msg_update.go'),
    shipped: '\t\tresult, err := common.UpdateDocument(ctx, c, "update", iter, &u)\n',
    patched: '\t\tresult, err := common.UpdateDocument(ctx, c, "update", iter, &u)\n\t\tcloser.Close()\n\t\tunlock()\n',
    count: 1,
  },
  {
    file: join('internal', 'handler', 'msg_delete.go'),
    shipped: '\t\td, err = h.execDelete(connCtx, c, &p)\n',
    patched: '\t\tunlock := lockDocuments(params.DB)\n\t\td, err = h.execDelete(connCtx, c, &p)\n\t\tunlock()\n',
    count: 1,
  },
  {
    file: join('internal', 'handler', 'document_locks.go'),
    create: `package handler

import "sync"

// documentLocks holds one mutex per database: an update or delete statement reads its documents
// and writes them under it, so the read and the write are one step for every other statement.
var documentLocks sync.Map

func lockDocuments(db string) func() {
	m, _ := documentLocks.LoadOrStore(db, new(sync.Mutex))
	mu := m.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}
`,
  },
];

export const SQLITE_PRAGMAS = ['busy_timeout(30000)', 'synchronous(normal)', 'mmap_size(268435456)', 'cache_size(-16000)', 'wal_autocheckpoint(10000)'];

function patchFerretDb(src) {
  for (const { file, shipped, patched, count, append = '', create } of FERRETDB_PATCHES) {
    const path = join(src, file);
    if (create !== undefined) {
      if (existsSync(path)) throw new Error(`FerretDB ${FERRETDB_VERSION}: ${file} exists already; review the patches`);
      writeFileSync(path, create);
      continue;
    }
    const code = readFileSync(path, 'utf8');
    if (code.split(shipped).length - 1 !== count) throw new Error(`FerretDB ${FERRETDB_VERSION}: ${file} no longer holds ${shipped} ${count} time(s); review the patches`);
    writeFileSync(path, code.replaceAll(shipped, patched) + append);
  }
}

/** FerretDB binary: built once from the Go module into the cache. Returns its path. */
export function provisionFerretDb() {
  // The suffix names the build's patch, so a binary built without it is not reused.
  const dir = join(cacheDir(), `ferretdb-${FERRETDB_VERSION}-id-pushdown-in-bulk-update-write-queue-atomic-update`);
  const bin = join(dir, 'ferretdb');
  if (existsSync(bin)) return bin;
  need('go', ['version'], 'Install Go 1.24+ (https://go.dev/dl or apt-get install golang).');
  log(`building FerretDB ${FERRETDB_VERSION} from the Go module proxy (once, about a minute)…`);
  const info = JSON.parse(run('go', ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`], { cwd: cacheDir() }));
  const src = join(cacheDir(), `ferretdb-src-${FERRETDB_VERSION}`);
  rmSync(src, { recursive: true, force: true });
  cpSync(info.Dir, src, { recursive: true });
  run('chmod', ['-R', 'u+w', src]);
  // The module zip lacks build/version/version.txt; without it the binary panics at start (FerretDB#2982).
  writeFileSync(join(src, 'build', 'version', 'version.txt'), FERRETDB_VERSION);
  patchFerretDb(src);
  mkdirSync(dir, { recursive: true });
  run('go', ['build', '-buildvcs=false', '-o', bin + '.tmp', './cmd/ferretdb'], {
    cwd: src, env: { ...process.env, GOTOOLCHAIN: 'local', CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' },
  });
  run('mv', [bin + '.tmp', bin]);
  rmSync(src, { recursive: true, force: true });
  return bin;
}

export function provision() {
  mkdirSync(cacheDir(), { recursive: true });
  return { kafkaLibs: provisionKafka(), ferretBin: provisionFerretDb() };
}

function portOpen(port) {
  return new Promise((res) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => { s.destroy(); res(true); });
    s.once('error', () => res(false));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, check, child, timeoutMs, logFile) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${what} exited with code ${child.exitCode} before it was ready; see ${logFile}:\n${tail(logFile)}`);
    }
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(`${what} was not ready after ${timeoutMs / 1000}s; see ${logFile}:\n${tail(logFile)}`);
}

const tail = (file) => { try { return readFileSync(file, 'utf8').split('\n').slice(-25).join('\n'); } catch { return ''; } };

// A pid file per server lets the next start stop what a hard-killed run left behind.
// The command line is checked first: after a reboot the pid may belong to another program.
async function killStale(pidFile, commandMarker) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  rmSync(pidFile, { force: true });
  const alive = () => { try { process.kill(pid, 0); return true; } catch { return false; } };
  if (!pid || !alive()) return;
  let cmdline = '';
  try { cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { /* not Linux: trust the pid file */ cmdline = commandMarker; }
  if (!cmdline.includes(commandMarker)) return;
  process.kill(pid, 'SIGKILL');
  log(`stopped a leftover process ${pid}`);
  // wait until it is gone, so its ports are free again
  for (let i = 0; i < 100 && alive(); i++) await sleep(100);
}

function stopChild(child, pidFile, graceMs = 8000) {
  return new Promise((res) => {
    if (child.exitCode !== null || child.signalCode !== null) { rmSync(pidFile, { force: true }); return res(); }
    const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => { clearTimeout(t); rmSync(pidFile, { force: true }); res(); });
    child.kill('SIGTERM');
  });
}

/**
 * Starts Kafka and FerretDB on loopback and waits until both answer.
 * @param {{ dataDir: string, kafkaPort?: number, mongoPort?: number, debugPort?: number, fresh?: boolean }} opts
 * @returns {Promise<{ kafkaBrokers: string, mongoUrl: string, stop: () => Promise<void> }>}
 */
export async function startInfra({ dataDir, kafkaPort = 9092, mongoPort = 27017, debugPort = mongoPort + 10000 > 65535 ? mongoPort - 1000 : mongoPort + 10000, fresh = false }) {
  const { kafkaLibs, ferretBin } = provision();
  dataDir = resolve(dataDir);
  if (fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const kafkaPid = join(dataDir, 'kafka.pid');
  const ferretPid = join(dataDir, 'ferretdb.pid');
  await killStale(kafkaPid, 'kafka.Kafka');
  await killStale(ferretPid, 'ferretdb');
  for (const [name, port] of [['Kafka', kafkaPort], ['Kafka controller', kafkaPort + 1], ['FerretDB', mongoPort]]) {
    if (await portOpen(port)) {
      throw new Error(`${name} port ${port} is already in use. Stop what runs there, or set KAFKA_BROKERS and MONGO_URL to use existing servers.`);
    }
  }

  // Kafka (KRaft, broker + controller in one process)
  const kDir = join(dataDir, 'kafka');
  mkdirSync(join(kDir, 'data'), { recursive: true });
  const props = join(kDir, 'server.properties');
  writeFileSync(props, [
    'process.roles=broker,controller', 'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${kafkaPort + 1}`,
    `listeners=PLAINTEXT://127.0.0.1:${kafkaPort},CONTROLLER://127.0.0.1:${kafkaPort + 1}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${kafkaPort}`,
    'controller.listener.names=CONTROLLER', 'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${join(kDir, 'data')}`,
    'num.partitions=3', 'auto.create.topics.enable=true',
    'offsets.topic.replication.factor=1', 'offsets.topic.num.partitions=3',
    'transaction.state.log.replication.factor=1', 'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0', 'log.retention.hours=-1',
  ].join('\n') + '\n');
  writeFileSync(join(kDir, 'log4j.properties'), [
    'log4j.rootLogger=WARN, stdout',
    'log4j.logger.kafka.server.KafkaServer=INFO', 'log4j.logger.kafka.server.KafkaRaftServer=INFO',
    'log4j.logger.kafka.server.BrokerServer=INFO',
    'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
    'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
  ].join('\n') + '\n');
  const cp = `${kafkaLibs}/*`;
  const jvm = ['-Xms256m', '-Xmx512m', `-Dlog4j.configuration=file:${join(kDir, 'log4j.properties')}`, '-cp', cp];
  run('java', [...jvm, 'kafka.tools.StorageTool', 'format', '-t', CLUSTER_ID, '-c', props, '--ignore-formatted']);
  const kafkaLog = join(kDir, 'kafka.log');
  const kafka = spawn('java', [...jvm, 'kafka.Kafka', props], { stdio: ['ignore', openSync(kafkaLog, 'a'), openSync(kafkaLog, 'a')] });
  writeFileSync(kafkaPid, String(kafka.pid));

  // FerretDB (SQLite files in the data dir)
  const fDir = join(dataDir, 'ferretdb');
  mkdirSync(join(fDir, 'sqlite'), { recursive: true });
  const ferretLog = join(fDir, 'ferretdb.log');
  const ferret = spawn(ferretBin, [
    // A write waits up to 30 s for SQLite's write lock (FerretDB's default is 10 s): SQLite's
    // waiting is not fair, and a bulk write can be passed over by a stream of small ones.
    // (`_txlock=immediate` was tried: under a 100,000-row import a connection was left holding
    // the write lock with no statement running, and every other write stalled.)
    // synchronous(normal), SQLite's advice for WAL mode: a commit is not fsynced on its own, the
    // WAL is at each checkpoint. Nothing committed is lost when a process (FerretDB, a service)
    // dies; a power cut can lose the last commits. Writes cost about half as much (1,538 against
    // 880 inserts/s one at a time, see BENCHMARKS.md). Reads through mmap, a larger page cache and
    // a WAL checkpoint every 10,000 pages instead of 1,000 take fewer system calls: checkpoints
    // were 11 % of FerretDB's CPU under load, the same hot pages (ledgers, outbox) copied over and over.
    '--handler=sqlite', `--sqlite-url=file:${join(fDir, 'sqlite')}/?${SQLITE_PRAGMAS.map((p) => `_pragma=${p}`).join('&')}`,
    `--listen-addr=127.0.0.1:${mongoPort}`, `--state-dir=${fDir}`,
    `--debug-addr=127.0.0.1:${debugPort}`, '--telemetry=disable', '--log-level=warn',
  ], { stdio: ['ignore', openSync(ferretLog, 'a'), openSync(ferretLog, 'a')] });
  writeFileSync(ferretPid, String(ferret.pid));

  const stop = async () => { await Promise.all([stopChild(kafka, kafkaPid), stopChild(ferret, ferretPid)]); };
  try {
    await waitFor('FerretDB', async () => {
      try { return (await fetch(`http://127.0.0.1:${debugPort}/debug/readyz`)).ok; } catch { return false; }
    }, ferret, 30_000, ferretLog);
    await waitFor('Kafka', async () => readFileSync(kafkaLog, 'utf8').includes('Kafka Server started') && portOpen(kafkaPort), kafka, 90_000, kafkaLog);
  } catch (e) {
    await stop();
    throw e;
  }
  return { kafkaBrokers: `127.0.0.1:${kafkaPort}`, mongoUrl: `mongodb://127.0.0.1:${mongoPort}`, stop, kafkaLog, ferretLog };
}

// CLI
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cmd = process.argv[2] ?? 'up';
  try {
    if (cmd === 'provision') {
      const p = provision();
      log(`ready: kafka jars in ${p.kafkaLibs}, ferretdb at ${p.ferretBin}`);
    } else if (cmd === 'up') {
      const infra = await startInfra({ dataDir: process.env.CARNET_DATA_DIR ?? join(process.cwd(), '.carnet', 'data') });
      log(`Kafka ${KAFKA_VERSION} on ${infra.kafkaBrokers}, FerretDB ${FERRETDB_VERSION} on ${infra.mongoUrl}. Ctrl-C stops both.`);
      const shutdown = async () => { await infra.stop(); process.exit(0); };
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    } else {
      log(`unknown command ${cmd}; use provision | up`);
      process.exit(2);
    }
  } catch (e) {
    log(e.message);
    process.exit(1);
  }
}
