// A tenant's settings as reporting knows them from tenants.events: they decide the home currency
// and the calendar (time zone, fiscal-year start) of every tenant-wide figure.
import { TenantEvent, TenantSettings } from '@carnet/events';

export interface TenantSettingsState {
  settings: TenantSettings | null;
  /** Version of the Tenant aggregate last applied. */
  version: number;
}

export const unknownTenantSettings = (): TenantSettingsState => ({ settings: null, version: 0 });

/** Folds one tenant event; null when it was already applied (version not newer). */
export function applyTenantEvent(state: TenantSettingsState, event: TenantEvent): TenantSettingsState | null {
  if (event.version <= state.version) return null;
  switch (event.type) {
    case 'TenantCreated':
      return { settings: { ...event.data.settings }, version: event.version };
    case 'TenantUpdated':
      // An update seen before its creation (never, per aggregate order) would have nothing to merge into.
      return { settings: state.settings ? { ...state.settings, ...definedOnly(event.data.changes) } : null, version: event.version };
    default:
      return unknownTenantEvent(event, state);
  }
}

// Compile time: every contract type has a case. Run time: a newer producer's type only advances the version.
function unknownTenantEvent(event: never, state: TenantSettingsState): TenantSettingsState {
  return { ...state, version: (event as TenantEvent).version };
}

function definedOnly(changes: Partial<TenantSettings>): Partial<TenantSettings> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<TenantSettings>;
}

/** Whether an event can move invoices from one fiscal year to another: active clients are then recomputed. */
export function movesFiscalYears(event: TenantEvent): boolean {
  return event.type === 'TenantCreated' || 'fiscalYearStart' in event.data.changes || 'timezone' in event.data.changes;
}
