import 'reflect-metadata';
import { runService } from '@carnet/http';
import { config, GatewayModule } from './gateway.module';

runService(GatewayModule, { name: 'gateway', port: config.port, host: config.host, rawBodies: true });
