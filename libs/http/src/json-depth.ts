import { AppError } from './app-error';

/** Deepest nesting a JSON body may have; every Carnet request needs far fewer levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * True when a parsed JSON value nests objects or arrays deeper than `max` (a top-level object is
 * level 1). Walks with its own stack, so a hostile body cannot overflow the call stack here the way
 * it overflows class-transformer's recursion.
 */
export function jsonTooDeep(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** 400: the body is JSON, but no request of this API is shaped like that. */
export const jsonTooDeepError = () =>
  new AppError(400, 'JSON_TOO_DEEP', `The JSON body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep`);

/**
 * The path of the first key named like a property every object inherits (`constructor`,
 * `__proto__`, `toString`…), or null. class-transformer passes such keys over, so the unknown-field
 * rule would never see them: they are refused as unknown fields here.
 */
export function inheritedKeyPath(value: unknown): string | null {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    for (const [key, child] of Object.entries(v)) {
      const at = Array.isArray(v) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (!Array.isArray(v) && key in Object.prototype) return at;
      stack.push([child, at]);
    }
  }
  return null;
}

/** 422 naming a key that no request of this API has. */
export const inheritedKeyError = (field: string) => AppError.invalid([{ field, message: `${field} is not a field of this request` }]);
