import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
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

/**
 * Every header helmet sets for our options, worked out once at start: helmet run against a stand-in
 * response that records what it is told. `@fastify/helmet` builds a new helmet for every request
 * (a few dozen microseconds each: a twentieth of an uncached page); the headers never change, since
 * no route asks for a nonce, so one frozen list serves every response.
 */
function helmetHeaders(): ReadonlyArray<readonly [string, string]> {
  const headers: Array<[string, string]> = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) =>
      void headers.push([name, Array.isArray(value) ? value.join(', ') : String(value)]),
    removeHeader: () => undefined,
  };
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
  })({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  headers.push(['Permissions-Policy', PERMISSIONS_POLICY]);
  return Object.freeze(headers.map((pair) => Object.freeze(pair)));
}

const SECURITY_HEADERS = helmetHeaders();

/**
 * Sets the security headers on a reply: helmet's set with our CSP, `Referrer-Policy`,
 * `Permissions-Policy`, and HSTS over https only (browsers ignore it over http, and sending it from
 * http://localhost would pin a developer's browser). Also used for answers no hook sees: the router's
 * refusals of a malformed address (Fastify's `frameworkErrors`, see http/errors.tsx).
 */
export function addSecurityHeaders(config: Config) {
  return (request: FastifyRequest, reply: FastifyReply): void => {
    for (const [name, value] of SECURITY_HEADERS) reply.header(name, value);
    if (servedOverHttps(config, request)) reply.header('Strict-Transport-Security', HSTS);
  };
}

/** Security headers on every response, whichever route (or the 404 and error handlers) answers. */
export function registerSecurityHeaders(app: FastifyInstance, config: Config): void {
  const add = addSecurityHeaders(config);
  app.addHook('onRequest', (request, reply, done) => {
    add(request, reply);
    done();
  });
}
