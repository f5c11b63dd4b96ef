import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AssetManifest } from './context.ts';

export const PUBLIC_DIR = path.resolve(import.meta.dirname, '../../public');

function fingerprint(relative: string): string {
  const file = path.join(PUBLIC_DIR, relative);
  const hash = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 12);
  return `/${relative}?v=${hash}`;
}

/** Reads the static assets once at start-up and names each by its content, so they can be cached forever. */
export function buildAssetManifest(): AssetManifest {
  const optional = (relative: string) =>
    fs.existsSync(path.join(PUBLIC_DIR, relative)) ? fingerprint(relative) : undefined;
  return {
    stylesheet: fingerprint('assets/site.css'),
    script: optional('assets/site.js'),
    adminStylesheet: fingerprint('assets/admin.css'),
    adminScript: optional('assets/admin.js'),
    icon: fingerprint('assets/icon.svg'),
    logo: fingerprint('assets/logo.png'),
  };
}
