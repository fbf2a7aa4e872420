import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
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

interface ResponseLike {
  status(code: number): ResponseLike;
  setHeader(name: string, value: string): void;
  send(body: string): void;
  headersSent?: boolean;
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
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<ResponseLike>();
    const problem = this.toProblem(exception);
    if (res.headersSent) return;
    res.status(problem.status);
    res.setHeader('content-type', 'application/problem+json; charset=utf-8');
    res.send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemBody {
    for (const map of this.mappers) {
      const mapped = map(exception);
      if (mapped) return this.fromAppError(mapped);
    }
    if (exception instanceof AppError) return this.fromAppError(exception);
    // body-parser errors reach Nest as plain errors carrying a type and a status
    const bp = exception as { type?: string; status?: number; message?: string };
    if (bp && bp.type === 'entity.parse.failed') return problem(400, 'MALFORMED_JSON', 'The request body is not valid JSON');
    if (bp && bp.type === 'entity.too.large') return problem(413, 'TOO_LARGE', 'The request body is too large');
    if (bp && bp.type && typeof bp.status === 'number' && bp.status >= 400 && bp.status < 500) {
      return problem(bp.status, 'BAD_REQUEST', bp.message ?? 'Bad request');
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      return problem(status, httpCode(status), Array.isArray(detail) ? detail.join('; ') : String(detail ?? exception.message));
    }
    const errorId = randomUUID();
    this.log('unhandled error', { errorId, error: exception instanceof Error ? exception.stack : String(exception) });
    return { ...problem(500, 'INTERNAL', `An unexpected error occurred (error id ${errorId})`), errorId };
  }

  private fromAppError(e: AppError): ProblemBody {
    const p = problem(e.status, e.code, e.message);
    return e.errors.length || e.status === 422 ? { ...p, errors: e.errors } : p;
  }
}

function httpCode(status: number): string {
  return (TITLES[status] ?? 'Error').toUpperCase().replace(/ /g, '_');
}

export function problem(status: number, code: string, detail: string): ProblemBody {
  return { type: `https://carnet.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`, title: TITLES[status] ?? 'Error', status, detail, code };
}
