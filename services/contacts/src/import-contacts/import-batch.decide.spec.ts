import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ImportedContact, ImportRow } from '../import';
import { importedProfile, planImportBatch } from './import-batch.decide';

const DEFAULTS = { homeCurrency: 'CAD', defaultLanguage: 'fr' };
const NO_ADDRESS = { line1: null, line2: null, city: null, region: null, postalCode: null, country: null };

const contact = (line: number, name: string, email: string | null, more: Partial<ImportedContact> = {}): ImportedContact => ({
  line, name, email, companyName: null, phone: null, address: NO_ADDRESS, language: null, currency: null, color: null,
  paymentMethod: null, paymentTermsDays: null, archived: false, ...more,
});
const row = (line: number, name: string, email: string | null): ImportRow => ({ line, contact: contact(line, name, email), warnings: [], errors: [] });
const ids = () => {
  let n = 0;
  return () => `id-${++n}`;
};

describe('planning a batch of imported rows', () => {
  it('makes a new contact of each row, with ids in row order', () => {
    const plan = planImportBatch([row(2, 'Zoé', 'zoe@example.ca'), row(3, 'Marc', null)], DEFAULTS, ids());
    assert.deepEqual(plan.contacts.map((c) => [c.line, c.id, c.email, c.profile.name]), [[2, 'id-1', 'zoe@example.ca', 'Zoé'], [3, 'id-2', null, 'Marc']]);
    assert.deepEqual([plan.skipped, plan.warnings, plan.errors], [[], [], []]);
  });

  it('skips a row repeating an email of an earlier row of the batch, whatever its case', () => {
    const plan = planImportBatch([row(2, 'Zoé', 'zoe@example.ca'), row(3, 'Zoé bis', 'ZOE@Example.CA'), row(4, 'Léa', 'lea@example.ca')], DEFAULTS, ids());
    // 3 rows − 1 repeat = 2 contacts
    assert.deepEqual(plan.contacts.map((c) => c.line), [2, 4]);
    assert.deepEqual(plan.skipped, [{ line: 3, reason: 'a contact with email ZOE@Example.CA already exists' }]);
  });

  it('leaves out an email that is not a valid address, with a warning, and still creates the contact', () => {
    // the parser lets "a@b..com" through; an empty label in the domain is refused here
    const plan = planImportBatch([row(5, 'Bob', 'bob@example..com')], DEFAULTS, ids());
    assert.equal(plan.contacts.length, 1);
    assert.equal(plan.contacts[0]?.email, null);
    assert.equal(plan.contacts[0]?.profile.email, null);
    assert.deepEqual(plan.warnings, [{ line: 5, message: 'email "bob@example..com" is not a valid address and was left out' }]);
  });

  it('passes on the rows\' own warnings and errors, and creates nothing for a row without a contact', () => {
    const rows: ImportRow[] = [
      { line: 2, contact: null, warnings: [], errors: [{ line: 2, message: 'No name, email or company' }] },
      { ...row(3, 'Ana', 'ana@example.ca'), warnings: [{ line: 3, message: 'Currency "XXY" is not an ISO 4217 code' }] },
    ];
    const plan = planImportBatch(rows, DEFAULTS, ids());
    assert.deepEqual(plan.contacts.map((c) => c.line), [3]);
    assert.deepEqual(plan.errors, [{ line: 2, message: 'No name, email or company' }]);
    assert.deepEqual(plan.warnings, [{ line: 3, message: 'Currency "XXY" is not an ISO 4217 code' }]);
  });
});

describe('the profile of an imported contact', () => {
  it('takes the tenant\'s home currency, default language and 30 days when the file has none', () => {
    assert.deepEqual(importedProfile(contact(2, 'Zoé', 'zoe@example.ca'), 'zoe@example.ca', DEFAULTS), {
      name: 'Zoé', email: 'zoe@example.ca', companyName: null, phone: null, color: null,
      billing: { address: NO_ADDRESS, language: 'fr', currency: 'CAD', paymentMethod: null, paymentTermsDays: 30 },
    });
  });

  it('keeps what the file says, and 0 days when it says so', () => {
    const c = contact(2, 'Ana', null, {
      companyName: 'Atelier', phone: '514-555-0100', color: '#a1b2c3', language: 'en', currency: 'USD', paymentMethod: 'interac', paymentTermsDays: 0,
      address: { ...NO_ADDRESS, city: 'Montréal' },
    });
    const p = importedProfile(c, null, DEFAULTS);
    assert.deepEqual([p.companyName, p.phone, p.color, p.billing.language, p.billing.currency, p.billing.paymentMethod, p.billing.paymentTermsDays, p.billing.address.city],
      ['Atelier', '514-555-0100', '#A1B2C3', 'en', 'USD', 'interac', 0, 'Montréal']);
  });

  it('cuts a name to 200 characters, counting an emoji as one', () => {
    // 199 × "a" + 2 emoji = 201 characters: the last emoji goes
    const name = 'a'.repeat(199) + '😀😀';
    const p = importedProfile(contact(2, name, null), null, DEFAULTS);
    assert.equal([...p.name].length, 200);
    assert.equal(p.name, 'a'.repeat(199) + '😀');
  });

  it('says so when it cuts a name', () => {
    const plan = planImportBatch([row(7, 'b'.repeat(201), null), row(8, 'c'.repeat(200), null)], DEFAULTS, ids());
    assert.deepEqual(plan.warnings, [{ line: 7, message: 'the name has 201 characters; its first 200 were kept' }]);
    assert.deepEqual(plan.contacts.map((c) => [...c.profile.name].length), [200, 200]);
  });
});
