import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../shared/clock.ts';
import { ValidationError } from '../shared/errors.ts';
import type { LoadedSource } from './sources.ts';

const TOKEN = /^[0-9a-f]{32}$/;
const KEEP_MS = 24 * 3600_000;

export type ImportStaging = ReturnType<typeof createImportStaging>;

/**
 * Keeps what the Import page fetched or received between "Preview" and "Save as draft", so the draft is
 * made from exactly what the editor saw (a page can change between two fetches; an upload cannot be sent
 * twice). Each staged source is a file named by a random token; files older than a day are removed.
 */
export function createImportStaging({ dir, clock }: { dir: string; clock: Clock }) {
  async function sweep(): Promise<void> {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    const cutoff = clock.now().getTime() - KEEP_MS;
    for (const name of names) {
      const file = path.join(dir, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat && stat.mtimeMs < cutoff) await fs.rm(file, { force: true });
    }
  }

  return {
    async put(source: LoadedSource): Promise<string> {
      await fs.mkdir(dir, { recursive: true });
      await sweep();
      const token = crypto.randomBytes(16).toString('hex');
      await fs.writeFile(path.join(dir, `${token}.json`), JSON.stringify(source), { mode: 0o600 });
      return token;
    },

    async take(token: string): Promise<LoadedSource> {
      const missing = new ValidationError(
        'This preview has expired or was already saved. Please start the import again.',
      ).say('import.error.expired');
      if (!TOKEN.test(token)) throw missing;
      const file = path.join(dir, `${token}.json`);
      const text = await fs.readFile(file, 'utf8').catch(() => undefined);
      if (text === undefined) throw missing;
      return JSON.parse(text) as LoadedSource;
    },

    async discard(token: string): Promise<void> {
      if (TOKEN.test(token)) await fs.rm(path.join(dir, `${token}.json`), { force: true });
    },
  };
}
