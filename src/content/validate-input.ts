import type { z } from 'zod';
import { ValidationError } from '../shared/errors.ts';

/** Parses input with a schema, or throws a ValidationError naming the first field that is wrong. */
export function validateInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new ValidationError(first?.message ?? 'The input is not valid.', {
    [String(first?.path[0] ?? 'form')]: first?.message ?? 'Not valid.',
  });
}
