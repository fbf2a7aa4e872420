import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { canonicalTimeZone, hasVisibleText, isCalendarDate, isInstant, isLanguageTag, isMonthDay, isPlainText, isTimeZone } from './validators';

describe('shared validators', () => {
  it('accepts only calendar dates that exist', () => {
    assert.equal(isCalendarDate('2028-02-29'), true); // 2028 is a leap year
    assert.equal(isCalendarDate('2027-02-29'), false);
    assert.equal(isCalendarDate('2026-02-31'), false);
    assert.equal(isCalendarDate('2026-13-01'), false);
    assert.equal(isCalendarDate('0001-01-01'), false);
    assert.equal(isCalendarDate('2026-1-01'), false);
  });
  it('accepts instants with an offset whose date and time exist, never rolled over', () => {
    assert.equal(isInstant('2027-03-31T23:30:00-04:00'), true);
    assert.equal(isInstant('2027-04-01T03:30:00.000Z'), true);
    assert.equal(isInstant('2027-04-01T03:30Z'), true);
    assert.equal(isInstant('2026-02-31T10:00:00-05:00'), false); // Date.parse gives March 3
    assert.equal(isInstant('2026-02-30T00:00:00Z'), false);
    assert.equal(isInstant('2026-04-01T24:00:00Z'), false);
    assert.equal(isInstant('2026-04-01T10:00:00'), false); // no offset
    assert.equal(isInstant('9999-01-01T00:00:00Z'), false);
  });
  it('knows time zones, language tags and month-days', () => {
    assert.equal(isTimeZone('America/Toronto'), true);
    assert.equal(isTimeZone('Mars/Base'), false);
    // stored in one spelling per zone; what is not a zone is left for the validator to refuse
    assert.deepEqual(['america/toronto', 'EUROPE/PARIS', 'US/Eastern', 'UTC', 'Mars/Base', 42].map(canonicalTimeZone),
      ['America/Toronto', 'Europe/Paris', 'America/New_York', 'UTC', 'Mars/Base', 42]);
    assert.equal(isLanguageTag('fr-CA'), true);
    assert.equal(isLanguageTag('français'), false);
    assert.equal(isMonthDay('02-29'), true);
    assert.equal(isMonthDay('02-30'), false);
  });
  it('refuses control characters and unpaired surrogates in text, keeping line breaks in multi-line text', () => {
    assert.equal(isPlainText('Zoé Tremblay 😀'), true, 'a surrogate pair is one well-formed character');
    assert.equal(isPlainText('a\u0000b'), false, 'NUL');
    assert.equal(isPlainText('a\u0007b'), false, 'BEL');
    assert.equal(isPlainText('a\u007Fb'), false, 'DEL');
    assert.equal(isPlainText('a\u0085b'), false, 'NEL, a C1 control');
    assert.equal(isPlainText('line 1\nline 2'), false, 'one-line text has no line break');
    assert.equal(isPlainText('line 1\r\n\tline 2', true), true, 'multi-line text keeps CR, LF and tab');
    assert.equal(isPlainText('a\u000Bb', true), false, 'vertical tab is not a line break here');
    assert.equal(isPlainText('\uD800'), false, 'high surrogate alone');
    assert.equal(isPlainText('x\uDC00'), false, 'low surrogate alone');
    assert.equal(isPlainText('\uDE00\uD83D'), false, 'a pair in the wrong order is two lone halves');
    assert.equal(isPlainText(42), false);
  });
  it('wants at least one visible character', () => {
    assert.equal(hasVisibleText('Zoé'), true);
    assert.equal(hasVisibleText('\u200B x'), true, 'one visible letter is enough');
    assert.equal(hasVisibleText('😀'), true);
    assert.equal(hasVisibleText(''), true, 'empty is for the length rule to refuse');
    for (const blank of [' ', '\u200B', '\u200B\u200C\u200D\u2060', '\uFEFF', '\u00AD', '\u0000', '\u3164', '\u2800', '\u0301', '\u3000\u00A0']) {
      assert.equal(hasVisibleText(blank), false, JSON.stringify(blank));
    }
  });
});
