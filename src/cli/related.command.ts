import type { App } from '../app.ts';
import { createProgress } from './progress.ts';

export const RELATED_USAGE = `Usage: newsdesk related rebuild
  Recomputes every published story's related stories ("You may also like") from scratch.`;

const PHASES = {
  read: 'Reading stories',
  choose: 'Choosing related stories',
  write: 'Writing lists',
} as const;

/** `newsdesk related rebuild`: the whole related index again, with a progress bar per phase. */
export async function relatedCommand(args: string[], openApp: () => Promise<App>): Promise<number> {
  if (args[0] !== 'rebuild' || args.length > 1) {
    console.error(RELATED_USAGE);
    return 2;
  }
  const app = await openApp();
  try {
    let phase: keyof typeof PHASES | undefined;
    let progress = createProgress(PHASES.read);
    const result = await app.services.related.rebuild((next, done, total) => {
      if (next !== phase) {
        if (phase) progress.done();
        phase = next;
        progress = createProgress(PHASES[next]);
      }
      progress.update(done, total);
    });
    progress.done(`Rebuilt related stories: ${result.articles} stories, ${result.picks} picks.`);
    await app.services.purger.idle();
    return 0;
  } finally {
    await app.close();
  }
}
