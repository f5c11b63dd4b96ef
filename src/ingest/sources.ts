import crypto from 'node:crypto';
import { ValidationError } from '../shared/errors.ts';
import { decodeBody } from './fetch/decode.ts';
import type { SafeFetch } from './fetch/safe-fetch.ts';
import { sniffFeed } from './feeds/parse-feed.ts';

export type SourceKind = 'html' | 'text' | 'feed' | 'wxr';

/** What was fetched or read, before anything was made of it. */
export interface LoadedSource {
  kind: SourceKind;
  text: string;
  /** The address it came from (after redirects), or null for a file or pasted text. */
  url: string | null;
  /** A file name, for messages. */
  name: string | null;
  retrievedAt: string;
  /** sha256 of the bytes as received: the provenance of what was fetched. */
  contentHash: string;
  etag: string | null;
  lastModified: string | null;
  notModified: boolean;
}

/** The most a file or pasted text may be: a large WordPress export fits, a mistake does not. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export function hashBytes(bytes: Buffer | string): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Reads an upload, a file or pasted text and decides what it is. */
export function loadContent(
  bytes: Buffer | string,
  options: { name?: string | null; now: Date; url?: string | null; contentType?: string },
): LoadedSource {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  if (buffer.length > MAX_UPLOAD_BYTES) {
    throw new ValidationError(
      `That file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB, the most Newsdesk imports at once.`,
    ).say('import.error.uploadTooLarge', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 });
  }
  if (looksBinary(buffer)) {
    throw new ValidationError(
      `${options.name ? `“${options.name}”` : 'That file'} is not text: import a web page, a text file, a feed or a WordPress export.`,
    ).say('import.error.binary', { name: options.name ?? '' });
  }
  const text = typeof bytes === 'string' ? bytes : decodeBody(buffer, options.contentType);
  if (text.trim().length === 0) {
    throw new ValidationError(
      `${options.name ? `“${options.name}”` : 'The text'} is empty; there is nothing to import.`,
    ).say('import.error.empty', { name: options.name ?? '' });
  }
  return {
    kind: kindOf(text, options.name ?? null, options.contentType),
    text,
    url: options.url ?? null,
    name: options.name ?? null,
    retrievedAt: options.now.toISOString(),
    contentHash: hashBytes(buffer),
    etag: null,
    lastModified: null,
    notModified: false,
  };
}

/** Fetches an address through the SSRF-safe fetcher and decides what it is. */
export async function loadUrl(
  fetch: SafeFetch,
  url: string,
  options: { now: () => Date; etag?: string | null; lastModified?: string | null },
): Promise<LoadedSource> {
  const response = await fetch(url, { etag: options.etag, lastModified: options.lastModified });
  const retrievedAt = options.now().toISOString();
  if (response.notModified) {
    return {
      kind: 'feed',
      text: '',
      url: response.url,
      name: null,
      retrievedAt,
      contentHash: '',
      etag: response.etag ?? options.etag ?? null,
      lastModified: response.lastModified ?? options.lastModified ?? null,
      notModified: true,
    };
  }
  const loaded = loadContent(response.body, {
    now: options.now(),
    url: response.url,
    name: response.url,
    contentType: response.contentType,
  });
  return { ...loaded, etag: response.etag, lastModified: response.lastModified };
}

function kindOf(text: string, name: string | null, contentType?: string): SourceKind {
  const feed = sniffFeed(text);
  if (feed === 'wxr') return 'wxr';
  if (feed) return 'feed';
  const head = text.slice(0, 3000).trimStart();
  if (/^(<!doctype html|<html\b|<head\b|<body\b|<meta\b|<article\b)/i.test(head)) return 'html';
  if (/\.(html?|xhtml)$/i.test(name ?? '') || /html/i.test(contentType ?? '')) return 'html';
  // Pasted markup without a document around it: several real block tags mean HTML, not scraped text.
  const tags = head.match(/<(p|div|h[1-6]|article|figure|ul|ol|blockquote)[\s>]/gi)?.length ?? 0;
  if (tags >= 3 && !/<\s+\/?\s*(p|h[1-6])/.test(head)) return 'html';
  return 'text';
}

function looksBinary(buffer: Buffer): boolean {
  const sample = buffer.subarray(0, 8000);
  if (sample[0] === 0xff && sample[1] === 0xfe) return false; // UTF-16 text has zero bytes
  if (sample[0] === 0xfe && sample[1] === 0xff) return false;
  return sample.includes(0);
}
