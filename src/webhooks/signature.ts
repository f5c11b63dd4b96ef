import crypto from 'node:crypto';

/** The header every delivery carries: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'Newsdesk-Signature';

/** How old a signature a receiver should still accept (what `verifySignature` allows by default). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** A new signing secret: 32 random bytes, prefixed so it is recognisable in a config file. */
export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString('base64url')}`;
}

/**
 * The signature header for a body sent at `timestamp` (Unix seconds). Signing the timestamp with the
 * body (as Stripe does) lets a receiver refuse a replay of an old delivery, not only a forged one.
 *
 * @example
 *   signatureHeader('whsec_…', 1718870400, '{"event":"article.published",…}')
 *   // → 't=1718870400,v1=5f2b…'
 */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  const mac = crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/**
 * What a receiver does with a delivery (here for the tests and as the reference for the README):
 * recompute the HMAC over `t.body`, compare in constant time, and refuse stale timestamps.
 */
export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string,
  nowSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  if (!header) return false;
  const parts = new Map(
    header.split(',').map((part) => {
      const eq = part.indexOf('=');
      return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()] as const;
    }),
  );
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isSafeInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = signatureHeader(secret, timestamp, body).split('v1=')[1]!;
  return (
    given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected))
  );
}
