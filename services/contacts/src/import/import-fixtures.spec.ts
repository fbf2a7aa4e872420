// Every CSV and vCard under shared/data is imported and checked against values read from the
// files themselves (names with their accents, emails, companies, line numbers).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseContactImport, type ImportedAddress, type ImportedContact, type ParsedContactImport } from './index';

function findRepoRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'nest-cli.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no nest-cli.json above ${start}`);
    dir = parent;
  }
  return dir;
}

const repoRoot = findRepoRoot(__dirname);
const sharedDir = process.env.CARNET_SHARED_DIR ?? path.resolve(repoRoot, '../shared');
const dataDir = path.join(sharedDir, 'data');

type ExpectedContact = { index: number } & Partial<Omit<ImportedContact, 'address'>> & {
  address?: Partial<ImportedAddress>;
};

interface Expectation {
  format: ParsedContactImport['format'];
  source: string;
  count: number;
  errors?: number;
  contacts: ExpectedContact[];
  /** Each must match at least one warning message. */
  warnings?: RegExp[];
}

const noAddress: ImportedAddress = { line1: null, line2: null, city: null, region: null, postalCode: null, country: null };
const N = 'Ñ';

const FIXTURES: Record<string, Expectation> = {
  'imports/akaunting/customers.csv': {
    format: 'csv',
    source: 'akaunting',
    count: 1,
    contacts: [{ index: 0, line: 2, name: 'Test Customer', email: 'test@customer.com', companyName: null, currency: 'USD' }],
  },
  'imports/akaunting/invoices.csv': {
    format: 'csv',
    source: 'akaunting',
    count: 1,
    contacts: [{ index: 0, line: 2, name: 'Test Customer', email: 'test@customer.com', currency: 'USD' }],
    warnings: [/invoice or transaction export/],
  },
  'imports/atomic-crm/contacts.csv': {
    format: 'csv',
    source: 'atomic-crm',
    count: 500,
    contacts: [
      {
        index: 0,
        line: 2,
        name: 'Shelley Kerluke',
        email: 'Shelley_Kerluke47@hotmail.com',
        companyName: 'Gottlieb and Sons',
        phone: '1-955-371-0847 x371',
      },
      { index: 49, line: 51, name: "Elias O'Hara", email: 'Elias.OHara@gmail.com', companyName: 'Schmeler - Raynor', phone: '990-705-8175 x040' },
      { index: 249, line: 251, name: 'Nora Gerhold', email: 'Nora_Gerhold@yahoo.com', companyName: 'Boyer, Hackett and Durgan' },
      {
        index: 499,
        line: 501,
        name: 'Beatrice Roob',
        email: 'Beatrice.Roob13@hotmail.com',
        companyName: 'Mitchell, Kirlin and Lind',
        phone: '(862) 305-9661 x153',
      },
    ],
  },
  'imports/atomic-crm/contacts_export.csv': {
    format: 'csv',
    source: 'atomic-crm',
    count: 2,
    contacts: [
      { index: 0, line: 2, name: 'John Doe', email: 'john@doe.example', companyName: 'Acme', phone: '659-980-2015' },
      { index: 1, line: 3, name: 'Jane Doe', email: 'jane@doe.example', companyName: 'Acme', phone: '659-980-2020' },
    ],
    warnings: [/john\.doe@gmail\.com, jdoe@caramail\.com/],
  },
  'imports/freshbooks/freshbooks_clients.csv': {
    format: 'csv',
    source: 'freshbooks',
    count: 2,
    contacts: [
      {
        index: 0,
        line: 2,
        name: 'Marge Simpson',
        email: 'marge@simpsons.com',
        companyName: null, // Organization repeats the person's name
        phone: '867-5309',
        address: { line1: '2587 Sesame Street', line2: null, city: 'Springfield', region: 'Illinois', postalCode: null, country: 'United States' },
      },
      {
        index: 1,
        line: 3,
        name: 'Scott Summer',
        email: 'ssummers@xavierscool.edu',
        companyName: 'X-Men',
        phone: '987654321',
        address: { ...noAddress, country: 'United States' },
      },
    ],
  },
  'imports/freshbooks/freshbooks_invoices.csv': {
    format: 'csv',
    source: 'freshbooks',
    count: 1,
    contacts: [{ index: 0, line: 2, name: 'X-Men', email: null, currency: 'USD' }],
  },
  'imports/google-contacts/gmail.csv': {
    format: 'csv',
    source: 'google',
    count: 1,
    contacts: [
      {
        index: 0,
        line: 2,
        name: 'Firstname Middle Lastname',
        email: 'home@aaa.pl',
        companyName: 'company',
        phone: 'mainphone', // Phone 1 is a pager
        address: {
          line1: 'home_street',
          line2: 'home_pobox',
          city: 'home_city',
          region: 'home_state',
          postalCode: 'home_zip',
          country: 'home_country',
        },
      },
    ],
    warnings: [/work@email\.pl, unknown@email\.com, other@email\.com/],
  },
  'imports/google-contacts/google.csv': {
    format: 'csv',
    source: 'google',
    count: 4,
    contacts: [
      {
        index: 0,
        line: 2,
        name: 'John Doe',
        email: 'john@example.com',
        companyName: 'Acme Corp',
        phone: '+1-555-0123',
        address: { line1: '123 Main St, San Francisco, CA', city: null },
      },
      { index: 2, line: 4, name: 'Bob Wilson', email: 'bob@startup.com', companyName: 'Startup Inc', phone: null, address: noAddress },
      { index: 3, line: 5, name: 'Alice Brown', email: 'alice.brown@email.com', companyName: 'AI Labs', phone: '+1-555-0125' },
    ],
  },
  'imports/invoice2go/i2g_invoices.csv': {
    format: 'csv',
    source: 'invoice2go',
    count: 4,
    contacts: [
      { index: 0, line: 2, name: 'Barry Gordon', email: 'barry@capitalcity.gov', currency: 'ILS', address: noAddress },
      { index: 1, line: 3, name: 'James Gordon', email: 'commissionon@gotham.gov', currency: 'USD' },
      { index: 2, line: 4, name: 'Deadpool Inc', email: 'wade@projectx.net', address: { line1: '2584 Sesame Street' } },
      { index: 3, line: 5, name: 'Daily Planet', email: 'louislane@dailyplanet.com', address: { line1: '2587 Super Plaza, Floor 25, Metropolis' } },
    ],
  },
  'imports/invoicely/invoicely_invoices.csv': {
    format: 'csv',
    source: 'invoicely',
    count: 1,
    contacts: [{ index: 0, line: 2, name: 'Bruce Wayne', email: null, companyName: null }],
  },
  'imports/invoiceninja/clients.csv': {
    format: 'csv',
    source: 'invoiceninja',
    count: 20,
    contacts: [
      {
        index: 0,
        line: 5, // title line, blank line and CLIENTS come before the header on line 4
        name: 'Terrill Ondricka',
        email: 'brook59@example.org',
        companyName: 'Ludwig Krajcik DVM',
        phone: '1-537-759-0369', // the second of the two "Phone" columns
        address: {
          line1: "371 O'Connell Summit",
          line2: 'Suite 612',
          city: 'Lornamouth',
          region: 'New York',
          postalCode: '83425-0771',
          country: null,
        },
      },
      { index: 19, line: 24, name: 'Eusebio Reinger', email: 'golden.green@example.org', companyName: 'Ms. Alena Cassin', phone: '429-551-1362' },
    ],
    warnings: [/Columns not imported: Balance, Paid to Date/],
  },
  'imports/invoiceninja/invoice.csv': {
    format: 'csv',
    source: 'invoiceninja',
    count: 20,
    contacts: [
      { index: 0, line: 5, name: 'Ludwig Krajcik DVM', email: 'brook59@example.org' },
      { index: 1, line: 26, name: 'Bradly Jaskolski Sr.', email: 'gheidenreich@example.org' },
      { index: 19, line: 386, name: 'Ms. Alena Cassin', email: 'golden.green@example.org' },
    ],
  },
  'imports/invoiceninja/payments.csv': {
    format: 'csv',
    source: 'invoiceninja',
    count: 20,
    contacts: [
      { index: 0, line: 5, name: 'Ludwig Krajcik DVM', email: null },
      { index: 19, line: 386, name: 'Ms. Alena Cassin', email: null },
    ],
  },
  'imports/invoiceninja/quotes.csv': {
    format: 'csv',
    source: 'invoiceninja',
    count: 11,
    contacts: [
      { index: 0, line: 5, name: 'Jody Cartwright Jr.', email: 'julian50@example.com' },
      { index: 1, line: 6, name: 'Keyshawn Hahn', email: 'lewis.harris@example.com' },
      { index: 10, line: 96, name: 'Tommie Prohaska', email: 'toney29@example.net' },
    ],
  },
  'imports/linkedin/linkedin.csv': {
    format: 'csv',
    source: 'linkedin',
    count: 5,
    contacts: [
      { index: 0, line: 2, name: 'John Doe', email: 'john@example.com', companyName: 'Acme Corp' },
      { index: 2, line: 4, name: 'Bob Wilson', email: null, companyName: 'Startup Inc' },
      { index: 4, line: 6, name: 'Charlie Davis', email: 'charlie@startup.com', companyName: 'Stealth' },
    ],
  },
  'imports/outlook/outlook.csv': {
    format: 'csv',
    source: 'outlook',
    count: 1,
    contacts: [{ index: 0, line: 2, name: 'test1@domain.tld', email: 'test1@domain.tld', companyName: null }],
    warnings: [/test2@domain\.tld, test3@domain\.tld/],
  },
  'imports/roundcube/all.csv': {
    format: 'csv',
    source: 'generic',
    count: 1,
    contacts: [
      {
        index: 0,
        line: 2,
        name: 'First Name Middle Name Last Name',
        email: 'work@example.com',
        companyName: 'Company',
        phone: '600', // Primary Phone
        address: { line1: 'Work Street', line2: null, city: 'Work City', region: 'Work State', postalCode: 'Work Zip', country: 'Work Country' },
      },
    ],
    warnings: [/home@example\.com, other@example\.com/],
  },
  'imports/thunderbird/csv_semicolon.csv': {
    format: 'csv',
    source: 'thunderbird',
    count: 2,
    contacts: [
      { index: 0, line: 2, name: 'John Doe', email: 'john@doe.invalid' },
      { index: 1, line: 3, name: 'Jane Doe', email: 'jane@doe.invalid' },
    ],
  },
  'imports/thunderbird/tb_plain.csv': {
    format: 'csv',
    source: 'thunderbird',
    count: 1,
    contacts: [
      {
        index: 0,
        line: 2,
        name: 'Firstname Lastname',
        email: 'test@domain.tld',
        companyName: 'Organization',
        phone: 'phone work',
        address: { line1: 'Addr work', line2: null, city: 'Wcity', region: 'Wstate', postalCode: '33-333', country: 'Poland' },
      },
    ],
    warnings: [/next@domain\.tld/],
  },
  'imports/wave/wave_clients.csv': {
    format: 'csv',
    source: 'wave',
    count: 4,
    contacts: [
      {
        index: 0,
        line: 2,
        name: 'Homer Connery',
        email: 'homer@simpsons.com',
        companyName: 'Homer Simpson',
        currency: 'USD',
        phone: '555-875-5245',
        address: { line1: '1234 Tullis Street', line2: null, city: 'Glasgow, Scotland', region: null, postalCode: 'G1 2FF', country: null },
      },
      {
        index: 1,
        line: 3,
        name: 'Jessica Jones',
        email: 'jessica@jones.com',
        companyName: null,
        currency: 'AUD',
        address: { line1: '6548 Sesame Street', line2: 'Apt 4', city: 'NYC', region: 'Queensland', postalCode: '11213', country: 'Australia' },
      },
      { index: 2, line: 4, email: 'luke@powerman.com', companyName: 'Lucas Cage', currency: 'BSD', phone: '555-867-5309 x89' },
    ],
  },
  'imports/wave/wave_invoices.csv': {
    format: 'csv',
    source: 'wave',
    count: 3,
    errors: 0,
    contacts: [
      { index: 0, line: 2, name: 'Mark Walberg' },
      { index: 1, line: 7, name: 'Lucas Cage' },
      { index: 2, line: 14, name: 'Jessica Jones' },
    ],
  },
  'imports/zoho/zoho_contacts.csv': {
    format: 'csv',
    source: 'zoho',
    count: 5,
    contacts: [
      // "Payment Terms" holds days: 0 (label "Due on Receipt"), 30 ("Net 30"), 15 ("Net 15")
      { index: 0, line: 2, name: 'Thor Odensohn', email: 'thor@midgaurd.org', companyName: 'Avengers', currency: 'USD', phone: null, paymentTermsDays: 0 },
      { index: 1, line: 3, name: 'Jessica Jones', email: 'jessica@jones.net', companyName: 'Defenders', phone: '888-867-5309' },
      { index: 3, line: 5, name: 'Margery Simpson', email: 'marge@simpsonsbaking.com', companyName: 'Simpsons Baking Co', paymentTermsDays: 30 },
      { index: 4, line: 6, name: 'Lucas Cage', email: 'lucas@powerman.com', companyName: 'Defenders', paymentTermsDays: 15 },
    ],
  },
  'imports/zoho/zoho_invoices.csv': {
    format: 'csv',
    source: 'zoho',
    count: 3,
    contacts: [
      { index: 0, line: 2, name: 'Highlander', companyName: 'Highlander', currency: 'USD' },
      { index: 1, line: 6, name: 'Jessica Jones', companyName: 'Defenders' },
      { index: 2, line: 11, name: 'Simpsons Baking Co', companyName: 'Simpsons Baking Co' },
    ],
  },

  'vcard/ez-vcard/John_Doe_ANDROID.vcf': {
    format: 'vcard',
    source: 'vcard',
    count: 6,
    contacts: [
      { index: 0, line: 1, name: 'john.doe@company.com', email: 'john.doe@company.com' },
      { index: 1, line: 6, name: 'jane.doe@company.com', email: 'jane.doe@company.com' },
      { index: 2, line: 11, name: 'Ñ Ñ Ñ Ñ Ñ', phone: '123456789' },
      // FN is split by a QUOTED-PRINTABLE soft line break.
      { index: 3, line: 18, name: 'Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ', phone: '123456' },
      { index: 4, line: 36, name: 'Ñ Ñ Ñ Ñ', email: 'bob@company.com', companyName: N.repeat(12), phone: '123456' },
      { index: 5, line: 71, name: 'ÑÑÑÑ', email: 'henry@company.com', companyName: N.repeat(44), phone: '55556666' },
    ],
    warnings: [new RegExp(`"${N.repeat(14)}" is not a valid email address`)],
  },
  'vcard/ez-vcard/John_Doe_EVOLUTION.vcf': {
    format: 'vcard',
    source: 'vcard',
    count: 1,
    contacts: [
      {
        index: 0,
        line: 1,
        name: 'Mr. John Richter, James Doe Sr.',
        email: 'john.doe@ibm.com', // folded in the middle of the address
        companyName: 'IBM',
        phone: '905-555-1234', // the WORK number
        address: {
          line1: '15 Crescent moon drive',
          line2: 'ASB-123',
          city: 'Albaney',
          region: 'New York',
          postalCode: '12345',
          country: 'United States of America',
        },
      },
    ],
  },
  'vcard/ez-vcard/John_Doe_GMAIL.vcf': {
    format: 'vcard',
    source: 'vcard',
    count: 1,
    contacts: [{ index: 0, line: 1, name: 'Mr. John Richter, James Doe Sr.', email: 'john.doe@ibm.com', companyName: 'IBM', phone: '905-555-1234' }],
  },
  'vcard/ez-vcard/John_Doe_IPHONE.vcf': {
    format: 'vcard',
    source: 'vcard',
    count: 1,
    contacts: [
      {
        index: 0,
        line: 1,
        name: 'Mr. John Richter James Doe Sr.',
        email: 'john.doe@ibm.com',
        companyName: 'IBM',
        phone: '905-555-1234',
        address: { line1: 'Silicon Alley 5,', city: 'New York', region: 'New York', postalCode: '12345', country: 'United States of America' },
      },
    ],
  },
  'vcard/ez-vcard/John_Doe_MS_OUTLOOK.vcf': {
    format: 'vcard',
    source: 'vcard',
    count: 1,
    contacts: [
      {
        index: 0,
        line: 1,
        name: 'Mr. John Richter James Doe Sr.',
        email: 'john.doe@ibm.cm',
        companyName: 'IBM',
        phone: '(905) 555-1234',
        address: { line1: 'Cresent moon drive', line2: null, city: 'Albaney', region: 'New York', postalCode: '12345', country: 'United States of America' },
      },
    ],
  },
  'vcard/ez-vcard/outlook-2003.vcf': {
    format: 'vcard',
    source: 'vcard',
    count: 1,
    contacts: [
      {
        index: 0,
        line: 1,
        name: 'John Doe III',
        email: 'jdoe@hotmail.com',
        companyName: 'Company, The',
        phone: 'BusinessPhone',
        address: { line1: '123 Main St', line2: 'TheOffice', city: 'Austin', region: 'TX', postalCode: '12345', country: 'United States of America' },
      },
    ],
  },
  'vcard/node-vcf/empty-lines.vcf': {
    format: 'vcard',
    source: 'vcard',
    count: 1,
    contacts: [
      {
        index: 0,
        line: 1,
        name: 'Dr. Erika Mustermann',
        email: 'erika@mustermann.de',
        companyName: 'Wikimedia',
        phone: '+49 221 9999123',
        address: { line1: 'Heidestraße 17', line2: null, city: 'Köln', region: null, postalCode: '51147', country: 'Germany' },
      },
    ],
  },
  'vcard/node-vcf/multiple.vcf': {
    format: 'vcard',
    source: 'vcard',
    count: 3,
    contacts: [
      {
        index: 0,
        line: 1,
        name: 'Dr. Erika Mustermann',
        email: 'erika@mustermann.de',
        phone: '+49-221-9999123', // 4.0 tel: URI
        address: { line1: 'Heidestraße 17', city: 'Köln', postalCode: '51147', country: 'Germany' },
      },
      { index: 1, line: 16, name: 'Dr. Erika Mustermann', phone: '(0221) 9999123', address: { line1: 'Heidestrasse 17', city: 'Koeln', country: 'Deutschland' } },
      { index: 2, line: 30, name: 'Dr. Erika Mustermann', companyName: 'Wikimedia', address: { line1: 'Heidestraße 17', city: 'Köln' } },
    ],
  },
  'vcard/node-vcf/xing.vcf': {
    format: 'vcard',
    source: 'vcard',
    count: 1,
    contacts: [
      {
        index: 0,
        line: 1,
        name: 'Hans-Peter Mustermann',
        email: null,
        companyName: 'Example GmbH',
        address: { line1: null, city: 'City Name', postalCode: '12345', country: 'Country' },
      },
    ],
  },
  'vcard/py-vobject/vcard40_full.vcf': {
    format: 'vcard',
    source: 'vcard',
    count: 1,
    contacts: [
      {
        index: 0,
        line: 1,
        name: 'Dr. John Q. Public, III',
        email: 'johnny@personal.example.org', // PREF=1
        companyName: 'Example Corp.',
        phone: '+1-555-555-5555',
        language: 'en',
        address: { line1: '456 Oak Lane', line2: null, city: 'Somewhere', region: 'NY', postalCode: '10001', country: 'U.S.A.' },
      },
    ],
    warnings: [/john\.public@example\.com/],
  },
  'vcard/py-vobject/vcard40_multilang.vcf': {
    format: 'vcard',
    source: 'vcard',
    count: 1,
    contacts: [{ index: 0, line: 1, name: 'Yamada Taro', email: null, companyName: null }],
  },
  'vcard/roundcube/apple.vcf': {
    format: 'vcard',
    source: 'vcard',
    count: 1,
    contacts: [
      {
        index: 0,
        line: 1,
        name: 'Apple Computer AG',
        companyName: 'Apple Computer AG',
        email: null,
        address: { line1: 'Birgistrasse 4a', line2: null, city: 'Wallisellen-Zürich', region: null, postalCode: '8304', country: 'Switzerland' },
      },
    ],
  },
  'vcard/roundcube/johndoe.vcf': {
    format: 'vcard',
    source: 'vcard',
    count: 1,
    contacts: [
      {
        index: 0,
        line: 1,
        name: 'John Doë', // CHARSET=windows-1252, raw byte 0xEB
        email: 'roundcube@gmail.com', // TYPE=pref
        companyName: 'roundcube.net',
        phone: '+123456789',
        address: { line1: 'The street', city: 'Hometown', postalCode: '5555', country: 'Cayman Islands' },
      },
    ],
    warnings: [/inbox@roundcube\.net/],
  },
  'vcard/roundcube/thebat.vcf': {
    format: 'vcard',
    source: 'vcard',
    count: 1,
    contacts: [
      // QUOTED-PRINTABLE =F1 with no CHARSET and not UTF-8: read as Windows-1252 (ñ), with a
      // warning; the writer meant ISO-8859-2 (ń), which the file does not say.
      { index: 0, line: 1, name: 'Piotr Iksiñski', email: 'piotr.iksinski@somedomain.com' },
    ],
    warnings: [/read as Windows-1252/],
  },
  'vcard/roundcube/utf-16_sample.vcf': {
    format: 'vcard',
    source: 'vcard',
    count: 1,
    contacts: [
      {
        index: 0,
        line: 1,
        name: 'Ǽgean ĽdaMonté',
        email: null,
        address: { line1: '169 Mária Canal', line2: null, city: 'LaPaz', region: 'Conceptión', postalCode: '245-876', country: 'Perú' },
      },
    ],
  },
};

