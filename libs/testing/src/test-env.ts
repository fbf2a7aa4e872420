import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** A server address the test runner provides; a clear failure when the test is run without it. */
export function requireEnv(name: 'KAFKA_BROKERS' | 'MONGO_URL'): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run integration and e2e tests through \`npm test\`, which starts Kafka and FerretDB`);
  return v;
}

/** A short unique suffix for database names, topics and consumer groups of one test file. */
export const uniqueSuffix = (prefix = 't') => `${prefix}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/** The repository root: the folder holding nest-cli.json, found from this file upwards. */
export function repoRoot(): string {
  if (process.env.CARNET_REPO_ROOT) return process.env.CARNET_REPO_ROOT;
  let dir = __dirname;
  while (!existsSync(join(dir, 'nest-cli.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
}

/** ../shared beside the repository (CI lays a copy there), or CARNET_SHARED_DIR. */
export const sharedDir = () => process.env.CARNET_SHARED_DIR ?? resolve(repoRoot(), '..', 'shared');

/** Polls until `check` returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} not reached within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}
