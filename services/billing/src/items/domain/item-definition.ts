// The rules every version of an item obeys, checked on creation and on each change.
import { ITEM_UNITS, ItemDefinition, ItemUnit } from '@carnet/events';
import { BillingError } from '../../account/domain/billing.error';
import { currencyCode, requiredText } from '../../account/domain/billing-input';

export interface ItemContext {
  /** The tenant's tax codes as they are now. */
  taxCodes: readonly string[];
}

export function checkedItem(item: ItemDefinition, context: ItemContext): ItemDefinition {
  const name = requiredText(item.name, 'name');
  if (name.length > 200) throw new BillingError('INVALID_INPUT', 'name must be at most 200 characters', 'name');
  if (!ITEM_UNITS.includes(item.unit as ItemUnit)) {
    throw new BillingError('INVALID_INPUT', `unit must be one of ${ITEM_UNITS.join(', ')}`, 'unit');
  }
  if (!Number.isSafeInteger(item.unitPrice) || item.unitPrice < 0) {
    throw new BillingError('INVALID_AMOUNT', 'unitPrice must be a non-negative amount', 'unitPrice');
  }
  const taxCodes = [...new Set(item.taxCodes)];
  const unknown = taxCodes.filter((c) => !context.taxCodes.includes(c));
  if (unknown.length > 0) {
    throw new BillingError('UNKNOWN_TAX_CODE', `tax code${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} not defined`, 'taxCodes');
  }
  return { name, unit: item.unit, unitPrice: item.unitPrice, currency: currencyCode(item.currency, 'currency'), taxCodes };
}
