import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Db } from 'mongodb';
import { MONGO_DB } from '@carnet/messaging';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';

interface JsonResponse {
  status(code: number): JsonResponse;
  json(body: unknown): void;
}

/** 200 once the gateway's database and every service it routes to answer. */
@Controller()
export class HealthHttpController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig, @Inject(MONGO_DB) private readonly db: Db) {}

  @Get('health')
  async health(@Res() res: JsonResponse): Promise<void> {
    const checks: Record<string, 'ok' | 'down'> = {};
    checks.database = await this.db.command({ ping: 1 }).then(() => 'ok' as const, () => 'down' as const);
    const services = { contacts: this.config.contactsUrl, billing: this.config.billingUrl, reporting: this.config.reportingUrl };
    await Promise.all(Object.entries(services).map(async ([name, url]) => {
      try {
        checks[name] = (await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })).ok ? 'ok' : 'down';
      } catch {
        checks[name] = 'down';
      }
    }));
    const ok = Object.values(checks).every((v) => v === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks });
  }
}
