import type { Migration } from 'kysely';
import * as m0001 from './0001_content.ts';

/**
 * Every migration, in order. Listed here rather than read from the directory so the set is explicit,
 * type-checked and identical on every dialect. Feature work appends; a landed migration never changes.
 */
export const migrations: Record<string, Migration> = {
  '0001_content': m0001,
};
