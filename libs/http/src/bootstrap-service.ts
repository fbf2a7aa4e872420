import { isUtf8 } from 'node:buffer';
import { INestApplication, Type } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { allowedMethods } from './allowed-methods';
import { AppError } from './app-error';
import { InternalAuthGuard } from './internal-auth.guard';
import { jsonTooDeep, jsonTooDeepError } from './json-depth';
import { JsonLogger } from './json-logger';
import { MethodRefusal, ProblemDetailsFilter } from './problem-details.filter';
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
  /** Methods refused on purpose, with the reason their 405 gives. */
  refusedMethods?: MethodRefusal[];
}

interface IncomingLike {
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

const JSON_TYPES = ['application/json', 'application/*+json'];
// Multipart streams are left to the route's file interceptor.
const isJsonOrMultipart = (req: IncomingLike) =>
  /^\s*(application\/([\w.-]+\+)?json|multipart\/)/i.test(String(req.headers['content-type'] ?? ''));

// JSON is UTF-8 (RFC 8259): other bytes would be stored as U+FFFD, so they are a malformed body.
function refuseInvalidUtf8(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw Object.assign(new Error('The request body is not valid UTF-8'), { status: 400, type: 'encoding.invalid' });
}

/** Creates and starts a service the same way everywhere: logs, validation, problem+json, auth. */
export async function bootstrapService(module: Type<unknown>, opts: BootstrapOptions): Promise<INestApplication> {
  const logger = new JsonLogger(opts.name);
  const app = await NestFactory.create<NestExpressApplication>(module, { logger, bodyParser: false });
  if (opts.rawBodies) {
    app.useBodyParser('raw', { type: () => true, limit: '50mb' });
  } else {
    // Not strict: "x", null or 42 parse, so the validation pipe can say the body must be an object (422).
    app.useBodyParser('json', { limit: opts.bodyLimit ?? '1mb', strict: false, type: JSON_TYPES, verify: refuseInvalidUtf8 });
    // Files keep their bytes: an import decides the encoding itself (UTF-8, UTF-16, Windows-1252…).
    // Every other media type is read as bytes too, so a JSON route sees them and answers 415.
    app.useBodyParser('raw', { type: (req: IncomingLike) => !isJsonOrMultipart(req), limit: '50mb' });
    // Deep nesting overflows class-transformer's recursion (a 500): refused here, once for every route.
    app.use((req: IncomingLike, _res: unknown, next: (e?: unknown) => void) =>
      next(!Buffer.isBuffer(req.body) && jsonTooDeep(req.body) ? jsonTooDeepError() : undefined));
  }
  app.disable('x-powered-by');
  app.useGlobalPipes(createValidationPipe());
  const routes = { allowedMethods: (path: string) => allowedMethods(app.getHttpAdapter().getInstance(), path), refusals: opts.refusedMethods };
  app.useGlobalFilters(new ProblemDetailsFilter((msg, extra) => logger.error(JSON.stringify({ msg, ...extra })), opts.errorMappers, routes));
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
