// Pure rules of Idempotency-Key (API.md): what to do with a POST given what the key already holds.

export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60_000;
/** An in-flight claim older than this is abandoned (the gateway died mid-request): another request may take it. */
export const IN_FLIGHT_LEASE_MS = 150_000;

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  /** base64 of the body bytes */
  body: string;
}

export interface IdempotencyRecord {
  /** scope (tenant id, or "admin") + hash of the key */
  _id: string;
  scope: string;
  /** sha256 of method, URL, content type and body: the same key with another request is refused. */
  fingerprint: string;
  /** Random id of the request holding the key, so only it can complete or release it. */
  claimId: string;
  state: 'in_flight' | 'done';
  createdAt: Date;
  lockedUntil: Date;
  response: StoredResponse | null;
}

export type IdempotencyDecision =
  | { kind: 'claim' }
  | { kind: 'take-over'; previous: IdempotencyRecord }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in-flight' }
  | { kind: 'mismatch' };

export function decideIdempotency(existing: IdempotencyRecord | null, fingerprint: string, now: Date): IdempotencyDecision {
  if (!existing) return { kind: 'claim' };
  // Expiry is a timestamp check: the store has no TTL indexes.
  if (now.getTime() - existing.createdAt.getTime() >= IDEMPOTENCY_WINDOW_MS) return { kind: 'take-over', previous: existing };
  if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
  if (existing.state === 'done' && existing.response) return { kind: 'replay', response: existing.response };
  return existing.lockedUntil.getTime() <= now.getTime() ? { kind: 'take-over', previous: existing } : { kind: 'in-flight' };
}

/** A key is 1–255 visible ASCII characters (a UUID, a ULID, "order-42/retry"…). */
export const isValidIdempotencyKey = (key: string) => /^[\x21-\x7E]{1,255}$/.test(key);

/** Responses worth remembering: a 5xx means nothing was decided, so the key is freed for a retry. */
export const isFinalStatus = (status: number) => status < 500;
