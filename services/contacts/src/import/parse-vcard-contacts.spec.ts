import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iconv from 'iconv-lite';
import { ImportFormatError, parseContactImport } from './index';

const crlf = (...lines: string[]): Buffer => Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');

describe('parseContactImport: vCard', () => {
  it('is chosen by content type or by a leading BEGIN:VCARD', () => {
    const card = crlf('BEGIN:VCARD', 'VERSION:3.0', 'FN:Ann Example', 'END:VCARD');
    assert.equal(parseContactImport(card).format, 'vcard');
    assert.equal(parseContactImport(Buffer.concat([Buffer.from('\n  '), card]), 'text/plain').format, 'vcard');
    assert.equal(parseContactImport(card, 'text/x-vcard; charset=utf-8').contacts[0]?.name, 'Ann Example');
    assert.throws(() => parseContactImport(Buffer.from('Name\nAnn\n'), 'text/vcard'), ImportFormatError);
  });

  it('unfolds folded lines and unescapes text', () => {
    const r = parseContactImport(
      crlf('BEGIN:VCARD', 'VERSION:3.0', 'FN:Jean-Fran', ' çois Tremblay', 'ORG:Tremblay\\, Fils \\& Cie;Ventes', 'EMAIL:jf@exam', '\tple.com', 'END:VCARD'),
    );
    assert.deepEqual(
      r.contacts.map((c) => [c.name, c.companyName, c.email]),
      [['Jean-François Tremblay', 'Tremblay, Fils & Cie', 'jf@example.com']],
    );
  });

  it('decodes QUOTED-PRINTABLE across a soft line break that splits a UTF-8 character', () => {
    // é is C3 A9: the soft break falls between its two bytes.
    const r = parseContactImport(
      crlf(
        'BEGIN:VCARD',
        'VERSION:2.1',
        'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Lef=C3=A8vre;Ren=C3=',
        '=A9;;;',
        'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ren=C3=',
        '=A9 Lef=C3=A8vre',
        'ADR;WORK;ENCODING=QUOTED-PRINTABLE:;;12 rue de l=E2=80=99=C3=89glise;Qu=C3=A9bec;QC;G1R 4S9;Canada',
        'END:VCARD',
      ),
    );
    assert.equal(r.contacts[0]?.name, 'René Lefèvre');
    assert.equal(r.contacts[0]?.address.line1, '12 rue de l’Église');
    assert.equal(r.contacts[0]?.address.city, 'Québec');
    assert.deepEqual(r.warnings, []);
  });

  it('applies CHARSET parameters to raw and QUOTED-PRINTABLE values', () => {
    const body = Buffer.concat([
      Buffer.from('BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=ISO-8859-1:Ren', 'latin1'),
      Buffer.from([0xe9]),
      Buffer.from(' Dupont\r\nORG;CHARSET=ISO-8859-2;ENCODING=QUOTED-PRINTABLE:Wroc=B3aw Sp=F3=B3ka\r\nEND:VCARD\r\n', 'latin1'),
      Buffer.from('BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=windows-1252:', 'latin1'),
      Buffer.from([0x80, 0x20, 0x53, 0x9a]), // € Š
      Buffer.from('\r\nEND:VCARD\r\n', 'latin1'),
    ]);
    const r = parseContactImport(body);
    assert.deepEqual(
      r.contacts.map((c) => [c.line, c.name, c.companyName]),
      [
        [1, 'René Dupont', 'Wrocław Spółka'],
        [6, '€ Sš', null],
      ],
    );
  });

  it('takes valid UTF-8 as UTF-8 even under a Latin-1 CHARSET label', () => {
    const r = parseContactImport(crlf('BEGIN:VCARD', 'VERSION:2.1', 'FN;CHARSET=ISO-8859-1:Jürgen Müller', 'END:VCARD'));
    assert.equal(r.contacts[0]?.name, 'Jürgen Müller');
  });

  it('reads QUOTED-PRINTABLE without CHARSET as UTF-8 when it is, else as Windows-1252 with a warning', () => {
    const r = parseContactImport(
      crlf(
        'BEGIN:VCARD',
        'VERSION:2.1',
        'FN;ENCODING=QUOTED-PRINTABLE:Jos=C3=A9',
        'END:VCARD',
        'BEGIN:VCARD',
        'VERSION:2.1',
        'FN;ENCODING=QUOTED-PRINTABLE:Jos=E9',
        'END:VCARD',
      ),
    );
    assert.deepEqual(
      r.contacts.map((c) => c.name),
      ['José', 'José'],
    );
    assert.equal(r.warnings.length, 1);
    assert.equal(r.warnings[0]?.line, 5);
    assert.match(r.warnings[0]?.message ?? '', /Windows-1252/);
  });

  it('keeps the preferred email (2.1 PREF, 3.0 TYPE=pref, 4.0 PREF=1) and names the others', () => {
    const r = parseContactImport(
      crlf(
        'BEGIN:VCARD', 'VERSION:2.1', 'FN:A', 'EMAIL;INTERNET:a1@example.com', 'EMAIL;INTERNET;PREF:a2@example.com', 'END:VCARD',
        'BEGIN:VCARD', 'VERSION:3.0', 'FN:B', 'EMAIL;TYPE=INTERNET:b1@example.com', 'EMAIL;TYPE=INTERNET,pref:b2@example.com', 'END:VCARD',
        'BEGIN:VCARD', 'VERSION:4.0', 'FN:C', 'EMAIL;PREF=2:c2@example.com', 'EMAIL;PREF=1:c1@example.com', 'EMAIL:c3@example.com', 'END:VCARD',
        'BEGIN:VCARD', 'VERSION:3.0', 'FN:D', 'EMAIL:d1@example.com', 'EMAIL:d2@example.com', 'END:VCARD',
      ),
    );
    assert.deepEqual(
      r.contacts.map((c) => c.email),
      ['a2@example.com', 'b2@example.com', 'c1@example.com', 'd1@example.com'],
    );
    assert.deepEqual(
      r.warnings.map((w) => [w.line, w.message]),
      [
        [1, 'Other email addresses not imported: a1@example.com.'],
        [7, 'Other email addresses not imported: b1@example.com.'],
        [13, 'Other email addresses not imported: c2@example.com, c3@example.com.'],
        [20, 'Other email addresses not imported: d2@example.com.'],
      ],
    );
  });

  it('builds the name from N when FN is missing, and uses ORG alone as the name', () => {
    const r = parseContactImport(
      crlf(
        'BEGIN:VCARD', 'VERSION:3.0', 'N:Curie;Marie;Salomea;Mme;', 'ORG:Institut du Radium', 'END:VCARD',
        'BEGIN:VCARD', 'VERSION:4.0', 'KIND:org', 'FN:Globex', 'ORG:Globex Corporation', 'END:VCARD',
        'BEGIN:VCARD', 'VERSION:3.0', 'N:;;;;', 'ORG:Initech;IT', 'END:VCARD',
      ),
    );
    assert.deepEqual(
      r.contacts.map((c) => [c.name, c.companyName]),
      [
        ['Marie Salomea Curie', 'Institut du Radium'],
        ['Globex', 'Globex Corporation'],
        ['Initech', 'Initech'],
      ],
    );
  });

  it('reads TEL (tel: URIs, no fax) and ADR', () => {
    const r = parseContactImport(
      crlf(
        'BEGIN:VCARD',
        'VERSION:4.0',
        'FN:Pat Example',
        'TEL;TYPE=fax;PREF=1:tel:+1-418-555-0000',
        'TEL;TYPE=home:tel:+1-418-555-0101',
        'TEL;TYPE=work:tel:+1-418-555-0102;ext=7',
        'ADR;TYPE=home:;;1 Home St;Lévis;QC;G6V 1A1;Canada',
        'ADR;TYPE=work:BP 12;Bureau 300;2 Work Ave;Québec;QC;G1K 3A9;Canada',
        'LANG:fr-CA',
        'END:VCARD',
      ),
    );
    const c = r.contacts[0];
    assert.equal(c?.phone, '+1-418-555-0102 ext. 7');
    assert.deepEqual(c?.address, {
      line1: '2 Work Ave',
      line2: 'Bureau 300, BP 12',
      city: 'Québec',
      region: 'QC',
      postalCode: 'G1K 3A9',
      country: 'Canada',
    });
    assert.equal(c?.language, 'fr-CA');
  });

  it('decodes UTF-16BE without BOM and UTF-16LE with BOM', () => {
    const text = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Łukasz Żółć\r\nEMAIL:lz@example.pl\r\nEND:VCARD\r\n';
    for (const body of [iconv.encode(text, 'utf-16be'), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')])]) {
      const r = parseContactImport(body);
      assert.deepEqual(
        r.contacts.map((c) => [c.name, c.email]),
        [['Łukasz Żółć', 'lz@example.pl']],
      );
    }
  });

  it('reports a card with nothing to name it as an error at its BEGIN line', () => {
    const r = parseContactImport(
      crlf('BEGIN:VCARD', 'VERSION:3.0', 'FN:Ok', 'END:VCARD', '', 'BEGIN:VCARD', 'VERSION:3.0', 'N:;;;;', 'TEL:555-0100', 'END:VCARD'),
    );
    assert.equal(r.contacts.length, 1);
    assert.deepEqual(
      r.errors.map((e) => e.line),
      [6],
    );
  });

  it('keeps an embedded 2.1 AGENT card inside its parent and reads an unterminated last card', () => {
    const r = parseContactImport(
      crlf(
        'BEGIN:VCARD', 'VERSION:2.1', 'FN:Boss', 'AGENT:BEGIN:VCARD', 'FN:Assistant', 'END:VCARD', 'EMAIL:boss@example.com', 'END:VCARD',
        'BEGIN:VCARD', 'VERSION:3.0', 'FN:Last One',
      ),
    );
    assert.deepEqual(
      r.contacts.map((c) => [c.line, c.name, c.email]),
      [
        [1, 'Boss', 'boss@example.com'],
        [9, 'Last One', null],
      ],
    );
    assert.ok(r.warnings.some((w) => w.line === 9 && /END:VCARD/.test(w.message)));
  });
});
