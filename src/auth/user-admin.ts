import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import { ConflictError, NotFoundError } from '../shared/errors.ts';
import type { AuthService, User } from './auth.service.ts';

export type UserAdmin = ReturnType<typeof createUserAdmin>;

/**
 * What an admin does to other people's accounts, with the rules that keep a newsroom from locking
 * itself out: nobody changes their own role or deactivates themselves (another admin must), and the
 * last active admin can be neither demoted nor deactivated. Deactivating ends every session at once.
 */
export function createUserAdmin({ db, auth, clock }: { db: Db; auth: AuthService; clock: Clock }) {
  async function target(id: number): Promise<User> {
    const user = await auth.getUser(id);
    if (!user) throw new NotFoundError('There is no such account.').say('users.error.gone');
    return user;
  }

  async function isLastActiveAdmin(user: User): Promise<boolean> {
    if (user.role !== 'admin' || user.status !== 'active') return false;
    const row = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(row.n) <= 1;
  }

  function notYourself(actor: User, user: User, what: 'role' | 'deactivate') {
    if (actor.id !== user.id) return;
    throw (
      what === 'role'
        ? new ConflictError('You cannot change your own role; ask another admin.')
        : new ConflictError('You cannot deactivate your own account; ask another admin.')
    ).say(what === 'role' ? 'users.error.ownRole' : 'users.error.ownAccount');
  }

  function lastAdmin(): ConflictError {
    return new ConflictError('This is the last active admin: make someone else an admin first.').say(
      'users.error.lastAdmin',
    );
  }

  return {
    async changeRole(actor: User, id: number, role: string): Promise<User> {
      const user = await target(id);
      notYourself(actor, user, 'role');
      if (role !== 'admin' && (await isLastActiveAdmin(user))) throw lastAdmin();
      await auth.setRole(id, role);
      return target(id);
    },

    async deactivate(actor: User, id: number): Promise<User> {
      const user = await target(id);
      notYourself(actor, user, 'deactivate');
      if (await isLastActiveAdmin(user)) throw lastAdmin();
      await auth.disableUser(id);
      return target(id);
    },

    /** Lets a deactivated account sign in again (or, if it never chose a password, accept its invitation). */
    async reactivate(id: number): Promise<User> {
      await target(id);
      const row = await db
        .selectFrom('users')
        .select(['password_hash'])
        .where('id', '=', id)
        .executeTakeFirst();
      await db
        .updateTable('users')
        .set({ status: row?.password_hash ? 'active' : 'invited', updated_at: clock.now().toISOString() })
        .where('id', '=', id)
        .where('status', '=', 'disabled')
        .execute();
      return target(id);
    },
  };
}
