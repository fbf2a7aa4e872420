import { EventEnvelope, TenantEvent, TenantSettings } from '@carnet/events';

export interface TenantState {
  id: string;
  settings: TenantSettings | null;
  createdAt: string | null;
}

export const initialTenantState = (id: string): TenantState => ({ id, settings: null, createdAt: null });

export function evolveTenant(state: TenantState, event: EventEnvelope): TenantState {
  const e = event as TenantEvent;
  switch (e.type) {
    case 'TenantCreated':
      return { ...state, settings: e.data.settings, createdAt: e.occurredAt };
    case 'TenantUpdated':
      return state.settings ? { ...state, settings: { ...state.settings, ...e.data.changes } } : state;
    default: {
      const unknownType: never = e;
      return unknownType;
    }
  }
}
