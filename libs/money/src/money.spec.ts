import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  convertMinor, currencyExponent, formatMoney, isCurrencyCode, lineAmount, meanOneDecimal, parseMoney,
  parsePercent, parseQuantity, percentOf, percentString, InvalidNumberError,
} from './index';

describe('currencies', () => {
  it('knows ISO 4217 exponents: CAD 2, JPY 0, KWD 3', () => {
    assert.equal(currencyExponent('CAD'), 2);
    assert.equal(currencyExponent('JPY'), 0);
    assert.equal(currencyExponent('KWD'), 3);
  });
  it('refuses codes that are not money', () => {
    assert.equal(isCurrencyCode('CAD'), true);
    assert.equal(isCurrencyCode('cad'), false);
    assert.equal(isCurrencyCode('ZZZ'), false);
    assert.equal(isCurrencyCode('XAU'), false);
  });
});

describe('parseMoney / formatMoney', () => {
  it('reads strings and numbers into minor units', () => {
    assert.equal(parseMoney('1149.75', 'CAD'), 114975);
    assert.equal(parseMoney(12.5, 'CAD'), 1250);
    assert.equal(parseMoney('1000', 'JPY'), 1000);
    assert.equal(parseMoney('12.345', 'KWD'), 12345);
  });
  it('refuses more digits than the currency allows, negatives and non-numbers', () => {
    assert.throws(() => parseMoney('1.005', 'CAD'), InvalidNumberError);
    assert.throws(() => parseMoney('10.5', 'JPY'), InvalidNumberError);
    assert.throws(() => parseMoney('-1.00', 'CAD'), InvalidNumberError);
    assert.throws(() => parseMoney('abc', 'CAD'), InvalidNumberError);
    assert.throws(() => parseMoney('1e3', 'CAD'), InvalidNumberError);
    assert.throws(() => parseMoney(Number.NaN, 'CAD'), InvalidNumberError);
    assert.throws(() => parseMoney({}, 'CAD'), InvalidNumberError);
    assert.throws(() => parseMoney('0', 'CAD', { allowZero: false }), InvalidNumberError);
  });
  it('refuses amounts above 10^13 minor units, so sums stay exact integers', () => {
    // 100 000 000 000.00 CAD = 10^13 cents is the largest accepted; one cent more is refused
    assert.equal(parseMoney('100000000000.00', 'CAD'), 10 ** 13);
    assert.throws(() => parseMoney('100000000000.01', 'CAD'), /larger than Carnet accepts/);
    assert.throws(() => parseMoney('90000000000000.00', 'CAD'), InvalidNumberError);
  });
  it('writes exactly the currency digits', () => {
    assert.equal(formatMoney(114975, 'CAD'), '1149.75');
    assert.equal(formatMoney(5, 'CAD'), '0.05');
    assert.equal(formatMoney(-5, 'CAD'), '-0.05');
    assert.equal(formatMoney(1000, 'JPY'), '1000');
    assert.equal(formatMoney(12345, 'KWD'), '12.345');
    assert.equal(formatMoney(0, 'KWD'), '0.000');
  });
});

describe('rounding, half away from zero, without binary floats', () => {
  it('line = round(quantity × price)', () => {
    // 2.25 h × 85.00 = 191.25 exactly
    assert.equal(lineAmount('2.25', 8500), 19125);
    // 1.005 × 10.00 = 10.05 exactly; a float multiply-and-round gives 10.04 or 10.05 by luck
    assert.equal(lineAmount('1.005', 1000), 1005);
    // 0.5 × 0.01 = 0.005 → 0.01 (half away from zero)
    assert.equal(lineAmount('0.5', 1), 1);
    // 3 × 0.335: 1.005 → 1.01 (float 1.0050000000000001 hides this only by accident)
    assert.equal(lineAmount('3', 34) , 102);
    assert.equal(lineAmount('0.333', 100), 33); // 0.333 → 0.33
  });
  it('tax = round(base × rate) per invoice and tax: the API.md example', () => {
    // three lines of 33.33 → 99.99; GST 5% = 4.9995 → 5.00; QST 9.975% = 9.9740025 → 9.97
    const subtotal = 3 * 3333;
    assert.equal(subtotal, 9999);
    assert.equal(percentOf(subtotal, '5'), 500);
    assert.equal(percentOf(subtotal, '9.975'), 997);
    assert.equal(subtotal + 500 + 997, 11496); // 114.96
  });
  it('half-cent taxes round away from zero where floats round down', () => {
    // 1.15 × 5% = 0.0575 → 0.06 ; 10.10 × 5% = 0.505 → 0.51 (1010 * 0.05 = 50.5 → float gives 50.50000000000001 ok, but)
    assert.equal(percentOf(115, '5'), 6);
    assert.equal(percentOf(1010, '5'), 51);
    // 8.05 × 9.975% = 0.8029875 → 0.80 ; 40.10 × 9.975% = 3.999975 → 4.00
    assert.equal(percentOf(805, '9.975'), 80);
    assert.equal(percentOf(4010, '9.975'), 400);
    // 0.10 × 5% = 0.005 → 0.01, while Math.round(10 * 0.05) happens to be 1 but Math.round(1.005*100) is 100
    assert.equal(percentOf(10, '5'), 1);
    assert.equal(Math.round(1.005 * 100), 100); // the float trap the library avoids
    assert.equal(lineAmount('1.005', 100), 101);
  });
  it('negative amounts round away from zero too', () => {
    assert.equal(percentOf(-10, '5'), -1);
  });
});

describe('conversion and shares', () => {
  it('converts to home currency across exponents', () => {
    // 1000 JPY × 0.0091 CAD/JPY = 9.10 CAD
    assert.equal(convertMinor(1000, 'JPY', '0.0091', 'CAD'), 910);
    // 100.00 USD × 1.3655 = 136.55 CAD
    assert.equal(convertMinor(10000, 'USD', '1.3655', 'CAD'), 13655);
    // 12.345 KWD × 4.4 = 54.318 → 54.32 CAD
    assert.equal(convertMinor(12345, 'KWD', '4.4', 'CAD'), 5432);
  });
  it('percent strings with two decimals', () => {
    assert.equal(percentString(375, 1000), '37.50');
    assert.equal(percentString(1, 3), '33.33');
    assert.equal(percentString(2, 3), '66.67');
    assert.equal(percentString(1, 0), null);
  });
  it('mean to one decimal', () => {
    assert.equal(meanOneDecimal([30]), 30);
    assert.equal(meanOneDecimal([10, 15]), 12.5);
    assert.equal(meanOneDecimal([1, 1, 2]), 1.3); // 4/3 = 1.333…
    assert.equal(meanOneDecimal([1, 2, 2, 2]), 1.8); // 7/4 = 1.75 → 1.8
    assert.equal(meanOneDecimal([]), null);
  });
  it('validates quantities and rates', () => {
    assert.equal(parseQuantity('2.25'), '2.25');
    assert.equal(parseQuantity(3), '3');
    assert.throws(() => parseQuantity('0'), InvalidNumberError);
    assert.equal(parsePercent('9.975'), '9.975');
    assert.throws(() => parsePercent('9.9751'), InvalidNumberError);
    assert.throws(() => parsePercent('101'), InvalidNumberError);
  });
});
