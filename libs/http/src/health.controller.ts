import { Controller, Get, Type } from '@nestjs/common';
import { Public } from './internal-auth.guard';

/** GET /health for a back-end service: it answers once Nest has started, with no signature needed. */
export function healthController(service: string): Type<unknown> {
  @Controller()
  class HealthController {
    @Public()
    @Get('health')
    health() {
      return { status: 'ok', service };
    }
  }
  return HealthController;
}
