// The client portal through the gateway: a signed, expiring, read-only link to one contact's page
// (balance, statement, invoices, quotes, receipts) and statement PDF, in the contact's language.
// Every expected figure is worked out by hand in the comments.
import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { apiClient, eventually, RunningStack, startTestStack } from '@carnet/testing';
import { pdfText } from './pdf-text';

type Api = ReturnType<typeof apiClient>;

const TENANT = { name: 'Atelier Tremblay', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '04-01', defaultLanguage: 'en' };

// The token format, written out independently of the gateway's code: base64url JSON claims, a dot,
// and the HMAC-SHA256 of "portal." + claims under the portal secret.
function handMadeToken(secret: string, claims: { v: number; t: string; c: string; e: number }): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${createHmac('sha256', secret).update(`portal.${payload}`).digest('base64url')}`;
}

describe('client portal', () => {
  let stack: RunningStack;
  let api: Api;
  let other: Api;
  let tenantId: string;
  let contactId: string;
  let portalUrl: string;
  let quoteNumber: string;

  before(async () => {
    stack = await startTestStack('portal');
    const admin = apiClient(stack.url);
    const t = await admin.post('/v1/tenants', TENANT, { 'x-admin-token': stack.adminToken });
    assert.equal(t.status, 201, JSON.stringify(t.body));
    tenantId = t.body.id;
    api = apiClient(stack.url, t.body.apiKey);
    other = apiClient(stack.url, (await admin.post('/v1/tenants', { ...TENANT, name: 'Someone Else' }, { 'x-admin-token': stack.adminToken })).body.apiKey);
    assert.equal((await api.post('/v1/tenant/taxes', { code: 'GST', name: 'TPS', rate: '5' })).status, 201);

    const c = await api.post('/v1/contacts', { name: 'Zoë Lévesque-Ngô', companyName: 'Café Ôtez', billing: { language: 'fr-CA', paymentTermsDays: 30 } });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    contactId = c.body.id;
    // 3 h × 150.00 = 450.00; GST 5 % of 450.00 = 22.50; total 472.50
    const inv = await api.post('/v1/invoices', { contactId, lines: [{ description: 'Conception graphique', quantity: 3, unitPrice: '150.00', taxCodes: ['GST'] }] });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    const sent = await api.post(`/v1/invoices/${inv.body.id}/send`, {});
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.equal(sent.body.total, '472.50');
    // 472.50 − 100.00 paid = 372.50 outstanding
    const pay = await api.post(`/v1/invoices/${inv.body.id}/payments`, { amount: '100.00', paidAt: new Date().toISOString(), method: 'interac' });
    assert.equal(pay.status, 201, JSON.stringify(pay.body));
    assert.equal((await api.post(`/v1/contacts/${contactId}/credits`, { amount: '20.00', reason: 'Geste commercial' })).status, 201);
    // A draft is the business's work in progress: the client never sees it (77.77 appears nowhere else).
    assert.equal((await api.post('/v1/invoices', { contactId, lines: [{ description: 'Brouillon', quantity: 1, unitPrice: '77.77', taxCodes: [] }] })).status, 201);
    const quote = await api.post('/v1/quotes', { contactId, lines: [{ description: 'Logo', quantity: 1, unitPrice: '300.00', taxCodes: ['GST'] }] });
    assert.equal(quote.status, 201, JSON.stringify(quote.body));
    const quoteSent = await api.post(`/v1/quotes/${quote.body.id}/send`, {});
    assert.equal(quoteSent.status, 200, JSON.stringify(quoteSent.body));
    quoteNumber = quoteSent.body.number;
    // balance = owed 372.50 − credit available 20.00 = 352.50, once reporting has it
    await eventually(async () => {
      const s = await api.get(`/v1/contacts/${contactId}/summary`);
      return s.status === 200 && s.body.balance === '352.50' ? s.body : undefined;
    }, 15_000, 'the summary balance 352.50');
  });

  after(async () => {
    await stack?.stop();
  });

  it('hands out a link that expires after the days asked for', async () => {
    const before = Date.now();
    const r = await api.post(`/v1/contacts/${contactId}/portal-links`, { expiresInDays: 7 });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.match(r.body.url, new RegExp(`^${stack.url}/portal/[\\w-]+\\.[\\w-]+$`));
    const expires = Date.parse(r.body.expiresAt);
    // 7 days = 7 × 86,400,000 ms after the call, give or take its duration, in whole seconds (as the token keeps it)
    assert.equal(expires % 1000, 0);
    assert.ok(expires >= Math.floor((before + 7 * 86_400_000) / 1000) * 1000 && expires <= Date.now() + 7 * 86_400_000, r.body.expiresAt);
    portalUrl = r.body.url;
    const byDefault = await api.post(`/v1/contacts/${contactId}/portal-links`, {});
    assert.equal(byDefault.status, 201);
    assert.ok(Math.abs(Date.parse(byDefault.body.expiresAt) - (Date.now() + 30 * 86_400_000)) < 60_000, 'defaults to 30 days');
  });

  it('refuses bad lifetimes, other tenants and unknown contacts, without a key too', async () => {
    for (const expiresInDays of [0, 366, 1.5, '7']) {
      const r = await api.post(`/v1/contacts/${contactId}/portal-links`, { expiresInDays });
      assert.equal(r.status, 422, `${expiresInDays}: ${JSON.stringify(r.body)}`);
      assert.match(r.contentType, /problem\+json/);
      assert.equal(r.body.errors[0].field, 'expiresInDays');
    }
    assert.equal((await api.post(`/v1/contacts/${contactId}/portal-links`, { expiresIn: 7 })).status, 422);
    assert.equal((await other.post(`/v1/contacts/${contactId}/portal-links`, {})).status, 404);
    assert.equal((await api.post('/v1/contacts/00000000-0000-4000-8000-000000000000/portal-links', {})).status, 404);
    assert.equal((await apiClient(stack.url).post(`/v1/contacts/${contactId}/portal-links`, {})).status, 401);
  });

  it('shows the client, in French, what they owe and every sent document, and nothing else', async () => {
    const res = await fetch(portalUrl);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    const html = (await res.text()).replace(/\u00a0/g, ' ');
    assert.ok(html.includes('<html lang="fr">'));
    assert.ok(html.includes('Bonjour Zoë Lévesque-Ngô'));
    assert.ok(html.includes('<strong data-field="balance">352,50 CAD</strong>'), 'balance 372.50 − 20.00');
    assert.ok(html.includes('<strong data-field="moneyOwed">372,50 CAD</strong>'), 'owed 472.50 − 100.00');
    assert.ok(html.includes('<strong data-field="creditAvailable">20,00 CAD</strong>'));
    assert.ok(html.includes('<td>INV-000001</td>'));
    assert.ok(html.includes('<td class="n">472,50 CAD</td><td class="n">372,50 CAD</td><td>Payée en partie</td>'));
    assert.ok(html.includes('<td>REC-000001</td>'));
    assert.ok(html.includes(`<td>${quoteNumber}</td>`));
    assert.ok(!html.includes('77,77'), 'the draft stays hidden');
    // statement of the fiscal year so far: 472.50 invoice, −100.00 payment, −20.00 credit → 352.50
    assert.ok(html.includes('<td>Facture</td><td>INV-000001</td><td class="n">472,50 CAD</td><td class="n"></td><td class="n">472,50 CAD</td>'));
    assert.ok(html.includes('<td>Paiement</td><td>REC-000001</td><td class="n"></td><td class="n">100,00 CAD</td><td class="n">372,50 CAD</td>'));
    assert.ok(html.includes('<strong>352,50 CAD</strong>'), 'closing balance');
  });

  it('serves the statement PDF in French', async () => {
    const res = await fetch(`${portalUrl}/statement.pdf`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const text = await pdfText(Buffer.from(await res.arrayBuffer()));
    assert.ok(text.includes('Relevé de compte'), text);
    assert.ok(text.includes('Zoë Lévesque-Ngô'), text);
    assert.ok(text.includes('352,50'), text);
  });

  it('takes another period, and refuses one that is not made of dates', async () => {
    // before the invoice: nothing happened, opening = closing = 0.00
    const empty = await fetch(`${portalUrl}?from=2020-01-01&to=2020-12-31`);
    assert.equal(empty.status, 200);
    const html = (await empty.text()).replace(/\u00a0/g, ' ');
    assert.ok(html.includes('Aucun mouvement pendant la période.'));
    assert.ok(html.includes('<strong>0,00 CAD</strong>'));
    const bad = await fetch(`${portalUrl}?from=2026-02-31`);
    assert.equal(bad.status, 422);
    assert.equal(((await bad.json()) as { errors: Array<{ field: string }> }).errors[0]!.field, 'from');
  });

  it('opens for nobody else: a changed, foreign or expired token does not open, and nothing can be written', async () => {
    const token = portalUrl.slice(portalUrl.lastIndexOf('/') + 1);
    const [payload, signature] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const widened = Buffer.from(JSON.stringify({ ...claims, e: claims.e + 365 * 86_400 })).toString('base64url');
    assert.equal((await fetch(`${stack.url}/portal/${widened}.${signature}`)).status, 404);
    assert.equal((await fetch(`${stack.url}/portal/${handMadeToken('not-the-secret-at-all', claims)}`)).status, 404);
    const page = await fetch(`${stack.url}/portal/garbage`, { headers: { accept: 'text/html', 'accept-language': 'fr-CA,fr;q=0.9' } });
    assert.equal(page.status, 404);
    assert.ok((await page.text()).includes("Ce lien d&#39;espace client n&#39;est pas valide."));
    // signed with the real secret but expired a minute ago: 410 Gone
    const expired = handMadeToken(stack.portalSecret, { v: 1, t: tenantId, c: contactId, e: Math.floor(Date.now() / 1000) - 60 });
    const gone = await fetch(`${stack.url}/portal/${expired}`);
    assert.equal(gone.status, 410);
    assert.match(gone.headers.get('content-type') ?? '', /problem\+json/);
    assert.equal((await fetch(`${stack.url}/portal/${expired}/statement.pdf`)).status, 410);
    // the same hand-made token, still valid, opens: the format above is the one the gateway signs
    const valid = handMadeToken(stack.portalSecret, { v: 1, t: tenantId, c: contactId, e: Math.floor(Date.now() / 1000) + 60 });
    assert.equal((await fetch(`${stack.url}/portal/${valid}`)).status, 200);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const r = await fetch(portalUrl, { method });
      assert.equal(r.status, 405, method);
      assert.equal(r.headers.get('allow'), 'GET, HEAD');
    }
    assert.equal((await fetch(`${portalUrl}/invoices`)).status, 404);
  });
});
