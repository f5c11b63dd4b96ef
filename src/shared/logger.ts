import { pino, type Logger } from 'pino';

export type { Logger };

/** Query parameters whose values are secrets or personal data. */
const SECRET_PARAM = /^(?:.*token|.*password|passwd|secret|.*key|code|session.*|e?mail|email_address)$/i;
/** Path segments after these words are one-time secrets (invitation links). */
const SECRET_SEGMENT = /(\/(?:invite|reset|verify|confirm|unsubscribe)\/)[^/?#]+/gi;
const EMAIL = /[^\s/?&=#:;,<>"']+@[^\s/?&=#:;,<>"']+\.[^\s/?&=#:;,<>"']+/g;

/**
 * A URL fit for a log line: the token of an invitation link, the values of parameters named like
 * secrets, and anything that looks like an email address (percent-encoded or not) are replaced.
 */
export function scrubUrl(url: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    decoded = url;
  }
  const masked = (decoded === url ? url : url.replace(/%40/gi, '@')).replace(EMAIL, '[email]');
  const q = masked.indexOf('?');
  const path = (q === -1 ? masked : masked.slice(0, q)).replace(SECRET_SEGMENT, '$1[redacted]');
  if (q === -1) return path;
  const query = masked
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const name = pair.split('=', 1)[0]!;
      return SECRET_PARAM.test(name) ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}

function scrubEmails<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replace(EMAIL, '[email]')) as T;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
  headers?: Record<string, unknown>;
  socket?: { remoteAddress?: string };
}

/**
 * Structured JSON logs (pino), one object per line; Fastify adds a `reqId` (a random UUID) to every
 * line written while handling a request. Secrets never reach a log line:
 * - a request is logged as method, scrubbed URL (see `scrubUrl`) and client address only — never its
 *   headers (cookies, authorization) or body (passwords, emails);
 * - these paths are redacted wherever a caller puts them in a log object.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      serializers: {
        req: (req: LoggedRequest) => ({
          method: req.method,
          url: scrubUrl(String(req.url ?? '')),
          remoteAddress: req.ip ?? req.socket?.remoteAddress,
        }),
        // Database errors quote the offending row (PostgreSQL: `Key (email)=(…) already exists`).
        err: (error: Error) => scrubEmails(pino.stdSerializers.err(error)),
      },
      redact: {
        paths: [
          'password',
          '*.password',
          'email',
          '*.email',
          'token',
          '*.token',
          'cookie',
          'headers.cookie',
          'headers.authorization',
          'req.headers.cookie',
          'req.headers.authorization',
          'res.headers["set-cookie"]',
          'sessionId',
          '*.sessionId',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