function listFixtures(dir: string, ext: string): string[] {
  return readdirSync(path.join(dataDir, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .map((f) => `${dir}/${f.split(path.sep).join('/')}`);
}

function checkContact(actual: ImportedContact | undefined, expected: ExpectedContact, file: string): void {
  const label = `${file} contact #${expected.index}`;
  assert.ok(actual, `${label} is missing`);
  const { index: _index, address, ...fields } = expected;
  for (const [key, value] of Object.entries(fields)) {
    assert.deepEqual(actual[key as keyof typeof fields], value, `${label}: ${key}`);
  }
  if (address) {
    for (const [key, value] of Object.entries(address)) {
      assert.equal(actual.address[key as keyof ImportedAddress], value, `${label}: address.${key}`);
    }
  }
}

describe('contact import fixtures (shared/data)', () => {
  it('has an expectation for every CSV and vCard file', () => {
    const files = [...listFixtures('imports', '.csv'), ...listFixtures('vcard', '.vcf')].sort();
    assert.deepEqual(files, Object.keys(FIXTURES).sort());
  });

  for (const [file, expected] of Object.entries(FIXTURES)) {
    it(`imports ${file}`, () => {
      const result = parseContactImport(readFileSync(path.join(dataDir, file)));
      assert.equal(result.format, expected.format);
      assert.equal(result.source, expected.source);
      assert.equal(result.contacts.length, expected.count);
      assert.equal(result.errors.length, expected.errors ?? 0, JSON.stringify(result.errors));
      for (const c of expected.contacts) checkContact(result.contacts[c.index], c, file);
      for (const pattern of expected.warnings ?? []) {
        assert.ok(
          result.warnings.some((w) => pattern.test(w.message)),
          `${file}: no warning matches ${pattern}: ${JSON.stringify(result.warnings)}`,
        );
      }
      // Every imported value is trimmed NFC text or null, never "".
      for (const c of result.contacts) {
        for (const v of [c.name, c.email, c.companyName, c.phone, ...Object.values(c.address)]) {
          if (v !== null) {
            assert.notEqual(v, '');
            assert.equal(v, v.normalize('NFC').trim());
          }
        }
      }
    });
  }
});
