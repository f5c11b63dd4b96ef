import type { KeysetPosition } from '../../content/article.repository.ts';
import { BadRequestError } from '../../shared/errors.ts';

/**
 * The opaque cursor of the articles list: the last story's place in the newest-first order
 * (publication time and id), base64url-encoded JSON. Opaque so clients pass it back rather than build
 * it; decoded strictly, so a damaged one is a 400 that says so, never a wrong page.
 */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.publishedAt, position.id])).toString('base64url');
}

const BAD_CURSOR = 'The “cursor” parameter is not a cursor this API gave out; start again without it.';

export function decodeCursor(cursor: string): KeysetPosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadRequestError(BAD_CURSOR, { cursor: 'Not a cursor.' });
  }
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    typeof value[0] !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value[0]) ||
    !Number.isSafeInteger(value[1]) ||
    (value[1] as number) < 1
  )
    throw new BadRequestError(BAD_CURSOR, { cursor: 'Not a cursor.' });
  return { publishedAt: value[0], id: value[1] as number };
}
