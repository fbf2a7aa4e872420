import { NewEvent, TenantSettings } from '@carnet/events';
import { TenantState } from './tenant.state';

export function createTenant(state: TenantState, settings: TenantSettings): NewEvent[] {
  if (state.settings) throw new Error(`tenant ${state.id} already exists`);
  return [{ type: 'TenantCreated', data: { settings } }];
}

/** Records only the settings that change. */
export function updateTenant(state: TenantState, changes: Partial<TenantSettings>): NewEvent[] {
  if (!state.settings) throw new Error('tenant not found');
  const current = state.settings;
  const real = Object.fromEntries(Object.entries(changes).filter(([k, v]) => v !== undefined && current[k as keyof TenantSettings] !== v));
  return Object.keys(real).length ? [{ type: 'TenantUpdated', data: { changes: real } }] : [];
}
