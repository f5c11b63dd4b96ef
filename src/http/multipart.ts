import multipart, {
  type FastifyMultipartAttachFieldsToBodyOptions,
  type FastifyMultipartOptions,
} from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

/** The code our error mapping knows (http/errors.tsx) for a multipart body that cannot be read. */
export const MALFORMED_MULTIPART = 'FST_MULTIPART_MALFORMED';

/**
 * Registers @fastify/multipart on a route plugin, and turns what its parser (busboy) throws on a
 * malformed body — a missing boundary, a body cut short, a broken part header — into a 400 with a
 * sentence. Busboy throws plain `Error`s with no status, which would otherwise be answered as a 500
 * "our fault". Only errors raised inside busboy are translated; anything else goes on unchanged to
 * the one error mapping (a handler's real bug stays a logged 500).
 */
export async function registerMultipart(
  app: FastifyInstance,
  options: FastifyMultipartOptions | FastifyMultipartAttachFieldsToBodyOptions,
): Promise<void> {
  await app.register(multipart, options);
  app.setErrorHandler((error) => {
    const fromParser =
      error instanceof Error &&
      !(error as { statusCode?: number }).statusCode &&
      /[/\\]busboy[/\\]/.test(error.stack ?? '');
    throw fromParser
      ? Object.assign(new Error(error.message), { statusCode: 400, code: MALFORMED_MULTIPART })
      : error;
  });
}
