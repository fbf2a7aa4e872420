import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { toClientRateView } from '../client-rate.view';
import { given } from './client-account.test-kit';
import { CatalogItem } from './price-lines';
import { removeClientRate } from './remove-client-rate.decide';
import { setClientRate } from './set-client-rate.decide';

const DESIGN: CatalogItem = { id: 'item-design', name: 'Design', unitPrice: 8500, currency: 'CAD', taxCodes: ['GST'] };
const at = '2027-01-10T00:00:00.000Z';

describe('client rates', () => {
  it("sets a client's own price in the item's currency, and shows default, client and effective prices", () => {
    const state = given()
      .when((s) => setClientRate(s, { item: DESIGN, unitPrice: 7000, setAt: at }))
      .then([{ type: 'ClientRateSet', data: { itemId: DESIGN.id, currency: 'CAD', unitPrice: 7000, setAt: at } }]);
    assert.deepEqual(toClientRateView(state, { ...DESIGN, unit: 'hour' }), {
      itemId: DESIGN.id, name: 'Design', unit: 'hour', currency: 'CAD', defaultPrice: '85.00', clientPrice: '70.00', effectivePrice: '70.00',
    });
  });

  it('shows the default price as effective when the client has no rate', () => {
    assert.deepEqual(toClientRateView(given().state, { ...DESIGN, unit: 'hour' }), {
      itemId: DESIGN.id, name: 'Design', unit: 'hour', currency: 'CAD', defaultPrice: '85.00', clientPrice: null, effectivePrice: '85.00',
    });
  });

  it('records nothing when the same rate is set again, and a change when it differs', () => {
    const withRate = [{ type: 'ClientRateSet' as const, data: { itemId: DESIGN.id, currency: 'CAD', unitPrice: 7000, setAt: at } }];
    given(...withRate).when((s) => setClientRate(s, { item: DESIGN, unitPrice: 7000, setAt: at })).then([]);
    given(...withRate)
      .when((s) => setClientRate(s, { item: DESIGN, unitPrice: 0, setAt: at }))
      .then([{ type: 'ClientRateSet', data: { itemId: DESIGN.id, currency: 'CAD', unitPrice: 0, setAt: at } }]);
  });

  it('refuses a negative price', () => {
    given().when((s) => setClientRate(s, { item: DESIGN, unitPrice: -1, setAt: at })).thenThrows('INVALID_AMOUNT', 'unitPrice');
  });

  it('removes a rate, and removing one that is not set records nothing', () => {
    const state = given({ type: 'ClientRateSet', data: { itemId: DESIGN.id, currency: 'CAD', unitPrice: 7000, setAt: at } })
      .when((s) => removeClientRate(s, { itemId: DESIGN.id, removedAt: at }))
      .then([{ type: 'ClientRateRemoved', data: { itemId: DESIGN.id, removedAt: at } }]);
    assert.deepEqual(state.rates, {});
    given().when((s) => removeClientRate(s, { itemId: DESIGN.id, removedAt: at })).then([]);
  });
});
