import 'reflect-metadata';
import { AppError, runService } from '@carnet/http';
import { config, GatewayModule } from './gateway.module';
import { TENANT_ERROR_STATUS, TenantError } from './tenant/domain/tenant.error';

const mapTenantError = (e: unknown) => (e instanceof TenantError ? new AppError(TENANT_ERROR_STATUS[e.code], e.code, e.message) : null);

runService(GatewayModule, { name: 'gateway', port: config.port, host: config.host, rawBodies: true, errorMappers: [mapTenantError] });
