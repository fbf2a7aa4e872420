import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { InvoiceContent } from '@carnet/events';
import { QUEBEC_TAXES } from './billing.fixtures';
import { ClientAccountState } from './client-account.state';
import { given, GivenEvent } from './client-account.test-kit';
import { createInvoice } from './create-invoice.decide';
import { CatalogItem, LineRequest } from './price-lines';

// Design: 85.00 CAD an hour, GST + QST by default. Hosting: 19.99 USD, untaxed.
const DESIGN: CatalogItem = { id: 'item-design', name: 'Design', unitPrice: 8500, currency: 'CAD', taxCodes: ['GST', 'QST'] };
const HOSTING_USD: CatalogItem = { id: 'item-hosting', name: 'Hosting', unitPrice: 1999, currency: 'USD', taxCodes: [] };
const context = { taxes: QUEBEC_TAXES, homeCurrency: 'CAD', items: { [DESIGN.id]: DESIGN, [HOSTING_USD.id]: HOSTING_USD } };
const setAt = '2027-01-10T00:00:00.000Z';

const rateSet = (itemId: string, currency: string, unitPrice: number): GivenEvent => ({ type: 'ClientRateSet', data: { itemId, currency, unitPrice, setAt } });
const itemLine = (over: Partial<LineRequest> = {}): LineRequest => ({ itemId: DESIGN.id, description: null, quantity: '2', unitPrice: null, taxCodes: null, ...over });
const create = (lines: LineRequest[], currency = 'CAD') => (s: ClientAccountState) =>
  createInvoice(s, { invoiceId: 'inv-1', currency, exchangeRate: currency === 'CAD' ? null : '1.35', dueDate: null, lines }, context);

/** The content of the one InvoiceCreated the decision returns. */
function contentOf(state: ClientAccountState, lines: LineRequest[], currency = 'CAD'): InvoiceContent {
  const [event] = create(lines, currency)(state);
  assert.ok(event?.type === 'InvoiceCreated');
  return event.data.content;
}

describe('pricing lines that name an item', () => {
  it('takes the item price, taxes and name when the line gives none', () => {
    // 2 × 85.00 = 170.00 ; GST 5% = 8.50 ; QST 9.975% = 16.9575 → 16.96 ; total 170.00 + 8.50 + 16.96 = 195.46
    given().when(create([itemLine()])).then([{
      type: 'InvoiceCreated',
      data: {
        invoiceId: 'inv-1',
        content: {
          currency: 'CAD', exchangeRate: null, dueDate: null,
          lines: [{ itemId: DESIGN.id, description: 'Design', quantity: '2', unitPrice: 8500, amount: 17000, taxCodes: ['GST', 'QST'] }],
          taxes: [{ code: 'GST', name: 'GST', rate: '5', amount: 850 }, { code: 'QST', name: 'QST', rate: '9.975', amount: 1696 }],
          subtotal: 17000, total: 19546,
        },
      },
    }]);
  });

  it("takes the client's own rate over the item price", () => {
    // rate 70.00: 2 × 70.00 = 140.00, untaxed
    const content = contentOf(given(rateSet(DESIGN.id, 'CAD', 7000)).state, [itemLine({ taxCodes: [] })]);
    assert.deepEqual([content.lines[0].unitPrice, content.subtotal, content.total], [7000, 14000, 14000]);
  });

  it('lets the line override the price, the taxes (empty: no tax) and the description', () => {
    // 2 × 90.00 = 180.00, untaxed, whatever the rate
    const content = contentOf(given(rateSet(DESIGN.id, 'CAD', 7000)).state, [itemLine({ unitPrice: 9000, taxCodes: [], description: 'Logo' })]);
    assert.deepEqual(content.lines[0], { itemId: DESIGN.id, description: 'Logo', quantity: '2', unitPrice: 9000, amount: 18000, taxCodes: [] });
    assert.deepEqual(content.taxes, []);
  });

  it('never reprices a document when the rate changes afterwards', () => {
    // Created at the 70.00 rate: 2 × 70.00 = 140.00. Then the rate goes to 95.00, then is removed.
    const withRate = given(rateSet(DESIGN.id, 'CAD', 7000));
    const created = create([itemLine({ taxCodes: [] })])(withRate.state);
    const later = given(
      rateSet(DESIGN.id, 'CAD', 7000), ...created, rateSet(DESIGN.id, 'CAD', 9500),
      { type: 'ClientRateRemoved', data: { itemId: DESIGN.id, removedAt: setAt } },
    ).state;
    assert.deepEqual([later.invoices['inv-1'].content.lines[0].unitPrice, later.invoices['inv-1'].content.total], [7000, 14000]);
    assert.deepEqual(later.rates, {});
  });

  it('ignores a rate set while the item was priced in another currency', () => {
    // The rate was 50.00 USD; Design is priced in CAD now: 85.00
    const content = contentOf(given(rateSet(DESIGN.id, 'USD', 5000)).state, [itemLine({ taxCodes: [] })]);
    assert.equal(content.lines[0].unitPrice, 8500);
  });

  it('prices a USD document from a USD item', () => {
    // 3 × 19.99 = 59.97
    const content = contentOf(given().state, [itemLine({ itemId: HOSTING_USD.id, quantity: '3' })], 'USD');
    assert.deepEqual([content.currency, content.exchangeRate, content.total], ['USD', '1.35', 5997]);
  });

  it('refuses an unknown item, an item priced in another currency, and a bare line without price or description', () => {
    given().when(create([itemLine({ itemId: 'item-nope' })])).thenThrows('UNKNOWN_ITEM', 'lines[0].itemId');
    given().when(create([itemLine(), itemLine({ itemId: HOSTING_USD.id })])).thenThrows('CURRENCY_MISMATCH', 'lines[1].unitPrice');
    given().when(create([{ itemId: null, description: 'Misc', quantity: '1', unitPrice: null, taxCodes: null }])).thenThrows('INVALID_INPUT', 'lines[0].unitPrice');
    given().when(create([{ itemId: null, description: null, quantity: '1', unitPrice: 100, taxCodes: null }])).thenThrows('INVALID_INPUT', 'lines[0].description');
  });
});
