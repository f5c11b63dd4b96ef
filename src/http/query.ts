import { BadRequestError } from '../shared/errors.ts';

export const MAX_PAGE = 10_000;

/**
 * Reads `?page=` from a query string: absent means 1; anything but a whole number from 1 to 10,000 is
 * answered with a 400 that says what is wrong.
 */
export function pageParam(query: unknown): number {
  const raw = (query as Record<string, unknown> | undefined)?.page;
  if (raw === undefined || raw === '') return 1;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (
    typeof value !== 'string' ||
    !/^\d{1,6}$/.test(value) ||
    Number(value) < 1 ||
    Number(value) > MAX_PAGE
  ) {
    throw new BadRequestError(
      `The page number must be a whole number from 1 to ${MAX_PAGE.toLocaleString('en')}.`,
      { page: 'Use a page number such as ?page=2.' },
    ).say('error.pageNumber', { max: MAX_PAGE }, { page: { key: 'error.pageNumberField' } });
  }
  return Number(value);
}
