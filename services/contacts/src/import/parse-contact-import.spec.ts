import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iconv from 'iconv-lite';
import { ImportFormatError, parseContactImport, type ImportedAddress } from './index';

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const emptyAddress: ImportedAddress = { line1: null, line2: null, city: null, region: null, postalCode: null, country: null };

describe('parseContactImport: CSV layout', () => {

  it('reads colour, payment method and payment terms columns, warning about values it cannot use', () => {
    const r = parseContactImport(
      utf8(
        'Nom;Courriel;Couleur;Mode de paiement;Conditions de paiement\n' +
          'Léa;lea@example.ca;33aa77;Virement bancaire;Net 30\n' +
          'Marc;marc@example.ca;#FFF;Chèque;Payable à réception\n' +
          'Ana;ana@example.ca;#0a0B0c;bitcoin;400\n',
      ),
    );
    assert.deepEqual(
      r.contacts.map((c) => [c.name, c.color, c.paymentMethod, c.paymentTermsDays]),
      [
        ['Léa', '#33AA77', 'bank_transfer', 30],
        ['Marc', null, 'cheque', 0],
        ['Ana', '#0A0B0C', null, null],
      ],
    );
    assert.deepEqual(
      r.warnings.map((w) => `${w.line}: ${w.message}`),
      [
        '3: Colour "#FFF" is not written #RRGGBB and was not imported.',
        '4: Payment method "bitcoin" is not one of bank_transfer, cheque, cash, credit_card, interac, paypal, other and was not imported.',
        '4: Payment terms "400" are not a number of days from 0 to 365 and were not imported.',
      ],
    );
  });
  it('imports a client archived only when its status says the relationship ended', () => {
    const csv = parseContactImport(utf8('Name,Email,Status\nA,a@x.ca,Archived\nB,b@x.ca,active\nC,c@x.ca,Inactive\nD,d@x.ca,warm\nE,e@x.ca,\n'));
    assert.deepEqual(csv.contacts.map((c) => [c.name, c.archived]), [['A', true], ['B', false], ['C', true], ['D', false], ['E', false]]);
    const fr = parseContactImport(utf8('Nom;Courriel;Statut\nÉlise;elise@x.ca;Archivée\nLuc;luc@x.ca;Actif\n'));
    assert.deepEqual(fr.contacts.map((c) => [c.name, c.archived]), [['Élise', true], ['Luc', false]]);
    const vcf = parseContactImport(utf8('BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Old Client\r\nX-CARNET-STATUS:archived\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:New Client\r\nEND:VCARD\r\n'));
    assert.deepEqual(vcf.contacts.map((c) => [c.name, c.archived]), [['Old Client', true], ['New Client', false]]);
  });

  it('reads semicolon-delimited French headers', () => {
    const r = parseContactImport(
      utf8(
        'Nom;Prénom;Courriel;Entreprise;Téléphone;Adresse;Ville;Province;Code postal;Pays;Langue;Devise\r\n' +
          'Tremblay;Léa;lea@example.ca;Café Soleil;514-555-0101;12 rue Saint-Denis;Montréal;QC;H2X 1K4;Canada;fr_CA;cad\r\n',
      ),
      'text/csv',
    );
    assert.equal(r.format, 'csv');
    assert.equal(r.source, 'generic');
    assert.deepEqual(r.contacts, [
      {
        line: 2,
        name: 'Léa Tremblay',
        email: 'lea@example.ca',
        companyName: 'Café Soleil',
        phone: '514-555-0101',
        address: { line1: '12 rue Saint-Denis', line2: null, city: 'Montréal', region: 'QC', postalCode: 'H2X 1K4', country: 'Canada' },
        language: 'fr-CA',
        currency: 'CAD',
        color: null,
        paymentMethod: null,
        paymentTermsDays: null,
        archived: false,
      },
    ]);
    assert.deepEqual(r.errors, []);
  });

  it('reads tab-delimited files', () => {
    const r = parseContactImport(utf8('Name\tEmail\tCompany\tPhone\nAda Lovelace\tada@example.com\tAnalytical Engines\t+44 20 7946 0000\n'));
    assert.equal(r.contacts.length, 1);
    assert.equal(r.contacts[0]?.name, 'Ada Lovelace');
    assert.equal(r.contacts[0]?.companyName, 'Analytical Engines');
    assert.equal(r.contacts[0]?.phone, '+44 20 7946 0000');
  });

  it('keeps delimiters, doubled quotes and line breaks inside quoted fields, and counts lines', () => {
    const r = parseContactImport(
      utf8(
        'Name,Email,Company,Address\r\n' +
          '"Doe, John","john@example.com","Acme ""Best"" Inc","1 Main St\r\nSuite 2"\r\n' +
          'Jane Roe,jane@example.com,"Roe; Roe & Co",\r\n',
      ),
    );
    assert.equal(r.contacts.length, 2);
    const [john, jane] = r.contacts;
    assert.equal(john?.line, 2);
    assert.equal(john?.name, 'Doe, John');
    assert.equal(john?.companyName, 'Acme "Best" Inc');
    assert.equal(john?.address.line1, '1 Main St');
    assert.equal(john?.address.line2, 'Suite 2');
    // The first record spans lines 2-3, so the next one starts on line 4.
    assert.equal(jane?.line, 4);
    assert.equal(jane?.companyName, 'Roe; Roe & Co');
  });

  it('leaves an empty cell empty instead of taking a neighbour', () => {
    const r = parseContactImport(utf8('First Name,Last Name,Email,Company,Phone,City\nAnn,,ann@example.com,,555-0100,Paris\n'));
    assert.deepEqual(r.contacts[0], {
      line: 2,
      name: 'Ann',
      email: 'ann@example.com',
      companyName: null,
      phone: '555-0100',
      address: { ...emptyAddress, city: 'Paris' },
      language: null,
      currency: null,
      color: null,
      paymentMethod: null,
      paymentTermsDays: null,
      archived: false,
    });
  });

  it('reports a row with no name, email or company as an error with its line', () => {
    const r = parseContactImport(utf8('Name,Email,Phone\r\nAlice,alice@example.com,1\r\n,,555-0000\r\n\r\nBob,,\r\n'));
    assert.deepEqual(
      r.contacts.map((c) => [c.line, c.name]),
      [
        [2, 'Alice'],
        [5, 'Bob'],
      ],
    );
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0]?.line, 3);
    assert.match(r.errors[0]?.message ?? '', /no name, email or company/i);
  });

  it('uses the company as the name when there is no person, and the email as a last resort', () => {
    const r = parseContactImport(utf8('Company,Email\nGlobex,\n,solo@example.com\n'));
    assert.deepEqual(
      r.contacts.map((c) => [c.name, c.companyName, c.email]),
      [
        ['Globex', 'Globex', null],
        ['solo@example.com', null, 'solo@example.com'],
      ],
    );
  });

  it('reads a cell of zero-width or blank characters as empty, so the next candidate names the contact', () => {
    // Name is ZWSP + ZWJ, company a Hangul filler: neither shows, so the email names the contact
    const r = parseContactImport(utf8('Name,Company,Email\n\u200B\u200D,\u3164,solo@example.com\n'));
    assert.deepEqual(r.contacts.map((c) => [c.name, c.companyName, c.email]), [['solo@example.com', null, 'solo@example.com']]);
  });

  it('matches headers case-, accent- and punctuation-insensitively', () => {
    const r = parseContactImport(utf8('PRENOM,nom,E_MAIL,Societe,CODE-POSTAL,pays\nÉmile,Zola,emile@example.fr,Les Rougon,75001,France\n'));
    const c = r.contacts[0];
    assert.equal(c?.name, 'Émile Zola');
    assert.equal(c?.email, 'emile@example.fr');
    assert.equal(c?.companyName, 'Les Rougon');
    assert.equal(c?.address.postalCode, '75001');
    assert.equal(c?.address.country, 'France');
  });

  it('reads a lone "Nom" as the whole name', () => {
    const r = parseContactImport(utf8('Nom,Courriel\nCafé du Coin,info@example.fr\n'));
    assert.equal(r.contacts[0]?.name, 'Café du Coin');
  });

  it('skips title lines before the header and handles duplicate header names', () => {
    const r = parseContactImport(
      utf8('"My export - January 1, 2024",,,\n,,,\nCLIENTS,,,\nName,Phone,Email,Phone\nAcme,,a@example.com,555-0199\n'),
    );
    assert.equal(r.contacts.length, 1);
    assert.equal(r.contacts[0]?.line, 5);
    assert.equal(r.contacts[0]?.phone, '555-0199');
    assert.ok(r.warnings.some((w) => w.line === 4 && /2 line\(s\) before the header/.test(w.message)));
  });

  it('warns about extra emails, invalid emails, currencies and languages, and ignored columns', () => {
    const r = parseContactImport(
      utf8('Name,Email,Currency,Language,Favourite colour\nA,"a@example.com; b@example.com",dollars,Klingon,blue\nB,not-an-email,usd,Français,\n'),
    );
    assert.deepEqual(
      r.contacts.map((c) => [c.email, c.currency, c.language]),
      [
        ['a@example.com', null, null],
        [null, 'USD', 'fr'],
      ],
    );
    const messages = r.warnings.map((w) => `${w.line}: ${w.message}`);
    assert.ok(messages.includes('1: Columns not imported: Favourite colour.'), messages.join('\n'));
    assert.ok(messages.includes('2: Other email addresses not imported: b@example.com.'), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith('2: Currency "dollars"')));
    assert.ok(messages.some((m) => m.startsWith('2: Language "Klingon"')));
    assert.ok(messages.some((m) => m.startsWith('3: "not-an-email" is not a valid email address')));
  });

  it('handles CR-only line endings', () => {
    const r = parseContactImport(utf8('Name,Email\rA,a@example.com\rB,b@example.com\r'));
    assert.deepEqual(
      r.contacts.map((c) => [c.line, c.email]),
      [
        [2, 'a@example.com'],
        [3, 'b@example.com'],
      ],
    );
  });

  it('merges repeated clients of an invoice export into one contact each', () => {
    const r = parseContactImport(
      utf8('Client,Email,Invoice Number,Amount\nAcme,ap@acme.example,1,10\nAcme,ap@acme.example,2,20\nGlobex,,3,5\n,,4,1\n'),
    );
    assert.deepEqual(
      r.contacts.map((c) => [c.line, c.name]),
      [
        [2, 'Acme'],
        [4, 'Globex'],
      ],
    );
    assert.deepEqual(r.errors, []);
    assert.ok(r.warnings.some((w) => w.line === 5));
  });
});

