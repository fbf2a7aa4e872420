// A command stored by billing whose answer never reached the gateway (billing crashed in between)
// is retried with the same Idempotency-Key: billing must answer with what it already did, not do
// it twice. The gateway forgets a key whose first attempt got no answer, so the retry reaches
// billing; here the retry is sent to billing directly, signed as the gateway signs it.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { signTenantContext, TenantContext } from '@carnet/http';
import { apiClient, eventually, RunningStack, startTestStack } from '@carnet/testing';

describe('billing answers a retried command with what it already did', () => {
  let stack: RunningStack;
  let api: ReturnType<typeof apiClient>;
  let context: TenantContext;
  let contactId: string;
  let invoiceId: string;

  // What the gateway sends to billing for this tenant, with an Idempotency-Key.
  const direct = async (path: string, body: unknown, key: string) => {
    const res = await fetch(`http://127.0.0.1:${stack.ports.billing}${path}`, {
      method: 'POST',
      headers: { ...signTenantContext(context, stack.internalSecret), 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  before(async () => {
    stack = await startTestStack('e2eidem');
    const admin = apiClient(stack.url);
    const settings = { name: 'Retry Ltd', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '01-01', defaultLanguage: 'en' };
    const t = await admin.post('/v1/tenants', settings, { 'x-admin-token': stack.adminToken });
    api = apiClient(stack.url, t.body.apiKey);
    context = { tenantId: t.body.id, homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '01-01', defaultLanguage: 'en', actor: 'test', correlationId: randomUUID() };
    contactId = (await api.post('/v1/contacts', { name: 'Retry Client' })).body.id;
    // billing learns of the contact from contacts.events
    const inv = await eventually(async () => {
      const r = await api.post('/v1/invoices', { contactId, lines: [{ description: 'Work', quantity: 1, unitPrice: '100.00' }] });
      return r.status === 201 ? r.body : undefined;
    }, 10_000, 'invoice created');
    invoiceId = inv.id;
    assert.equal((await api.post(`/v1/invoices/${invoiceId}/send`, { sentAt: '2026-06-01T10:00:00-04:00' })).status, 200);
  });

  after(async () => {
    await stack?.stop();
  });

  it('records a payment once, and gives the same receipt to the retry', async () => {
    const payment = { amount: '40.00', paidAt: '2026-06-05T10:00:00-04:00', method: 'cheque' };
    const first = await direct(`/v1/invoices/${invoiceId}/payments`, payment, 'pay-once');
    const retry = await direct(`/v1/invoices/${invoiceId}/payments`, payment, 'pay-once');
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(retry.status, 201, JSON.stringify(retry.body));
    assert.equal(retry.body.id, first.body.id);
    assert.equal(retry.body.number, first.body.number);
    // 100.00 − 40.00 once = 60.00 (not 20.00)
    const inv = (await api.get(`/v1/invoices/${invoiceId}`)).body;
    assert.equal(inv.amountPaid, '40.00');
    assert.equal(inv.outstanding, '60.00');
    // another key is another payment: 60.00 − 40.00 = 20.00
    await direct(`/v1/invoices/${invoiceId}/payments`, payment, 'pay-twice');
    assert.equal((await api.get(`/v1/invoices/${invoiceId}`)).body.outstanding, '20.00');
  });

  it('creates an invoice and grants a credit once per key', async () => {
    const draft = { contactId, lines: [{ description: 'Extra', quantity: 2, unitPrice: '10.00' }] };
    const a = await direct('/v1/invoices', draft, 'inv-once');
    const b = await direct('/v1/invoices', draft, 'inv-once');
    assert.equal(a.status, 201);
    assert.equal(b.body.id, a.body.id);
    const credit = { amount: '5.00', reason: 'sorry' };
    const c1 = await direct(`/v1/contacts/${contactId}/credits`, credit, 'credit-once');
    const c2 = await direct(`/v1/contacts/${contactId}/credits`, credit, 'credit-once');
    assert.equal(c2.body.id, c1.body.id);
    const credits = (await api.get(`/v1/contacts/${contactId}/credits`)).body.items;
    assert.equal(credits.length, 1, 'one credit of 5.00, not two');
    const drafts = (await api.get(`/v1/invoices?contactId=${contactId}&status=draft`)).body.items;
    assert.equal(drafts.length, 1, 'one extra draft, not two');
  });
});
