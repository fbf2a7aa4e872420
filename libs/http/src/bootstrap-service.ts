import { INestApplication, Type } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppError } from './app-error';
import { InternalAuthGuard } from './internal-auth.guard';
import { JsonLogger } from './json-logger';
import { ProblemDetailsFilter } from './problem-details.filter';
import { createValidationPipe } from './validation.pipe';

export interface BootstrapOptions {
  name: string;
  port: number;
  /** Interface to listen on (127.0.0.1 unless HOST says otherwise, e.g. 0.0.0.0 in a container). */
  host: string;
  /** Set for back-end services: every route but @Public() ones needs the gateway's signature. */
  internalSecret?: string;
  errorMappers?: Array<(e: unknown) => AppError | null>;
  bodyLimit?: string;
  /** Keep every body as raw bytes (the gateway forwards them untouched). */
  rawBodies?: boolean;
}

/** Creates and starts a service the same way everywhere: logs, validation, problem+json, auth. */
export async function bootstrapService(module: Type<unknown>, opts: BootstrapOptions): Promise<INestApplication> {
  const logger = new JsonLogger(opts.name);
  const app = await NestFactory.create<NestExpressApplication>(module, { logger, bodyParser: false });
  if (opts.rawBodies) {
    app.useBodyParser('raw', { type: () => true, limit: '50mb' });
  } else {
    app.useBodyParser('json', { limit: opts.bodyLimit ?? '1mb' });
    // Files keep their bytes: an import decides the encoding itself (UTF-8, UTF-16, Windows-1252…).
    app.useBodyParser('raw', { type: ['text/*', 'application/octet-stream'], limit: '50mb' });
  }
  app.disable('x-powered-by');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter((msg, extra) => logger.error(JSON.stringify({ msg, ...extra })), opts.errorMappers));
  if (opts.internalSecret) app.useGlobalGuards(new InternalAuthGuard(app.get(Reflector), opts.internalSecret));
  app.enableShutdownHooks();
  await app.listen(opts.port, opts.host);
  logger.log(`${opts.name} listening on http://${opts.host}:${opts.port}`);
  return app;
}

/** Starts a service from its main.ts; a failure to start is one clear line and exit code 1. */
export function runService(module: Type<unknown>, opts: BootstrapOptions): void {
  let app: INestApplication | null = null;
  // Started by a launcher (npm start, e2e tests) over an IPC channel: when the launcher dies,
  // even by SIGKILL and even before this service is up, the channel closes and the service stops.
  if (process.send) {
    process.once('disconnect', () => {
      setTimeout(() => process.exit(0), 5000).unref();
      void (app ? app.close() : Promise.resolve()).finally(() => process.exit(0));
    });
  }
  bootstrapService(module, opts).then((started) => {
    app = started;
  }, (e) => {
    process.stderr.write(`${opts.name} failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
