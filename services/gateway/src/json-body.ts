import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppError, fieldErrors } from '@carnet/http';

/**
 * The gateway keeps bodies as bytes to forward them untouched; its own routes parse and validate
 * here with the same rules as the services' global pipe (400 malformed, 422 per field).
 */
export async function readJson<T extends object>(body: unknown, type: new () => T): Promise<T> {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : '';
  let plain: unknown = {};
  if (text.trim()) {
    try {
      plain = JSON.parse(text);
    } catch {
      throw new AppError(400, 'MALFORMED_JSON', 'The request body is not valid JSON');
    }
  }
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw AppError.invalid([{ field: '', message: 'the body must be a JSON object' }]);
  }
  const dto = plainToInstance(type, plain);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw AppError.invalid(fieldErrors(errors));
  return dto;
}
