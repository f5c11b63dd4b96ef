import { parseArgs } from 'node:util';
import { createApp } from '../app.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { isDemoLoaded, loadDemoContent } from '../content/demo/load-demo.ts';
import { createLogger } from '../shared/logger.ts';
import { createProgress } from './progress.ts';
import { backupCommand, restoreCommand } from './backup.command.ts';
import { feedsCommand, importCommand } from './import.command.ts';
import { relatedCommand } from './related.command.ts';
import { exportCommand, importSiteCommand } from './site.command.ts';
import { userCommand } from './user.command.ts';

/**
 * The `newsdesk` command-line tool. Each command is a function taking its arguments; later features
 * add theirs to COMMANDS.
 */
export type Command = (args: string[]) => Promise<number>;

const USAGE = `Usage: newsdesk <command> [options]

Commands:
  migrate            bring the database schema up to date
  demo [--count N]   load the demo content (seed article and N Reuters stories; default 2400)
  user create        create a user (--email, --name, --role; password on stdin or asked for)
  import <path|URL>  import a page, scraped text, a feed or a WordPress export as drafts (--dry-run --json)
  feeds list|poll    followed feeds: list them, poll those that are due; feeds unfollow <id>
  related rebuild    recompute every story's related stories (You may also like), with a progress bar
  backup [file]      a consistent copy of the SQLite database (and media) while the site runs
  restore <file>     put a backup in place (stop the site first; the current database is kept aside)
  export <file>      the whole site (stories, comments, media, users, settings) to one archive
                     (--without-secrets leaves out password hashes, webhooks and signing keys)
  import-site <file> fill an empty database (SQLite or PostgreSQL) from an export, in one transaction
  help               show this help

Configuration comes from the environment (DATABASE_URL, DATA_DIR, …); see README.md.`;

async function openApp() {
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  return createApp({ config, logger: createLogger(config.logLevel) });
}

export const COMMANDS: Record<string, Command> = {
  async migrate() {
    const app = await openApp();
    await app.close();
    console.log(`Database is up to date (${app.database.dialect}).`);
    return 0;
  },

  async demo(args) {
    const { values } = parseArgs({ args, options: { count: { type: 'string' } } });
    const count = values.count === undefined ? 2400 : Number(values.count);
    if (!Number.isInteger(count) || count < 0 || count > 20_000) {
      console.error('--count must be a whole number from 0 to 20000.');
      return 2;
    }
    const app = await openApp();
    try {
      if (await isDemoLoaded(app.database.db)) {
        console.error('Demo content is already loaded in this database.');
        return 1;
      }
      const progress = createProgress('Loading demo stories');
      const result = await loadDemoContent(
        { db: app.database.db, ...app.services, clock: { now: () => new Date() }, logger: app.logger },
        { reutersCount: count, onProgress: (done, total) => progress.update(done, total) },
      );
      progress.done(`Loaded ${result.articles} articles.`);
      const related = createProgress('Choosing related stories');
      await app.services.related.rebuild((phase, done, total) => {
        if (phase === 'choose') related.update(done, total);
      });
      related.done();
      return 0;
    } finally {
      await app.close();
    }
  },

  user: (args) => userCommand(args, openApp),
  import: (args) => importCommand(args, openApp),
  feeds: (args) => feedsCommand(args, openApp),
  related: (args) => relatedCommand(args, openApp),
  backup: (args) => backupCommand(args, loadConfig()),
  restore: (args) => restoreCommand(args, loadConfig()),
  export: (args) => exportCommand(args, openApp),
  'import-site': (args) => importSiteCommand(args, openApp),

  async help() {
    console.log(USAGE);
    return 0;
  },
};

async function run(argv: string[]): Promise<number> {
  const [name = 'help', ...rest] = argv;
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command “${name}”.\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 78;
    }
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

process.exitCode = await run(process.argv.slice(2));
