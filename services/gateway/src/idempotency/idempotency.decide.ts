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

/**
 * Responses worth remembering. After a 5xx or no answer the command may or may not have been
 * stored, so the key is freed and a retry reaches the service again, which derives the new
 * resource's id from the key (resourceId) and answers with what it already did.
 */
export const isFinalStatus = (status: number) => status < 500;

/**
 * An API key is shown once and stored only hashed: a stored answer keeps `apiKey: null` and says
 * why, so a replay never hands the secret out again (nor leaves it in the database for 24 h).
 */
export function withoutSecrets(bytes: Buffer, contentType: string | undefined): Buffer {
  if (!contentType?.includes('json') || !bytes.includes('"apiKey"')) return bytes;
  try {
    const json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    if (typeof json.apiKey !== 'string') return bytes;
    return Buffer.from(JSON.stringify({ ...json, apiKey: null, apiKeyNote: 'The API key is shown only in the first answer; issue a new key if it was lost.' }));
  } catch {
    return bytes;
  }
}
