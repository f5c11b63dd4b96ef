import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Secrets never reach a log line: these paths are redacted wherever they appear,
 * and request logging (see http/server.ts) records method, url and status only — not bodies or cookies.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'password',
          '*.password',
          'email',
          '*.email',
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
