import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { isUtf8 } from 'node:buffer';
import { AppError, fieldErrors, inheritedKeyError, inheritedKeyPath, isPlainObject, jsonTooDeep, jsonTooDeepError, notAnObject, unsupportedMediaType } from '@carnet/http';

export interface RawJsonRequest {
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

const JSON_TYPE = /^\s*application\/([\w.-]+\+)?json\s*(;|$)/i;

/**
 * The gateway keeps bodies as bytes to forward them untouched; its own routes parse and validate
 * here with the same rules as the services' body parser and global pipe: 415 another media type,
 * 400 malformed or too deep, 422 not an object or a bad field. No body reads as an empty object.
 */
export async function readJson<T extends object>(req: RawJsonRequest, type: new () => T): Promise<T> {
  const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  let plain: unknown = {};
  if (bytes.length) {
    const contentType = req.headers['content-type'];
    if (!JSON_TYPE.test(Array.isArray(contentType) ? contentType[0] ?? '' : contentType ?? '')) throw unsupportedMediaType();
    if (!isUtf8(bytes)) throw new AppError(400, 'MALFORMED_JSON', 'The request body is not valid UTF-8: JSON must be sent as UTF-8');
    const text = bytes.toString('utf8');
    try {
      if (text.trim()) plain = JSON.parse(text);
    } catch {
      throw new AppError(400, 'MALFORMED_JSON', 'The request body is not valid JSON');
    }
  }
  if (jsonTooDeep(plain)) throw jsonTooDeepError();
  if (!isPlainObject(plain)) throw notAnObject();
  const inherited = inheritedKeyPath(plain);
  if (inherited !== null) throw inheritedKeyError(inherited);
  const dto = plainToInstance(type, plain);
  // One message a field: "7" as a number of days is wrong once, not also too small and too large.
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
  if (errors.length) throw AppError.invalid(fieldErrors(errors));
  return dto;
}
