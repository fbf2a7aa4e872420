// Shared by start/test/demo: make sure packages are installed and the TypeScript is built.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

function sh(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${what} failed (${cmd} ${args.join(' ')}, exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

/** npm ci when node_modules is missing or older than the lock file; then an incremental tsc -b. */
export function ensureBuilt() {
  const marker = join(repoRoot, 'node_modules', '.package-lock.json');
  const lock = join(repoRoot, 'package-lock.json');
  if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
    console.log('installing packages (npm ci)…');
    sh('npm', ['ci', '--no-audit', '--no-fund'], 'npm ci');
  }
  sh(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], 'TypeScript build');
}
