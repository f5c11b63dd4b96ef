import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

/** One year, with subdomains: what browsers' HSTS preload lists ask for. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The Content-Security-Policy of every response. No inline script and no inline style at all — not
 * even by nonce or hash: pages load their script and styles from `/assets/` (JSON-LD is a data block,
 * which CSP does not run). Images may come from any https origin (imported stories keep their
 * pictures' addresses); nothing may frame a page, and forms may only post back to the site.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'https:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  mediaSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export const PERMISSIONS_POLICY =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()';

/**
 * Whether this request reached the site over https: the site's address says so (TLS ends at a proxy
 * in front), or the connection itself was TLS, or — only when TRUST_PROXY is set — the proxy said so
 * in `X-Forwarded-Proto` (Fastify's `request.protocol` ignores that header otherwise).
 */
export function servedOverHttps(config: Config, request: FastifyRequest): boolean {
  return config.siteUrl.startsWith('https://') || request.protocol === 'https';
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
/** The CSP as one header value (helmet builds the same from `CSP_DIRECTIVES` on the usual path). */
export const CSP_HEADER = Object.entries(CSP_DIRECTIVES)
  .map(([name, values]) => `${kebab(name)} ${values.join(' ')}`)
  .join(';');

/**
 * The same headers, set by hand, for answers no hook sees: the router's refusals of a malformed address
 * (Fastify's `frameworkErrors`, see http/errors.tsx).
 */
export function addSecurityHeaders(config: Config) {
  return (request: FastifyRequest, reply: FastifyReply): void => {
    reply.header('Content-Security-Policy', CSP_HEADER);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'SAMEORIGIN');
    reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    reply.header('Permissions-Policy', PERMISSIONS_POLICY);
    if (servedOverHttps(config, request)) reply.header('Strict-Transport-Security', HSTS);
  };
}

/**
 * Security headers on every response, whichever route (or the 404 and error handlers) answers:
 * helmet's set with our CSP, `Referrer-Policy`, `Permissions-Policy`, and HSTS over https only
 * (browsers ignore it over http, and sending it from http://localhost would pin a developer's browser).
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('Permissions-Policy', PERMISSIONS_POLICY);
    if (servedOverHttps(config, request)) reply.header('Strict-Transport-Security', HSTS);
  });
}