describe('parseContactImport: encodings', () => {
  it('reads Windows-1252 (é, ô, €)', () => {
    const body = iconv.encode('Nom,Courriel,Entreprise\r\nHélène Côté,helene@example.fr,Société Générale\r\n', 'windows-1252');
    assert.equal(body.includes(0xe9), true); // é is the single byte E9
    const r = parseContactImport(body);
    assert.equal(r.contacts[0]?.name, 'Hélène Côté');
    assert.equal(r.contacts[0]?.companyName, 'Société Générale');
  });

  it('reads UTF-16LE with a BOM', () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('Name,Email\r\nZoë Brontë,zoe@example.com\r\n', 'utf-16le')]);
    const r = parseContactImport(body);
    assert.deepEqual(
      r.contacts.map((c) => [c.line, c.name, c.email]),
      [[2, 'Zoë Brontë', 'zoe@example.com']],
    );
  });

  it('reads UTF-16BE without a BOM and UTF-8 with a BOM', () => {
    const be = parseContactImport(iconv.encode('Name,Email\nRenée,renee@example.com\n', 'utf-16be'));
    assert.equal(be.contacts[0]?.name, 'Renée');
    const bom = parseContactImport(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('Name,Email\nRenée,renee@example.com\n')]));
    assert.equal(bom.contacts[0]?.name, 'Renée');
    assert.equal(bom.contacts[0]?.line, 2);
  });

  it('takes valid UTF-8 as UTF-8 even when the request claims windows-1252', () => {
    const r = parseContactImport(utf8('Name\nJosé Núñez\n'), 'text/csv; charset=windows-1252');
    assert.equal(r.contacts[0]?.name, 'José Núñez');
  });

  it('normalises names to NFC', () => {
    const r = parseContactImport(utf8('Name\nJose\u0301\n'));
    assert.equal(r.contacts[0]?.name, 'José');
  });

  it('refuses a file whose encoding cannot be told', () => {
    const binary = Buffer.from([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0x00, 0x01, 0x02, 0x81, 0x8d, 0xfe, 0x10]);
    assert.throws(() => parseContactImport(binary), (e: unknown) => e instanceof ImportFormatError && /encoding/.test(e.message));
    // Cyrillic in windows-1251 also "decodes" as 1252, into garbage: refused, not stored.
    const cyrillic = iconv.encode('Имя,Фамилия,Почта\nИван,Петров,ivan@example.ru\nМария,Сидорова,maria@example.ru\n', 'windows-1251');
    assert.throws(() => parseContactImport(cyrillic), ImportFormatError);
    // A UTF-8 BOM followed by bytes that are not UTF-8.
    assert.throws(() => parseContactImport(Buffer.from([0xef, 0xbb, 0xbf, 0x4e, 0x0a, 0xe9, 0x0a])), ImportFormatError);
  });

  it('refuses files that are not CSV or vCard, with a message for the user', () => {
    const cases: [Buffer, RegExp][] = [
      [Buffer.alloc(0), /empty/],
      [Buffer.from('PK\u0003\u0004 rest of a zip', 'latin1'), /xlsx/],
      [utf8('%PDF-1.7\n'), /PDF/],
      [utf8('[{"name":"x"}]'), /JSON/],
      [utf8('foo,bar\n1,2\n'), /header/],
      [utf8('Name,Email\n"A,a@example.com\n'), /line 2/],
    ];
    for (const [body, message] of cases) {
      assert.throws(() => parseContactImport(body), (e: unknown) => e instanceof ImportFormatError && message.test(e.message));
    }
  });
});

