// Integration: the reporting projection on a real MongoDB-wire server and a real Kafka.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { Db, MongoClient } from 'mongodb';
import { BillingEventData, EventEnvelope, TenantEvent } from '@carnet/events';
import { createKafka, KafkaEventPublisher, parseBrokers } from '@carnet/messaging';
import { eventually, requireEnv, uniqueSuffix } from '@carnet/testing';
import { AccountStream, billingEvent, CONTACT, contactCreated, contactEvent, content, TENANT } from '../domain/ledger-events.fixture';
import { MetricsHttpController } from '../metrics.http.controller';
import { READ_MODEL_COLLECTIONS, ReadModelSet } from '../read-models/read-model-set';
import { ReadModelRegistry } from '../read-models/read-model-registry';
import { TallyRepository } from '../read-models/tally.repository';
import { ProjectionLog, ProjectionRunner } from './projection.runner';
import { ReportingProjector } from './reporting.projector';

const tenantCreated: TenantEvent = {
  id: 'tenant-created', type: 'TenantCreated', schemaVersion: 1, tenantId: TENANT, aggregateType: 'Tenant', aggregateId: TENANT, version: 1, contactId: null,
  occurredAt: '2025-12-01T12:00:00Z', metadata: { correlationId: 'c', causationId: null, actor: 'admin' },
  data: { settings: { name: 'Atelier', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '04-01', defaultLanguage: 'fr' } },
};

// One client's life: contact events (own versions) and account events (own versions).
function scenario(): { contact: EventEnvelope[]; billing: EventEnvelope[] } {
  const a = new AccountStream();
  a.created('inv-1', content('CAD', 100000, 114975));
  a.sent('inv-1', 'INV-000001', '2026-03-31T23:30:00-04:00', '2026-04-30'); // FY 2025 in Toronto
  a.created('inv-2', content('USD', 20000, 20000, '1.35'));
  a.sent('inv-2', 'INV-000002', '2026-04-15T14:00:00Z', '2026-05-15');
  a.paid('REC-000001', 'CAD', '2026-04-20T14:00:00Z', [['inv-1', 50000]]);
  a.granted('CAD', 5000, '2026-04-21T14:00:00Z', 'Goodwill');
  a.applied('inv-1', 'CAD', 5000, '2026-04-22T14:00:00Z');
  a.created('inv-3', content('CAD', 30000, 30000));
  a.sent('inv-3', 'INV-000003', '2026-05-01T14:00:00Z', '2026-05-31');
  a.voided('inv-3', '2026-05-02T14:00:00Z');
  const contact = [
    contactCreated('CAD', '2026-01-01T12:00:00Z', 'Élodie Côté'),
    contactEvent('ContactUpdated', { changes: { name: 'Élodie Côté-Tremblay', billing: { language: 'fr' } } }, 2, '2026-02-01T12:00:00Z'),
    contactEvent('ContactArchived', {}, 3, '2026-06-01T12:00:00Z'),
  ];
  return { contact, billing: a.events };
}

