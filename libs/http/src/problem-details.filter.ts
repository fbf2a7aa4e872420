import { ArgumentsHost, Catch, ExceptionFilter, HttpException, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isStoreUnavailable } from '@carnet/eventstore';
import { AppError, FieldError } from './app-error';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  code?: string;
  errorId?: string;
}

interface Problem {
  body: ProblemBody;
  headers: Record<string, string>;
}

interface RequestLike {
  method: string;
  path: string;
}

interface ResponseLike {
  status(code: number): ResponseLike;
  setHeader(name: string, value: string): void;
  send(body: string): void;
  headersSent?: boolean;
}

/** A method a resource refuses on purpose, with the reason the 405 gives (contacts are archived, never deleted). */
export interface MethodRefusal {
  method: string;
  path: RegExp;
  message: string;
}

export interface RouteKnowledge {
  /** Methods the service answers on a path (from its routes); turns a method miss into 405 + Allow. */
  allowedMethods(path: string): string[];
  refusals?: MethodRefusal[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content',
  429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** Turns every error into RFC 9457 problem+json; a 500 hides its details behind a logged error id. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(
    private readonly log: (msg: string, extra: Record<string, unknown>) => void,
    private readonly mappers: Array<(e: unknown) => AppError | null> = [],
    private readonly routes?: RouteKnowledge,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<ResponseLike>();
    const { body, headers } = this.withAllow(this.toProblem(exception, http.getRequest<RequestLike>()), http.getRequest<RequestLike>());
    if (res.headersSent) return;
    res.status(body.status);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.setHeader('content-type', 'application/problem+json; charset=utf-8');
    res.send(JSON.stringify(body));
  }

  private toProblem(exception: unknown, req: RequestLike | undefined): Problem {
    for (const map of this.mappers) {
      const mapped = map(exception);
      if (mapped) return fromAppError(mapped);
    }
    if (exception instanceof AppError) return fromAppError(exception);
    const notAllowed = this.methodMiss(exception, req);
    if (notAllowed) return notAllowed;
    // body-parser errors reach the filter bare, or wrapped by the Express adapter as their cause
    const bp = bodyParserError(exception);
    if (bp?.type === 'entity.parse.failed') return plain(problem(400, 'MALFORMED_JSON', 'The request body is not valid JSON'));
    if (bp?.type === 'encoding.invalid') return plain(problem(400, 'MALFORMED_JSON', 'The request body is not valid UTF-8: JSON must be sent as UTF-8'));
    if (bp?.type === 'entity.too.large') return plain(problem(413, 'TOO_LARGE', 'The request body is too large'));
    if (bp?.type && typeof bp.status === 'number' && bp.status >= 400 && bp.status < 500) {
      return plain(problem(bp.status, 'BAD_REQUEST', bp.message ?? 'Bad request'));
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      return plain(problem(status, httpCode(status), Array.isArray(detail) ? detail.join('; ') : String(detail ?? exception.message)));
    }
    if (isStoreUnavailable(exception)) {
      this.log('database unavailable', { error: exception instanceof Error ? exception.message : String(exception) });
      // A write cut off mid-way may have been stored: only a retry can tell, and it is safe with the same key.
      return fromAppError(AppError.unavailable('The database is not answering, so the change may not have been made. Try again in a few seconds, with the same Idempotency-Key so that a change already made is not made twice.'));
    }
    const errorId = randomUUID();
    this.log('unhandled error', { errorId, error: exception instanceof Error ? exception.stack : String(exception) });
    return plain({ ...problem(500, 'INTERNAL', `An unexpected error occurred (error id ${errorId})`), errorId });
  }

  // Nest answers a path it knows with an unknown method as 404; it is a 405 naming what the path accepts.
  private methodMiss(exception: unknown, req: RequestLike | undefined): Problem | null {
    if (!(exception instanceof NotFoundException) || !req || !this.routes) return null;
    const allowed = this.routes.allowedMethods(req.path);
    if (!allowed.length || allowed.includes(req.method)) return null;
    const refusal = this.routes.refusals?.find((r) => r.method === req.method && r.path.test(req.path));
    const detail = refusal?.message ?? `${req.method} is not supported on ${req.path}; use ${allowed.join(', ')}`;
    return { body: problem(405, 'METHOD_NOT_ALLOWED', detail), headers: { allow: allowed.join(', ') } };
  }

  // RFC 9110: a 405 always says which methods the resource does support.
  private withAllow(p: Problem, req: RequestLike | undefined): Problem {
    if (p.body.status !== 405 || p.headers.allow || !req || !this.routes) return p;
    const allowed = this.routes.allowedMethods(req.path).filter((m) => m !== req.method);
    return allowed.length ? { ...p, headers: { ...p.headers, allow: allowed.join(', ') } } : p;
  }
}

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

function bodyParserError(exception: unknown): BodyParserError | null {
  if (typeof exception !== 'object' || exception === null) return null;
  const e = exception as BodyParserError & { cause?: unknown };
  if (typeof e.type === 'string') return e;
  const cause = e.cause as BodyParserError | undefined;
  return cause && typeof cause === 'object' && typeof cause.type === 'string' ? cause : null;
}

function fromAppError(e: AppError): Problem {
  const p = problem(e.status, e.code, e.message);
  return { body: e.errors.length || e.status === 422 ? { ...p, errors: e.errors } : p, headers: { ...e.headers } };
}

const plain = (body: ProblemBody): Problem => ({ body, headers: {} });

function httpCode(status: number): string {
  return (TITLES[status] ?? 'Error').toUpperCase().replace(/ /g, '_');
}

export function problem(status: number, code: string, detail: string): ProblemBody {
  return { type: `https://carnet.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`, title: TITLES[status] ?? 'Error', status, detail, code };
}
