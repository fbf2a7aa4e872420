import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError, FieldError } from './app-error';
import { inheritedKeyError, inheritedKeyPath } from './json-depth';

/** Flattens class-validator errors into `{ field: "billing.address.city", message }`. */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message: message.replace(/^property /, '') }));
    return [...own, ...fieldErrors(e.children ?? [], field)];
  });
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);

/** 415 for a JSON route called with another media type. */
export const unsupportedMediaType = () =>
  new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'This endpoint takes a JSON object: send it with "Content-Type: application/json"');

/** 422 for JSON that parses but is not the object the route expects ("x", null, [], 42). */
export const notAnObject = () => AppError.invalid([{ field: '', message: 'the body must be a JSON object' }], 'The request body must be a JSON object');

/**
 * The one validation pipe: whitelist, refuse unknown fields, 422 naming each bad field. A body bound
 * to a DTO must be a JSON object: other media types arrive as bytes (415), other JSON values as what
 * they are (422); no body at all is an empty object, so the DTO names its required fields.
 */
class CarnetValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && this.toValidate(metadata)) {
      // An empty body (Content-Length: 0, whatever its type) is no body: optional-body actions work.
      if (Buffer.isBuffer(value) && value.length === 0) value = undefined;
      if (Buffer.isBuffer(value)) throw unsupportedMediaType();
      if (value !== undefined && !isPlainObject(value)) throw notAnObject();
      const inherited = inheritedKeyPath(value);
      if (inherited !== null) throw inheritedKeyError(inherited);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new CarnetValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => AppError.invalid(fieldErrors(errors)),
  });
}
