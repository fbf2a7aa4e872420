import { Module } from '@nestjs/common';
import { healthController } from '@carnet/http';
import { EventSourcingModule } from '@carnet/messaging';
import { MetricsHttpController } from './metrics.http.controller';
import { ProjectionRunner } from './projection/projection.runner';
import { ReadModelRegistry } from './read-models/read-model-registry';
import { loadReportingConfig, PROJECTION_OPTIONS } from './reporting.config';
import { ReportingHttpController } from './reporting.http.controller';
import { ReportingQueries } from './reporting.queries';

export const config = loadReportingConfig();

// Reporting has no event store of its own: it only projects other services' events.
@Module({
  imports: [EventSourcingModule.forRoot({ service: 'reporting', ...config })],
  controllers: [healthController('reporting'), MetricsHttpController, ReportingHttpController],
  providers: [
    { provide: PROJECTION_OPTIONS, useValue: { groupSuffix: config.groupSuffix, topics: config.topics } },
    ReadModelRegistry, ProjectionRunner, ReportingQueries,
  ],
})
export class ReportingModule {}
