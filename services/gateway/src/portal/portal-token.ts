// A portal link's token: which tenant and contact it shows, until when, signed so it cannot be forged
// or widened. It is the whole credential of a read-only page, so nothing else is needed to check it.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface PortalGrant {
  tenantId: string;
  contactId: string;
  /** Epoch milliseconds after which the link no longer opens. */
  expiresAt: number;
}

export type PortalTokenCheck = { ok: true; grant: PortalGrant } | { ok: false; reason: 'invalid' | 'expired' };

const VERSION = 1;
const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(`portal.${payload}`).digest('base64url');

export function signPortalToken(grant: PortalGrant, secret: string): string {
  const payload = Buffer.from(JSON.stringify({ v: VERSION, t: grant.tenantId, c: grant.contactId, e: Math.floor(grant.expiresAt / 1000) })).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

export function verifyPortalToken(token: string, secret: string, now = Date.now()): PortalTokenCheck {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  let claims: { v?: unknown; t?: unknown; c?: unknown; e?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (claims.v !== VERSION || typeof claims.t !== 'string' || typeof claims.c !== 'string' || typeof claims.e !== 'number') {
    return { ok: false, reason: 'invalid' };
  }
  const grant = { tenantId: claims.t, contactId: claims.c, expiresAt: claims.e * 1000 };
  return now >= grant.expiresAt ? { ok: false, reason: 'expired' } : { ok: true, grant };
}
