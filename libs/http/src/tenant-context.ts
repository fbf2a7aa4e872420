import { createHmac, timingSafeEqual } from 'node:crypto';

/** What the gateway tells a service about the caller, in a signed header. */
export interface TenantContext {
  tenantId: string;
  homeCurrency: string;
  timezone: string;
  /** "MM-DD" */
  fiscalYearStart: string;
  defaultLanguage: string;
  /** API key id (or "admin"), recorded in event metadata. */
  actor: string;
  correlationId: string;
  /**
   * The contact a billing call names, as the contacts service has it at the moment of the call:
   * billing's own copy (from contacts.events) may not have caught up with a change just made.
   */
  contact?: ContactSnapshot;
}

/** What billing needs of a contact, at one version of it. */
export interface ContactSnapshot {
  id: string;
  version: number;
  status: 'active' | 'archived';
  currency: string;
  paymentTermsDays: number;
}

export const CONTEXT_HEADER = 'x-carnet-context';
export const SIGNATURE_HEADER = 'x-carnet-signature';
/** Signed contexts older than this are refused, so a captured header cannot be replayed for long. */
const MAX_AGE_MS = 5 * 60_000;

const hmac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

/** Headers the gateway adds to an internal call. */
export function signTenantContext(ctx: TenantContext, secret: string, now = Date.now()): Record<string, string> {
  const payload = Buffer.from(JSON.stringify({ ...ctx, iat: now })).toString('base64url');
  return { [CONTEXT_HEADER]: payload, [SIGNATURE_HEADER]: hmac(secret, payload) };
}

/** The context of a signed internal call, or null when the signature is missing, wrong or stale. */
export function verifyTenantContext(payload: string | undefined, signature: string | undefined, secret: string, now = Date.now()): TenantContext | null {
  if (!payload || !signature) return null;
  const expected = Buffer.from(hmac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const { iat, ...ctx } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TenantContext & { iat: number };
    if (typeof iat !== 'number' || Math.abs(now - iat) > MAX_AGE_MS || typeof ctx.tenantId !== 'string') return null;
    return ctx;
  } catch {
    return null;
  }
}
