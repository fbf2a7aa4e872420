// Integration: billing's copy of contacts on the real MongoDB-wire server, fed through real Kafka,
// with events that arrive twice, late, out of order, concurrently, and across a consumer restart.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { Db, MongoClient } from 'mongodb';
import { Kafka } from 'kafkajs';
import { ContactEvent } from '@carnet/events';
import { createKafka, EventConsumer, KafkaEventPublisher, parseBrokers } from '@carnet/messaging';
import { eventually, requireEnv, uniqueSuffix } from '@carnet/testing';
import { KnownContactsProjection } from './known-contacts.projection';

const meta = { correlationId: 'c', causationId: null, actor: 'test' };
const address = { line1: null, line2: null, city: null, region: null, postalCode: null, country: null };

/** A contact's history: created CAD/30 days (v1) → JPY (v2) → archived (v3) → 15 days (v4). */
function history(tenantId: string, contactId: string): ContactEvent[] {
  const base = { schemaVersion: 1, tenantId, aggregateType: 'Contact', aggregateId: contactId, contactId, occurredAt: '2027-01-01T00:00:00.000Z', metadata: meta };
  return [
    { ...base, id: `${contactId}-1`, version: 1, type: 'ContactCreated', data: { source: 'api', profile: { name: 'Marge', email: null, companyName: null, phone: null, color: null, billing: { address, language: null, currency: 'CAD', paymentMethod: null, paymentTermsDays: 30 } } } },
    { ...base, id: `${contactId}-2`, version: 2, type: 'ContactUpdated', data: { changes: { billing: { currency: 'JPY' } } } },
    { ...base, id: `${contactId}-3`, version: 3, type: 'ContactArchived', data: {} },
    { ...base, id: `${contactId}-4`, version: 4, type: 'ContactUpdated', data: { changes: { billing: { paymentTermsDays: 15 } } } },
  ];
}

const FINAL = { status: 'archived', currency: 'JPY', paymentTermsDays: 15 };

describe('KnownContactsProjection on real FerretDB and Kafka', () => {
  let client: MongoClient;
  let db: Db;
  let kafka: Kafka;
  const tenantId = `t-${uniqueSuffix()}`;

  const known = async (projection: KnownContactsProjection, contactId: string) => {
    const c = await projection.find(tenantId, contactId);
    return c && { status: c.status, currency: c.currency, paymentTermsDays: c.paymentTermsDays };
  };

  before(async () => {
    client = await MongoClient.connect(requireEnv('MONGO_URL'));
    db = client.db(`carnet_int_${uniqueSuffix()}`);
    kafka = createKafka(parseBrokers(requireEnv('KAFKA_BROKERS')), 'known-contacts-int', () => undefined);
  });

  after(async () => {
    await db.dropDatabase();
    await client.close();
  });

  it('applies every event twice with no effect from the repeats', async () => {
    const projection = new KnownContactsProjection(db);
    await projection.onModuleInit();
    for (const e of history(tenantId, 'twice')) {
      await projection.apply(e);
      await projection.apply(e);
    }
    assert.deepEqual(await known(projection, 'twice'), FINAL);
    // one stored fact per event: 4 events applied twice → 4 facts, versions 1 to 4
    const doc = await db.collection('known_contacts').findOne({ _id: `${tenantId}:twice` as never });
    assert.deepEqual(doc?.facts.map((f: { version: number }) => f.version), [1, 2, 3, 4]);
  });

  it('keeps an older event that arrives late from undoing a newer one, and still takes what only it says', async () => {
    const projection = new KnownContactsProjection(db);
    const [created, toJpy, archived, terms] = history(tenantId, 'late');
    // v1, v4, v3, then v2 late: v2 alone sets the currency, so it still counts
    for (const e of [created, terms, archived, toJpy]) await projection.apply(e);
    assert.deepEqual(await known(projection, 'late'), FINAL);
    // v1 replayed at the very end changes nothing (status and currency were set later)
    await projection.apply(created);
    assert.deepEqual(await known(projection, 'late'), FINAL);
  });

  it('does not know a contact whose ContactCreated has not arrived yet', async () => {
    const projection = new KnownContactsProjection(db);
    const [created, , archived] = history(tenantId, 'early');
    await projection.apply(archived);
    assert.equal(await projection.find(tenantId, 'early'), null);
    await projection.apply(created);
    // created after the archive arrived: archived it stays, with the currency of the creation
    assert.deepEqual(await known(projection, 'early'), { status: 'archived', currency: 'CAD', paymentTermsDays: 30 });
  });

  it('loses nothing when two instances apply the same events at once', async () => {
    const a = new KnownContactsProjection(db);
    const b = new KnownContactsProjection(db);
    const events = history(tenantId, 'race');
    await Promise.all([...events.map((e) => a.apply(e)), ...[...events].reverse().map((e) => b.apply(e))]);
    assert.deepEqual(await known(a, 'race'), FINAL);
  });

  it('ends up right after a consumer restart, with the relay publishing some events again', async () => {
    const topic = `int.contacts.${uniqueSuffix()}`;
    const groupId = `billing.known-contacts.${uniqueSuffix()}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
    const publisher = new KafkaEventPublisher(kafka);
    const events = history(tenantId, 'restart');
    const start = async () => {
      // A fresh projection and consumer, as after a process restart, on the same database.
      const projection = new KnownContactsProjection(db);
      await projection.onModuleInit();
      const consumer = new EventConsumer(kafka, db, { groupId, topics: [topic], handler: (e) => projection.apply(e), retryDelayMs: 50 });
      await consumer.start();
      return { projection, consumer };
    };
    try {
      await publisher.publish(topic, events.slice(0, 2));
      const first = await start();
      // created, then JPY
      await eventually(async () => ((await known(first.projection, 'restart'))?.currency === 'JPY' ? true : undefined), 20_000, 'first two events applied');
      await first.consumer.stop();

      // While it is down: the relay republishes v2 (crash before marking it), then v3 and v4 arrive.
      await publisher.publish(topic, [events[1]!, events[2]!, events[3]!]);
      const second = await start();
      try {
        const final = await eventually(async () => {
          const k = await known(second.projection, 'restart');
          // the consumer counts an event once its checkpoint is written, just after the effect
          return k?.paymentTermsDays === 15 && second.consumer.stats.applied >= 2 ? k : undefined;
        }, 20_000, 'all four events applied after the restart');
        assert.deepEqual(final, FINAL);
        // the restarted consumer skipped the republished v2 by its version (and v1–v2 again, had their
        // offsets not been committed before the stop), and applied v3 and v4 only
        assert.deepEqual([second.consumer.stats.applied, second.consumer.stats.deadLettered], [2, 0]);
        assert.ok(second.consumer.stats.skipped >= 1, `skipped ${second.consumer.stats.skipped}`);
      } finally {
        await second.consumer.stop();
      }
    } finally {
      await publisher.close();
    }
  });
});
