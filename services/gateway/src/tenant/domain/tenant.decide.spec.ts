import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { TenantSettings } from '@carnet/events';
import { createTenant, updateTenant } from './tenant.decide';
import { TenantError } from './tenant.error';
import { initialTenantState, TenantState } from './tenant.state';

const SETTINGS: TenantSettings = { name: 'Atelier Zoé', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '04-01', defaultLanguage: 'fr' };
const existing: TenantState = { id: 't1', settings: SETTINGS, createdAt: '2026-01-05T14:00:00.000Z' };

const refusal = (fn: () => unknown): TenantError => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof TenantError, String(e));
    return e;
  }
  assert.fail('not refused');
};

describe('tenant decisions', () => {
  it('creates a tenant once', () => {
    assert.deepEqual(createTenant(initialTenantState('t1'), SETTINGS), [{ type: 'TenantCreated', data: { settings: SETTINGS } }]);
    assert.equal(refusal(() => createTenant(existing, SETTINGS)).code, 'TENANT_EXISTS');
  });

  it('records only the settings that change', () => {
    assert.deepEqual(updateTenant(existing, { name: 'Atelier Zoé', timezone: 'America/Montreal' }), [
      { type: 'TenantUpdated', data: { changes: { timezone: 'America/Montreal' } } },
    ]);
    assert.deepEqual(updateTenant(existing, {}), []);
  });

  it('never changes the home currency, and takes the same one as a no-op', () => {
    const e = refusal(() => updateTenant(existing, { homeCurrency: 'USD', name: 'Renamed' }));
    assert.equal(e.code, 'HOME_CURRENCY_LOCKED');
    assert.match(e.message, /CAD/);
    assert.deepEqual(updateTenant(existing, { homeCurrency: 'CAD' }), []);
    assert.deepEqual(updateTenant(existing, { homeCurrency: 'CAD', fiscalYearStart: '01-01' }), [
      { type: 'TenantUpdated', data: { changes: { fiscalYearStart: '01-01' } } },
    ]);
  });

  it('updates only a tenant that exists', () => {
    assert.equal(refusal(() => updateTenant(initialTenantState('t2'), { name: 'x' })).code, 'TENANT_NOT_FOUND');
  });
});
