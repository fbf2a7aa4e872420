import { METHODS } from 'node:http';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
  match(path: string): unknown;
}

interface ExpressLike {
  router?: { stack: RouteLayer[] };
}

/**
 * The methods an Express application answers on `path`, upper case, from its registered routes.
 * Wildcard routes (a proxy's `@All('v1/*path')`, middleware bound to a method) and routes taking
 * every method say nothing about a resource: left out.
 */
export function allowedMethods(app: unknown, path: string): string[] {
  const stack = (app as ExpressLike).router?.stack ?? [];
  const methods = new Set<string>();
  for (const layer of stack) {
    if (!layer.route || layer.route.path.includes('*') || !layer.match(path)) continue;
    const own = Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m]);
    if (own.length >= METHODS.length) continue;
    for (const m of own) methods.add(m.toUpperCase());
  }
  return [...methods];
}
