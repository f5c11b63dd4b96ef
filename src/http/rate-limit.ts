import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { TooManyRequestsError } from '../shared/errors.ts';
import type { HttpDeps } from './context.ts';
import { languageOf } from './errors.tsx';

/**
 * Sign-in attempts per client address and minute: a cap on guessing speed, loose enough for a newsroom
 * behind one NAT address; the growing per-account and per-address lock-outs do the rest.
 */
export const SIGN_IN_RATE = { max: 60, timeWindow: 60_000 };

/**
 * Rate limits per route (`config: { rateLimit: { max, timeWindow } }` on the route), counted per
 * client address in Redis when `REDIS_URL` is set, so the limit holds across every instance, and in
 * memory otherwise. A refusal is a 429 page (or JSON) with `Retry-After` and a sentence. If Redis does
 * not answer, requests go through (and it is logged): a broken counter must not lock readers out.
 */
export async function registerRateLimits(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    ...(deps.shared.redis ? { redis: deps.shared.redis } : {}),
    nameSpace: `${deps.config.redisPrefix}rl:`,
    skipOnError: true,
    errorResponseBuilder: (request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      const translator = deps.translators.get(languageOf(request.url, deps))!;
      return new TooManyRequestsError(translator.t('rateLimit.tooMany', { seconds }), seconds);
    },
  });
}
