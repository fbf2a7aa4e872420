import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { ClientStatement } from '../domain';
import { localDate } from '@carnet/calendar';
import { AGING_BUCKET_ORDER, DocumentLanguage, formatAmount, formatDate } from '@carnet/i18n';
import { STATEMENT_LABELS } from './statement-pdf.labels';

export interface StatementPdfInput {
  statement: ClientStatement;
  from: string;
  to: string;
  clientName: string;
  /** The business issuing the statement; null when reporting has not learnt it yet. */
  tenantName: string | null;
  language: DocumentLanguage;
  /** The tenant's time zone, for the date the figures are as of. */
  timezone: string;
}

// DejaVu Sans covers Latin with every accent, Greek, Cyrillic, Hebrew, Armenian, Georgian…; the
// PDF standard fonts cover none of those, so the TrueType files are embedded (as subsets).
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = join(FONT_DIR, 'DejaVuSans-Bold.ttf');

const MARGIN = 50;
const ROW = 16;
// x and width of each column on an A4 page (595 pt wide, 495 between the margins)
const COLUMNS = {
  date: { x: MARGIN, width: 65 },
  type: { x: 118, width: 70 },
  reference: { x: 191, width: 112 },
  debit: { x: 306, width: 78 },
  credit: { x: 387, width: 78 },
  balance: { x: 468, width: 77 },
} as const;

/** The statement as a PDF in the client's language, with its fonts embedded. */
export function renderStatementPdf(input: StatementPdfInput): Promise<Buffer> {
  const { statement, language } = input;
  const labels = STATEMENT_LABELS[language];
  const amount = (money: string | null) => (money === null ? '' : formatAmount(money, language));
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `${labels.title} — ${input.clientName}`, Author: input.tenantName ?? 'Carnet' }, lang: language });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);

  doc.font('bold').fontSize(18).text(labels.title);
  if (input.tenantName) doc.font('regular').fontSize(11).text(input.tenantName);
  doc.moveDown(0.5).font('regular').fontSize(10);
  doc.text(labels.field(labels.client, input.clientName));
  doc.text(labels.period(input.from, input.to));
  doc.text(labels.field(labels.currency, statement.currency));
  doc.moveDown();

  const row = (cells: Record<keyof typeof COLUMNS, string>, font: 'regular' | 'bold') => {
    if (doc.y + ROW > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    doc.font(font).fontSize(9);
    for (const [name, col] of Object.entries(COLUMNS) as Array<[keyof typeof COLUMNS, { x: number; width: number }]>) {
      const right = name === 'debit' || name === 'credit' || name === 'balance';
      doc.text(cells[name], col.x, y, { width: col.width, align: right ? 'right' : 'left', lineBreak: false, ellipsis: true });
    }
    doc.x = MARGIN;
    doc.y = y + ROW;
  };
  const blank = { date: '', type: '', reference: '', debit: '', credit: '', balance: '' };

  row(labels.columns, 'bold');
  row({ ...blank, date: input.from, reference: labels.openingBalance, balance: amount(statement.openingBalance) }, 'regular');
  for (const line of statement.lines) {
    row({
      date: line.date, type: labels.types[line.type], reference: line.reference ?? '',
      debit: amount(line.debit), credit: amount(line.credit), balance: amount(line.balance),
    }, 'regular');
  }
  if (statement.lines.length === 0) row({ ...blank, reference: labels.noLines }, 'regular');
  row({ ...blank, date: input.to, reference: labels.closingBalance, balance: amount(statement.closingBalance) }, 'bold');

  doc.moveDown();
  doc.font('bold').fontSize(11).text(labels.agingTitle, MARGIN);
  doc.font('regular').fontSize(9);
  for (const bucket of AGING_BUCKET_ORDER) {
    if (doc.y + ROW > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    doc.text(labels.aging[bucket], MARGIN, y, { width: 200, lineBreak: false });
    doc.text(amount(statement.aging[bucket]), MARGIN + 200, y, { width: 100, align: 'right', lineBreak: false });
    doc.x = MARGIN;
    doc.y = y + ROW;
  }
  if (statement.asOf) doc.moveDown().fontSize(8).text(labels.asOf(formatDate(localDate(statement.asOf, input.timezone), language)), MARGIN);
  doc.end();
  return done;
}
