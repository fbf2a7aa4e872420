// The whole product through the gateway, four services as separate processes on real Kafka and
// a real MongoDB-wire server. Every expected figure is worked out by hand in the comments.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { apiClient, eventually, RunningStack, sharedDir, startTestStack } from '@carnet/testing';

const TORONTO_TENANT = { name: 'Atelier Tremblay', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '04-01', defaultLanguage: 'fr' };

describe('walking skeleton, end to end', () => {
  let stack: RunningStack;
  let admin: ReturnType<typeof apiClient>;
  let api: ReturnType<typeof apiClient>;
  let other: ReturnType<typeof apiClient>;
  const ids: Record<string, string> = {};

  before(async () => {
    stack = await startTestStack('e2e');
    admin = apiClient(stack.url);
    const t = await admin.post('/v1/tenants', TORONTO_TENANT, { 'x-admin-token': stack.adminToken });
    assert.equal(t.status, 201, JSON.stringify(t.body));
    api = apiClient(stack.url, t.body.apiKey);
    const t2 = await admin.post('/v1/tenants', { ...TORONTO_TENANT, name: 'Someone Else' }, { 'x-admin-token': stack.adminToken });
    other = apiClient(stack.url, t2.body.apiKey);
  });

  after(async () => {
    await stack?.stop();
  });

  it('is healthy and refuses calls without a valid key or admin token', async () => {
    assert.equal((await admin.get('/health')).status, 200);
    assert.equal((await admin.get('/v1/contacts')).status, 401);
    assert.equal((await apiClient(stack.url, 'ck_wrong').get('/v1/contacts')).status, 401);
    const noAdmin = await admin.post('/v1/tenants', TORONTO_TENANT, { 'x-admin-token': 'not-the-token' });
    assert.equal(noAdmin.status, 401);
    assert.match(noAdmin.contentType, /application\/problem\+json/);
  });

  it('refuses a revoked key at once, also when requests with it were in flight during the revocation', async () => {
    for (let round = 0; round < 10; round++) {
      const issued = await api.post('/v1/tenant/api-keys', {});
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      const key = apiClient(stack.url, issued.body.apiKey);
      assert.equal((await key.get('/v1/tenant')).status, 200);
      // Requests with the key race its revocation; once the DELETE has answered, the key is dead.
      const [revoked] = await Promise.all([
        api.delete(`/v1/tenant/api-keys/${issued.body.id}`),
        ...Array.from({ length: 10 }, () => key.get('/v1/tenant')),
      ]);
      assert.equal(revoked.status, 204);
      assert.equal((await key.get('/v1/tenant')).status, 401, `round ${round}`);
    }
  });

  it('services refuse calls the gateway did not sign', async () => {
    const res = await fetch(`http://127.0.0.1:${stack.ports.contacts}/v1/contacts`);
    assert.equal(res.status, 401);
  });

  it('imports the real FreshBooks client export', async () => {
    const csv = readFileSync(join(sharedDir(), 'data', 'imports', 'freshbooks', 'freshbooks_clients.csv'));
    const r = await api.post('/v1/contacts/import', csv, { 'content-type': 'text/csv' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    // The file has two client rows: Marge Simpson and Scott Summer (X-Men).
    assert.equal(r.body.created, 2);
    assert.deepEqual(r.body.errors, []);
    const again = await api.post('/v1/contacts/import', csv, { 'content-type': 'text/csv' });
    assert.equal(again.body.created, 0);
    assert.equal(again.body.skipped.length, 2, 'existing emails are skipped, not duplicated');

    const list = await api.get('/v1/contacts?sort=name');
    assert.equal(list.status, 200);
    const marge = list.body.items.find((c: { email: string }) => c.email === 'marge@simpsons.com');
    const scott = list.body.items.find((c: { email: string }) => c.email === 'ssummers@xavierscool.edu');
    assert.ok(marge && scott, JSON.stringify(list.body));
    assert.equal(marge.billing.currency, 'CAD', 'no currency in the file: the tenant home currency');
    assert.equal(marge.billing.paymentTermsDays, 30);
    assert.equal(scott.companyName, 'X-Men');
    ids.marge = marge.id;
    ids.scott = scott.id;
  });

  it('validates input with problem+json and writes nothing on failure', async () => {
    const malformed = await api.call('POST', '/v1/contacts', '{"name": ', { 'content-type': 'application/json' });
    assert.equal(malformed.status, 400);
    assert.match(malformed.contentType, /problem\+json/);
    const invalid = await api.post('/v1/contacts', { name: '  ', email: 'a..b@example.com', color: 'blue', billing: { paymentTermsDays: 400 }, extra: 1 });
    assert.equal(invalid.status, 422);
    const fields = invalid.body.errors.map((e: { field: string }) => e.field).sort();
    assert.deepEqual(fields, ['billing.paymentTermsDays', 'color', 'email', 'extra', 'name']);
    const count = (await api.get('/v1/contacts?status=all')).body.items.length;
    assert.equal(count, 2, 'the refused contacts were not stored');
    assert.equal((await api.delete(`/v1/contacts/${ids.marge}`)).status, 405);
    assert.equal((await other.get(`/v1/contacts/${ids.marge}`)).status, 404, 'another tenant sees nothing');
    assert.equal((await api.get('/v1/contacts/00000000-0000-4000-8000-000000000000')).status, 404);
  });

  it('invoices with GST and QST, sent late on the last evening of the fiscal year', async () => {
    assert.equal((await api.post('/v1/tenant/taxes', { code: 'GST', name: 'TPS', rate: '5' })).status, 201);
    assert.equal((await api.post('/v1/tenant/taxes', { code: 'QST', name: 'TVQ', rate: '9.975' })).status, 201);
    const garbled = await api.post('/v1/invoices', { contactId: ids.marge, lines: [{ description: 'Design\u0000', quantity: 1, unitPrice: '1.00' }] });
    assert.equal(garbled.status, 422, 'control characters are refused in billing text too');
    assert.deepEqual(garbled.body.errors.map((e: { field: string }) => e.field), ['lines[0].description']);
    const inv = await api.post('/v1/invoices', {
      contactId: ids.marge,
      lines: [
        { description: 'Design', quantity: '2.25', unitPrice: '85.00', taxCodes: ['GST', 'QST'] },
        { description: 'Hosting', quantity: 3, unitPrice: '33.33', taxCodes: ['GST', 'QST'] },
      ],
    });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    // lines: 2.25 × 85.00 = 191.25 ; 3 × 33.33 = 99.99 ; subtotal 291.24
    // GST 5% of 291.24 = 14.562 → 14.56 ; QST 9.975% of 291.24 = 29.051190 → 29.05
    // total 291.24 + 14.56 + 29.05 = 334.85
    assert.equal(inv.body.status, 'draft');
    assert.equal(inv.body.subtotal, '291.24');
    assert.deepEqual(inv.body.taxes.map((t: { code: string; amount: string }) => [t.code, t.amount]), [['GST', '14.56'], ['QST', '29.05']]);
    assert.equal(inv.body.total, '334.85');
    assert.equal(inv.body.outstanding, '334.85');
    ids.inv1 = inv.body.id;
    // a draft can be edited, guarded by its version: 1 at creation, 2 after this edit
    assert.equal(inv.body.version, 1);
    const edited = await api.patch(`/v1/invoices/${ids.inv1}`, { dueDate: '2026-05-15' }, { 'if-match': '1' });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.version, 2);
    assert.equal((await api.patch(`/v1/invoices/${ids.inv1}`, { dueDate: '2026-05-16' }, { 'if-match': '1' })).status, 409, 'stale If-Match');
    assert.equal((await api.patch(`/v1/invoices/${ids.inv1}`, { dueDate: null }, { 'if-match': '2' })).status, 200, 'back to terms-based due date');

    // 2026-03-31 23:30 in Toronto (EDT, UTC−4) is 2026-04-01 03:30 UTC: still fiscal year 2025.
    const sent = await api.post(`/v1/invoices/${ids.inv1}/send`, { sentAt: '2026-03-31T23:30:00-04:00' });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.equal(sent.body.status, 'sent');
    assert.equal(sent.body.number, 'INV-000001');
    // due = 2026-03-31 (local sent date) + 30 days = 2026-04-30
    assert.equal(sent.body.dueDate, '2026-04-30');
    assert.equal((await api.post(`/v1/invoices/${ids.inv1}/send`, {})).status, 409, 'a sent invoice cannot be sent again');
    assert.equal((await api.patch(`/v1/invoices/${ids.inv1}`, { dueDate: '2026-05-01' })).status, 409, 'a sent invoice cannot be edited');
  });

  it('records a partial payment and a credit granted then applied', async () => {
    const pay = await api.post(`/v1/invoices/${ids.inv1}/payments`, { amount: '100.00', paidAt: '2026-04-15T12:00:00-04:00', method: 'cheque', reference: 'chq 42' });
    assert.equal(pay.status, 201, JSON.stringify(pay.body));
    assert.equal(pay.body.number, 'REC-000001');
    assert.equal(pay.body.amount, '100.00');
    const tooMuch = await api.post(`/v1/invoices/${ids.inv1}/payments`, { amount: '234.86', paidAt: '2026-04-16T12:00:00-04:00', method: 'cash' });
    assert.equal(tooMuch.status, 422, 'more than the 234.85 outstanding');

    const credit = await api.post(`/v1/contacts/${ids.marge}/credits`, { amount: '50.00', reason: 'Geste commercial', grantedAt: '2026-04-20T10:00:00-04:00' });
    assert.equal(credit.status, 201, JSON.stringify(credit.body));
    assert.equal(credit.body.amount, '50.00');
    assert.equal((await api.post(`/v1/invoices/${ids.inv1}/apply-credit`, { amount: '50.01' })).status, 422, 'more than the credit available');
    const applied = await api.post(`/v1/invoices/${ids.inv1}/apply-credit`, { amount: '30.00' });
    assert.equal(applied.status, 200, JSON.stringify(applied.body));
    // 334.85 − 100.00 paid − 30.00 credit = 204.85
    assert.equal(applied.body.amountPaid, '100.00');
    assert.equal(applied.body.creditApplied, '30.00');
    assert.equal(applied.body.outstanding, '204.85');
    assert.equal(applied.body.status, 'partially_paid');
    assert.equal((await api.post(`/v1/invoices/${ids.inv1}/void`, {})).status, 409, 'no void once paid');
  });

  it('settles a second invoice in 12 days, and invoices another client', async () => {
    const inv2 = await api.post('/v1/invoices', { contactId: ids.marge, lines: [{ description: 'Audit', quantity: 1, unitPrice: '100.00' }] });
    ids.inv2 = inv2.body.id;
    const s2 = await api.post(`/v1/invoices/${ids.inv2}/send`, { sentAt: '2026-05-01T10:00:00-04:00' });
    assert.equal(s2.body.number, 'INV-000002');
    const p2 = await api.post('/v1/payments', { contactId: ids.marge, amount: '100.00', paidAt: '2026-05-13T10:00:00-04:00', method: 'interac', allocations: [{ invoiceId: ids.inv2, amount: '100.00' }] });
    assert.equal(p2.status, 201, JSON.stringify(p2.body));
    assert.equal(p2.body.number, 'REC-000002');
    assert.equal((await api.get(`/v1/invoices/${ids.inv2}`)).body.status, 'paid');

    const inv3 = await api.post('/v1/invoices', { contactId: ids.scott, lines: [{ description: 'Mentoring', quantity: 1, unitPrice: '300.00' }] });
    await api.post(`/v1/invoices/${inv3.body.id}/send`, { sentAt: '2026-06-01T09:00:00-04:00' });
    // A voided invoice makes nobody active and is no sale.
    const inv4 = await api.post('/v1/invoices', { contactId: ids.scott, lines: [{ description: 'Cancelled', quantity: 1, unitPrice: '999.00' }] });
    await api.post(`/v1/invoices/${inv4.body.id}/send`, { sentAt: '2027-01-10T09:00:00-05:00' });
    const voided = await api.post(`/v1/invoices/${inv4.body.id}/void`, {});
    assert.equal(voided.body.status, 'void');

    // Archived contacts cannot be invoiced, but still count in reports.
    assert.equal((await api.post(`/v1/contacts/${ids.scott}/archive`, {})).body.status, 'archived');
    // Billing learns of the archive from contacts.events (eventually consistent, well under a second).
    const refused = await eventually(async () => {
      const r = await api.post('/v1/invoices', { contactId: ids.scott, lines: [{ description: 'x', quantity: 1, unitPrice: '1.00' }] });
      return r.status === 409 ? r : undefined;
    }, 5_000, 'billing refuses the archived contact');
    assert.equal(refused.body.code, 'CONTACT_ARCHIVED');
    assert.equal((await api.post('/v1/invoices', { contactId: '00000000-0000-4000-8000-000000000000', lines: [{ description: 'x', quantity: 1, unitPrice: '1.00' }] })).status, 404);
  });

  it('reports the exact summary', async () => {
    // all time, Marge: owed 204.85 (invoice 2 is paid); credit 50.00 − 30.00 = 20.00; balance 184.85
    // invoiced 334.85 + 100.00 = 434.85; paid 100.00 + 100.00 = 200.00
    // sales (pre-tax): Marge 291.24 + 100.00 = 391.24, Scott 300.00 (the 999.00 is void) → tenant 691.24
    // share = 391.24 / 691.24 = 56.5997…% → "56.60"; settled: invoice 2, 2026-05-01 → 2026-05-13 = 12 days
    // Reporting is eventually consistent: first wait until the last command of the scenario (the
    // void of Scott's 999.00 invoice) is projected; events of one client arrive in order.
    await eventually(async () => {
      const r = await api.get(`/v1/contacts/${ids.scott}/statement?from=2026-01-01&to=2027-12-31`);
      return r.status === 200 && r.body.lines.some((l: { type: string }) => l.type === 'void') ? true : undefined;
    }, 15_000, 'the void projected');
    const s = await eventually(async () => {
      const r = await api.get(`/v1/contacts/${ids.marge}/summary`);
      return r.status === 200 && r.body.counts.receipts === 2 && r.body.creditAvailable === '20.00' && r.body.salesShare === '56.60' ? r.body : undefined;
    }, 15_000, 'summary up to date');
    assert.deepEqual({ ...s, asOf: undefined }, {
      currency: 'CAD', moneyOwed: '204.85', creditAvailable: '20.00', balance: '184.85', totalInvoiced: '434.85', totalPaid: '200.00',
      salesShare: '56.60', averagePaymentDays: 12, counts: { invoices: 2, quotes: 0, receipts: 2, notes: 0 },
      lastInvoiceAt: '2026-05-01T14:00:00.000Z', asOf: undefined, otherCurrencies: [],
    });
    assert.ok(typeof s.asOf === 'string');
    // fiscal year 2025 (2025-04-01 … 2026-03-31): only invoice 1; its payment came in FY 2026
    const fy25 = (await api.get(`/v1/contacts/${ids.marge}/summary?fiscalYear=2025`)).body;
    assert.equal(fy25.totalInvoiced, '334.85');
    assert.equal(fy25.totalPaid, '0.00');
    assert.equal(fy25.salesShare, '100.00');
    assert.equal(fy25.averagePaymentDays, null);
    // fiscal year 2026: Marge 100.00 of 100.00 + 300.00 → 25.00%
    // (the void's invoice fact is written just after Scott's ledger: allow it a moment)
    const fy26 = await eventually(async () => {
      const r = (await api.get(`/v1/contacts/${ids.marge}/summary?fiscalYear=2026`)).body;
      return r.salesShare === '25.00' ? r : undefined;
    }, 5_000, 'FY 2026 share without the void');
    assert.equal(fy26.totalInvoiced, '100.00');
    assert.equal(fy26.totalPaid, '200.00');
    assert.equal(fy26.salesShare, '25.00');
    assert.equal(fy26.averagePaymentDays, 12);
    assert.equal((await other.get(`/v1/contacts/${ids.marge}/summary`)).status, 404);
  });

  it('reports the exact statement with aging', async () => {
    const st = await api.get(`/v1/contacts/${ids.marge}/statement?from=2026-03-01&to=2026-04-30`);
    assert.equal(st.status, 200, JSON.stringify(st.body));
    assert.equal(st.body.currency, 'CAD');
    assert.equal(st.body.openingBalance, '0.00');
    assert.deepEqual(st.body.lines, [
      { date: '2026-03-31', type: 'invoice', reference: 'INV-000001', debit: '334.85', credit: null, balance: '334.85' },
      { date: '2026-04-15', type: 'payment', reference: 'REC-000001', debit: null, credit: '100.00', balance: '234.85' },
      { date: '2026-04-20', type: 'credit', reference: 'Geste commercial', debit: null, credit: '50.00', balance: '184.85' },
    ]);
    // 334.85 − 100.00 − 50.00 = 184.85 (applying credit moves no balance)
    assert.equal(st.body.closingBalance, '184.85');
    // at 2026-04-30 invoice 1 is due that very day → current; the credit was applied later (today)
    assert.deepEqual(st.body.aging, { current: '234.85', days1to30: '0.00', days31to60: '0.00', days61to90: '0.00', over90: '0.00' });

    // From 2026-04-16: opening = 334.85 − 100.00 = 234.85. At 2026-06-15 invoice 1 is
    // 46 days past due (April 30 → June 15: 15 + 31 = 46) → 31–60.
    const later = (await api.get(`/v1/contacts/${ids.marge}/statement?from=2026-04-16&to=2026-06-15`)).body;
    assert.equal(later.openingBalance, '234.85');
    // lines: credit 50.00 (04-20) → 184.85; invoice 2 100.00 (05-01) → 284.85; payment 100.00 (05-13) → 184.85
    assert.deepEqual(later.lines.map((l: { type: string; balance: string }) => [l.type, l.balance]), [['credit', '184.85'], ['invoice', '284.85'], ['payment', '184.85']]);
    assert.equal(later.closingBalance, '184.85');
    assert.equal(later.aging.days31to60, '234.85');
    assert.equal(later.aging.current, '0.00');
    assert.equal((await api.get(`/v1/contacts/${ids.marge}/statement?from=2026-05-01&to=2026-04-01`)).status, 422);
  });

  it('counts active clients per fiscal year in the tenant time zone', async () => {
    // FY 2025 = 2025-04-01 … 2026-03-31: Marge (invoice sent 2026-03-31 23:30 Toronto) → 1
    const fy25 = (await api.get('/v1/reports/active-clients?fiscalYear=2025&include=contacts')).body;
    assert.equal(fy25.from, '2025-04-01');
    assert.equal(fy25.to, '2026-03-31');
    assert.equal(fy25.count, 1);
    assert.equal(fy25.contacts[0].contactId, ids.marge);
    assert.equal(fy25.contacts[0].invoiceId, ids.inv1);
    // FY 2026: Marge (invoice 2) and Scott (archived, still counts; his voided invoice does not) → 2
    const fy26 = (await api.get('/v1/reports/active-clients?fiscalYear=2026')).body;
    assert.equal(fy26.count, 2);
    assert.equal((await api.get('/v1/reports/active-clients?fiscalYear=2024')).body.count, 0);
    assert.equal((await other.get('/v1/reports/active-clients?fiscalYear=2026')).body.count, 0);
    assert.equal((await api.get('/v1/reports/active-clients?fiscalYear=abc')).status, 422);
  });
});
