import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { TOPICS } from '@carnet/events';
import { EventSourcingModule } from '@carnet/messaging';
import { Authenticator } from './auth/authenticator';
import { GATEWAY_CONFIG, gatewayConfig } from './gateway.config';
import { HealthHttpController } from './health/health.http.controller';
import { IdempotencyMiddleware } from './idempotency/idempotency.middleware';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { ServiceCalls } from './internal/service-calls';
import { PortalLinksHttpController } from './portal/portal-links.http.controller';
import { PortalHttpController } from './portal/portal.http.controller';
import { PortalService } from './portal/portal.service';
import { ProxyHttpController } from './proxy/proxy.http.controller';
import { RateLimitMiddleware } from './rate-limit/rate-limit.middleware';
import { ApiKeyRepository } from './tenant/api-key.repository';
import { TenantService } from './tenant/tenant.service';
import { TenantsHttpController } from './tenant/tenants.http.controller';

export const config = gatewayConfig();

@Module({
  imports: [EventSourcingModule.forRoot({ service: 'gateway', topic: TOPICS.tenants, ...config })],
  // The catch-all proxy comes last so the gateway's own routes match first.
  controllers: [HealthHttpController, TenantsHttpController, PortalLinksHttpController, PortalHttpController, ProxyHttpController],
  providers: [{ provide: GATEWAY_CONFIG, useValue: config }, ApiKeyRepository, TenantService, Authenticator, IdempotencyRepository, ServiceCalls, PortalService],
})
export class GatewayModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // First: a request over the limit is refused before the idempotency record sees it.
    consumer.apply(RateLimitMiddleware).exclude({ path: 'health', method: RequestMethod.GET }).forRoutes({ path: '*path', method: RequestMethod.ALL });
    consumer.apply(IdempotencyMiddleware).forRoutes({ path: 'v1/*path', method: RequestMethod.POST });
  }
}
