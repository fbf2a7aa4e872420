import { createHash, randomUUID } from 'node:crypto';

/**
 * The id of a resource a POST creates. With an Idempotency-Key it is derived from the tenant, the
 * kind of resource and the key, so a retry after a crash (the gateway could not tell whether the
 * first attempt was stored) names the same resource and the service answers with it instead of
 * creating a second one. Without a key it is random. Either way it has the UUID layout (v4 bits).
 */
export function resourceId(tenantId: string, idempotencyKey: string | undefined, kind: string): string {
  if (!idempotencyKey) return randomUUID();
  const h = createHash('sha256').update(`${tenantId}\n${kind}\n${idempotencyKey}`).digest('hex');
  const variant = (8 + (parseInt(h[16]!, 16) & 3)).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
