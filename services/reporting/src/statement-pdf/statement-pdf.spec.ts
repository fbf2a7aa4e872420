import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { PDFParse } from 'pdf-parse';
import { ClientStatement } from '../domain';
import { renderStatementPdf } from './statement-pdf.renderer';

async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

const statement: ClientStatement = {
  currency: 'CAD',
  openingBalance: '0.00',
  lines: [
    { date: '2026-03-31', type: 'invoice', reference: 'INV-000001', debit: '1334.85', credit: null, balance: '1334.85' },
    { date: '2026-04-15', type: 'payment', reference: 'REC-000001', debit: null, credit: '100.00', balance: '1234.85' },
    { date: '2026-04-20', type: 'credit', reference: 'Geste commercial', debit: null, credit: '50.00', balance: '1184.85' },
  ],
  closingBalance: '1184.85',
  aging: { current: '1184.85', days1to30: '0.00', days31to60: '0.00', days61to90: '0.00', over90: '0.00' },
  asOf: '2026-04-20T14:00:00.000Z',
};

describe('renderStatementPdf', () => {
  it('writes a French statement with accented and non-Latin names as real text', async () => {
    const pdf = await renderStatementPdf({
      statement, from: '2026-03-01', to: '2026-04-30', clientName: 'Élodie Côté-Þórsdóttir · Дмитрий Ψαράς', tenantName: 'Atelier Tremblay', language: 'fr', timezone: 'America/Toronto',
    });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = (await pdfText(pdf)).replace(/\u00a0/g, ' ');
    for (const expected of [
      'Relevé de compte', 'Atelier Tremblay', 'Élodie Côté-Þórsdóttir · Дмитрий Ψαράς', 'Période du 2026-03-01 au 2026-04-30',
      "Solde d'ouverture", 'Solde de clôture', 'Référence', 'Débit', 'Crédit', 'Facture', 'Paiement', 'Geste commercial',
      'Échéancier des montants dus', 'Plus de 90 jours', '1 334,85', '1 184,85',
      // asOf 2026-04-20T14:00Z is 10:00 EDT on 20 April in Toronto
      'Données à jour au 20 avril 2026',
    ]) {
      assert.ok(text.includes(expected), `"${expected}" in:\n${text}`);
    }
    assert.ok(!text.includes('Statement of account'));
  });

  it('writes English labels and numbers for an English client', async () => {
    const pdf = await renderStatementPdf({ statement, from: '2026-03-01', to: '2026-04-30', clientName: 'Zoë Smith', tenantName: null, language: 'en', timezone: 'Pacific/Auckland' });
    const text = await pdfText(pdf);
    // asOf 2026-04-20T14:00Z is 02:00 on 21 April in Auckland (NZST, UTC+12)
    for (const expected of ['Statement of account', 'Client: Zoë Smith', 'Opening balance', 'Closing balance', 'Invoice', 'Payment', 'Over 90 days', '1,334.85', 'Data as of April 21, 2026']) {
      assert.ok(text.includes(expected), `"${expected}" in:\n${text}`);
    }
  });

  it('continues on a new page when the lines do not fit on one', async () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ ...statement.lines[1], reference: `REC-${String(i + 1).padStart(6, '0')}` }));
    const pdf = await renderStatementPdf({ statement: { ...statement, lines: many }, from: '2026-03-01', to: '2026-04-30', clientName: 'Acme', tenantName: null, language: 'en', timezone: 'UTC' });
    const text = await pdfText(pdf);
    assert.ok(text.includes('REC-000001') && text.includes('REC-000120'), 'first and last lines are there');
    assert.ok(/-- 3 of 3 --/.test(text), 'about 45 rows a page: 120 lines + headings take 3 pages');
  });
});
