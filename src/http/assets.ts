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

/** A PNG's width and height from its header (IHDR), or null when the file is not a PNG. */
export function pngSize(file: string): { width: number; height: number } | null {
  const header = Buffer.alloc(24);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 24, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.readUInt32BE(0) !== 0x89504e47 || header.toString('ascii', 12, 16) !== 'IHDR') return null;
  return { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
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
    editorStylesheet: fingerprint('assets/editor.css'),
    commentsScript: fingerprint('assets/comments.js'),
    viewBeacon: fingerprint('assets/view-beacon.js'),
    icon: fingerprint('assets/icon.svg'),
    logo: fingerprint('assets/logo.png'),
    logoSize: pngSize(path.join(PUBLIC_DIR, 'assets/logo.png')),
  };
}
