import type { FastifyInstance } from 'fastify';

/** One registered route, as the router sees it: a method and the full URL pattern (`/:section/:slug`). */
export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  /** The route's own body limit, when it sets one (otherwise the server's `bodyLimit`). */
  readonly bodyLimit: number | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered on this app, in registration order (see `recordRoutes`). */
    readonly routeTable: readonly RouteEntry[];
  }
}

/**
 * Keeps an inventory of every route as it is registered. It must be called before the first route:
 * the hardening tests walk it to send hostile input to, and check the headers of, every route there
 * is — including those that features add later — instead of a hand-kept list that falls behind.
 */
export function recordRoutes(app: FastifyInstance): void {
  const routes: RouteEntry[] = [];
  app.decorate('routeTable', routes);
  app.addHook('onRoute', (options) => {
    for (const method of [options.method].flat()) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      routes.push({ method, url: options.url, bodyLimit: options.bodyLimit });
    }
  });
}
