import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/errors.ts';
import type { Clock } from '../shared/clock.ts';
import {
  ConflictError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
} from '../shared/errors.ts';
import type { Role, UserStatus, UserTable } from './auth.tables.ts';
import {
  dummyPasswordHash,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  randomToken,
  sha256,
  verifyPassword,
} from './password.ts';
import { isRole, ROLES } from './roles.ts';
import { ACCOUNT_RULE, ADDRESS_RULE, createLoginThrottle } from './throttle.ts';

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  authorId: number | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface SessionGrant {
  /** Goes into the cookie; only its hash is stored. */
  token: string;
  user: User;
  expiresAt: string;
}

const SESSION_TTL_MS = 14 * 24 * 3_600_000;
const SESSION_TOUCH_MS = 3_600_000;
const INVITE_TTL_MS = 7 * 24 * 3_600_000;
/** Deliberately vague: the same answer whether the email is unknown or the password wrong. */
export const BAD_CREDENTIALS = 'That email and password do not match an account.';

const email = z
  .string({ message: 'Please enter an email address.' })
  .trim()
  .toLowerCase()
  .max(254, { message: 'That email address is too long.' })
  .email({ message: 'Please enter a valid email address, such as name@example.com.' });
const password = z
  .string({ message: 'Please enter a password.' })
  .min(MIN_PASSWORD_LENGTH, { message: `A password needs at least ${MIN_PASSWORD_LENGTH} characters.` })
  .max(MAX_PASSWORD_LENGTH, { message: 'That password is too long.' });
const name = z
  .string()
  .trim()
  .min(1, { message: 'Please enter a name.' })
  .max(120, { message: 'A name can be at most 120 characters.' });
const role = z.string().refine(isRole, { message: `The role must be one of: ${ROLES.join(', ')}.` });

function toUser(row: Selectable<UserTable>): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    authorId: row.author_id,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
  };
}

function check<T extends z.ZodType>(schema: T, value: unknown, field: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message ?? 'This is not valid.';
  throw new ValidationError(message, { [field]: message });
}

export type AuthService = ReturnType<typeof createAuthService>;

/**
 * Users, roles and sessions. Passwords are scrypt hashes; sessions are random tokens of which only a
 * hash is stored, renewed at every sign-in and deleted at sign-out; failed sign-ins lock the account
 * and the client address out for longer each time (throttle.ts), without telling which accounts exist.
 */