describe('reporting projection, on a real MongoDB-wire server', () => {
  let client: MongoClient;
  let db: Db;

  before(async () => {
    client = await MongoClient.connect(requireEnv('MONGO_URL'));
    db = client.db(`carnet_int_reporting_${uniqueSuffix()}`);
  });

  after(async () => {
    await db.dropDatabase();
    await client.close();
  });

  /** Projects the events one by one, or `batch` at a time as a Kafka batch would bring them. */
  function project(generation: string, events: EventEnvelope[], batch = 1): Promise<Record<string, unknown[]>> {
    return projectPartitions(generation, [events], batch);
  }

  /** Projects each partition's events in order, `batch` at a time, and the partitions all at once (as the live consumer does). */
  async function projectPartitions(generation: string, partitions: EventEnvelope[][], batch = 1): Promise<Record<string, unknown[]>> {
    const models = new ReadModelSet(db, generation);
    await models.ensureIndexes();
    const projector = new ReportingProjector(models);
    await Promise.all(partitions.map(async (events) => {
      for (let i = 0; i < events.length; i += batch) await projector.applyBatch(events.slice(i, i + batch));
    }));
    const out: Record<string, unknown[]> = {};
    for (const name of READ_MODEL_COLLECTIONS) {
      const docs = await db.collection(models.collectionName(name)).find({}).sort({ _id: 1 }).toArray();
      out[name] = docs.map(({ rev: _rev, ...doc }) => doc);
    }
    return out;
  }

  it('gives the same read models whatever the order of tenant, contact and billing events, and with duplicates', async () => {
    const { contact, billing } = scenario();
    const inOrder = await project('ordered', [tenantCreated, ...contact, ...billing]);
    const billingFirst = await project('billingfirst', [...billing, ...contact, tenantCreated]);
    // interleaved, with every event delivered twice (as after a relay crash) and the tenant in the middle
    const interleaved = billing.flatMap((e, i) => [e, ...(contact[i] ? [contact[i]] : []), e, ...(i === 4 ? [tenantCreated] : [])]);
    const shuffled = await project('duplicated', [...interleaved, ...contact]);
    assert.deepStrictEqual(billingFirst, inOrder);
    assert.deepStrictEqual(shuffled, inOrder);
    // the same events in one batch, and three at a time, with the tenant event in between
    assert.deepStrictEqual(await project('onebatch', [...interleaved, ...contact], interleaved.length + contact.length), inOrder);
    assert.deepStrictEqual(await project('batchesof3', [...interleaved, ...contact], 3), inOrder);

    // and what they hold is right
    const [ledger] = inOrder.client_ledgers as Array<{ contact: { name: string; status: string; language: string }; counts: { invoices: number; receipts: number } }>;
    assert.deepEqual([ledger.contact.name, ledger.contact.status, ledger.contact.language], ['Élodie Côté-Tremblay', 'archived', 'fr']);
    assert.deepEqual(ledger.counts, { invoices: 3, receipts: 1, quotes: 0, notes: 0 }); // inv-3 was sent before its void
    // FY 2025 by inv-1 (31 March 23:30 in Toronto), FY 2026 by inv-2 (inv-3 is void)
    assert.deepEqual((inOrder.active_client_members as Array<{ _id: string; invoiceId: string }>).map((m) => [m._id, m.invoiceId]),
      [[`${TENANT}:2025:${CONTACT}`, 'inv-1'], [`${TENANT}:2026:${CONTACT}`, 'inv-2']]);
    assert.deepEqual((inOrder.active_client_counts as Array<{ _id: string; value: number; pending: object }>).map((c) => [c._id, c.value, c.pending]),
      [[`${TENANT}:2025`, 1, {}], [`${TENANT}:2026`, 1, {}]]);
    // Sales in CAD: inv-1 1000.00 (FY 2025); inv-2 USD 200.00 × 1.35 = 270.00 (FY 2026); inv-3 void.
    // All time 100000 + 27000 = 127000 minor units.
    assert.deepEqual((inOrder.sales_totals as Array<{ _id: string; value: number; pending: object }>).map((c) => [c._id, c.value, c.pending]),
      [[`${TENANT}:2025`, 100000, {}], [`${TENANT}:2026`, 27000, {}], [`${TENANT}:all`, 127000, {}]]);
    assert.deepEqual((inOrder.invoice_sales as Array<{ invoiceId: string; fiscalYear: number; homeMinor: number }>).map((s) => [s.invoiceId, s.fiscalYear, s.homeMinor]),
      [['inv-1', 2025, 100000], ['inv-2', 2026, 27000]]);
    // asOf is the latest event time: the archive on 1 June
    assert.equal((inOrder.tenant_reports as Array<{ asOf: string }>)[0].asOf, '2026-06-01T12:00:00.000Z');
  });

  it('moves every tenant figure when the fiscal year starts in July instead of April', async () => {
    const { contact, billing } = scenario();
    const july: TenantEvent = { ...tenantCreated, id: 'tenant-updated', type: 'TenantUpdated', version: 2, occurredAt: '2026-07-01T12:00:00Z', data: { changes: { fiscalYearStart: '07-01' } } };
    const moved = await project('july', [tenantCreated, ...contact, ...billing, july]);
    // FY 2025 = 2025-07-01 … 2026-06-30 now holds inv-1 and inv-2: one client, 100000 + 27000 = 127000
    assert.deepEqual((moved.active_client_counts as Array<{ _id: string; value: number }>).map((c) => [c._id, c.value]), [[`${TENANT}:2025`, 1]]);
    assert.deepEqual((moved.active_client_members as Array<{ _id: string; invoiceId: string }>).map((m) => [m._id, m.invoiceId]), [[`${TENANT}:2025:${CONTACT}`, 'inv-1']]);
    assert.deepEqual((moved.sales_totals as Array<{ _id: string; value: number }>).map((c) => [c._id, c.value]), [[`${TENANT}:2025`, 127000], [`${TENANT}:all`, 127000]]);
    // and a July start from the beginning gives the same figures
    const fromStart = await project('julyfromstart', [{ ...tenantCreated, data: { settings: { ...tenantCreated.data.settings, fiscalYearStart: '07-01' } } } as TenantEvent, ...contact, ...billing]);
    for (const name of ['active_client_counts', 'active_client_members', 'invoice_sales', 'sales_totals']) assert.deepStrictEqual(fromStart[name], moved[name], name);
  });

  it('gives the same read models when the tenant, contact and billing partitions are applied at once', async () => {
    const { contact, billing } = scenario();
    const july: TenantEvent = { ...tenantCreated, id: 'tenant-updated', type: 'TenantUpdated', version: 2, occurredAt: '2026-07-01T12:00:00Z', data: { changes: { fiscalYearStart: '07-01' } } };
    // The same event for another client: its own contact, event and invoice ids.
    const one = (e: EventEnvelope, c: string): EventEnvelope =>
      ({ ...JSON.parse(JSON.stringify(e).replaceAll(CONTACT, c).replaceAll('"inv-', `"${c}-inv-`)), id: `${c}-${e.id}` });
    // Three clients with the same life, so the ledgers, tallies and the calendar change race each other.
    const clients = ['c-1', 'c-2', 'c-3'];
    const contacts = clients.flatMap((c) => contact.map((e) => one(e, c)));
    const accounts = clients.flatMap((c) => billing.map((e) => one(e, c)));
    const sequential = await project('sequential', [tenantCreated, ...contacts, ...accounts, july]);
    // July start: FY 2025 holds inv-1 and inv-2 of each client: 3 active clients, 3 × 127000 = 381000 in sales
    assert.deepEqual((sequential.active_client_counts as Array<{ _id: string; value: number }>).map((c) => [c._id, c.value]), [[`${TENANT}:2025`, 3]]);
    assert.deepEqual((sequential.sales_totals as Array<{ _id: string; value: number }>).map((c) => [c._id, c.value]), [[`${TENANT}:2025`, 381000], [`${TENANT}:all`, 381000]]);
    for (const batch of [1, 2, 5]) {
      assert.deepStrictEqual(await projectPartitions(`atonce${batch}`, [[tenantCreated, july], contacts, accounts], batch), sequential, `batches of ${batch}`);
    }
  });

  it('a retry after a crash between a tally and its entry neither loses nor doubles the change', async () => {
    const models = new ReadModelSet(db, 'crash');
    await models.ensureIndexes();
    const sale = { contactId: CONTACT, invoiceId: 'inv-9', sale: { fiscalYear: 2026, homeMinor: 5000 } };
    // The crash: both totals count and hold inv-9 (step 1), its sale document was never written.
    const tallies = new TallyRepository(db, models.collectionName('sales_totals'));
    for (const fiscalYear of [null, 2026]) {
      await tallies.hold({ _id: `${TENANT}:${fiscalYear ?? 'all'}`, tenantId: TENANT, fiscalYear }, 'inv-9', 0, 5000);
    }
    assert.equal(await models.sales.total(TENANT, 2026), 5000);
    await models.sales.setSale(TENANT, sale); // the retry
    await models.sales.setSale(TENANT, sale); // and a duplicate
    assert.deepEqual([await models.sales.total(TENANT, 2026), await models.sales.total(TENANT, null)], [5000, 5000]);
    const totals = await db.collection(models.collectionName('sales_totals')).find({}).sort({ _id: 1 }).toArray();
    assert.deepEqual(totals.map((t) => t.pending), [{}, {}]);
    // Voided: 5000 − 5000 = 0 in both, and empty tallies are not kept
    await models.sales.setSale(TENANT, { ...sale, sale: null });
    assert.equal(await db.collection(models.collectionName('sales_totals')).countDocuments({}), 0);
    assert.equal(await db.collection(models.collectionName('invoice_sales')).countDocuments({}), 0);
  });
});

