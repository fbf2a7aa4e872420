import { Kafka, Partitioners, Producer } from 'kafkajs';
import { EventEnvelope, partitionKey } from '@carnet/events';
import type { EventPublisher } from '@carnet/eventstore';

/** Publishes envelopes as JSON, keyed tenantId:contactId so each client's events stay in order. */
export class KafkaEventPublisher implements EventPublisher {
  private readonly producer: Producer;
  private connected: Promise<void> | null = null;

  constructor(kafka: Kafka) {
    // One in-flight request keeps per-partition order when kafkajs retries a batch.
    this.producer = kafka.producer({ allowAutoTopicCreation: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  }

  async publish(topic: string, events: EventEnvelope[]): Promise<void> {
    this.connected ??= this.producer.connect();
    await this.connected;
    await this.producer.send({
      topic,
      acks: -1,
      messages: events.map((e) => ({
        key: partitionKey(e),
        value: JSON.stringify(e),
        headers: { 'event-type': e.type, 'correlation-id': e.metadata.correlationId },
      })),
    });
  }

  async close(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
    this.connected = null;
  }
}