export function createAuthService({ db, clock }: { db: Db; clock: Clock }) {
  const throttle = createLoginThrottle({ db, clock });
  const nowIso = () => clock.now().toISOString();

  async function findByEmail(address: string) {
    return db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', address.trim().toLowerCase())
      .executeTakeFirst();
  }

  async function startSession(userId: number): Promise<{ token: string; expiresAt: string }> {
    const token = randomToken();
    const now = nowIso();
    const expiresAt = new Date(clock.now().getTime() + SESSION_TTL_MS).toISOString();
    await db
      .insertInto('sessions')
      .values({
        id: sha256(token),
        user_id: userId,
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
      })
      .execute();
    return { token, expiresAt };
  }

  return {
    throttle,

    async createUser(input: {
      email: string;
      name: string;
      role: string;
      password: string;
      authorId?: number | null;
    }): Promise<User> {
      const values = {
        email: check(email, input.email, 'email'),
        name: check(name, input.name, 'name'),
        role: check(role, input.role, 'role') as Role,
        password_hash: await hashPassword(check(password, input.password, 'password')),
      };
      const now = nowIso();
      try {
        const row = await db
          .insertInto('users')
          .values({
            ...values,
            status: 'active',
            author_id: input.authorId ?? null,
            invite_token_hash: null,
            invite_expires_at: null,
            last_login_at: null,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toUser(row);
      } catch (error) {
        if (isUniqueViolation(error))
          throw new ConflictError('An account with this email already exists.', {
            email: 'An account with this email already exists.',
          });
        throw error;
      }
    },

    /**
     * Creates an invited user and returns the one-time token for their invitation link. The invited
     * person chooses their own password (acceptInvitation); the token expires after 7 days.
     */
    async inviteUser(input: {
      email: string;
      name: string;
      role: string;
    }): Promise<{ user: User; token: string }> {
      const token = randomToken();
      const now = nowIso();
      try {
        const row = await db
          .insertInto('users')
          .values({
            email: check(email, input.email, 'email'),
            name: check(name, input.name, 'name'),
            role: check(role, input.role, 'role') as Role,
            status: 'invited',
            password_hash: null,
            author_id: null,
            invite_token_hash: sha256(token),
            invite_expires_at: new Date(clock.now().getTime() + INVITE_TTL_MS).toISOString(),
            last_login_at: null,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return { user: toUser(row), token };
      } catch (error) {
        if (isUniqueViolation(error))
          throw new ConflictError('An account with this email already exists.', {
            email: 'An account with this email already exists.',
          });
        throw error;
      }
    },

    async findInvitation(token: string): Promise<User | undefined> {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('invite_token_hash', '=', sha256(token))
        .where('status', '=', 'invited')
        .executeTakeFirst();
      if (!row || !row.invite_expires_at || Date.parse(row.invite_expires_at) < clock.now().getTime())
        return undefined;
      return toUser(row);
    },

    async acceptInvitation(token: string, newPassword: string): Promise<SessionGrant> {
      const user = await this.findInvitation(token);
      if (!user)
        throw new NotFoundError('This invitation link is not valid any more. Ask an admin for a new one.');
      const hash = await hashPassword(check(password, newPassword, 'password'));
      await db
        .updateTable('users')
        .set({
          password_hash: hash,
          status: 'active',
          invite_token_hash: null,
          invite_expires_at: null,
          last_login_at: nowIso(),
          updated_at: nowIso(),
        })
        .where('id', '=', user.id)
        .execute();
      const session = await startSession(user.id);
      return { ...session, user: { ...user, status: 'active' } };
    },

    /**
     * Signs in: checks the lock-outs for the account and the client address, the password, and on
     * success starts a brand-new session (the old session id, if any, is never reused).
     */
    async signIn(input: { email: string; password: string; address: string }): Promise<SessionGrant> {
      const address = String(input.email ?? '')
        .trim()
        .toLowerCase()
        .slice(0, 254);
      const accountKey = `account:${address}`;
      const addressKey = `ip:${input.address}`;
      const wait = Math.max(await throttle.lockedFor(accountKey), await throttle.lockedFor(addressKey));
      if (wait > 0) {
        const minutes = Math.ceil(wait / 60_000);
        throw new TooManyRequestsError(
          `Too many failed sign-ins. Please wait ${minutes === 1 ? 'a minute' : `${minutes} minutes`} and try again.`,
          Math.ceil(wait / 1000),
        );
      }
      const row = address ? await findByEmail(address) : undefined;
      const candidate =
        typeof input.password === 'string' ? input.password.slice(0, MAX_PASSWORD_LENGTH) : '';
      const ok =
        row?.status === 'active' && row.password_hash
          ? await verifyPassword(candidate, row.password_hash)
          : (await verifyPassword(candidate, await dummyPasswordHash())) && false;
      if (!ok || !row) {
        await throttle.recordFailure(accountKey, ACCOUNT_RULE);
        await throttle.recordFailure(addressKey, ADDRESS_RULE);
        throw new UnauthorizedError(BAD_CREDENTIALS);
      }
      await throttle.clear(accountKey);
      await db.updateTable('users').set({ last_login_at: nowIso() }).where('id', '=', row.id).execute();
      const session = await startSession(row.id);
      return { ...session, user: toUser(row) };
    },

    /** The user behind a session cookie, sliding its expiry forward; undefined if expired or unknown. */
    async resolveSession(token: string | undefined): Promise<User | undefined> {
      if (!token || token.length > 100) return undefined;
      const id = sha256(token);
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .selectAll('users')
        .select(['sessions.last_seen_at', 'sessions.expires_at'])
        .where('sessions.id', '=', id)
        .executeTakeFirst();
      const now = clock.now().getTime();
      if (!row || Date.parse(row.expires_at) < now || row.status !== 'active') return undefined;
      if (now - Date.parse(row.last_seen_at) > SESSION_TOUCH_MS) {
        await db
          .updateTable('sessions')
          .set({
            last_seen_at: new Date(now).toISOString(),
            expires_at: new Date(now + SESSION_TTL_MS).toISOString(),
          })
          .where('id', '=', id)
          .execute();
      }
      return toUser(row);
    },

    async signOut(token: string | undefined): Promise<void> {
      if (token) await db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
    },

    async listUsers(): Promise<User[]> {
      return (await db.selectFrom('users').selectAll().orderBy('name').execute()).map(toUser);
    },

    async getUser(id: number): Promise<User | undefined> {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toUser(row);
    },

    async setRole(id: number, newRole: string): Promise<void> {
      const valid = check(role, newRole, 'role') as Role;
      await db.updateTable('users').set({ role: valid, updated_at: nowIso() }).where('id', '=', id).execute();
    },

    /** Disables an account and ends all its sessions at once. */
    async disableUser(id: number): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('users')
          .set({ status: 'disabled', updated_at: nowIso() })
          .where('id', '=', id)
          .execute();
        await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
      });
    },

    async countUsers(): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
