import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { invoiceSale, saleTotals, salesTotals, saleWeightIn } from './tenant-sales';

const toronto = { homeCurrency: 'CAD', fiscalYearStart: '04-01', timezone: 'America/Toronto' };
const invoice = (over: Partial<Parameters<typeof invoiceSale>[0]> = {}) =>
  ({ sentAt: '2026-04-15T14:00:00Z', voidedAt: null, currency: 'CAD', exchangeRate: null, subtotal: 100000, ...over });

describe('invoiceSale', () => {
  it('is the pre-tax subtotal in home currency, in the fiscal year of sending (tenant time zone)', () => {
    assert.deepEqual(invoiceSale(invoice(), toronto), { fiscalYear: 2026, homeMinor: 100000 });
    // 2026-04-01T03:30Z is 23:30 on 31 March in Toronto (EDT, UTC−4): fiscal year 2025
    assert.deepEqual(invoiceSale(invoice({ sentAt: '2026-04-01T03:30:00Z' }), toronto), { fiscalYear: 2025, homeMinor: 100000 });
  });

  it('converts through the invoice’s own exchange rate, rounded half away from zero once per invoice', () => {
    // USD 200.00 × 1.35 = CAD 270.00
    assert.deepEqual(invoiceSale(invoice({ currency: 'USD', exchangeRate: '1.35', subtotal: 20000 }), toronto), { fiscalYear: 2026, homeMinor: 27000 });
    // USD 0.33 × 1.35 = 0.4455 → CAD 0.45 (45 minor units)
    assert.equal(invoiceSale(invoice({ currency: 'USD', exchangeRate: '1.35', subtotal: 33 }), toronto)?.homeMinor, 45);
    // JPY 1000 × 0.009 = CAD 9.00: the home currency's two decimals
    assert.equal(invoiceSale(invoice({ currency: 'JPY', exchangeRate: '0.009', subtotal: 1000 }), toronto)?.homeMinor, 900);
  });

  it('is no sale while the invoice is a draft or once it is voided', () => {
    assert.equal(invoiceSale(invoice({ sentAt: null }), toronto), null);
    assert.equal(invoiceSale(invoice({ voidedAt: '2026-05-02T14:00:00Z' }), toronto), null);
  });
});

describe('tenant sales totals', () => {
  const sale = { fiscalYear: 2026, homeMinor: 27000 };

  it('a sale counts in all time (null) and in its own fiscal year only', () => {
    assert.deepEqual(saleTotals(sale), [null, 2026]);
    assert.deepEqual([saleWeightIn(sale, null), saleWeightIn(sale, 2026), saleWeightIn(sale, 2025), saleWeightIn(null, null)], [27000, 27000, 0, 0]);
    assert.deepEqual(saleTotals(null), []);
  });

  it('sums every sale per fiscal year and all time', () => {
    const totals = salesTotals([{ fiscalYear: 2025, homeMinor: 100000 }, sale, null, { fiscalYear: 2026, homeMinor: 3000 }]);
    // all time 100000 + 27000 + 3000 = 130000; FY 2025 100000; FY 2026 27000 + 3000 = 30000
    assert.deepEqual([...totals].sort(([a], [b]) => (a ?? 0) - (b ?? 0)), [[null, 130000], [2025, 100000], [2026, 30000]]);
  });
});
