import { NewEvent, TenantSettings } from '@carnet/events';
import { TenantError } from './tenant.error';
import { TenantState } from './tenant.state';

export function createTenant(state: TenantState, settings: TenantSettings): NewEvent[] {
  if (state.settings) throw new TenantError('TENANT_EXISTS', `tenant ${state.id} already exists`);
  return [{ type: 'TenantCreated', data: { settings } }];
}

/** Records only the settings that change; the home currency never changes once set. */
export function updateTenant(state: TenantState, changes: Partial<TenantSettings>): NewEvent[] {
  if (!state.settings) throw new TenantError('TENANT_NOT_FOUND', 'tenant not found');
  const current = state.settings;
  // Every exchange rate already recorded on a document is "home currency per unit": another home
  // currency would silently change what those documents are worth.
  if (changes.homeCurrency !== undefined && changes.homeCurrency !== current.homeCurrency) {
    throw new TenantError('HOME_CURRENCY_LOCKED',
      `The home currency is ${current.homeCurrency} and cannot change: the exchange rates of existing invoices are relative to it`);
  }
  const real = Object.fromEntries(Object.entries(changes).filter(([k, v]) => v !== undefined && current[k as keyof TenantSettings] !== v));
  return Object.keys(real).length ? [{ type: 'TenantUpdated', data: { changes: real } }] : [];
}
