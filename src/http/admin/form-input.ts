/** A posted form field as text ('' when absent or not text), cut to `max` characters. */
export function field(body: unknown, name: string, max = 5000): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/** A positive id from a form field or a route parameter, or null. */
export function idFrom(value: unknown): number | null {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
