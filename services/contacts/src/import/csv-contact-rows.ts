import { buildImportedContact, emptyDraft, type ContactDraft } from './build-imported-contact';
import { cleanLines, cleanText, sameText } from './clean-text';
import type { ImportedAddress, ImportIssue, ImportRow, ImportSource } from './contact-import-types';
import { isIdentityColumn, resolveCsvColumn, type AddressPart, type ColumnTarget } from './csv-column-map';
import { detectCsvSource } from './detect-csv-source';
import { normalizeHeader } from './normalize-header';
import type { CsvRow } from './read-csv-records';
import { unguardFormula } from '../export/spreadsheet-formula';

/**
 * Turns CSV records into contacts, one row at a time, once the header is known: which export it
 * is, which column means what, and the warnings about the file as a whole.
 */
export class CsvContactRows {
  readonly source: ImportSource;
  /** About the header: lines skipped before it, columns not imported. */
  readonly warnings: ImportIssue[] = [];
  private readonly documentExport: boolean;
  private readonly targets: (ColumnTarget | null)[];
  private readonly typeColumns: TypeColumns;
  private readonly headerLine: number;
  // Document exports only: one contact per distinct client, so the clients seen are remembered.
  private readonly seen = new Set<string>();
  private repeated = 0;

  constructor(header: CsvRow, preamble: string) {
    const headerText = header.cells.map((c) => c.trim());
    const headers = headerText.map(normalizeHeader);
    const { source, documentExport } = detectCsvSource(headers, preamble);
    const headerSet = new Set(headers);
    this.source = source;
    this.documentExport = documentExport;
    this.targets = headers.map((h) => resolveCsvColumn(h, source, headerSet));
    this.typeColumns = typeColumnIndexes(this.targets);
    this.headerLine = header.line;
    const skipped = preamble.split(/\r\n|\r|\n/).filter((l) => l.replace(/[,;\t"\s]/g, '') !== '').length;
    if (skipped > 0) this.warnings.push({ line: header.line, message: `${skipped} line(s) before the header row were skipped.` });
    const ignored = headerText.filter((h, i) => h !== '' && (this.targets[i] === null || this.targets[i]?.kind === 'ignore'));
    if (ignored.length > 0) this.warnings.push({ line: header.line, message: `Columns not imported: ${ignored.join(', ')}.` });
  }

  /**
   * How header-like a record is, for findCsvHeader: the number of columns recognised, or 0 if none
   * of them can identify a contact (so a title line or a data row never wins over the real header).
   */
  static scoreHeader(cells: string[]): number {
    const headers = cells.map(normalizeHeader);
    const set = new Set(headers);
    const targets = headers.map((h) => resolveCsvColumn(h, 'generic', set));
    if (!targets.some(isIdentityColumn)) return 0;
    return targets.filter((t) => t !== null).length;
  }

  /** A record with nothing but blank cells is no row at all. */
  static isBlank(row: CsvRow): boolean {
    return row.cells.every((c) => c.trim() === '');
  }

  toRow(row: CsvRow): ImportRow {
    const result: ImportRow = { line: row.line, contact: null, warnings: [], errors: [] };
    const built = buildImportedContact(rowToDraft(row.cells, this.targets, this.typeColumns), row.line);
    if (!built.contact) {
      // In an invoice or ledger export a line without a client (a cash line, a tax line) is normal.
      if (this.documentExport) result.warnings.push({ line: row.line, message: 'No client on this line; skipped.' });
      else result.errors.push({ line: row.line, message: built.error ?? 'This record cannot become a contact.' });
      return result;
    }
    if (this.documentExport) {
      // One contact per distinct client: invoices repeat their client on every line.
      const c = built.contact;
      const key = [c.name, c.email ?? '', c.companyName ?? ''].join('\u0000').toLowerCase();
      if (this.seen.has(key)) {
        this.repeated++;
        return result;
      }
      this.seen.add(key);
    }
    const extra = row.cells.slice(this.targets.length).filter((c) => c.trim() !== '').length;
    if (extra > 0) built.warnings.push(`${extra} cell(s) beyond the last named column were ignored.`);
    result.contact = built.contact;
    result.warnings.push(...built.warnings.map((message) => ({ line: row.line, message })));
    return result;
  }

  /** Known once every row was read: how a document export was folded into clients. */
  closingWarnings(): ImportIssue[] {
    if (!this.documentExport) return [];
    return [{
      line: this.headerLine,
      message:
        'This looks like an invoice or transaction export, not a contact list: one contact was taken per distinct client' +
        (this.repeated > 0 ? ` (${this.repeated} line(s) repeating a client were merged).` : '.'),
    }];
  }
}

interface TypeColumns {
  email: Map<number, number>;
  phone: Map<number, number>;
}

function typeColumnIndexes(targets: (ColumnTarget | null)[]): TypeColumns {
  const email = new Map<number, number>();
  const phone = new Map<number, number>();
  targets.forEach((t, i) => {
    if (t?.kind === 'emailType') email.set(t.slot, i);
    if (t?.kind === 'phoneType') phone.set(t.slot, i);
  });
  return { email, phone };
}

type AddressBlock = { rank: number; parts: Partial<Record<Exclude<AddressPart, 'line'>, string>>; lines: [number, string][] };

function rowToDraft(cells: string[], targets: (ColumnTarget | null)[], types: TypeColumns): ContactDraft {
  const draft = emptyDraft();
  const blocks = new Map<string, AddressBlock>();
  targets.forEach((target, i) => {
    // Cells are taken by position only: an empty cell stays empty, whatever its neighbours hold.
    // An apostrophe our own export put before a formula-like cell comes off (spreadsheet-formula.ts).
    const cell = unguardFormula(cells[i] ?? '');
    if (!target || cell.trim() === '') return;
    switch (target.kind) {
      case 'name':
        draft[target.field] ??= cleanText(cell);
        break;
      case 'email': {
        // Google marks the primary address's type with a leading "*" ("* Home").
        const type = target.slot === undefined ? undefined : cells[types.email.get(target.slot) ?? -1];
        const rank = type?.trim().startsWith('*') ? -1 : target.rank;
        draft.emails.push({ value: cell, rank, order: i });
        break;
      }
      case 'phone': {
        const type = target.slot === undefined ? undefined : cells[types.phone.get(target.slot) ?? -1];
        if (type && /fax|pager/i.test(type)) break;
        const rank = type?.trim().startsWith('*') ? -1 : target.rank;
        draft.phones.push({ value: cell, rank, order: i });
        break;
      }
      case 'address': {
        let block = blocks.get(target.block);
        if (!block) blocks.set(target.block, (block = { rank: target.blockRank, parts: {}, lines: [] }));
        if (target.part === 'line') block.lines.push([target.index ?? 0, cell]);
        else block.parts[target.part] ??= cell;
        break;
      }
      case 'language':
        draft.language ??= cleanText(cell);
        break;
      case 'currency':
        draft.currency ??= cleanText(cell);
        break;
      case 'color':
        draft.color ??= cleanText(cell);
        break;
      case 'paymentMethod':
        draft.paymentMethod ??= cleanText(cell);
        break;
      case 'paymentTerms':
        draft.paymentTerms ??= cleanText(cell);
        break;
      case 'status':
        draft.status ??= cleanText(cell);
        break;
      case 'emailType':
      case 'phoneType':
      case 'ignore':
        break;
    }
  });
  const names = [draft.first, draft.last, draft.fullName, draft.display, draft.company].filter((n): n is string => n !== null);
  draft.address = chooseAddress([...blocks.values()], names);
  return draft;
}

// One address is imported: the most wanted block (billing, then plain, work, home, other,
// shipping) that has anything in it. Parts are never mixed across blocks.
function chooseAddress(blocks: AddressBlock[], names: string[]): ImportedAddress {
  for (const block of blocks.sort((a, b) => a.rank - b.rank)) {
    const p = block.parts;
    const printed = block.lines
      .sort((a, b) => a[0] - b[0])
      .flatMap(([, text]) => cleanLines(text))
      // QuickBooks "Bill to" blocks start with the customer's name, which is not an address line.
      .filter((l) => !names.some((n) => sameText(n, l)));
    const street = cleanLines(p.street);
    const formatted = cleanLines(p.formatted);
    const extra = [...cleanLines(p.street2), ...cleanLines(p.street3)];
    const poBox = cleanText(p.poBox);
    const base = street.length > 0 ? street : formatted.length > 0 ? formatted : printed;
    const rest = [...base.slice(1), ...extra, ...(poBox ? [poBox] : [])];
    const line1 = base[0] ?? rest.shift() ?? null;
    const address: ImportedAddress = {
      line1,
      line2: rest.length > 0 ? rest.join(', ') : null,
      city: cleanText(p.city),
      region: cleanText(p.region),
      postalCode: cleanText(p.postalCode),
      country: cleanText(p.country),
    };
    if (Object.values(address).some((v) => v !== null)) return address;
  }
  return { line1: null, line2: null, city: null, region: null, postalCode: null, country: null };
}
