export type TenantErrorCode = 'TENANT_EXISTS' | 'TENANT_NOT_FOUND' | 'HOME_CURRENCY_LOCKED';

export const TENANT_ERROR_STATUS: Record<TenantErrorCode, number> = {
  TENANT_EXISTS: 409,
  TENANT_NOT_FOUND: 404,
  HOME_CURRENCY_LOCKED: 409,
};

export class TenantError extends Error {
  constructor(readonly code: TenantErrorCode, message: string) {
    super(message);
    this.name = 'TenantError';
  }
}
