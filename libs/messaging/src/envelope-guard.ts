import { EventEnvelope } from '@carnet/events';

/** Checks a message from Kafka has the envelope shape before any handler sees it. */
export function parseEnvelope(raw: Buffer | null): EventEnvelope | null {
  if (!raw) return null;
  let v: unknown;
  try {
    v = JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const e = v as Record<string, unknown>;
  const ok = typeof e.id === 'string' && typeof e.type === 'string' && typeof e.tenantId === 'string'
    && typeof e.aggregateId === 'string' && typeof e.aggregateType === 'string'
    && Number.isInteger(e.version) && typeof e.occurredAt === 'string'
    && typeof e.data === 'object' && e.data !== null;
  return ok ? (v as EventEnvelope) : null;
}
