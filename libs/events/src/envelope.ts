// The envelope every event travels in, in the event store and on Kafka.

export interface EventMetadata {
  correlationId: string;
  causationId: string | null;
  /** Who caused it: an API key id, "import", "system"… */
  actor: string;
}

export interface EventEnvelope<TType extends string = string, TData = unknown> {
  /** UUID, unique per event: consumers deduplicate on it. */
  id: string;
  type: TType;
  schemaVersion: number;
  tenantId: string;
  aggregateType: string;
  aggregateId: string;
  /** Version of the aggregate after this event (1 for its first event). */
  version: number;
  /** The client this event is about, when it is about one (the Kafka key is tenantId:contactId). */
  contactId: string | null;
  /** ISO 8601 UTC instant. */
  occurredAt: string;
  data: TData;
  metadata: EventMetadata;
}

/** An event as a command's decision produces it, before the store gives it an envelope. */
export interface NewEvent<TType extends string = string, TData = unknown> {
  type: TType;
  data: TData;
}

/** Kafka partition key: events about one client stay in order, whatever their aggregate. */
export function partitionKey(e: Pick<EventEnvelope, 'tenantId' | 'contactId'>): string {
  return e.contactId ? `${e.tenantId}:${e.contactId}` : e.tenantId;
}
