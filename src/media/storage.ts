import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where uploaded and generated media files live. Local directory by default; a shared directory or an
 * S3-compatible store implements the same three calls when the site runs on several machines.
 */
export interface MediaStorage {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer | undefined>;
  delete(key: string): Promise<void>;
  /** The public URL path of a stored file. */
  urlFor(key: string): string;
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

/** Refuses keys that could climb out of the media directory or name hidden files. */
export function assertMediaKey(key: string): void {
  if (!KEY_PATTERN.test(key) || key.includes('..') || key.length > 300) {
    throw new Error(`"${key}" is not a valid media key.`);
  }
}

export function createLocalStorage(root: string, publicPrefix = '/media'): MediaStorage {
  const fileFor = (key: string) => {
    assertMediaKey(key);
    return path.join(root, key);
  };
  return {
    async put(key, data) {
      const file = fileFor(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Write then rename, so a reader never sees half a file.
      const temp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(temp, data);
      await fs.rename(temp, file);
    },
    async get(key) {
      try {
        return await fs.readFile(fileFor(key));
      } catch {
        return undefined;
      }
    },
    async delete(key) {
      await fs.rm(fileFor(key), { force: true });
    },
    urlFor: (key) => `${publicPrefix}/${key}`,
  };
}
