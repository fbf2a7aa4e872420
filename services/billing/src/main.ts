import 'reflect-metadata';
import { AppError, runService } from '@carnet/http';
import { BillingError, BILLING_ERROR_STATUS } from './account/domain';
import { BillingModule, config } from './billing.module';

const mapBillingError = (e: unknown) =>
  e instanceof BillingError ? new AppError(BILLING_ERROR_STATUS[e.code], e.code, e.message, e.field ? [{ field: e.field, message: e.message }] : []) : null;

runService(BillingModule, { name: 'billing', port: config.port, host: config.host, internalSecret: config.internalSecret, errorMappers: [mapBillingError] });
