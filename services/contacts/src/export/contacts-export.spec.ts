// An export read back by the contact import gives the same contacts, in both formats.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ContactView } from '../contact/contact.view';
import { ImportedContact, parseContactImport } from '../import';
import { writeContactsCsv } from './contacts-csv.writer';
import { writeContactsVCard } from './contacts-vcard.writer';

const contact = (over: Partial<ContactView> & Pick<ContactView, 'id' | 'name'>): ContactView => ({
  email: null, companyName: null, phone: null, color: null,
  billing: { address: { line1: null, line2: null, city: null, region: null, postalCode: null, country: null }, language: null, currency: 'CAD', paymentMethod: null, paymentTermsDays: 30 },
  status: 'active', createdAt: '2026-01-01T00:00:00.000Z', archivedAt: null, version: 1, ...over,
});

const CONTACTS: ContactView[] = [
  contact({
    id: 'c1', name: 'Zoé Tremblay-Ouellet', email: "zoe.o'neil+factures@example.ca", companyName: 'Ateliers "Zoé", Fils & Cie; Québec',
    phone: '+1 514-555-0199', color: '#33AA77',
    billing: {
      address: { line1: '1234, rue Saint-Denis', line2: 'Bureau 5; porte "B"', city: 'Montréal', region: 'QC', postalCode: 'H2X 3K4', country: 'Canada' },
      language: 'fr-CA', currency: 'CAD', paymentMethod: 'interac', paymentTermsDays: 15,
    },
  }),
  // A company known by its own name: the company field is kept even though it repeats the name.
  contact({ id: 'c2', name: 'Ørsted Æblegård A/S', companyName: 'Ørsted Æblegård A/S', billing: { address: { line1: null, line2: null, city: 'København', region: null, postalCode: null, country: 'DK' }, language: 'da', currency: 'DKK', paymentMethod: 'bank_transfer', paymentTermsDays: 0 } }),
  contact({ id: 'c3', name: 'Ōtani 大谷 Shōhei, Jr.', email: 'OTANI@Example.JP', status: 'archived', archivedAt: '2026-02-01T00:00:00.000Z', billing: { address: { line1: null, line2: null, city: null, region: null, postalCode: null, country: null }, language: 'ja', currency: 'JPY', paymentMethod: null, paymentTermsDays: 365 } }),
];

async function text(chunks: AsyncGenerator<string>): Promise<string> {
  let s = '';
  for await (const c of chunks) s += c;
  return s;
}

// What the import can give back: every field of the contact but its identity, status and dates.
const profileOf = (c: ContactView) => ({
  name: c.name, email: c.email, companyName: c.companyName, phone: c.phone, color: c.color, address: c.billing.address,
  language: c.billing.language, currency: c.billing.currency, paymentMethod: c.billing.paymentMethod, paymentTermsDays: c.billing.paymentTermsDays,
});
const importedProfile = (c: ImportedContact) => ({
  name: c.name, email: c.email, companyName: c.companyName, phone: c.phone, color: c.color, address: c.address,
  language: c.language, currency: c.currency, paymentMethod: c.paymentMethod, paymentTermsDays: c.paymentTermsDays,
});

describe('contact export', () => {
  it('writes CSV the import reads back into the same contacts', async () => {
    const csv = await text(writeContactsCsv(CONTACTS));
    assert.ok(csv.startsWith('\uFEFFName,Email,Company,'), 'UTF-8 BOM then the header');
    // a field with a quote, comma or semicolon is quoted, its quotes doubled
    assert.ok(csv.includes('"Ateliers ""Zoé"", Fils & Cie; Québec"'), csv);
    assert.equal(csv.split('\r\n').length, 1 + 3 + 1, 'header, three records, and the final CRLF');
    const parsed = parseContactImport(Buffer.from(csv, 'utf8'), 'text/csv');
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.contacts.map(importedProfile), CONTACTS.map(profileOf));
  });

  it('guards cells a spreadsheet would run as formulas, and the import takes the guard off', async () => {
    const risky = [
      contact({ id: 'f1', name: '=HYPERLINK("http://evil.example","Cliquez")', companyName: '@SUM(A1:A9)', phone: '+1 514-555-0100' }),
      contact({ id: 'f2', name: '-2+3 Studio', companyName: '+cmd|calc', phone: '-12.50' }),
      contact({ id: 'f3', name: "'=already quoted", companyName: "l'Atelier" }),
    ];
    const csv = await text(writeContactsCsv(risky));
    const [, f1, f2, f3] = csv.split('\r\n');
    // formula-like text gets an apostrophe in front; a phone number or a plain number does not
    assert.ok(f1!.startsWith(`"'=HYPERLINK(""http://evil.example"",""Cliquez"")",,'@SUM(A1:A9),+1 514-555-0100,`), f1);
    assert.ok(f2!.startsWith(`'-2+3 Studio,,'+cmd|calc,-12.50,`), f2);
    // a name that already starts with an apostrophe and = keeps it, behind a guard of its own
    assert.ok(f3!.startsWith(`''=already quoted,,l'Atelier,`), f3);
    const parsed = parseContactImport(Buffer.from(csv, 'utf8'), 'text/csv');
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.contacts.map(importedProfile), risky.map(profileOf));
  });

  it('writes vCard 3.0 the import reads back into the same contacts', async () => {
    const vcf = await text(writeContactsVCard(CONTACTS));
    assert.equal(vcf.match(/^BEGIN:VCARD\r$/gm)?.length, 3);
    // 75 octets at most per physical line, folded lines start with a space
    for (const line of vcf.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
    assert.ok(vcf.includes('ORG:Ateliers "Zoé"\\, Fils & Cie\\; Québec'), vcf);
    const parsed = parseContactImport(Buffer.from(vcf, 'utf8'), 'text/vcard');
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.contacts.map(importedProfile), CONTACTS.map(profileOf));
  });

  it('folds long lines without cutting a character in two', async () => {
    // 60 × "é" = 120 octets: "FN:" (3) + 36 é (72) = 75, then " " (1) + 24 é (48) on the next line
    const vcf = await text(writeContactsVCard([contact({ id: 'c9', name: 'é'.repeat(60) })]));
    const fn = vcf.split('\r\n').filter((l) => l.startsWith('FN:') || (l.startsWith(' ') && l.includes('é')));
    assert.deepEqual(fn, [`FN:${'é'.repeat(36)}`, ` ${'é'.repeat(24)}`]);
    assert.equal(parseContactImport(Buffer.from(vcf, 'utf8')).contacts[0]?.name, 'é'.repeat(60));
  });

  it('writes only the header for a tenant with no contacts', async () => {
    assert.equal(await text(writeContactsCsv([])), '\uFEFFName,Email,Company,Phone,Color,Address Line 1,Address Line 2,City,Region,Postal Code,Country,Language,Currency,Payment Method,Payment Terms Days,Status,Created At,Archived At,Id\r\n');
  });
});
