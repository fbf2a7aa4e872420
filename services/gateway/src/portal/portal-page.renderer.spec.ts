import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { escapeHtml, renderPortalError, renderPortalPage } from './portal-page.renderer';
import { PortalView } from './portal-view';

const view: PortalView = {
  language: 'fr',
  tenantName: 'Atelier Tremblay',
  timezone: 'America/Toronto',
  clientName: 'Élodie <Côté> & "fils"',
  companyName: null,
  balance: { currency: 'CAD', balance: '1184.85', moneyOwed: '1234.85', creditAvailable: '50.00', asOf: '2026-04-21T03:30:00.000Z' },
  otherBalances: [{ currency: 'USD', balance: '150.00', moneyOwed: '150.00', creditAvailable: '0.00' }],
  period: { from: '2026-04-01', to: '2026-04-30' },
  statement: {
    currency: 'CAD',
    openingBalance: '0.00',
    lines: [
      { date: '2026-04-02', type: 'invoice', reference: 'INV-000001', debit: '1334.85', credit: null, balance: '1334.85' },
      { date: '2026-04-15', type: 'payment', reference: 'REC-000001', debit: null, credit: '100.00', balance: '1234.85' },
    ],
    closingBalance: '1234.85',
    aging: { current: '1234.85', days1to30: '0.00', days31to60: '0.00', days61to90: '0.00', over90: '0.00' },
    asOf: '2026-04-21T03:30:00.000Z',
  },
  // sent 2026-04-03 01:30 UTC is still 2 April in Toronto (21:30 EDT)
  invoices: [{ number: 'INV-000001', status: 'partially_paid', currency: 'CAD', total: '1334.85', outstanding: '1234.85', sentAt: '2026-04-03T01:30:00.000Z', dueDate: '2026-05-02' }],
  quotes: [],
  receipts: [{ number: 'REC-000001', currency: 'CAD', amount: '100.00', paidAt: '2026-04-15T16:00:00.000Z', method: 'interac' }],
  pagePath: '/portal/abc.def',
};

describe('portal page', () => {
  it('escapes every character that could start markup', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('shows the balance, statement, invoices and receipts in French, with the client name escaped', () => {
    const html = renderPortalPage(view);
    assert.match(html, /^<!doctype html>\n<html lang="fr">/);
    assert.ok(html.includes('Bonjour Élodie &lt;Côté&gt; &amp; &quot;fils&quot;'));
    assert.ok(!html.includes('<Côté>'));
    // balance 1184.85 CAD in French: no-break space between thousands, decimal comma, then the code
    assert.ok(html.includes('<strong data-field="balance">1\u00a0184,85\u00a0CAD</strong>'));
    assert.ok(html.includes('<strong data-field="creditAvailable">50,00\u00a0CAD</strong>'));
    assert.ok(html.includes('<p data-currency="USD">Documents en USD — Solde 150,00\u00a0USD · Montant dû 150,00\u00a0USD · Crédit disponible 0,00\u00a0USD</p>'));
    assert.ok(html.includes('<td>2 avril 2026</td><td>Facture</td><td>INV-000001</td><td class="n">1\u00a0334,85\u00a0CAD</td>'));
    assert.ok(html.includes('<td>INV-000001</td><td>2 avril 2026</td><td>2 mai 2026</td>'), 'the invoice is dated in Toronto time');
    assert.ok(html.includes('<td>Payée en partie</td>'));
    assert.ok(html.includes('<td>REC-000001</td><td>15 avril 2026</td><td class="n">100,00\u00a0CAD</td><td>Virement Interac</td>'));
    assert.ok(html.includes('<h2 id="quotes">Devis</h2>\n<p>Aucun.</p>'));
    assert.ok(html.includes('href="/portal/abc.def/statement.pdf?from=2026-04-01&amp;to=2026-04-30"'));
    assert.ok(html.includes('Données à jour au 20 avril 2026'), 'asOf 03:30 UTC on the 21st is the 20th in Toronto');
    assert.ok(!/<script/i.test(html));
  });

  it('speaks English to an English client', () => {
    const html = renderPortalPage({ ...view, language: 'en' });
    assert.ok(html.includes('<strong data-field="balance">1,184.85\u00a0CAD</strong>'));
    assert.ok(html.includes('<td>April 2, 2026</td><td>Invoice</td>'));
    assert.ok(html.includes('Partially paid'));
  });

  it('explains an expired link in the language asked for', () => {
    assert.ok(renderPortalError('expired', 'fr').includes("Ce lien d&#39;espace client a expiré."));
    assert.ok(renderPortalError('invalid', 'en').includes('This client portal link is not valid.'));
  });
});
