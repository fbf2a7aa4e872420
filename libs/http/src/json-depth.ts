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
