/**
 * Whether an error is @fastify/multipart's parser (busboy) refusing a malformed body — a missing
 * boundary, a body cut short, a broken part header. Busboy throws plain `Error`s with no status, which
 * would otherwise be answered as a 500 "our fault"; the error mapping (http/errors.tsx) answers them
 * with a 400 and a sentence, for every multipart route, including those added later. Only errors
 * raised inside busboy count: a handler's real bug stays a logged 500.
 */
export function isMalformedMultipart(error: unknown): boolean {
  return (
    error instanceof Error &&
    !(error as { statusCode?: number }).statusCode &&
    /[/\\]busboy[/\\]/.test(error.stack ?? '')
  );
}
