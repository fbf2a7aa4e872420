import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { documentLanguage } from './document-language';
import { formatAmount } from './format-amount';
import { formatDate } from './format-date';

describe('documentLanguage', () => {
  it('is French for any French tag, English otherwise, the tenant default when the contact has none', () => {
    assert.equal(documentLanguage('fr', 'en'), 'fr');
    assert.equal(documentLanguage('fr-CA', 'en'), 'fr');
    assert.equal(documentLanguage('FR-ca', null), 'fr');
    assert.equal(documentLanguage('en-GB', 'fr'), 'en');
    assert.equal(documentLanguage('es', 'fr'), 'en');
    assert.equal(documentLanguage('fry', 'fr'), 'en'); // Frisian is not French
    assert.equal(documentLanguage(null, 'fr-CA'), 'fr');
    assert.equal(documentLanguage(undefined, undefined), 'en');
  });
});

describe('formatAmount', () => {
  it('groups thousands and writes the decimal mark the way each language does', () => {
    assert.equal(formatAmount('1234567.89', 'fr'), '1\u00a0234\u00a0567,89');
    assert.equal(formatAmount('1234567.89', 'en'), '1,234,567.89');
    assert.equal(formatAmount('-1184.85', 'fr'), '-1\u00a0184,85');
    assert.equal(formatAmount('999.00', 'en'), '999.00');
    assert.equal(formatAmount('1000', 'en'), '1,000'); // JPY: no minor unit
    assert.equal(formatAmount('12.345', 'fr'), '12,345'); // KWD: three decimals
    assert.throws(() => formatAmount('1e3', 'en'), RangeError);
  });
});

describe('formatDate', () => {
  it('writes a calendar date out in the language, whatever the machine zone', () => {
    assert.equal(formatDate('2026-12-03', 'fr'), '3 décembre 2026');
    assert.equal(formatDate('2026-12-03', 'en'), 'December 3, 2026');
    assert.equal(formatDate('2027-01-01', 'fr'), '1 janvier 2027');
  });
});
