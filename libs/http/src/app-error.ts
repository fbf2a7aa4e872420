/** A field-level validation message, as in problem+json `errors[]`. */
export interface FieldError {
  field: string;
  message: string;
}

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

  static invalid(errors: FieldError[], message = 'The request has invalid fields'): AppError {
    return new AppError(422, 'VALIDATION_FAILED', message, errors);
  }
}
