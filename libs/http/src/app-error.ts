/** A field-level validation message, as in problem+json `errors[]`. */
export interface FieldError {
  field: string;
  message: string;
}

/** How long a client is told to wait before trying again when a service or its database is away. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * An error with an HTTP meaning. Each service maps its domain error codes to one of these in
 * one place; the problem filter turns it into RFC 9457 problem+json.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
    /** Response headers the status needs, e.g. `Allow` on a 405. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  static notFound(what: string): AppError {
    return new AppError(404, 'NOT_FOUND', `${what} not found`);
  }

  /** 503 with the Retry-After every unavailable answer carries. */
  static unavailable(message: string): AppError {
    return new AppError(503, 'SERVICE_UNAVAILABLE', message, [], { 'retry-after': String(RETRY_AFTER_SECONDS) });
  }

  static invalid(errors: FieldError[], message = 'The request has invalid fields'): AppError {
    return new AppError(422, 'VALIDATION_FAILED', message, errors);
  }
}
