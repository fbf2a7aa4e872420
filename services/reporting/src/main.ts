import 'reflect-metadata';
import { AppError, runService } from '@carnet/http';
import { config, ReportingModule } from './reporting.module';

// The domain throws RangeError for an impossible date or period in a query.
const mapRangeError = (e: unknown) => (e instanceof RangeError ? new AppError(422, 'INVALID_PERIOD', e.message) : null);

runService(ReportingModule, { name: 'reporting', port: config.port, host: config.host, internalSecret: config.internalSecret, errorMappers: [mapRangeError] });
