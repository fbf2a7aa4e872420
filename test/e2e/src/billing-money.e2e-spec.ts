// Money through the gateway: half cents, currencies without and with three decimals, exchange
// rates, a payment split across invoices, and concurrent payments and sends. Every expected figure
// is worked out by hand in the comments.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { apiClient, RunningStack, startTestStack } from '@carnet/testing';

const TENANT = { name: 'Atelier Monnaie', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '01-01', defaultLanguage: 'fr' };

type Api = ReturnType<typeof apiClient>;
const fields = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field).sort();
const seqOf = (number: string) => Number(number.slice(4));

describe('billing money, end to end', () => {
  let stack: RunningStack;
  let admin: Api;

  const newTenant = async (name: string): Promise<Api> => {
    const t = await admin.post('/v1/tenants', { ...TENANT, name }, { 'x-admin-token': stack.adminToken });
    assert.equal(t.status, 201, JSON.stringify(t.body));
    const api = apiClient(stack.url, t.body.apiKey);
    assert.equal((await api.post('/v1/tenant/taxes', { code: 'GST', name: 'TPS', rate: '5' })).status, 201);
    assert.equal((await api.post('/v1/tenant/taxes', { code: 'QST', name: 'TVQ', rate: '9.975' })).status, 201);
    return api;
  };
  const newContact = async (api: Api, name: string, currency?: string): Promise<string> => {
    const r = await api.post('/v1/contacts', { name, ...(currency && { billing: { currency } }) });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id;
  };
  /** A sent invoice of one untaxed line; returns its id. */
  const sentInvoice = async (api: Api, contactId: string, unitPrice: string): Promise<string> => {
    const inv = await api.post('/v1/invoices', { contactId, lines: [{ description: 'Work', quantity: 1, unitPrice }] });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    assert.equal((await api.post(`/v1/invoices/${inv.body.id}/send`, {})).status, 200);
    return inv.body.id;
  };

  before(async () => {
    stack = await startTestStack('e2emoney');
    admin = apiClient(stack.url);
  });

  after(async () => {
    await stack?.stop();
  });

  it('rounds half cents away from zero, per line and per invoice tax', async () => {
    const api = await newTenant('Half cents');
    const marge = await newContact(api, 'Marge');
    const inv = await api.post('/v1/invoices', {
      contactId: marge,
      lines: [
        { description: 'Stamps', quantity: '1.5', unitPrice: '0.05', taxCodes: [] },
        { description: 'Copy A', quantity: 1, unitPrice: '0.10', taxCodes: ['GST'] },
        { description: 'Copy B', quantity: 1, unitPrice: 0.1, taxCodes: ['GST'] },
        { description: 'Print', quantity: '0.5', unitPrice: '0.01', taxCodes: ['QST'] },
      ],
    });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    // 1.5 × 0.05 = 0.075 → 0.08 ; 0.10 ; 0.10 ; 0.5 × 0.01 = 0.005 → 0.01 ; subtotal 0.29
    assert.deepEqual(inv.body.lines.map((l: { amount: string }) => l.amount), ['0.08', '0.10', '0.10', '0.01']);
    assert.equal(inv.body.subtotal, '0.29');
    // GST on 0.20 (not per line: 0.005 → 0.01 twice would be 0.02) = 0.01 ; QST on 0.01 = 0.0009975 → 0.00
    assert.deepEqual(inv.body.taxes.map((t: { code: string; amount: string }) => [t.code, t.amount]), [['GST', '0.01'], ['QST', '0.00']]);
    // 0.29 + 0.01 + 0.00 = 0.30
    assert.equal(inv.body.total, '0.30');

    const tooPrecise = await api.post('/v1/invoices', { contactId: marge, lines: [{ description: 'x', quantity: 1, unitPrice: '0.105' }, { description: 'y', quantity: '1.1234567', unitPrice: '1.00' }] });
    assert.equal(tooPrecise.status, 422);
    assert.deepEqual(fields(tooPrecise.body), ['lines[0].unitPrice', 'lines[1].quantity'], 'each bad field is named');
    assert.equal((await api.get(`/v1/invoices?contactId=${marge}`)).body.items.length, 1, 'the refused invoice was not stored');
  });

  it('invoices in JPY (no decimals) with the exchange rate kept, end to end', async () => {
    const api = await newTenant('Yen');
    const yuki = await newContact(api, 'Yuki', 'JPY');
    const line = { description: 'Translation', quantity: 3, unitPrice: '333', taxCodes: ['GST'] };
    const noRate = await api.post('/v1/invoices', { contactId: yuki, lines: [line] });
    assert.equal(noRate.status, 422, 'JPY is not the home currency: exchangeRate is required');
    assert.deepEqual(fields(noRate.body), ['exchangeRate']);
    const decimals = await api.post('/v1/invoices', { contactId: yuki, exchangeRate: '0.0091', lines: [{ ...line, unitPrice: '333.5' }] });
    assert.equal(decimals.status, 422, 'JPY has no minor unit');
    assert.deepEqual(fields(decimals.body), ['lines[0].unitPrice']);
    assert.equal((await api.get(`/v1/invoices?contactId=${yuki}`)).body.items.length, 0, 'nothing written');

    const inv = await api.post('/v1/invoices', { contactId: yuki, exchangeRate: '0.0091', lines: [line] });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    // 3 × 333 = 999 ; GST 5% = 49.95 → 50 ; total 1049 (currency from the contact)
    assert.deepEqual([inv.body.currency, inv.body.exchangeRate, inv.body.subtotal, inv.body.taxes[0].amount, inv.body.total], ['JPY', '0.0091', '999', '50', '1049']);
    await api.post(`/v1/invoices/${inv.body.id}/send`, {});
    assert.equal((await api.post(`/v1/invoices/${inv.body.id}/payments`, { amount: '49.5', paidAt: '2027-02-01T10:00:00-05:00', method: 'cash' })).status, 422);
    const pay = await api.post(`/v1/invoices/${inv.body.id}/payments`, { amount: 1000, paidAt: '2027-02-01T10:00:00-05:00', method: 'cash' });
    assert.deepEqual([pay.status, pay.body.amount], [201, '1000']);
    // 1049 − 1000 = 49 ; 50 more is too much
    assert.equal((await api.post(`/v1/invoices/${inv.body.id}/payments`, { amount: '50', paidAt: '2027-02-02T10:00:00-05:00', method: 'cash' })).status, 422);
    const got = (await api.get(`/v1/invoices/${inv.body.id}`)).body;
    assert.deepEqual([got.status, got.amountPaid, got.outstanding, got.exchangeRate], ['partially_paid', '1000', '49', '0.0091']);
  });

  it('invoices in KWD (three decimals), and in a currency other than the contact’s', async () => {
    const api = await newTenant('Dinar');
    const ali = await newContact(api, 'Ali', 'KWD');
    const inv = await api.post('/v1/invoices', { contactId: ali, exchangeRate: '4.4', lines: [{ description: 'Audit', quantity: '2.5', unitPrice: '1.235', taxCodes: ['GST'] }] });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    // 2.5 × 1.235 = 3.0875 → 3.088 ; GST 5% = 0.1544 → 0.154 ; total 3.242
    assert.deepEqual([inv.body.currency, inv.body.subtotal, inv.body.taxes[0].amount, inv.body.total], ['KWD', '3.088', '0.154', '3.242']);
    await api.post(`/v1/invoices/${inv.body.id}/send`, {});
    assert.equal((await api.post(`/v1/invoices/${inv.body.id}/payments`, { amount: '1.2345', paidAt: '2027-02-01T10:00:00-05:00', method: 'cash' })).status, 422);
    const pay = await api.post(`/v1/invoices/${inv.body.id}/payments`, { amount: '1.242', paidAt: '2027-02-01T10:00:00-05:00', method: 'cash' });
    assert.equal(pay.body.amount, '1.242');
    // 3.242 − 1.242 = 2.000
    assert.equal((await api.get(`/v1/invoices/${inv.body.id}`)).body.outstanding, '2.000');

    // A CAD contact invoiced in USD: the rate is required, and kept; in CAD it is dropped.
    const bob = await newContact(api, 'Bob');
    const usdLine = [{ description: 'Licence', quantity: 1, unitPrice: '100.00' }];
    const usdNoRate = await api.post('/v1/invoices', { contactId: bob, currency: 'USD', lines: usdLine });
    assert.deepEqual([usdNoRate.status, fields(usdNoRate.body)], [422, ['exchangeRate']]);
    const usd = await api.post('/v1/invoices', { contactId: bob, currency: 'USD', exchangeRate: '1.35', lines: usdLine });
    assert.deepEqual([usd.status, usd.body.currency, usd.body.exchangeRate, usd.body.total], [201, 'USD', '1.35', '100.00']);
    const cad = await api.post('/v1/invoices', { contactId: bob, exchangeRate: '1.35', lines: usdLine });
    assert.deepEqual([cad.body.currency, cad.body.exchangeRate], ['CAD', null]);
  });

  it('splits one payment across two invoices, with one receipt', async () => {
    const api = await newTenant('Split');
    const marge = await newContact(api, 'Marge');
    const a = await sentInvoice(api, marge, '100.00');
    const b = await sentInvoice(api, marge, '50.00');
    const body = { contactId: marge, amount: '120.00', paidAt: '2027-02-01T10:00:00-05:00', method: 'interac' };
    // 100.00 + 30.00 ≠ 120.00
    assert.equal((await api.post('/v1/payments', { ...body, allocations: [{ invoiceId: a, amount: '100.00' }, { invoiceId: b, amount: '30.00' }] })).status, 422);
    // 60.00 > the 50.00 invoice b owes
    assert.equal((await api.post('/v1/payments', { ...body, allocations: [{ invoiceId: a, amount: '60.00' }, { invoiceId: b, amount: '60.00' }] })).status, 422);
    const pay = await api.post('/v1/payments', { ...body, allocations: [{ invoiceId: a, amount: '100.00' }, { invoiceId: b, amount: '20.00' }] });
    assert.equal(pay.status, 201, JSON.stringify(pay.body));
    // the refused payments took no receipt number
    assert.deepEqual([pay.body.number, pay.body.amount], ['REC-000001', '120.00']);
    const ia = (await api.get(`/v1/invoices/${a}`)).body;
    const ib = (await api.get(`/v1/invoices/${b}`)).body;
    // a: 100.00 − 100.00 = 0.00 ; b: 50.00 − 20.00 = 30.00
    assert.deepEqual([ia.status, ia.outstanding, ib.status, ib.outstanding], ['paid', '0.00', 'partially_paid', '30.00']);
    const receipts = (await api.get(`/v1/receipts?contactId=${marge}`)).body.items;
    assert.equal(receipts.length, 1);
    assert.deepEqual(receipts[0].allocations, [{ invoiceId: a, amount: '100.00' }, { invoiceId: b, amount: '20.00' }]);
  });

  it('lets exactly 10 of 20 concurrent 1.00 payments settle a 10.00 invoice', async () => {
    const api = await newTenant('Rush');
    const marge = await newContact(api, 'Marge');
    const inv = await sentInvoice(api, marge, '10.00');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      api.post(`/v1/invoices/${inv}/payments`, { amount: '1.00', paidAt: '2027-02-01T10:00:00-05:00', method: 'cash', reference: `p${i}` })));
    const statuses = results.map((r) => r.status).sort();
    // 10 × 1.00 = 10.00 owed: 10 accepted, the other 10 exceed what is left
    assert.deepEqual(statuses, [...Array(10).fill(201), ...Array(10).fill(422)], JSON.stringify(results.filter((r) => r.status >= 300 && r.status !== 422).map((r) => r.body)));
    const numbers = results.filter((r) => r.status === 201).map((r) => r.body.number as string);
    assert.equal(new Set(numbers).size, 10, 'receipt numbers are unique');
    assert.deepEqual(numbers.map(seqOf).sort((x, y) => x - y), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'and gapless: refused payments took none');
    const final = (await api.get(`/v1/invoices/${inv}`)).body;
    assert.deepEqual([final.status, final.amountPaid, final.outstanding], ['paid', '10.00', '0.00']);
    assert.equal((await api.get(`/v1/receipts?contactId=${marge}`)).body.items.length, 10);
  });

  it('numbers 10 drafts sent at once uniquely and without gaps', async () => {
    const api = await newTenant('Burst');
    const [marge, homer] = [await newContact(api, 'Marge'), await newContact(api, 'Homer')];
    // 5 drafts per client: sends race within one account and across accounts
    const drafts: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await api.post('/v1/invoices', { contactId: i % 2 ? homer : marge, lines: [{ description: `Job ${i}`, quantity: 1, unitPrice: '10.00' }] });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      drafts.push(r.body.id);
    }
    const sent = await Promise.all(drafts.map((id) => api.post(`/v1/invoices/${id}/send`, {})));
    assert.deepEqual(sent.map((r) => r.status), Array(10).fill(200), JSON.stringify(sent.filter((r) => r.status !== 200).map((r) => r.body)));
    const numbers = sent.map((r) => r.body.number as string);
    assert.deepEqual(numbers.map(seqOf).sort((x, y) => x - y), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // each invoice kept the number its send answered with
    for (const [i, id] of drafts.entries()) assert.equal((await api.get(`/v1/invoices/${id}`)).body.number, numbers[i]);
  });

  it('defines taxes to three decimals, lists them, and applies a redefined rate to new documents only', async () => {
    const api = await newTenant('Taxes');
    for (const [body, field] of [
      [{ code: 'HST', name: 'TVH', rate: '13.0001' }, 'rate'],
      [{ code: 'HST', name: 'TVH', rate: '-1' }, 'rate'],
      [{ code: 'HST', name: 'TVH', rate: 'treize' }, 'rate'],
      [{ code: 'H S T', name: 'TVH', rate: '13' }, 'code'],
      [{ code: 'HST', name: '  ', rate: '13' }, 'name'],
    ] as const) {
      const r = await api.post('/v1/tenant/taxes', body);
      assert.equal(r.status, 422, JSON.stringify(body));
      assert.deepEqual(fields(r.body), [field], JSON.stringify(r.body));
    }
    assert.equal((await api.post('/v1/tenant/taxes', { code: 'HST', name: 'TVH', rate: '13', extra: true })).status, 422);
    const listed = await api.get('/v1/tenant/taxes');
    assert.deepEqual(listed.body, { items: [{ code: 'GST', name: 'TPS', rate: '5' }, { code: 'QST', name: 'TVQ', rate: '9.975' }], nextCursor: null }, 'nothing refused was stored');

    const marge = await newContact(api, 'Marge');
    const line = { description: 'Work', quantity: 1, unitPrice: '100.00', taxCodes: ['GST'] };
    const before = await api.post('/v1/invoices', { contactId: marge, lines: [line] });
    assert.deepEqual(before.body.taxes, [{ code: 'GST', name: 'TPS', rate: '5', amount: '5.00' }]); // 100.00 × 5 %
    const redefined = await api.post('/v1/tenant/taxes', { code: 'GST', name: 'TPS', rate: '6' });
    assert.equal(redefined.status, 200, 'the code existed: replaced, not created');
    assert.deepEqual(redefined.body, { code: 'GST', name: 'TPS', rate: '6' });
    const after = await api.post('/v1/invoices', { contactId: marge, lines: [line] });
    assert.deepEqual([after.body.taxes, after.body.total], [[{ code: 'GST', name: 'TPS', rate: '6', amount: '6.00' }], '106.00']); // 100.00 × 6 %
    const kept = await api.get(`/v1/invoices/${before.body.id}`);
    assert.deepEqual([kept.body.taxes, kept.body.total], [[{ code: 'GST', name: 'TPS', rate: '5', amount: '5.00' }], '105.00'], 'the earlier draft keeps its rate');
  });

  it("keeps a tenant's invoices, receipts, credits and rates out of another's reach", async () => {
    const api = await newTenant('Owner');
    const intruder = await newTenant('Intruder');
    const marge = await newContact(api, 'Marge');
    const invoiceId = await sentInvoice(api, marge, '100.00');
    const pay = await api.post(`/v1/invoices/${invoiceId}/payments`, { amount: '10.00', paidAt: '2026-03-02T12:00:00-05:00', method: 'cash' });
    assert.equal(pay.status, 201, JSON.stringify(pay.body));
    assert.equal((await api.post(`/v1/contacts/${marge}/credits`, { amount: '5.00' })).status, 201);
    const item = await api.post('/v1/items', { name: 'Design', unit: 'hour', unitPrice: '80.00', currency: 'CAD', taxCodes: [] });
    assert.equal(item.status, 201, JSON.stringify(item.body));
    const unknown = '00000000-0000-4000-8000-000000000000';

    for (const [who, id] of [['another tenant', invoiceId], ['an unknown id', unknown]] as const) {
      const client = who === 'another tenant' ? intruder : api;
      const attempts = [
        await client.get(`/v1/invoices/${id}`),
        await client.patch(`/v1/invoices/${id}`, { dueDate: '2026-12-31' }),
        await client.post(`/v1/invoices/${id}/send`, {}),
        await client.post(`/v1/invoices/${id}/payments`, { amount: '1.00', paidAt: '2026-03-03T12:00:00-05:00', method: 'cash' }),
        await client.post(`/v1/invoices/${id}/apply-credit`, { amount: '1.00' }),
        await client.post(`/v1/invoices/${id}/void`, {}),
      ];
      assert.deepEqual(attempts.map((r) => r.status), [404, 404, 404, 404, 404, 404], `${who}: ${attempts.map((r) => JSON.stringify(r.body)).join(' | ')}`);
    }
    const foreign = [
      await intruder.get(`/v1/contacts/${marge}/credits`),
      await intruder.post(`/v1/contacts/${marge}/credits`, { amount: '1.00' }),
      await intruder.get(`/v1/contacts/${marge}/rates`),
      await intruder.put(`/v1/contacts/${marge}/rates/${item.body.id}`, { unitPrice: '1.00' }),
      await intruder.post('/v1/payments', { contactId: marge, amount: '1.00', paidAt: '2026-03-03T12:00:00-05:00', method: 'cash', allocations: [{ invoiceId, amount: '1.00' }] }),
      await intruder.post('/v1/invoices', { contactId: marge, lines: [{ description: 'x', quantity: 1, unitPrice: '1.00' }] }),
    ];
    assert.deepEqual(foreign.map((r) => r.status), [404, 404, 404, 404, 404, 404], foreign.map((r) => JSON.stringify(r.body)).join(' | '));
    assert.deepEqual((await intruder.get(`/v1/invoices?contactId=${marge}`)).body, { items: [], nextCursor: null });
    assert.deepEqual((await intruder.get(`/v1/receipts?contactId=${marge}`)).body, { items: [], nextCursor: null });
    assert.deepEqual((await intruder.get('/v1/invoices')).body, { items: [], nextCursor: null });
    // and the owner's invoice is as it was: 100.00 − 10.00 paid, no credit applied
    const mine = await api.get(`/v1/invoices/${invoiceId}`);
    assert.deepEqual([mine.body.status, mine.body.amountPaid, mine.body.creditApplied, mine.body.outstanding], ['partially_paid', '10.00', '0.00', '90.00']);
  });

  it('refuses negative, non-numeric and exponent amounts through the API, naming the field', async () => {
    const api = await newTenant('Bad amounts');
    const marge = await newContact(api, 'Marge');
    for (const unitPrice of ['-1.00', 'abc', '1e3', '', ' ', null, true, '1.005', 1.005, '0x10', 'NaN', 'Infinity']) {
      const r = await api.post('/v1/invoices', { contactId: marge, lines: [{ description: 'Work', quantity: 1, unitPrice }] });
      assert.equal(r.status, 422, `${JSON.stringify(unitPrice)}: ${JSON.stringify(r.body)}`);
      assert.deepEqual(fields(r.body), ['lines[0].unitPrice'], JSON.stringify(unitPrice));
    }
    const invoiceId = await sentInvoice(api, marge, '50.00');
    for (const amount of ['-5.00', '0', '0.00', 'five', '5.001', '1e1']) {
      const r = await api.post(`/v1/invoices/${invoiceId}/payments`, { amount, paidAt: '2026-03-03T12:00:00-05:00', method: 'cash' });
      assert.equal(r.status, 422, `${amount}: ${JSON.stringify(r.body)}`);
      assert.deepEqual(fields(r.body), ['amount'], amount);
    }
    // more than the 50.00 outstanding: the body's own field is named, as the body has no allocations
    const over = await api.post(`/v1/invoices/${invoiceId}/payments`, { amount: '50.01', paidAt: '2026-03-03T12:00:00-05:00', method: 'cash' });
    assert.equal(over.status, 422);
    assert.deepEqual(fields(over.body), ['amount']);
    const draft = await api.post('/v1/invoices', { contactId: marge, lines: [{ description: 'Work', quantity: 1, unitPrice: '5.00' }] });
    const unsent = await api.post(`/v1/invoices/${draft.body.id}/payments`, { amount: '1.00', paidAt: '2026-03-03T12:00:00-05:00', method: 'cash' });
    assert.deepEqual([unsent.status, unsent.body.code, fields(unsent.body)], [409, 'INVOICE_NOT_PAYABLE', []]);
    const inv = await api.get(`/v1/invoices/${invoiceId}`);
    assert.deepEqual([inv.body.amountPaid, inv.body.outstanding], ['0.00', '50.00'], 'no refused payment was kept');
    assert.deepEqual((await api.get(`/v1/receipts?contactId=${marge}`)).body.items, []);
  });
});

