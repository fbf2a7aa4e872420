import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { TenantEvent, TenantSettings } from '@carnet/events';
import { applyTenantEvent, movesFiscalYears, unknownTenantSettings } from './tenant-settings';

const settings: TenantSettings = { name: 'Atelier', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '04-01', defaultLanguage: 'fr' };

function tenantEvent(type: TenantEvent['type'], data: TenantEvent['data'], version: number): TenantEvent {
  return {
    id: `t-${version}`, type, schemaVersion: 1, tenantId: 't1', aggregateType: 'Tenant', aggregateId: 't1', version, contactId: null,
    occurredAt: '2026-01-01T00:00:00Z', data, metadata: { correlationId: 'c', causationId: null, actor: 'admin' },
  } as TenantEvent;
}

describe('applyTenantEvent', () => {
  const created = tenantEvent('TenantCreated', { settings }, 1);
  const moved = tenantEvent('TenantUpdated', { changes: { fiscalYearStart: '07-01' } }, 2);

  it('learns the settings, then merges only the fields an update names', () => {
    const first = applyTenantEvent(unknownTenantSettings(), created);
    assert.deepEqual(first, { settings, version: 1 });
    assert.deepEqual(applyTenantEvent(first!, moved), { settings: { ...settings, fiscalYearStart: '07-01' }, version: 2 });
  });

  it('refuses an event it has applied, or an older one', () => {
    const second = applyTenantEvent(applyTenantEvent(unknownTenantSettings(), created)!, moved)!;
    assert.equal(applyTenantEvent(second, moved), null);
    assert.equal(applyTenantEvent(second, created), null);
  });
});

describe('movesFiscalYears', () => {
  it('is true for a creation and for a new fiscal-year start or time zone only', () => {
    assert.equal(movesFiscalYears(tenantEvent('TenantCreated', { settings }, 1)), true);
    assert.equal(movesFiscalYears(tenantEvent('TenantUpdated', { changes: { fiscalYearStart: '07-01' } }, 2)), true);
    assert.equal(movesFiscalYears(tenantEvent('TenantUpdated', { changes: { timezone: 'Europe/Paris' } }, 3)), true);
    assert.equal(movesFiscalYears(tenantEvent('TenantUpdated', { changes: { name: 'Renamed', defaultLanguage: 'en' } }, 4)), false);
  });
});
