import crypto from 'node:crypto';
import type { Db } from '../db/database.ts';

const SECRET_KEY = 'comments.form_secret';

/**
 * The comment form carries the time it was rendered, signed, so a submission can be refused when it
 * comes back faster than a person can type. The key is made once per site and kept in `settings`, so
 * every instance signs and checks alike.
 */
export interface FormClock {
  /** A token for a form rendered now. */
  issue(now: Date): Promise<string>;
  /** When the form was rendered, or null when the token is missing, malformed or not ours. */
  renderedAt(token: unknown): Promise<number | null>;
}

export function createFormClock(db: Db): FormClock {
  let secret: Buffer | undefined;
  async function key(): Promise<Buffer> {
    if (secret) return secret;
    await db
      .insertInto('settings')
      .values({ key: SECRET_KEY, value: crypto.randomBytes(32).toString('base64url') })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', SECRET_KEY)
      .executeTakeFirstOrThrow();
    secret = Buffer.from(row.value, 'base64url');
    return secret;
  }
  const sign = (k: Buffer, ms: string) =>
    crypto.createHmac('sha256', k).update(ms).digest('base64url').slice(0, 22);
  return {
    async issue(now) {
      const ms = String(now.getTime());
      return `${ms}.${sign(await key(), ms)}`;
    },
    async renderedAt(token) {
      if (typeof token !== 'string') return null;
      const match = /^(\d{10,15})\.([\w-]{22})$/.exec(token);
      if (!match) return null;
      const expected = Buffer.from(sign(await key(), match[1]!));
      const given = Buffer.from(match[2]!);
      return given.length === expected.length && crypto.timingSafeEqual(given, expected)
        ? Number(match[1])
        : null;
    },
  };
}
