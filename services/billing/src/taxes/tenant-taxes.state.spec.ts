import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { EventEnvelope } from '@carnet/events';
import { defineTax, evolveTenantTaxes, initialTenantTaxes, TenantTaxesState } from './tenant-taxes.state';

const envelope = (version: number, data: { code: string; name: string; rate: string }): EventEnvelope => ({
  id: `e${version}`, type: 'TaxDefined', schemaVersion: 1, tenantId: 't1', aggregateType: 'TenantTaxes', aggregateId: 'tenant-taxes',
  contactId: null, version, occurredAt: '2026-12-01T00:00:00.000Z', data, metadata: { correlationId: 'c', causationId: null, actor: 'test' },
} as EventEnvelope);

const apply = (state: TenantTaxesState, events: ReturnType<typeof defineTax>, from: number) =>
  events.reduce((s, e, i) => evolveTenantTaxes(s, envelope(from + i, e.data)), state);

describe('tenant taxes', () => {
  it('defines a new code, ignores the same definition again, and replaces one with another rate or name', () => {
    const gst = { code: 'GST', name: 'TPS', rate: '5' };
    const first = defineTax(initialTenantTaxes(), gst);
    assert.deepEqual(first, [{ type: 'TaxDefined', data: gst }]);
    const s1 = apply(initialTenantTaxes(), first, 1);
    assert.deepEqual(s1.taxes, { GST: gst });
    assert.deepEqual(defineTax(s1, { ...gst }), [], 'the same definition again changes nothing');
    const s2 = apply(s1, defineTax(s1, { code: 'GST', name: 'TPS', rate: '6' }), 2);
    const s3 = apply(s2, defineTax(s2, { code: 'QST', name: 'TVQ', rate: '9.975' }), 3);
    assert.deepEqual(s3.taxes, { GST: { code: 'GST', name: 'TPS', rate: '6' }, QST: { code: 'QST', name: 'TVQ', rate: '9.975' } });
  });
});
