import { BillingEvent, EventEnvelope } from '@carnet/events';
import { TaxDefinition } from '../account/domain';

/** The tenant's tax definitions; an aggregate of its own, keyed by tenant. */
export interface TenantTaxesState {
  taxes: Record<string, TaxDefinition>;
}

export const TENANT_TAXES_ID = 'tenant-taxes';
export const initialTenantTaxes = (): TenantTaxesState => ({ taxes: {} });

export function evolveTenantTaxes(state: TenantTaxesState, event: EventEnvelope): TenantTaxesState {
  const e = event as BillingEvent;
  if (e.type !== 'TaxDefined') return state;
  return { taxes: { ...state.taxes, [e.data.code]: { code: e.data.code, name: e.data.name, rate: e.data.rate } } };
}

/** Defining a tax again with other values replaces it for new documents; existing ones keep theirs. */
export function defineTax(state: TenantTaxesState, tax: TaxDefinition) {
  const current = state.taxes[tax.code];
  if (current && current.name === tax.name && current.rate === tax.rate) return [];
  return [{ type: 'TaxDefined' as const, data: tax }];
}