describe('parseContactImport: export layouts without a fixture', () => {
  it('maps a QuickBooks customer list (Bill to lines start with the customer name)', () => {
    const r = parseContactImport(
      utf8(
        'Customer,Company,Mr./Ms./...,First Name,M.I.,Last Name,Main Phone,Main Email,Bill to 1,Bill to 2,Bill to 3,Currency,Open Balance\n' +
          'Acme Corp,Acme Corp,Mr.,John,Q,Smith,555-0100,john@acme.example,Acme Corp,1 Main St,"Springfield, IL 62701",USD,0.00\n',
      ),
    );
    assert.equal(r.source, 'quickbooks');
    assert.deepEqual(r.contacts[0], {
      line: 2,
      name: 'John Q Smith',
      email: 'john@acme.example',
      companyName: 'Acme Corp',
      phone: '555-0100',
      address: { ...emptyAddress, line1: '1 Main St', line2: 'Springfield, IL 62701' },
      language: null,
      currency: 'USD',
      color: null,
      paymentMethod: null,
      paymentTermsDays: null,
      archived: false,
    });
  });

  it('maps an Outlook export', () => {
    const r = parseContactImport(
      utf8(
        'First Name,Middle Name,Last Name,Company,E-mail Address,E-mail 2 Address,Business Phone,Mobile Phone,' +
          'Business Street,Business Street 2,Business City,Business State,Business Postal Code,Business Country/Region,Home City\r\n' +
          'Chloé,,Martin,Martin Conseil,chloe@martin.example,,+33 1 23 45 67 89,+33 6 12 34 56 78,' +
          '"8 rue de la Paix",Bât. B,Paris,Île-de-France,75002,France,Lyon\r\n',
      ),
    );
    assert.equal(r.source, 'outlook');
    assert.deepEqual(r.contacts[0], {
      line: 2,
      name: 'Chloé Martin',
      email: 'chloe@martin.example',
      companyName: 'Martin Conseil',
      phone: '+33 1 23 45 67 89',
      // One block only: the home city is not mixed into the business address.
      address: { line1: '8 rue de la Paix', line2: 'Bât. B', city: 'Paris', region: 'Île-de-France', postalCode: '75002', country: 'France' },
      language: null,
      currency: null,
      color: null,
      paymentMethod: null,
      paymentTermsDays: null,
      archived: false,
    });
  });

  it('takes Google\'s starred ("* ") email as the primary one and splits ":::" lists', () => {
    const r = parseContactImport(
      utf8(
        'First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value\n' +
          'Ann,Lee,Home,ann@home.example ::: ann@old.example,* Work,ann@work.example,Work Fax,555-0199,Mobile,555-0100\n',
      ),
    );
    assert.equal(r.source, 'google');
    assert.equal(r.contacts[0]?.email, 'ann@work.example');
    assert.equal(r.contacts[0]?.phone, '555-0100');
    assert.ok(r.warnings.some((w) => w.message === 'Other email addresses not imported: ann@home.example, ann@old.example.'));
  });
});
