import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { formatMoney } from '@carnet/money';
import { BillingError } from './billing.error';
import { GST, QST, QUEBEC_TAXES } from './billing.fixtures';
import { computeInvoiceContent, InvoiceLineInput, TaxDefinition } from './invoice-content';

const line = (quantity: string, unitPrice: number, taxCodes: string[] = [], description = 'Work'): InvoiceLineInput => ({
  itemId: null,
  description,
  quantity,
  unitPrice,
  taxCodes,
});

describe('computeInvoiceContent', () => {
  it('holds API.md example: 3 × 33.33 CAD with GST 5% and QST 9.975%', () => {
    const c = computeInvoiceContent([line('1', 3333, ['GST', 'QST']), line('1', 3333, ['GST', 'QST']), line('1', 3333, ['GST', 'QST'])], QUEBEC_TAXES, 'CAD', null, null);
    // subtotal 33.33 × 3 = 99.99
    assert.equal(c.subtotal, 9999);
    // GST 99.99 × 5% = 4.9995 → 5.00 (per line it would be 1.6665 → 1.67, × 3 = 5.01)
    // QST 99.99 × 9.975% = 9.9740025 → 9.97 (per line 3.3246675 → 3.32, × 3 = 9.96)
    assert.deepEqual(c.taxes, [
      { code: 'GST', name: 'GST', rate: '5', amount: 500 },
      { code: 'QST', name: 'QST', rate: '9.975', amount: 997 },
    ]);
    // 99.99 + 5.00 + 9.97 = 114.96
    assert.equal(c.total, 11496);
    assert.equal(formatMoney(c.total, 'CAD'), '114.96');
  });

  it('rounds half cents away from zero, on lines and on taxes', () => {
    const c = computeInvoiceContent(
      [line('0.5', 1), line('1.5', 5), line('1', 1010, ['GST']), line('1.005', 1000)],
      [GST],
      'CAD',
      null,
      null,
    );
    // 0.5 × 0.01 = 0.005 → 0.01 ; 1.5 × 0.05 = 0.075 → 0.08 ; 1 × 10.10 = 10.10 ; 1.005 × 10.00 = 10.05 exactly
    assert.deepEqual(c.lines.map((l) => l.amount), [1, 8, 1010, 1005]);
    // 0.01 + 0.08 + 10.10 + 10.05 = 20.24
    assert.equal(c.subtotal, 2024);
    // GST only on the 10.10 line: 10.10 × 5% = 0.505 → 0.51
    assert.equal(c.taxes[0].amount, 51);
    // 20.24 + 0.51 = 20.75
    assert.equal(c.total, 2075);
  });

  it('computes each tax once per invoice, not per line', () => {
    const c = computeInvoiceContent([line('1', 10, ['GST']), line('1', 10, ['GST'])], [GST], 'CAD', null, null);
    // per invoice: (0.10 + 0.10) × 5% = 0.01 ; per line it would be 0.005 → 0.01 twice = 0.02
    assert.equal(c.taxes[0].amount, 1);
    // 0.20 + 0.01 = 0.21
    assert.equal(c.total, 21);
  });

  it('taxes only the lines that carry each tax', () => {
    const c = computeInvoiceContent([line('1', 10000, ['GST', 'QST']), line('1', 5000, ['GST'])], QUEBEC_TAXES, 'CAD', null, null);
    // GST on 100.00 + 50.00 = 150.00 × 5% = 7.50 ; QST on 100.00 × 9.975% = 9.975 → 9.98
    assert.deepEqual(c.taxes.map((t) => [t.code, t.amount]), [['GST', 750], ['QST', 998]]);
    // 150.00 + 7.50 + 9.98 = 167.48
    assert.equal(c.total, 16748);
  });

  it('multiplies fractional quantities exactly', () => {
    const c = computeInvoiceContent([line('2.25', 8500, ['GST']), line('0.333', 100, ['GST']), line('1.25', 3333, ['GST'])], [GST], 'CAD', null, null);
    // 2.25 h × 85.00 = 191.25 ; 0.333 × 1.00 = 0.333 → 0.33 ; 1.25 × 33.33 = 41.6625 → 41.66
    assert.deepEqual(c.lines.map((l) => l.amount), [19125, 33, 4166]);
    // 191.25 + 0.33 + 41.66 = 233.24 ; GST 233.24 × 5% = 11.662 → 11.66 ; total 244.90
    assert.equal(c.subtotal, 23324);
    assert.equal(c.taxes[0].amount, 1166);
    assert.equal(c.total, 24490);
    assert.equal(c.lines[0].quantity, '2.25');
  });

  it('works in yen, which has no minor unit', () => {
    const ct: TaxDefinition = { code: 'CT', name: 'Consumption tax', rate: '10' };
    const c = computeInvoiceContent([line('2.5', 999, ['CT']), line('3', 1000, ['CT'])], [ct], 'JPY', '0.0091', null);
    // 2.5 × ¥999 = ¥2497.5 → ¥2498 ; 3 × ¥1000 = ¥3000 ; subtotal ¥5498
    assert.deepEqual(c.lines.map((l) => l.amount), [2498, 3000]);
    assert.equal(c.subtotal, 5498);
    // CT ¥5498 × 10% = ¥549.8 → ¥550 ; total ¥6048
    assert.equal(c.taxes[0].amount, 550);
    assert.equal(formatMoney(c.total, 'JPY'), '6048');
    assert.equal(c.exchangeRate, '0.0091');
  });

  it('works in Kuwaiti dinars, which have three decimals', () => {
    const vat: TaxDefinition = { code: 'VAT', name: 'VAT', rate: '5' };
    const c = computeInvoiceContent([line('1.5', 12345, ['VAT']), line('2', 125, ['VAT'])], [vat], 'KWD', '4.4', null);
    // 1.5 × 12.345 = 18.5175 → 18.518 ; 2 × 0.125 = 0.250 ; subtotal 18.768
    assert.deepEqual(c.lines.map((l) => l.amount), [18518, 250]);
    // VAT 18.768 × 5% = 0.9384 → 0.938 ; total 19.706
    assert.equal(c.taxes[0].amount, 938);
    assert.equal(formatMoney(c.total, 'KWD'), '19.706');
  });

  it('refuses a total above the largest accepted amount, so reports can sum it exactly', () => {
    // 2 lines × 60 000 000 000.00 = 120 000 000 000.00 > 100 000 000 000.00 (10^13 cents)
    assert.throws(
      () => computeInvoiceContent([line('1', 6_000_000_000_000), line('1', 6_000_000_000_000)], [], 'CAD', null, null),
      (e: unknown) => e instanceof BillingError && e.code === 'INVALID_AMOUNT' && e.field === 'lines',
    );
    // 1 line of 90 000 000 000.00 + GST 5% = 94 500 000 000.00 stays accepted
    assert.equal(computeInvoiceContent([line('1', 9_000_000_000_000, ['GST'])], [GST], 'CAD', null, null).total, 9_450_000_000_000);
  });

  it('refuses a total whose home-currency value would pass the cap', () => {
    // 100 000 000 000.00 USD (the cap itself) × 1.3655 CAD/USD = 136 550 000 000.00 CAD > 100 000 000 000.00
    assert.throws(
      () => computeInvoiceContent([line('1', 10_000_000_000_000)], [], 'USD', '1.3655', null, 'CAD'),
      (e: unknown) => e instanceof BillingError && e.code === 'INVALID_AMOUNT' && e.field === 'exchangeRate',
    );
    // 50 000 000 000.00 USD × 1.3655 = 68 275 000 000.00 CAD is accepted
    assert.equal(computeInvoiceContent([line('1', 5_000_000_000_000)], [], 'USD', '1.3655', null, 'CAD').total, 5_000_000_000_000);
  });

  it('refuses an unknown tax code with the field path', () => {
    assert.throws(
      () => computeInvoiceContent([line('1', 100, ['GST']), line('1', 100, ['QST', 'HST'])], [GST, QST], 'CAD', null, null),
      (e: unknown) => e instanceof BillingError && e.code === 'UNKNOWN_TAX_CODE' && e.field === 'lines[1].taxCodes',
    );
  });

  it('refuses bad quantities, prices, dates and an empty invoice', () => {
    const fails = (f: () => unknown, code: string, field: string) =>
      assert.throws(f, (e: unknown) => e instanceof BillingError && e.code === code && e.field === field);
    fails(() => computeInvoiceContent([line('0', 100)], [], 'CAD', null, null), 'INVALID_INPUT', 'lines[0].quantity');
    fails(() => computeInvoiceContent([line('1', 1.5)], [], 'CAD', null, null), 'INVALID_AMOUNT', 'lines[0].unitPrice');
    fails(() => computeInvoiceContent([line('1', 100, [], '  ')], [], 'CAD', null, null), 'INVALID_INPUT', 'lines[0].description');
    fails(() => computeInvoiceContent([line('1', 100)], [], 'CAD', null, '2027-02-30'), 'INVALID_INPUT', 'dueDate');
    fails(() => computeInvoiceContent([], [], 'CAD', null, null), 'INVALID_INPUT', 'lines');
    fails(() => computeInvoiceContent([line('1', 100)], [], 'XAU', null, null), 'INVALID_INPUT', 'currency');
  });
});
