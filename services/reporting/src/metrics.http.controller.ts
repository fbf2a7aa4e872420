import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '@carnet/http';
import { ProjectionRunner } from './projection/projection.runner';

/** GET /metrics (Prometheus text): what the projection applied, skipped, retried and dead-lettered. */
@Controller()
export class MetricsHttpController {
  constructor(private readonly projection: ProjectionRunner) {}

  @Public()
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): string {
    const s = this.projection.stats();
    const counter = (name: string, help: string, value: number) =>
      `# HELP carnet_reporting_events_${name}_total ${help}\n# TYPE carnet_reporting_events_${name}_total counter\ncarnet_reporting_events_${name}_total ${value}\n`;
    return [
      counter('applied', 'Events applied to the read models.', s.applied),
      counter('skipped', 'Events skipped because their aggregate version was already applied.', s.skipped),
      counter('retried', 'Failed attempts to apply an event that were retried.', s.retried),
      counter('dead_lettered', 'Events that failed every attempt and went to carnet.dead-letters.', s.deadLettered),
    ].join('');
  }
}
