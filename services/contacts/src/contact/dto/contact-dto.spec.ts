// The field rules of API.md, checked through the same validation the service's global pipe runs.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { fieldErrors } from '@carnet/http';
import { CreateContactDto } from './create-contact.dto';
import { ListContactsQuery } from './list-contacts.query';
import { NoteBodyDto } from './note-body.dto';
import { UpdateContactDto } from './update-contact.dto';

type Dto = CreateContactDto | UpdateContactDto | ListContactsQuery | NoteBodyDto;

async function check<T extends Dto>(type: new () => T, plain: object): Promise<{ dto: T; fields: string[] }> {
  const dto = plainToInstance(type, plain);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  return { dto, fields: [...new Set(fieldErrors(errors).map((e) => e.field))].sort() };
}
const create = (plain: object) => check(CreateContactDto, plain);

describe('contact field rules', () => {
  it('name: 1 to 200 characters after trimming, counted in code points, kept in NFC', async () => {
    assert.deepEqual((await create({})).fields, ['name'], 'missing');
    assert.deepEqual((await create({ name: '   ' })).fields, ['name'], 'blank after trim');
    assert.deepEqual((await create({ name: 42 })).fields, ['name'], 'not a string');
    // 200 × "é" is 200 characters but 400 UTF-8 bytes: accepted
    assert.deepEqual((await create({ name: 'é'.repeat(200) })).fields, []);
    // 200 emoji are 200 code points but 400 UTF-16 units: accepted; 201 refused
    assert.deepEqual((await create({ name: '😀'.repeat(200) })).fields, []);
    assert.deepEqual((await create({ name: '😀'.repeat(201) })).fields, ['name']);
    // "  Zoe" + combining acute (U+0301) + "  " → trimmed, composed into one "é": 3 characters
    const { dto } = await create({ name: '  Zoe\u0301  ' });
    assert.equal(dto.name, 'Zo\u00e9');
    assert.equal(dto.name.length, 3);
  });

  it('email: real addresses accepted as written, broken ones refused', async () => {
    for (const email of ["o'brien+invoices@example.com", 'Zoe.Tremblay@Example.CA', 'ops@studio.photography', 'a_b-c@sub.domain.example.org']) {
      const { dto, fields } = await create({ name: 'x', email });
      assert.deepEqual(fields, [], email);
      assert.equal(dto.email, email, 'kept as written');
    }
    for (const email of ['a..b@example.com', 'a b@example.com', 'ab@example..com', 'ab@', '@example.com', 'ab.example.com', 'ab@example', 'a@b@example.com']) {
      assert.deepEqual((await create({ name: 'x', email })).fields, ['email'], email);
    }
    // An empty value means no email, stored as null (never "")
    assert.equal((await create({ name: 'x', email: '  ' })).dto.email, null);
  });

  it('colour #RRGGBB, language BCP 47, currency ISO 4217, payment method and terms', async () => {
    assert.deepEqual((await create({ name: 'x', color: '#a1B2c3' })).fields, []);
    for (const color of ['blue', '#abc', 'a1b2c3', '#a1b2c3d4', '']) assert.deepEqual((await create({ name: 'x', color })).fields, ['color'], color);

    const fr = await create({ name: 'x', billing: { language: 'fr-ca' } });
    assert.deepEqual(fr.fields, []);
    assert.equal(fr.dto.billing?.language, 'fr-CA', 'stored in canonical case');
    for (const language of ['french', 'f', 'fr_CA', '12']) assert.deepEqual((await create({ name: 'x', billing: { language } })).fields, ['billing.language'], language);

    assert.deepEqual((await create({ name: 'x', billing: { currency: 'JPY' } })).fields, []);
    for (const currency of ['cad', 'XYZ', 'CA', null]) assert.deepEqual((await create({ name: 'x', billing: { currency } })).fields, ['billing.currency'], String(currency));

    for (const paymentMethod of ['bank_transfer', 'cheque', 'cash', 'credit_card', 'interac', 'paypal', 'other', null]) {
      assert.deepEqual((await create({ name: 'x', billing: { paymentMethod } })).fields, [], String(paymentMethod));
    }
    assert.deepEqual((await create({ name: 'x', billing: { paymentMethod: 'bitcoin' } })).fields, ['billing.paymentMethod']);

    for (const days of [0, 30, 365]) assert.deepEqual((await create({ name: 'x', billing: { paymentTermsDays: days } })).fields, [], String(days));
    for (const days of [-1, 366, 2.5, '30', null]) assert.deepEqual((await create({ name: 'x', billing: { paymentTermsDays: days } })).fields, ['billing.paymentTermsDays'], String(days));
  });

  it('names each refused field, unknown ones included, at any depth', async () => {
    const { fields } = await create({ name: '', email: 'no', color: 'red', extra: 1, billing: { currency: 'EURO', address: { city: 'Laval', planet: 'Mars' } } });
    assert.deepEqual(fields, ['billing.address.planet', 'billing.currency', 'color', 'email', 'extra', 'name']);
  });

  it('a PATCH may clear optional fields with null but never the name, currency or terms', async () => {
    assert.deepEqual((await check(UpdateContactDto, { email: null, phone: null, color: null, billing: { language: null, paymentMethod: null } })).fields, []);
    assert.deepEqual((await check(UpdateContactDto, { name: null })).fields, ['name']);
    assert.deepEqual((await check(UpdateContactDto, { billing: { currency: null, paymentTermsDays: null } })).fields, ['billing.currency', 'billing.paymentTermsDays']);
    assert.deepEqual((await check(UpdateContactDto, {})).fields, []);
  });

  it('lists take at most 500 per page', async () => {
    assert.deepEqual((await check(ListContactsQuery, { limit: '500' })).fields, []);
    assert.deepEqual((await check(ListContactsQuery, { limit: '501' })).fields, ['limit']);
    assert.deepEqual((await check(ListContactsQuery, { limit: '0' })).fields, ['limit']);
    assert.deepEqual((await check(ListContactsQuery, { status: 'deleted', sort: 'email' })).fields, ['sort', 'status']);
  });

  it('a note body is 1 to 10,000 characters after trimming', async () => {
    assert.deepEqual((await check(NoteBodyDto, { body: ' \n ' })).fields, ['body']);
    assert.deepEqual((await check(NoteBodyDto, {})).fields, ['body']);
    assert.deepEqual((await check(NoteBodyDto, { body: 'x'.repeat(10_000) })).fields, []);
    assert.deepEqual((await check(NoteBodyDto, { body: 'x'.repeat(10_001) })).fields, ['body']);
    assert.equal((await check(NoteBodyDto, { body: '  Rappeler lundi  ' })).dto.body, 'Rappeler lundi');
  });

  it('a name must show something: zero-width, blank, control characters and lone surrogates are refused', async () => {
    for (const name of ['\u200B', '\u200B\u200C\u200D', '\u2060\uFEFF\u200B', '\u0000', '\u0000\u0001', 'Zoé\u0000', '\uD800', 'Zo\uDC00é', '\u3164', '\u00AD']) {
      assert.deepEqual((await create({ name })).fields, ['name'], JSON.stringify(name));
      assert.deepEqual((await check(UpdateContactDto, { name })).fields, ['name'], JSON.stringify(name));
    }
    // a real name around a zero-width joiner (an emoji sequence) is fine
    assert.deepEqual((await create({ name: 'Famille 👨\u200D👩\u200D👧' })).fields, []);
  });

  it('control characters are refused in every text field; a note keeps its line breaks and tabs', async () => {
    const bad = 'a\u0007b';
    const { fields } = await create({
      name: 'x', email: `zoe${bad}@example.ca`, companyName: bad, phone: `514${bad}`,
      billing: { address: { line1: bad, line2: bad, city: bad, region: bad, postalCode: bad, country: bad } },
    });
    assert.deepEqual(fields, ['billing.address.city', 'billing.address.country', 'billing.address.line1', 'billing.address.line2',
      'billing.address.postalCode', 'billing.address.region', 'companyName', 'email', 'phone']);
    assert.deepEqual((await check(UpdateContactDto, { companyName: 'Line\nbreak', phone: '\uD83D' })).fields, ['companyName', 'phone']);
    assert.deepEqual((await check(NoteBodyDto, { body: 'Rappeler lundi\n\t- devis\r\n- facture' })).fields, []);
    for (const body of ['Rappeler\u0000lundi', '\u200B\u200B', 'x\uDFFF']) assert.deepEqual((await check(NoteBodyDto, { body })).fields, ['body'], JSON.stringify(body));
  });
});
