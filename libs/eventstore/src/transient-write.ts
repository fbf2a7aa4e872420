/**
 * FerretDB over SQLite answers "database is locked (SQLITE_BUSY)" when a write waited longer than
 * its busy timeout for the database's single write lock (SQLite's waiting is not fair, so a burst
 * of small writes elsewhere can starve a bulk write). Nothing of that write was done: it can be
 * sent again, which bulk writers whose work is idempotent do here.
 */
export function isTransientWriteError(e: unknown): boolean {
  const text = e instanceof Error ? e.message : String(e);
  return /SQLITE_BUSY|database is locked/.test(text);
}

/** Runs an idempotent write, again after a pause when the server was too busy to take it. */
export async function retryTransientWrite<T>(write: () => Promise<T>, attempts = 5, pauseMs = 500): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      if (attempt >= attempts || !isTransientWriteError(e)) throw e;
      await new Promise((r) => setTimeout(r, pauseMs * attempt));
    }
  }
}
