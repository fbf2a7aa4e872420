// Integration: event store → outbox relay → real Kafka → idempotent consumer, including crashes.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { Db, MongoClient } from 'mongodb';
import { Kafka } from 'kafkajs';
import { EventEnvelope } from '@carnet/events';
import { EventPublisher, EventStore, OutboxRelay } from '@carnet/eventstore';
import { eventually, requireEnv, uniqueSuffix } from '@carnet/testing';
import { EventConsumer } from './event-consumer';
import { createKafka, parseBrokers } from './kafka-client';
import { KafkaEventPublisher } from './kafka-event-publisher';

const meta = { correlationId: 'c', causationId: null, actor: 'test' };

describe('outbox relay and consumer on real Kafka', () => {
  let client: MongoClient;
  let db: Db;
  let store: EventStore;
  let kafka: Kafka;
  let publisher: KafkaEventPublisher;
  const topic = `int.${uniqueSuffix()}`;
  // What the "projection" applied, by event id, so duplicates would show up as counts > 1.
  const applied = new Map<string, number>();
  const apply = async (e: EventEnvelope) => { applied.set(e.id, (applied.get(e.id) ?? 0) + 1); };

  const append = (aggregateId: string, expectedVersion: number, n: number) =>
    store.append({ tenantId: 't', aggregateType: 'Thing', aggregateId, expectedVersion, contactId: aggregateId, events: Array.from({ length: n }, (_, i) => ({ type: 'Happened', data: { i } })), metadata: meta });

  before(async () => {
    client = await MongoClient.connect(requireEnv('MONGO_URL'));
    db = client.db(`carnet_int_${uniqueSuffix()}`);
    store = new EventStore(db);
    await store.ensureIndexes();
    kafka = createKafka(parseBrokers(requireEnv('KAFKA_BROKERS')), 'int-test', () => undefined);
    publisher = new KafkaEventPublisher(kafka);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
  });

  after(async () => {
    await publisher.close();
    await db.dropDatabase();
    await client.close();
  });

  it('delivers once in effect when the relay crashes between publish and mark', async () => {
    const events = await append('a1', 0, 2);
    // A publisher that publishes, then "crashes" before the relay can mark the commit published.
    const crashing: EventPublisher = { publish: async (t, evs) => { await publisher.publish(t, evs); throw new Error('crash after publish'); } };
    const crashed = new OutboxRelay(store, db, crashing, { topic, leaseMs: 1 });
    await assert.rejects(() => crashed.publishPending(), /crash after publish/);
    assert.equal(await store.pendingCount(), 1, 'still pending after the crash');
    // The restarted relay publishes the same commit again, and marks it.
    const relay = new OutboxRelay(store, db, publisher, { topic, leaseMs: 1 });
    assert.equal(await relay.publishPending(), 1);
    assert.equal(await store.pendingCount(), 0);

    const consumer = new EventConsumer(kafka, db, { groupId: `g-${uniqueSuffix()}`, topics: [topic], handler: apply });
    await consumer.start();
    // Kafka holds each event twice; the consumer sees 4 messages and applies each event once.
    await eventually(async () => (consumer.stats.applied + consumer.stats.skipped >= 4 ? true : undefined), 20_000, 'both copies consumed');
    await consumer.stop();
    for (const e of events) assert.equal(applied.get(e.id), 1, `event ${e.version} applied exactly once`);
    assert.equal(consumer.stats.applied, 2);
    assert.equal(consumer.stats.skipped, 2);
  });

  it('loses nothing and counts nothing twice across a consumer restart', async () => {
    const groupId = `g-${uniqueSuffix()}`;
    const seen = new Map<string, number>();
    const handler = async (e: EventEnvelope) => { if (e.aggregateId.startsWith('r')) seen.set(e.id, (seen.get(e.id) ?? 0) + 1); };
    const relay = new OutboxRelay(store, db, publisher, { topic, leaseMs: 1 });

    const first = [...(await append('r1', 0, 3)), ...(await append('r2', 0, 2))];
    await relay.publishPending();
    const c1 = new EventConsumer(kafka, db, { groupId, topics: [topic], handler });
    await c1.start();
    await eventually(async () => (first.every((e) => seen.has(e.id)) ? true : undefined), 20_000, 'first batch consumed');
    await c1.stop();

    // While the consumer is down: new events, and the first batch published again (as after a relay crash).
    const second = [...(await append('r1', 3, 2)), ...(await append('r3', 0, 1))];
    await relay.publishPending();
    await publisher.publish(topic, first);

    const c2 = new EventConsumer(kafka, db, { groupId, topics: [topic], handler });
    await c2.start();
    await eventually(async () => (second.every((e) => seen.has(e.id)) ? true : undefined), 20_000, 'second batch consumed');
    // give the re-published copies time to arrive, then check nothing was applied twice
    await eventually(async () => (c2.stats.skipped >= first.length ? true : undefined), 20_000, 'duplicates seen and skipped');
    await c2.stop();
    // 5 + 3 distinct events, each applied exactly once
    assert.equal(seen.size, 8);
    for (const [id, n] of seen) assert.equal(n, 1, `event ${id} applied once`);
  });

  it('waits for an append in flight, and drops the entry of an append that failed', async () => {
    await store.outbox.deleteMany({});
    const sent: EventEnvelope[] = [];
    const recording: EventPublisher = { publish: async (_t, evs) => { sent.push(...evs); } };
    // Version 1 of 'o1' has an entry but no commit yet (its insert is in flight); version 2 is stored.
    const [v2] = await append('o1', 1, 1);
    await store.outbox.insertOne({ _id: 't|o1|0000000001', tenantId: 't', aggregateId: 'o1', version: 1, createdAt: new Date() });
    const patient = new OutboxRelay(store, db, recording, { topic, leaseMs: 1, orphanAfterMs: 60_000 });
    assert.equal(await patient.publishPending(), 0, 'version 2 waits for version 1');
    assert.equal(sent.length, 0);
    assert.equal(await store.pendingCount(), 2);
    // Past the grace period the entry is an append that failed: dropped, and version 2 goes out.
    const later = new OutboxRelay(store, db, recording, { topic, leaseMs: 1, orphanAfterMs: 0 });
    assert.equal(await later.publishPending(), 1);
    assert.deepEqual(sent.map((e) => e.id), [v2!.id]);
    assert.equal(await store.pendingCount(), 0);
  });

  it('retries a failing handler and dead-letters it instead of skipping silently', async () => {
    const [poison] = await append('p1', 0, 1);
    const relay = new OutboxRelay(store, db, publisher, { topic, leaseMs: 1 });
    await relay.publishPending();
    let attempts = 0;
    const consumer = new EventConsumer(kafka, db, {
      groupId: `g-${uniqueSuffix()}`, topics: [topic], maxAttempts: 3, retryDelayMs: 10,
      handler: async (e) => { if (e.id === poison!.id) { attempts++; throw new Error('cannot apply'); } },
    });
    await consumer.start();
    await eventually(async () => (consumer.stats.deadLettered >= 1 ? true : undefined), 20_000, 'dead-lettered');
    await consumer.stop();
    assert.equal(attempts, 3);
    assert.equal(consumer.stats.retried, 2);
  });

  it('waits for a database that does not answer, past the attempts of a failing event, and dead-letters nothing', async () => {
    const [event] = await append('o1', 0, 1);
    const relay = new OutboxRelay(store, db, publisher, { topic, leaseMs: 1 });
    await relay.publishPending();
    // A client of a server that is not there: its calls fail as they do while FerretDB is down.
    const down = new MongoClient('mongodb://127.0.0.1:1', { serverSelectionTimeoutMS: 50 });
    let attempts = 0;
    const consumer = new EventConsumer(kafka, db, {
      groupId: `g-${uniqueSuffix()}`, topics: [topic], maxAttempts: 3, retryDelayMs: 1,
      handler: async (e) => {
        if (e.id !== event!.id) return;
        attempts++;
        // the database comes back at the 9th attempt: 8 outages, more than the 3 attempts an event gets
        if (attempts <= 8) await down.db('x').command({ ping: 1 });
        applied.set(e.id, (applied.get(e.id) ?? 0) + 1);
      },
    });
    await consumer.start();
    await eventually(async () => (applied.get(event!.id) === 1 ? true : undefined), 30_000, 'applied once the database answers');
    await consumer.stop();
    await down.close();
    assert.equal(attempts, 9);
    assert.equal(consumer.stats.deadLettered, 0);
  });
});
