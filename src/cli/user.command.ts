import { parseArgs } from 'node:util';
import type { App } from '../app.ts';
import { ROLES } from '../auth/roles.ts';
import { isAppError } from '../shared/errors.ts';
import { readPassword } from './read-password.ts';

export const USER_USAGE = `Usage: newsdesk user create --email <email> --name <name> --role <${ROLES.join('|')}>
The password is read from standard input (one line) when it is not a terminal, and asked for when it is.`;

/** `newsdesk user create`: makes an account from the command line (the first admin, typically). */
export async function userCommand(args: string[], openApp: () => Promise<App>): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'create') {
    console.error(USER_USAGE);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
  });
  if (!values.email || !values.name || !values.role) {
    console.error(`--email, --name and --role are all needed.\n${USER_USAGE}`);
    return 2;
  }
  const password = await readPassword('Password: ');
  if (process.stdin.isTTY) {
    const again = await readPassword('Repeat the password: ');
    if (again !== password) {
      console.error('The two passwords are not the same; nothing was created.');
      return 1;
    }
  }
  const app = await openApp();
  try {
    const user = await app.services.auth.createUser({
      email: values.email,
      name: values.name,
      role: values.role,
      password,
    });
    console.log(
      `Created ${user.role} ${user.name} <${user.email}>. Sign in at ${app.config.siteUrl}/admin/login`,
    );
    return 0;
  } catch (error) {
    if (isAppError(error)) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await app.close();
  }
}
