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

// The driver's errors for a server it cannot reach or lost on the way; and the errnos beneath them.
const UNREACHABLE_NAMES = new Set(['MongoServerSelectionError', 'MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoNotConnectedError', 'MongoTopologyClosedError', 'MongoPoolClearedError']);
// A bulk write whose connection closed under it says so only in its message.
const UNREACHABLE_CODES = /\b(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH)\b|\bconnection \d+ to \S+ closed\b/;

/**
 * The database could not be reached (down, restarting, connection lost): nothing is wrong with the
 * request or the event, which succeed once it is back. A bulk write's error names the network
 * error it met only in its message or cause.
 */
export function isStoreUnavailable(e: unknown): boolean {
  for (let err = e, depth = 0; err instanceof Error && depth < 5; err = (err as { cause?: unknown }).cause, depth++) {
    // A write on a socket the server closed is a plain Error with its errno only in `code`.
    const code = (err as { code?: unknown }).code;
    if (UNREACHABLE_NAMES.has(err.name) || UNREACHABLE_CODES.test(err.message) || (typeof code === 'string' && UNREACHABLE_CODES.test(code))) return true;
  }
  return false;
}