describe('reporting projection, on real Kafka', () => {
  let client: MongoClient;
  let db: Db;
  const suffix = uniqueSuffix();
  const topics = [`int.${suffix}.tenants`, `int.${suffix}.contacts`, `int.${suffix}.billing`];
  const kafka = createKafka(parseBrokers(requireEnv('KAFKA_BROKERS')), 'int-reporting', () => undefined);
  const publisher = new KafkaEventPublisher(kafka);
  const logs: Array<{ level: string; msg: string; extra?: Record<string, unknown> }> = [];
  const log: ProjectionLog = (level, msg, extra) => { logs.push({ level, msg, extra }); };
  let runner: ProjectionRunner;

  before(async () => {
    client = await MongoClient.connect(requireEnv('MONGO_URL'));
    db = client.db(`carnet_int_reporting_${suffix}`);
    const opts = { groupSuffix: `.${suffix}`, topics };
    runner = new ProjectionRunner(kafka, db, new ReadModelRegistry(db, opts), opts, log);
    await runner.onApplicationBootstrap();
  });

  after(async () => {
    await runner.onApplicationShutdown();
    await publisher.close();
    await db.dropDatabase();
    await client.close();
  });

  it('retries an event that cannot be applied, then dead-letters it with an error in the log and a metric, and goes on', async () => {
    // An InvoiceCreated without its content: applying it throws, every time
    const poison = billingEvent('InvoiceCreated', { invoiceId: 'inv-x' } as unknown as BillingEventData['InvoiceCreated'], 1, '2026-04-01T12:00:00Z');
    const credit = billingEvent('CreditGranted', { creditId: 'cr-1', currency: 'CAD', amount: 2500, reason: null, grantedAt: '2026-04-02T12:00:00Z' }, 2, '2026-04-02T12:00:00Z');
    await publisher.publish(topics[0], [tenantCreated]);
    await publisher.publish(topics[1], [contactCreated('CAD')]);
    await publisher.publish(topics[2], [poison, credit]);

    const models = new ReadModelSet(db, '');
    // the event after the poison one is applied: the consumer did not stop on it
    const ledger = await eventually(async () => {
      const l = await models.ledgers.find(TENANT, CONTACT);
      // the tenant's event is on another topic: it may be applied after the client's
      return l && l.creditGranted === 2500 && l.contact && runner.stats().applied >= 3 ? l : undefined;
    }, 30_000, 'the credit after the poison event applied, and the tenant event');
    assert.equal(ledger.versions.billing, 2);
    assert.deepEqual(ledger.invoices, []);

    // 5 attempts: 4 retries, then the dead letter, logged as an error naming the event
    const stats = runner.stats();
    assert.deepEqual([stats.retried, stats.deadLettered], [4, 1]);
    assert.equal(stats.applied, 3); // tenant, contact, credit
    const errors = logs.filter((l) => l.level === 'error');
    assert.equal(errors.length, 1);
    assert.match(errors[0].msg, new RegExp(`InvoiceCreated ${poison.id} failed 5 times; dead-lettered`));
    assert.match(String(errors[0].extra?.error), /TypeError/);
    assert.match(new MetricsHttpController(runner).metrics(), /^carnet_reporting_events_dead_lettered_total 1$/m);
  });
});
