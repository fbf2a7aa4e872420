// Items, client rates, item-priced lines, quotes and credit lineage through the gateway, on real
// Kafka and a real MongoDB-wire server. Every expected figure is worked out by hand in the comments.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { apiClient, eventually, RunningStack, startTestStack } from '@carnet/testing';

const TENANT = { name: 'Studio Catalogue', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '01-01', defaultLanguage: 'fr' };
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type Api = ReturnType<typeof apiClient>;
const fields = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field).sort();

describe('billing catalogue, client rates, quotes and credits, end to end', () => {
  let stack: RunningStack;
  let api: Api;
  let other: Api;
  const ids: Record<string, string> = {};
  let tenantId: string;

  const contact = async (name: string) => {
    const r = await api.post('/v1/contacts', { name });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as string;
  };

  before(async () => {
    stack = await startTestStack('e2ecat');
    const admin = apiClient(stack.url);
    const t = await admin.post('/v1/tenants', TENANT, { 'x-admin-token': stack.adminToken });
    assert.equal(t.status, 201, JSON.stringify(t.body));
    tenantId = t.body.id;
    api = apiClient(stack.url, t.body.apiKey);
    other = apiClient(stack.url, (await admin.post('/v1/tenants', { ...TENANT, name: 'Other' }, { 'x-admin-token': stack.adminToken })).body.apiKey);
    assert.equal((await api.post('/v1/tenant/taxes', { code: 'GST', name: 'TPS', rate: '5' })).status, 201);
    assert.equal((await api.post('/v1/tenant/taxes', { code: 'QST', name: 'TVQ', rate: '9.975' })).status, 201);
    ids.marge = await contact('Marge Simpson');
  });

  after(async () => {
    await stack?.stop();
  });

  it('creates, lists, reads and edits items, with If-Match and tax codes checked', async () => {
    const bad = await api.post('/v1/items', { name: 'Design', unit: 'day', unitPrice: '85.001', currency: 'CAD', taxCodes: ['GST'] });
    assert.equal(bad.status, 422);
    assert.deepEqual(fields(bad.body), ['unit']);
    const badPrice = await api.post('/v1/items', { name: 'Design', unit: 'hour', unitPrice: '85.001', currency: 'CAD', taxCodes: ['GST'] });
    assert.equal(badPrice.status, 422, 'CAD allows two decimals');
    assert.deepEqual(fields(badPrice.body), ['unitPrice']);
    const badTax = await api.post('/v1/items', { name: 'Design', unit: 'hour', unitPrice: '85.00', currency: 'CAD', taxCodes: ['GST', 'HST'] });
    assert.equal(badTax.status, 422, 'HST is not defined for this tenant');
    assert.deepEqual(fields(badTax.body), ['taxCodes']);
    assert.deepEqual((await api.get('/v1/items')).body, { items: [], nextCursor: null }, 'refused items were not stored');

    const design = await api.post('/v1/items', { name: 'Design', unit: 'hour', unitPrice: '85.00', currency: 'CAD', taxCodes: ['GST', 'QST'] });
    assert.equal(design.status, 201, JSON.stringify(design.body));
    assert.deepEqual([design.body.name, design.body.unit, design.body.unitPrice, design.body.taxCodes, design.body.version], ['Design', 'hour', '85.00', ['GST', 'QST'], 1]);
    ids.design = design.body.id;
    const hosting = await api.post('/v1/items', { name: 'Hosting', unit: 'unit', unitPrice: 25, currency: 'CAD', taxCodes: [] });
    assert.equal(hosting.body.unitPrice, '25.00');
    ids.hosting = hosting.body.id;

    const list = await api.get('/v1/items?limit=1');
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items.map((i: { name: string }) => i.name), ['Design']);
    const rest = await api.get(`/v1/items?limit=1&cursor=${list.body.nextCursor}`);
    assert.deepEqual([rest.body.items.map((i: { name: string }) => i.name), rest.body.nextCursor], [['Hosting'], null]);

    assert.equal((await api.patch(`/v1/items/${ids.design}`, { unitPrice: '90.00' }, { 'if-match': '0' })).status, 409, 'stale If-Match');
    const patched = await api.patch(`/v1/items/${ids.design}`, { unitPrice: '90.00' }, { 'if-match': '1' });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.deepEqual([patched.body.unitPrice, patched.body.version], ['90.00', 2]);
    assert.equal((await api.patch(`/v1/items/${ids.design}`, { name: 'Graphic design' }, { 'if-match': '1' })).status, 409, 'version 1 is stale now');
    assert.equal((await api.patch(`/v1/items/${ids.design}`, { currency: 'USD' })).status, 422, 'a new currency needs a new price');
    assert.equal((await api.get(`/v1/items/${ids.design}`)).body.unitPrice, '90.00');
    assert.equal((await other.get(`/v1/items/${ids.design}`)).status, 404, 'another tenant sees nothing');
    assert.equal((await api.get(`/v1/items/${UNKNOWN_ID}`)).status, 404);
  });

  it('prices item lines at the client rate when the document is created, and never after', async () => {
    const rates = await api.get(`/v1/contacts/${ids.marge}/rates`);
    assert.equal(rates.status, 200, JSON.stringify(rates.body));
    const design = rates.body.items.find((r: { itemId: string }) => r.itemId === ids.design);
    assert.deepEqual([design.defaultPrice, design.clientPrice, design.effectivePrice], ['90.00', null, '90.00']);

    assert.equal((await api.put(`/v1/contacts/${ids.marge}/rates/${ids.design}`, { unitPrice: '75.505' })).status, 422);
    assert.equal((await api.put(`/v1/contacts/${ids.marge}/rates/${UNKNOWN_ID}`, { unitPrice: '75.50' })).status, 404);
    const set = await api.put(`/v1/contacts/${ids.marge}/rates/${ids.design}`, { unitPrice: '75.50' });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.deepEqual([set.body.defaultPrice, set.body.clientPrice, set.body.effectivePrice], ['90.00', '75.50', '75.50']);

    // 2.5 h × 75.50 = 188.75 ; GST 5% = 9.4375 → 9.44 ; QST 9.975% = 18.8278125 → 18.83
    // total 188.75 + 9.44 + 18.83 = 217.02 (name and taxes come from the item)
    const line = { itemId: ids.design, quantity: '2.5' };
    const inv = await api.post('/v1/invoices', { contactId: ids.marge, lines: [line] });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    assert.deepEqual(inv.body.lines, [{ itemId: ids.design, description: 'Design', quantity: '2.5', unitPrice: '75.50', amount: '188.75', taxCodes: ['GST', 'QST'] }]);
    assert.deepEqual([inv.body.subtotal, inv.body.taxes.map((t: { amount: string }) => t.amount), inv.body.total], ['188.75', ['9.44', '18.83'], '217.02']);
    const quote = await api.post('/v1/quotes', { contactId: ids.marge, lines: [line] });
    assert.equal(quote.status, 201, JSON.stringify(quote.body));
    assert.equal(quote.body.total, '217.02');

    // The rate changes, then goes: existing documents keep 75.50.
    assert.equal((await api.put(`/v1/contacts/${ids.marge}/rates/${ids.design}`, { unitPrice: '60.00' })).status, 200);
    assert.equal((await api.delete(`/v1/contacts/${ids.marge}/rates/${ids.design}`)).status, 204);
    const after = (await api.get(`/v1/contacts/${ids.marge}/rates`)).body.items.find((r: { itemId: string }) => r.itemId === ids.design);
    assert.deepEqual([after.clientPrice, after.effectivePrice], [null, '90.00']);
    const invAgain = (await api.get(`/v1/invoices/${inv.body.id}`)).body;
    assert.deepEqual([invAgain.lines[0].unitPrice, invAgain.total], ['75.50', '217.02']);
    assert.equal((await api.get(`/v1/quotes/${quote.body.id}`)).body.total, '217.02');

    // A new invoice now takes the default: 2.5 × 90.00 = 225.00 ; GST 11.25 ; QST 22.44375 → 22.44
    // total 225.00 + 11.25 + 22.44 = 258.69
    const inv2 = await api.post('/v1/invoices', { contactId: ids.marge, lines: [line] });
    assert.deepEqual([inv2.body.lines[0].unitPrice, inv2.body.total], ['90.00', '258.69']);
    // An explicit price and an empty tax list win over the item: 2 × 10.00 = 20.00, untaxed
    const inv3 = await api.post('/v1/invoices', { contactId: ids.marge, lines: [{ itemId: ids.hosting, quantity: 2, unitPrice: '10.00', taxCodes: [], description: 'Hosting (promo)' }] });
    assert.deepEqual([inv3.body.lines[0].description, inv3.body.total], ['Hosting (promo)', '20.00']);

    const unknownItem = await api.post('/v1/invoices', { contactId: ids.marge, lines: [{ itemId: UNKNOWN_ID, quantity: 1 }] });
    assert.equal(unknownItem.status, 422);
    assert.deepEqual(fields(unknownItem.body), ['lines[0].itemId']);
    const bare = await api.post('/v1/invoices', { contactId: ids.marge, lines: [{ description: 'Misc', quantity: 1 }] });
    assert.equal(bare.status, 422, 'a line without an item needs a price');
    assert.deepEqual(fields(bare.body), ['lines[0].unitPrice']);
  });

  it('takes a quote through send, accept and convert, once', async () => {
    const q = await api.post('/v1/quotes', {
      contactId: ids.marge, validUntil: '2099-12-31',
      lines: [{ description: 'Website', quantity: 1, unitPrice: '1000.00', taxCodes: ['GST'] }],
    });
    assert.equal(q.status, 201, JSON.stringify(q.body));
    // 1000.00 + GST 50.00 = 1050.00
    assert.deepEqual([q.body.status, q.body.number, q.body.total, q.body.validUntil], ['draft', null, '1050.00', '2099-12-31']);
    assert.equal((await api.post(`/v1/quotes/${q.body.id}/accept`, {})).status, 409, 'a draft cannot be accepted');

    const sent = await api.post(`/v1/quotes/${q.body.id}/send`, { sentAt: '2027-03-01T10:00:00-05:00' });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    // the first quote this tenant sends (the one from the previous test stays a draft)
    assert.deepEqual([sent.body.status, sent.body.number], ['sent', 'QUO-000001']);
    assert.equal((await api.post(`/v1/quotes/${q.body.id}/send`, {})).status, 409);

    const accepted = await api.post(`/v1/quotes/${q.body.id}/accept`, {});
    assert.deepEqual([accepted.status, accepted.body.status], [200, 'accepted']);
    assert.equal((await api.post(`/v1/quotes/${q.body.id}/decline`, {})).status, 409, 'an accepted quote cannot be declined');

    const converted = await api.post(`/v1/quotes/${q.body.id}/convert`, {});
    assert.equal(converted.status, 201, JSON.stringify(converted.body));
    assert.deepEqual([converted.body.status, converted.body.total, converted.body.quoteId, converted.body.number], ['draft', '1050.00', q.body.id, null]);
    assert.deepEqual(converted.body.lines, [{ itemId: null, description: 'Website', quantity: '1', unitPrice: '1000.00', amount: '1000.00', taxCodes: ['GST'] }]);
    assert.equal((await api.post(`/v1/quotes/${q.body.id}/convert`, {})).status, 409, 'a quote converts once');
    const after = (await api.get(`/v1/quotes/${q.body.id}`)).body;
    assert.deepEqual([after.status, after.invoiceId], ['converted', converted.body.id]);
    // the draft is a real invoice: it can be sent
    assert.equal((await api.post(`/v1/invoices/${converted.body.id}/send`, {})).body.status, 'sent');

    const q2 = await api.post('/v1/quotes', { contactId: ids.marge, lines: [{ description: 'Logo', quantity: 1, unitPrice: '300.00' }] });
    assert.equal((await api.post(`/v1/quotes/${q2.body.id}/send`, {})).body.number, 'QUO-000002');
    const declined = await api.post(`/v1/quotes/${q2.body.id}/decline`, { reason: 'Too expensive' });
    assert.deepEqual([declined.body.status, declined.body.declineReason], ['declined', 'Too expensive']);
    assert.equal((await api.post(`/v1/quotes/${q2.body.id}/convert`, {})).status, 409, 'a declined quote does not convert');

    const list = await api.get(`/v1/quotes?contactId=${ids.marge}`);
    assert.equal(list.status, 200);
    // the draft from the previous test, the converted one and the declined one
    assert.deepEqual(list.body.items.map((x: { status: string }) => x.status), ['draft', 'converted', 'declined']);
    assert.equal((await api.get('/v1/quotes?status=declined')).body.items.length, 1);
    assert.equal((await other.get(`/v1/quotes/${q.body.id}`)).status, 404);
    assert.equal((await api.get(`/v1/quotes/${UNKNOWN_ID}`)).status, 404);
  });

  it('refuses quotes for archived and unknown contacts', async () => {
    const scott = await contact('Scott Summers');
    const body = { contactId: scott, lines: [{ description: 'x', quantity: 1, unitPrice: '1.00' }] };
    const draft = await api.post('/v1/quotes', body);
    assert.equal(draft.status, 201, JSON.stringify(draft.body));
    assert.equal((await api.post(`/v1/contacts/${scott}/archive`, {})).body.status, 'archived');
    const refused = await eventually(async () => {
      const r = await api.post('/v1/quotes', body);
      return r.status === 409 ? r : undefined;
    }, 5_000, 'billing refuses the archived contact');
    assert.equal(refused.body.code, 'CONTACT_ARCHIVED');
    assert.equal((await api.post(`/v1/quotes/${draft.body.id}/send`, {})).status, 409);
    assert.equal((await api.post(`/v1/quotes/${draft.body.id}/convert`, {})).status, 409);
    assert.equal((await api.post('/v1/quotes', { ...body, contactId: UNKNOWN_ID })).status, 404);
  });

  it('lists credits with what each one paid', async () => {
    const inv = await api.post('/v1/invoices', { contactId: ids.marge, lines: [{ description: 'Audit', quantity: 1, unitPrice: '80.00' }] });
    await api.post(`/v1/invoices/${inv.body.id}/send`, {});
    const c1 = await api.post(`/v1/contacts/${ids.marge}/credits`, { amount: '40.00', grantedAt: '2026-01-10T10:00:00-05:00' });
    const c2 = await api.post(`/v1/contacts/${ids.marge}/credits`, { amount: '30.00', grantedAt: '2026-01-20T10:00:00-05:00' });
    // 50.00 applied: the older credit first → 40.00 from c1 + 10.00 from c2 ; 80.00 − 50.00 = 30.00 owed
    const applied = await api.post(`/v1/invoices/${inv.body.id}/apply-credit`, { amount: '50.00' });
    assert.equal(applied.status, 200, JSON.stringify(applied.body));
    assert.equal(applied.body.outstanding, '30.00');
    const credits = await api.get(`/v1/contacts/${ids.marge}/credits`);
    assert.equal(credits.status, 200);
    const byId = new Map(credits.body.items.map((c: { id: string }) => [c.id, c]));
    const first = byId.get(c1.body.id) as { available: string; applications: Array<{ invoiceId: string; amount: string; appliedAt: string }> };
    const second = byId.get(c2.body.id) as typeof first;
    assert.equal(first.available, '0.00');
    assert.deepEqual(first.applications.map((a) => [a.invoiceId, a.amount]), [[inv.body.id, '40.00']]);
    // c2: 30.00 − 10.00 = 20.00 left
    assert.equal(second.available, '20.00');
    assert.deepEqual(second.applications.map((a) => [a.invoiceId, a.amount]), [[inv.body.id, '10.00']]);
    assert.ok(!Number.isNaN(Date.parse(first.applications[0]!.appliedAt)));
  });

  it('sees a contact change the moment contacts answered it, before its event reaches billing', async () => {
    // Five rounds, each with no pause between the contacts command and the billing one: billing's
    // own copy follows contacts.events, so without the gateway's snapshot some rounds would decide on
    // the contact as it was.
    const line = { description: 'Séance', quantity: 1, unitPrice: '10.00' };
    for (let round = 1; round <= 5; round++) {
      const id = await contact(`Client pressé ${round}`);
      const draft = await api.post('/v1/invoices', { contactId: id, lines: [line] });
      assert.equal(draft.status, 201, `round ${round}: a brand-new contact is invoiced at once: ${JSON.stringify(draft.body)}`);
      assert.equal((await api.post(`/v1/contacts/${id}/archive`, {})).status, 200);
      const refused = await api.post('/v1/invoices', { contactId: id, lines: [line] });
      assert.equal(refused.status, 409, `round ${round}: invoice right after the archive: ${JSON.stringify(refused.body)}`);
      assert.equal(refused.body.code, 'CONTACT_ARCHIVED');
      assert.equal((await api.post('/v1/quotes', { contactId: id, lines: [line] })).status, 409, `round ${round}: quote`);
      assert.equal((await api.post(`/v1/invoices/${draft.body.id}/send`, {})).status, 409, `round ${round}: sending the earlier draft`);
      assert.equal((await api.post(`/v1/contacts/${id}/reactivate`, {})).status, 200);
      // the contact now bills in USD: an invoice without a currency takes it, and needs a rate
      assert.equal((await api.patch(`/v1/contacts/${id}`, { billing: { currency: 'USD', paymentTermsDays: 7 } })).status, 200);
      const usd = await api.post('/v1/invoices', { contactId: id, exchangeRate: '1.35', lines: [line] });
      assert.equal(usd.status, 201, `round ${round}: invoice right after the reactivation: ${JSON.stringify(usd.body)}`);
      assert.equal(usd.body.currency, 'USD', `round ${round}`);
      const sent = await api.post(`/v1/invoices/${usd.body.id}/send`, { sentAt: '2026-03-10T12:00:00-05:00' });
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      assert.equal(sent.body.dueDate, '2026-03-17', `round ${round}: 10 March + 7 days' terms`);
    }
  });

  it('publishes every billing change on billing.events, keyed tenantId:contactId (tenantId for the catalogue), in each aggregate\'s order', async () => {
    // a payment and a void too, so every kind of change has happened in this file
    const paid = await api.post('/v1/invoices', { contactId: ids.marge, lines: [{ description: 'Audit', quantity: 1, unitPrice: '20.00' }] });
    assert.equal((await api.post(`/v1/invoices/${paid.body.id}/send`, {})).status, 200);
    assert.equal((await api.post(`/v1/invoices/${paid.body.id}/payments`, { amount: '20.00', paidAt: '2026-02-01T10:00:00-05:00', method: 'cheque' })).status, 201);
    const voided = await api.post('/v1/invoices', { contactId: ids.marge, lines: [{ description: 'Erreur', quantity: 1, unitPrice: '1.00' }] });
    assert.equal((await api.post(`/v1/invoices/${voided.body.id}/send`, {})).status, 200);
    assert.equal((await api.post(`/v1/invoices/${voided.body.id}/void`, {})).status, 200);

    const kafka = new Kafka({ clientId: 'e2e-billing-events', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
    const topic = `${stack.topicPrefix}billing.events`;
    type Seen = { key: string; type: string; tenantId: string; contactId: string | null; aggregateId: string; version: number; partition: number; data: { invoiceId?: string } };
    const seen = await eventually(async () => {
      const admin = kafka.admin();
      await admin.connect();
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.disconnect();
      const out: Seen[] = [];
      const consumer = kafka.consumer({ groupId: `e2e-events-${Date.now()}` });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const left = new Map(ends.filter((e) => e.high !== e.low).map((e) => [e.partition, Number(e.high)]));
      await new Promise<void>((resolve, reject) => {
        if (left.size === 0) return resolve();
        const timer = setTimeout(() => reject(new Error('billing.events not read to its end in 20 s')), 20_000);
        void consumer.run({
          eachMessage: async ({ partition, message }) => {
            const e = JSON.parse(message.value!.toString('utf8'));
            out.push({ key: message.key!.toString('utf8'), type: e.type, tenantId: e.tenantId, contactId: e.contactId, aggregateId: e.aggregateId, version: e.version, partition, data: e.data });
            if (Number(message.offset) + 1 >= left.get(partition)!) left.delete(partition);
            if (left.size === 0) { clearTimeout(timer); resolve(); }
          },
        });
      });
      await consumer.disconnect();
      const mine = out.filter((e) => e.tenantId === tenantId);
      // the last events of this test must be there; the relay publishes shortly after each 2xx
      return mine.some((e) => e.type === 'PaymentRecorded') && mine.some((e) => e.type === 'InvoiceVoided' && e.data.invoiceId === voided.body.id) ? mine : undefined;
    }, 20_000, 'the events of this test on billing.events');

    const types = new Set(seen.map((e) => e.type));
    for (const type of ['TaxDefined', 'ItemCreated', 'ItemUpdated', 'ClientRateSet', 'ClientRateRemoved', 'QuoteCreated', 'QuoteSent', 'QuoteAccepted',
      'QuoteDeclined', 'QuoteConverted', 'InvoiceCreated', 'InvoiceSent', 'PaymentRecorded', 'InvoiceVoided', 'CreditGranted', 'CreditApplied']) {
      assert.ok(types.has(type), `${type} is on billing.events`);
    }
    for (const e of seen) {
      assert.equal(e.key, e.contactId ? `${tenantId}:${e.contactId}` : tenantId, `${e.type} v${e.version} key`);
    }
    // the catalogue is not about one client; everything else is
    assert.deepEqual([...new Set(seen.filter((e) => !e.contactId).map((e) => e.type))].sort(), ['ItemCreated', 'ItemUpdated', 'TaxDefined']);
    assert.deepEqual(seen.filter((e) => e.type === 'TaxDefined').length, 2, 'GST and QST, once each');
    // one aggregate, one partition, versions in order (a republished commit may repeat, never go back)
    const byAggregate = new Map<string, Seen[]>();
    for (const e of seen) byAggregate.set(e.aggregateId, [...(byAggregate.get(e.aggregateId) ?? []), e]);
    for (const [aggregateId, events] of byAggregate) {
      assert.equal(new Set(events.map((e) => e.partition)).size, 1, `${aggregateId} on one partition`);
      events.forEach((e, i) => assert.ok(i === 0 || e.version >= events[i - 1]!.version, `${aggregateId}: v${e.version} after v${events[i - 1]?.version}`));
      const versions = [...new Set(events.map((e) => e.version))];
      assert.deepEqual(versions, versions.map((_, i) => versions[0]! + i), `${aggregateId}: no version missing`);
    }
  });
});

