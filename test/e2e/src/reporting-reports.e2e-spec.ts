// Reporting through the gateway: active clients per fiscal year (recomputed when the tenant's
// calendar changes), the tenant dashboard, the statement PDF and the projection's metrics.
// Every expected figure is worked out by hand in the comments.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { apiClient, eventually, RunningStack, startTestStack } from '@carnet/testing';
import { pdfText } from './pdf-text';

type Api = ReturnType<typeof apiClient>;

const TORONTO_TENANT = { name: 'Atelier Tremblay', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '04-01', defaultLanguage: 'fr' };

async function pdfBytes(stack: RunningStack, apiKey: string, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(stack.url + path, { headers: { authorization: `Bearer ${apiKey}`, ...headers } });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
}

// A calendar date in Toronto `days` from today (negative: before), as YYYY-MM-DD.
function torontoDate(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

async function contact(api: Api, name: string, billing: Record<string, unknown> = {}): Promise<string> {
  const r = await api.post('/v1/contacts', { name, billing });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

async function sentInvoice(api: Api, body: Record<string, unknown>, sentAt: string): Promise<{ id: string; total: string }> {
  const created = await api.post('/v1/invoices', body);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const sent = await api.post(`/v1/invoices/${created.body.id}/send`, { sentAt });
  assert.equal(sent.status, 200, JSON.stringify(sent.body));
  return { id: created.body.id, total: sent.body.total };
}

async function activeClients(api: Api, fiscalYear: number, count: number) {
  return eventually(async () => {
    const r = await api.get(`/v1/reports/active-clients?fiscalYear=${fiscalYear}&include=contacts`);
    return r.status === 200 && r.body.count === count ? r.body : undefined;
  }, 15_000, `fiscal year ${fiscalYear} with ${count} active clients`);
}

describe('reporting: active clients, dashboard, statement PDF', () => {
  let stack: RunningStack;
  let admin: Api;
  let api: Api;
  let apiKey: string;
  let other: Api;
  const ids: Record<string, string> = {};

  before(async () => {
    stack = await startTestStack('rep');
    admin = apiClient(stack.url);
    const t = await admin.post('/v1/tenants', TORONTO_TENANT, { 'x-admin-token': stack.adminToken });
    assert.equal(t.status, 201, JSON.stringify(t.body));
    apiKey = t.body.apiKey;
    api = apiClient(stack.url, apiKey);
    other = apiClient(stack.url, (await admin.post('/v1/tenants', { ...TORONTO_TENANT, name: 'Someone Else' }, { 'x-admin-token': stack.adminToken })).body.apiKey);
    assert.equal((await api.post('/v1/tenant/taxes', { code: 'GST', name: 'TPS', rate: '5' })).status, 201);
    assert.equal((await api.post('/v1/tenant/taxes', { code: 'QST', name: 'TVQ', rate: '9.975' })).status, 201);
  });

  after(async () => {
    await stack?.stop();
  });

  it('counts active clients with an April fiscal year, including an invoice sent 23:30 on its last day', async () => {
    ids.elodie = await contact(api, 'Élodie Côté', { language: 'fr' });
    ids.acme = await contact(api, 'Acme Corp', { currency: 'USD', language: 'en' });
    ids.dmitri = await contact(api, 'Дмитрий Ψαράς', { language: 'en' });
    ids.rosa = await contact(api, 'Rosa Archived');
    ids.vera = await contact(api, 'Vera Voided');

    // 1000.00 + GST 50.00 + QST 99.75 = 1149.75; 23:30 on 31 March in Toronto (EDT) = 03:30Z on 1 April
    const a = await sentInvoice(api, { contactId: ids.elodie, lines: [{ description: 'Conception', quantity: 1, unitPrice: '1000.00', taxCodes: ['GST', 'QST'] }] }, '2026-03-31T23:30:00-04:00');
    assert.equal(a.total, '1149.75');
    ids.invA = a.id;
    const b = await sentInvoice(api, { contactId: ids.acme, exchangeRate: '1.35', lines: [{ description: 'Consulting', quantity: 2, unitPrice: '100.00' }] }, '2026-04-15T10:00:00-04:00');
    ids.invB = b.id;
    // 23:30 on 30 June (EDT) = 03:30Z on 1 July
    const c = await sentInvoice(api, { contactId: ids.dmitri, lines: [{ description: 'Перевод', quantity: 1, unitPrice: '500.00' }] }, '2026-06-30T23:30:00-04:00');
    ids.invC = c.id;
    const r = await sentInvoice(api, { contactId: ids.rosa, lines: [{ description: 'Archive me', quantity: 1, unitPrice: '100.00' }] }, '2026-05-02T10:00:00-04:00');
    ids.invR = r.id;
    assert.equal((await api.post(`/v1/contacts/${ids.rosa}/archive`, {})).body.status, 'archived');
    const v = await sentInvoice(api, { contactId: ids.vera, lines: [{ description: 'Cancelled', quantity: 1, unitPrice: '300.00' }] }, '2026-05-01T10:00:00-04:00');

    // FY 2026 (2026-04-01 … 2027-03-31): Acme, Rosa (archived still counts), Vera, Dmitri (30 June) = 4
    const withVera = await activeClients(api, 2026, 4);
    assert.deepEqual([withVera.from, withVera.to], ['2026-04-01', '2027-03-31']);
    assert.ok(withVera.contacts.some((m: { contactId: string }) => m.contactId === ids.vera));

    // Voiding Vera's only invoice takes her out: 3
    assert.equal((await api.post(`/v1/invoices/${v.id}/void`, {})).body.status, 'void');
    const fy26 = await activeClients(api, 2026, 3);
    // listed by the date each became active: Acme 15 April, Rosa 2 May, Dmitri 30 June (local)
    assert.deepEqual(fy26.contacts.map((m: { contactId: string; invoiceId: string }) => [m.contactId, m.invoiceId]), [
      [ids.acme, ids.invB], [ids.rosa, ids.invR], [ids.dmitri, ids.invC],
    ]);
    assert.equal(fy26.contacts[0].sentAt, '2026-04-15T14:00:00.000Z');
    assert.equal(typeof fy26.asOf, 'string');

    // FY 2025 (2025-04-01 … 2026-03-31): Élodie only, by the invoice of 31 March 23:30
    const fy25 = await activeClients(api, 2025, 1);
    assert.deepEqual(fy25.contacts.map((m: { contactId: string; invoiceId: string }) => [m.contactId, m.invoiceId]), [[ids.elodie, ids.invA]]);
    const plain = await api.get('/v1/reports/active-clients?fiscalYear=2025');
    assert.equal(plain.body.contacts, undefined, 'contacts only with include=contacts');
    assert.equal((await other.get('/v1/reports/active-clients?fiscalYear=2026')).body.count, 0);
    assert.equal((await api.get('/v1/reports/active-clients?fiscalYear=2026&include=everything')).status, 422);
  });

  it('recomputes the years when the fiscal-year start moves to July, then when the time zone changes', async () => {
    assert.equal((await api.patch('/v1/tenant', { fiscalYearStart: '07-01' })).status, 200);
    // FY 2025 = 2025-07-01 … 2026-06-30 now holds every invoice: Élodie (31 March), Acme (15 April),
    // Rosa (2 May) and Dmitri (30 June 23:30, the last evening of the year) = 4; FY 2026 has none
    const fy25 = await activeClients(api, 2025, 4);
    assert.deepEqual([fy25.from, fy25.to], ['2025-07-01', '2026-06-30']);
    assert.deepEqual(fy25.contacts.map((m: { contactId: string }) => m.contactId), [ids.elodie, ids.acme, ids.rosa, ids.dmitri]);
    assert.equal((await activeClients(api, 2026, 0)).from, '2026-07-01');

    // In Paris (CEST, UTC+2) Dmitri's invoice (03:30Z on 1 July) is sent at 05:30 on 1 July: FY 2026
    assert.equal((await api.patch('/v1/tenant', { timezone: 'Europe/Paris' })).status, 200);
    const fy26 = await activeClients(api, 2026, 1);
    assert.deepEqual(fy26.contacts.map((m: { contactId: string }) => m.contactId), [ids.dmitri]);
    assert.deepEqual((await activeClients(api, 2025, 3)).contacts.map((m: { contactId: string }) => m.contactId), [ids.elodie, ids.acme, ids.rosa]);

    // Back to Toronto with an April start: the first answers again
    assert.equal((await api.patch('/v1/tenant', { timezone: 'America/Toronto', fiscalYearStart: '04-01' })).status, 200);
    assert.equal((await activeClients(api, 2025, 1)).contacts[0].contactId, ids.elodie);
    assert.equal((await activeClients(api, 2026, 3)).from, '2026-04-01');
  });

  it('writes the statement PDF in the contact language, with accents and non-Latin names', async () => {
    const pay = await api.post(`/v1/invoices/${ids.invA}/payments`, { amount: '100.00', paidAt: '2026-04-15T12:00:00-04:00', method: 'cheque' });
    assert.equal(pay.status, 201, JSON.stringify(pay.body));
    // 1149.75 − 100.00 = 1049.75
    await eventually(async () => {
      const r = await api.get(`/v1/contacts/${ids.elodie}/statement?from=2026-03-01&to=2026-04-30`);
      return r.status === 200 && r.body.closingBalance === '1049.75' ? r.body : undefined;
    }, 15_000, 'statement up to date');

    const byAccept = await pdfBytes(stack, apiKey, `/v1/contacts/${ids.elodie}/statement?from=2026-03-01&to=2026-04-30`, { accept: 'application/pdf' });
    assert.equal(byAccept.status, 200);
    assert.match(byAccept.contentType, /^application\/pdf/);
    assert.equal(byAccept.body.subarray(0, 5).toString('latin1'), '%PDF-');
    const french = await pdfText(byAccept.body);
    for (const expected of ['Relevé de compte', 'Atelier Tremblay', 'Client : Élodie Côté', 'Période du 2026-03-01 au 2026-04-30', "Solde d'ouverture", 'Solde de clôture',
      'Référence', 'Débit', 'Crédit', 'Facture', 'Paiement', 'INV-000001', 'REC-000001', '1 149,75', '1 049,75', 'Échéancier des montants dus']) {
      assert.ok(french.includes(expected), `"${expected}" in the French PDF:\n${french}`);
    }

    const byPath = await pdfBytes(stack, apiKey, `/v1/contacts/${ids.dmitri}/statement.pdf?from=2026-06-01&to=2026-07-31`);
    assert.equal(byPath.status, 200);
    assert.match(byPath.contentType, /^application\/pdf/);
    const english = await pdfText(byPath.body);
    for (const expected of ['Statement of account', 'Client: Дмитрий Ψαράς', 'Opening balance', 'Invoice', '500.00']) {
      assert.ok(english.includes(expected), `"${expected}" in the English PDF:\n${english}`);
    }

    // The JSON statement is unchanged without the Accept header
    assert.match((await api.get(`/v1/contacts/${ids.dmitri}/statement?from=2026-06-01&to=2026-07-31`)).contentType, /application\/json/);
    const otherKey = (await admin.post('/v1/tenants', { ...TORONTO_TENANT, name: 'Third' }, { 'x-admin-token': stack.adminToken })).body.apiKey;
    assert.equal((await pdfBytes(stack, otherKey, `/v1/contacts/${ids.dmitri}/statement.pdf?from=2026-06-01&to=2026-07-31`)).status, 404);
    const missing = await api.get(`/v1/contacts/${ids.dmitri}/statement.pdf?from=2026-06-01`);
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.body.errors.map((e: { field: string }) => e.field), ['to']);
  });

  it('shows the dashboard of a fiscal year in home currency', async () => {
    const t = await admin.post('/v1/tenants', { ...TORONTO_TENANT, name: 'Dashboard Inc.', defaultLanguage: 'en' }, { 'x-admin-token': stack.adminToken });
    const dash = apiClient(stack.url, t.body.apiKey);
    assert.equal((await dash.post('/v1/tenant/taxes', { code: 'GST', name: 'GST', rate: '5' })).status, 201);
    assert.equal((await dash.post('/v1/tenant/taxes', { code: 'QST', name: 'QST', rate: '9.975' })).status, 201);
    const c1 = await contact(dash, 'Élodie Côté');
    const c2 = await contact(dash, 'Acme Corp', { currency: 'USD' });
    const c3 = await contact(dash, 'Дмитрий Ψαράς');

    // Fiscal year 2025 = 2025-04-01 … 2026-03-31 in Toronto.
    // inv1: 1000.00 + 50.00 + 99.75 = 1149.75, sent 30 April 23:30 local (1 May in UTC), paid in full 10 days later
    const inv1 = await sentInvoice(dash, { contactId: c1, lines: [{ description: 'Design', quantity: 1, unitPrice: '1000.00', taxCodes: ['GST', 'QST'] }] }, '2025-04-30T23:30:00-04:00');
    assert.equal((await dash.post(`/v1/invoices/${inv1.id}/payments`, { amount: '1149.75', paidAt: '2025-05-10T12:00:00-04:00', method: 'interac' })).status, 201);
    // inv2: 200.00 USD at 1.35 = 270.00 CAD, unpaid; due 15 July 2025 (30 days)
    await sentInvoice(dash, { contactId: c2, exchangeRate: '1.35', lines: [{ description: 'Support', quantity: 2, unitPrice: '100.00' }] }, '2025-06-15T10:00:00-04:00');
    // inv3: 500.00 sent 31 March 2026 23:30, the last evening of the year; 200.00 paid, 300.00 left, due 30 April 2026
    const inv3 = await sentInvoice(dash, { contactId: c3, lines: [{ description: 'Translation', quantity: 1, unitPrice: '500.00' }] }, '2026-03-31T23:30:00-04:00');
    assert.equal((await dash.post(`/v1/invoices/${inv3.id}/payments`, { amount: '200.00', paidAt: '2026-04-05T12:00:00-04:00', method: 'cash' })).status, 201);
    // Receivables dated from today (noon UTC is the same calendar day in Toronto): fiscal years after 2025
    const today = torontoDate(0);
    await sentInvoice(dash, { contactId: c1, dueDate: torontoDate(-35), lines: [{ description: 'Late', quantity: 1, unitPrice: '400.00' }] }, `${torontoDate(-40)}T12:00:00Z`);
    await sentInvoice(dash, { contactId: c3, dueDate: torontoDate(-10), lines: [{ description: 'A bit late', quantity: 1, unitPrice: '60.00' }] }, `${torontoDate(-20)}T12:00:00Z`);
    await sentInvoice(dash, { contactId: c3, dueDate: torontoDate(30), lines: [{ description: 'Not due', quantity: 1, unitPrice: '80.00' }] }, new Date(Date.now() - 60_000).toISOString());

    const body = await eventually(async () => {
      const r = await dash.get('/v1/reports/dashboard?fiscalYear=2025');
      const aging = r.body.receivablesAging;
      const settled = aging && aging.current === '80.00' && aging.days31to60 === '400.00' && aging.over90 === '570.00' && r.body.averagePaymentDays !== null;
      return r.status === 200 && settled ? r.body : undefined;
    }, 15_000, `dashboard up to date (today ${today})`);
    assert.equal(typeof body.asOf, 'string');
    assert.deepEqual({ ...body, asOf: undefined }, {
      fiscalYear: 2025, from: '2025-04-01', to: '2026-03-31', currency: 'CAD',
      revenueByMonth: [
        { month: '2025-04', amount: '1000.00' }, // inv1, 30 April local
        { month: '2025-05', amount: '0.00' },
        { month: '2025-06', amount: '270.00' }, // inv2: 200.00 USD × 1.35
        ...['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02'].map((month) => ({ month, amount: '0.00' })),
        { month: '2026-03', amount: '500.00' }, // inv3, 31 March local
      ],
      receivablesAging: {
        current: '80.00', // due in 30 days
        days1to30: '60.00', // 10 days late
        days31to60: '400.00', // 35 days late
        days61to90: '0.00',
        over90: '570.00', // inv2 270.00 (due July 2025) + inv3 300.00 (due April 2026)
      },
      // pre-tax sales 1000.00 + 270.00 + 500.00 = 1770.00
      topClients: [
        { contactId: c1, name: 'Élodie Côté', sales: '1000.00', share: '56.50' }, // 1000 / 1770 = 56.497…%
        { contactId: c3, name: 'Дмитрий Ψαράς', sales: '500.00', share: '28.25' }, // 500 / 1770 = 28.248…%
        { contactId: c2, name: 'Acme Corp', sales: '270.00', share: '15.25' }, // 270 / 1770 = 15.254…%
      ],
      // only inv1 is settled in the year: 30 April → 10 May = 10 days
      averagePaymentDays: 10,
      asOf: undefined,
    });
    assert.equal((await other.get('/v1/reports/dashboard?fiscalYear=2025')).body.topClients.length, 0);
    const bad = await dash.get('/v1/reports/dashboard?fiscalYear=next');
    assert.equal(bad.status, 422);
    assert.deepEqual([...new Set(bad.body.errors.map((e: { field: string }) => e.field))], ['fiscalYear']);
    // a year is four digits: what Number() would read as 2025 is refused too, on every report
    for (const year of ['0x7E9', '%2B2025', '%202025', '2025.0', '02025']) {
      for (const path of [`/v1/reports/dashboard?fiscalYear=${year}`, `/v1/reports/active-clients?fiscalYear=${year}`, `/v1/contacts/${ids.acme}/summary?fiscalYear=${year}`]) {
        const r = await dash.get(path);
        assert.equal(r.status, 422, `${path}: ${r.status}`);
      }
    }
  });

  it('counts the notes a contact has and the quotes it was sent', async () => {
    const n1 = await api.post(`/v1/contacts/${ids.acme}/notes`, { body: 'Prefers e-mail' });
    const n2 = await api.post(`/v1/contacts/${ids.acme}/notes`, { body: 'Net 30' });
    assert.equal(n1.status, 201, JSON.stringify(n1.body));
    assert.equal(n2.status, 201, JSON.stringify(n2.body));
    assert.ok([200, 204].includes((await api.delete(`/v1/contacts/${ids.acme}/notes/${n1.body.id}`)).status));
    const q1 = await api.post('/v1/quotes', { contactId: ids.acme, exchangeRate: '1.35', lines: [{ description: 'Proposal', quantity: 1, unitPrice: '900.00' }] });
    assert.equal(q1.status, 201, JSON.stringify(q1.body));
    assert.equal((await api.post(`/v1/quotes/${q1.body.id}/send`, {})).status, 200);
    // a draft quote was never sent to the client
    assert.equal((await api.post('/v1/quotes', { contactId: ids.acme, exchangeRate: '1.35', lines: [{ description: 'Draft', quantity: 1, unitPrice: '1.00' }] })).status, 201);
    // notes: 2 added − 1 deleted = 1; quotes sent: 1; invoices sent: B = 1; receipts: none
    const counts = await eventually(async () => {
      const s = (await api.get(`/v1/contacts/${ids.acme}/summary`)).body;
      return s.counts?.notes === 1 && s.counts.quotes === 1 ? s.counts : undefined;
    }, 15_000, 'notes and quotes counted');
    assert.deepEqual(counts, { invoices: 1, quotes: 1, receipts: 0, notes: 1 });
  });

  it('keeps documents in another currency apart in the summary and statement, and counts them in sales through their rate', async () => {
    const t = await admin.post('/v1/tenants', { ...TORONTO_TENANT, name: 'Devises' }, { 'x-admin-token': stack.adminToken });
    const fx = apiClient(stack.url, t.body.apiKey);
    const a = await contact(fx, 'Amélie Cadieux');
    const b = await contact(fx, 'Bruno Ste-Marie');
    const line = (unitPrice: string) => [{ description: 'Travail', quantity: 1, unitPrice }];
    const cad = await sentInvoice(fx, { contactId: a, lines: line('100.00') }, '2026-05-01T10:00:00-04:00');
    // USD to a CAD client, at 1.35 CAD per USD
    const usd = await sentInvoice(fx, { contactId: a, currency: 'USD', exchangeRate: '1.35', lines: line('200.00') }, '2026-05-02T10:00:00-04:00');
    await sentInvoice(fx, { contactId: b, lines: line('300.00') }, '2026-05-03T10:00:00-04:00');
    assert.deepEqual([cad.total, usd.total], ['100.00', '200.00']);
    assert.equal((await fx.post(`/v1/invoices/${usd.id}/payments`, { amount: '50.00', paidAt: '2026-05-10T10:00:00-04:00', method: 'paypal' })).status, 201);

    // FY 2026 sales in CAD: Amélie 100.00 + 200.00 × 1.35 = 370.00; Bruno 300.00; tenant 670.00
    // 370.00 / 670.00 = 55.2238…% → "55.22"; 300.00 / 670.00 = 44.7761…% → "44.78"
    const s = await eventually(async () => {
      const r = (await fx.get(`/v1/contacts/${a}/summary?fiscalYear=2026`)).body;
      return r.salesShare === '55.22' && r.otherCurrencies?.[0]?.totalPaid === '50.00' ? r : undefined;
    }, 15_000, 'Amélie summary with the USD payment and Bruno in the tenant sales');
    assert.deepEqual([s.currency, s.moneyOwed, s.balance, s.totalInvoiced, s.totalPaid], ['CAD', '100.00', '100.00', '100.00', '0.00'], 'CAD documents only');
    // USD: 200.00 − 50.00 = 150.00 owed
    assert.deepEqual(s.otherCurrencies, [{ currency: 'USD', moneyOwed: '150.00', creditAvailable: '0.00', balance: '150.00', totalInvoiced: '200.00', totalPaid: '50.00' }]);
    assert.equal((await fx.get(`/v1/contacts/${b}/summary?fiscalYear=2026`)).body.salesShare, '44.78');

    const st = (await fx.get(`/v1/contacts/${a}/statement?from=2026-05-01&to=2026-05-31&currency=USD`)).body;
    assert.equal(st.currency, 'USD');
    assert.deepEqual(st.lines.map((l: { date: string; type: string; debit: string | null; credit: string | null; balance: string }) => [l.date, l.type, l.debit, l.credit, l.balance]), [
      ['2026-05-02', 'invoice', '200.00', null, '200.00'],
      ['2026-05-10', 'payment', null, '50.00', '150.00'],
    ]);
    assert.deepEqual([st.openingBalance, st.closingBalance], ['0.00', '150.00']);
    const inCad = (await fx.get(`/v1/contacts/${a}/statement?from=2026-05-01&to=2026-05-31`)).body;
    assert.deepEqual([inCad.currency, inCad.lines.length, inCad.closingBalance], ['CAD', 1, '100.00']);
    const bad = await fx.get(`/v1/contacts/${a}/statement?from=2026-05-01&to=2026-05-31&currency=XYZ`);
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].field, 'currency');
  });

  it('exposes the projection counters on /metrics', async () => {
    const res = await fetch(`http://127.0.0.1:${stack.ports.reporting}/metrics`);
    assert.equal(res.status, 200);
    const text = await res.text();
    const value = (name: string) => Number(new RegExp(`^carnet_reporting_events_${name}_total (\\d+)$`, 'm').exec(text)?.[1]);
    assert.ok(value('applied') > 20, text); // dozens of events in this file alone
    assert.equal(value('dead_lettered'), 0);
    assert.equal(value('retried'), 0);
  });
});
