import { ContactView } from '../contact/contact.view';
import { guardFormula } from './spreadsheet-formula';

// Header names the contact import recognises, so an export imports back into the same contacts.
const COLUMNS: Array<[string, (c: ContactView) => string | number | null]> = [
  ['Name', (c) => c.name],
  ['Email', (c) => c.email],
  ['Company', (c) => c.companyName],
  ['Phone', (c) => c.phone],
  ['Color', (c) => c.color],
  ['Address Line 1', (c) => c.billing.address.line1],
  ['Address Line 2', (c) => c.billing.address.line2],
  ['City', (c) => c.billing.address.city],
  ['Region', (c) => c.billing.address.region],
  ['Postal Code', (c) => c.billing.address.postalCode],
  ['Country', (c) => c.billing.address.country],
  ['Language', (c) => c.billing.language],
  ['Currency', (c) => c.billing.currency],
  ['Payment Method', (c) => c.billing.paymentMethod],
  ['Payment Terms Days', (c) => c.billing.paymentTermsDays],
  ['Status', (c) => c.status],
  ['Created At', (c) => c.createdAt],
  ['Archived At', (c) => c.archivedAt],
  ['Id', (c) => c.id],
];

// RFC 4180: quote a field holding a quote, a comma, a line break or edge spaces; double its quotes.
function field(v: string | number | null): string {
  const s = v === null ? '' : guardFormula(String(v));
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * CSV of contacts (RFC 4180, CRLF, UTF-8 with a BOM so spreadsheets read accents right),
 * one chunk per record so a large tenant streams in bounded memory.
 */
export async function* writeContactsCsv(contacts: AsyncIterable<ContactView> | Iterable<ContactView>): AsyncGenerator<string> {
  yield '\uFEFF' + COLUMNS.map(([name]) => name).join(',') + '\r\n';
  for await (const c of contacts) yield COLUMNS.map(([, get]) => field(get(c))).join(',') + '\r\n';
}
