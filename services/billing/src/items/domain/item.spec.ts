import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { BillingTopicEvent, ItemDefinition, NewEvent } from '@carnet/events';
import { BillingError } from '../../account/domain/billing.error';
import { createItem } from './create-item.decide';
import { evolveItem, ItemState } from './item.state';
import { toItemView } from './item.view';
import { updateItem } from './update-item.decide';

const taxes = { taxCodes: ['GST', 'QST'] };
const DESIGN: ItemDefinition = { name: ' Design ', unit: 'hour', unitPrice: 8500, currency: 'CAD', taxCodes: ['GST', 'QST', 'GST'] };

function apply(state: ItemState | null, events: NewEvent[], version: number, occurredAt: string): ItemState | null {
  return events.reduce<ItemState | null>((s, e, i) => evolveItem(s, {
    ...e, id: `e${version + i}`, schemaVersion: 1, tenantId: 't', aggregateType: 'Item', aggregateId: 'item-1', version: version + i,
    contactId: null, occurredAt, metadata: { correlationId: 'c', causationId: null, actor: 'test' },
  } as BillingTopicEvent), state);
}

const throwsCode = (fn: () => unknown, code: string, field?: string) =>
  assert.throws(fn, (e: unknown) => e instanceof BillingError && e.code === code && (field === undefined || e.field === field));

describe('items', () => {
  it('creates an item with a trimmed name and each tax code once', () => {
    const events = createItem(null, { itemId: 'item-1', item: DESIGN }, taxes);
    assert.deepEqual(events, [{ type: 'ItemCreated', data: { itemId: 'item-1', item: { name: 'Design', unit: 'hour', unitPrice: 8500, currency: 'CAD', taxCodes: ['GST', 'QST'] } } }]);
    const state = apply(null, events, 1, '2027-01-01T00:00:00.000Z')!;
    assert.deepEqual(toItemView(state, 1), {
      id: 'item-1', name: 'Design', unit: 'hour', unitPrice: '85.00', currency: 'CAD', taxCodes: ['GST', 'QST'],
      createdAt: '2027-01-01T00:00:00.000Z', updatedAt: '2027-01-01T00:00:00.000Z', version: 1,
    });
  });

  it('refuses tax codes the tenant has not defined, and an unknown unit', () => {
    throwsCode(() => createItem(null, { itemId: 'item-1', item: { ...DESIGN, taxCodes: ['GST', 'HST'] } }, taxes), 'UNKNOWN_TAX_CODE', 'taxCodes');
    throwsCode(() => createItem(null, { itemId: 'item-1', item: { ...DESIGN, unit: 'day' as 'hour' } }, taxes), 'INVALID_INPUT', 'unit');
  });

  it('updates what changes, records nothing for no change, and asks for a price with a new currency', () => {
    const state = apply(null, createItem(null, { itemId: 'item-1', item: DESIGN }, taxes), 1, '2027-01-01T00:00:00.000Z');
    const changed = updateItem(state, { itemId: 'item-1', changes: { unitPrice: 9000 } }, taxes);
    assert.deepEqual(changed, [{ type: 'ItemUpdated', data: { itemId: 'item-1', item: { name: 'Design', unit: 'hour', unitPrice: 9000, currency: 'CAD', taxCodes: ['GST', 'QST'] } } }]);
    const after = apply(state, changed, 2, '2027-02-01T00:00:00.000Z')!;
    assert.deepEqual([after.unitPrice, after.createdAt, after.updatedAt], [9000, '2027-01-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z']);
    assert.deepEqual(updateItem(after, { itemId: 'item-1', changes: { name: 'Design' } }, taxes), []);
    throwsCode(() => updateItem(after, { itemId: 'item-1', changes: { currency: 'JPY' } }, taxes), 'INVALID_INPUT', 'unitPrice');
    throwsCode(() => updateItem(null, { itemId: 'item-2', changes: {} }, taxes), 'ITEM_NOT_FOUND');
  });
});
