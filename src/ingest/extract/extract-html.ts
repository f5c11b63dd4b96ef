import { Readability } from '@mozilla/readability';
import { linkedom } from '../../shared/linkedom.ts';
import type { Block, ImageBlock } from '../../richtext/index.ts';
import { blocksToPlainText, parseHtmlToBlocks, parseTextToBlocks } from '../../richtext/index.ts';
import type { ExtractedArticle, ExtractedImage } from '../types.ts';
import { removeChrome } from './chrome.ts';
import { splitCaptionCredit } from './caption.ts';
import { cleanBlocks, isTrackerImage, normal } from './cleanup.ts';
import { guessLanguage } from './language.ts';
import { type PageMetadata, readMetadata, splitNames } from './metadata.ts';

export interface ExtractHtmlOptions {
  /** The page's address: resolves relative links and images, and is the source URL when the page names none. */
  url?: string | null;
}

/**
 * Reads an article page: its metadata (JSON-LD, OpenGraph, meta tags), then its body through Mozilla
 * Readability run on a copy of the page from which chrome was removed first, then the shared HTML
 * parser into blocks, then the shared cleanup. Returns null when the page holds no story.
 */
export function extractArticleFromHtml(
  html: string,
  options: ExtractHtmlOptions = {},
): ExtractedArticle | null {
  const { document } = linkedom().parseHTML(html);
  const doc = document as unknown as Document;
  const baseUrl = baseUrlOf(doc, options.url ?? null);
  const metadata = readMetadata(doc, baseUrl);
  const figures = figureIndex(doc, baseUrl);

  removeTrackers(doc);
  removeChrome(doc);
  let readable = runReadability(doc);
  // Chrome removal can, rarely, take away what Readability needed to find the story (a page whose story
  // sits inside a "header" wrapper). Then Readability on the untouched page wins when it finds far more.
  const cleanedLength = readable?.textContent?.trim().length ?? 0;
  if (cleanedLength < 2000) {
    const untouched = runReadability(linkedom().parseHTML(html).document as unknown as Document);
    if ((untouched?.textContent?.trim().length ?? 0) > cleanedLength * 2) readable = untouched;
  }
  const authors = chooseAuthors(metadata, readable?.byline ?? null);
  const title = chooseTitle(metadata, readable?.title ?? null, authors);

  let body = readable?.content ? parseHtmlToBlocks(readable.content, { baseUrl: baseUrl ?? undefined }) : [];
  body = preferFullerText(body, metadata.articleBody);
  body = cleanBlocks(body, { title, authors, description: metadata.description });
  body = body.map((block) => (block.type === 'image' ? withFigureCaption(block, figures) : block));
  if (!title || blocksToPlainText(body).length < 80) return null;

  const leadImage = chooseLeadImage(metadata, body, figures);
  if (leadImage?.url && body[0]?.type === 'image' && sameImage(body[0].src, leadImage.url))
    body = body.slice(1);

  const text = blocksToPlainText(body);
  return {
    title,
    dek: standfirst(metadata.description, title, body),
    authors,
    publishedAt: metadata.publishedAt ?? isoOrNull(readable?.publishedTime),
    language: metadata.language ?? guessLanguage(text),
    leadImage,
    source: {
      outlet: metadata.siteName ?? readable?.siteName ?? hostOf(metadata.canonicalUrl ?? options.url ?? null),
      url: metadata.canonicalUrl ?? options.url ?? null,
      originalTitle: title,
      originalAuthor: authors.length ? authors.join(', ') : null,
    },
    body,
    tags: metadata.tags,
    section: metadata.section,
  };
}

/** The page's summary as the standfirst, unless it only repeats the headline or the first paragraph. */
function standfirst(description: string | null, title: string, body: Block[]): string | null {
  if (!description) return null;
  const first = body.find((b) => b.type === 'paragraph');
  const repeats = [title, first && first.type === 'paragraph' ? first.text : ''].some(
    (text) => normal(text) === normal(description),
  );
  return repeats ? null : description;
}

function runReadability(document: Document) {
  try {
    return new Readability(document, { keepClasses: true }).parse();
  } catch {
    return null;
  }
}

function baseUrlOf(document: Document, pageUrl: string | null): string | null {
  const base = document.querySelector('base[href]')?.getAttribute('href');
  const fallback =
    pageUrl ??
    document.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
    document.querySelector('meta[property="og:url"]')?.getAttribute('content') ??
    null;
  try {
    if (base) return new URL(base, fallback ?? undefined).toString();
  } catch {
    // a relative <base> without a page address: fall through
  }
  try {
    return fallback ? new URL(fallback).toString() : null;
  } catch {
    return null;
  }
}

function removeTrackers(document: Document): void {
  for (const img of Array.from(document.querySelectorAll('img'))) {
    const src = img.getAttribute('src') ?? '';
    const width = Number(img.getAttribute('width'));
    const height = Number(img.getAttribute('height'));
    if (isTrackerImage(src, width || null, height || null)) img.remove();
    // Lazy images keep the real address in data-src; the placeholder in src is a data: URI or a spacer.
    const lazy =
      img.getAttribute('data-src') ?? img.getAttribute('data-lazy-src') ?? img.getAttribute('data-original');
    if (lazy && (!src || src.startsWith('data:') || /blank|placeholder|spacer|lazy/i.test(src))) {
      img.setAttribute('src', lazy);
    }
  }
}

/**
 * The headline: the metadata's, unless it is the site's `<title>` with the outlet's name attached, or
 * Readability found the same headline without that suffix.
 */
function chooseTitle(metadata: PageMetadata, readableTitle: string | null, authors: string[]): string {
  const candidates = [metadata.title, readableTitle, metadata.documentTitle].filter((t): t is string =>
    Boolean(t),
  );
  let title = candidates[0] ?? '';
  // "Headline | The Outlet", "Headline | Columnist Name": the suffix is not the headline.
  for (const suffix of [metadata.siteName, ...authors]) {
    if (!suffix) continue;
    const escaped = suffix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    title = title.replace(new RegExp(`\\s+[|–—:-]\\s*${escaped}\\s*$`, 'i'), '').trim();
  }
  return title.replace(/\s+/g, ' ').trim();
}

function chooseAuthors(metadata: PageMetadata, byline: string | null): string[] {
  if (metadata.authors.length) return metadata.authors.slice(0, 10);
  if (!byline) return [];
  // Readability's byline often carries the date and the desk too: keep what looks like names.
  const cleaned = byline
    .replace(/\b(updated|published|posted)\b.*$/i, '')
    .replace(/\b\d{1,2}:\d{2}.*$/, '')
    .replace(/\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}.*$/i, '')
    // "Lucas Nolan22 Dec 2016651": a date glued to the name.
    .replace(/\d{1,2}\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s*\d{4}.*$/i, '');
  return splitNames(cleaned)
    .filter((name) => /\p{L}/u.test(name) && name.split(' ').length <= 5)
    .slice(0, 10);
}

/**
 * When the outlet publishes its own plain text of the story (JSON-LD articleBody) and Readability found
 * much less of it, the outlet's text wins: Readability sometimes stops at a mid-story box.
 */
function preferFullerText(blocks: Block[], articleBody: string | null): Block[] {
  if (!articleBody || articleBody.length < 500) return blocks;
  const found = blocksToPlainText(blocks).length;
  if (found >= articleBody.length * 0.6) return blocks;
  const fromText = parseTextToBlocks(articleBody.replace(/\r?\n/g, '\n\n'));
  return fromText.length ? [...blocks.filter((b) => b.type === 'image').slice(0, 1), ...fromText] : blocks;
}

interface FigureInfo {
  caption: string | null;
  credit: string | null;
  alt: string;
}

/** Captions and credits of every figure on the original page, by image file, before Readability strips any. */
function figureIndex(document: Document, baseUrl: string | null): Map<string, FigureInfo> {
  const index = new Map<string, FigureInfo>();
  for (const figure of Array.from(document.querySelectorAll('figure'))) {
    const img = figure.querySelector('img');
    const src = img?.getAttribute('data-src') ?? img?.getAttribute('src');
    if (!img || !src) continue;
    const blocks = parseHtmlToBlocks(figure.outerHTML, { baseUrl: baseUrl ?? undefined });
    const image = blocks.find((b): b is ImageBlock => b.type === 'image');
    let caption = image?.caption ?? null;
    let credit = image?.credit ?? null;
    if (caption && !credit) [caption, credit] = splitCaptionCredit(caption);
    index.set(imageKey(absoluteOr(src, baseUrl)), { caption, credit, alt: img.getAttribute('alt') ?? '' });
  }
  return index;
}

function withFigureCaption(block: ImageBlock, figures: Map<string, FigureInfo>): ImageBlock {
  const info = figures.get(imageKey(block.src));
  if (!info) return block;
  return {
    ...block,
    ...(info.caption && !block.caption ? { caption: info.caption } : {}),
    ...(info.credit && !block.credit ? { credit: info.credit } : {}),
  };
}

function chooseLeadImage(
  metadata: PageMetadata,
  body: Block[],
  figures: Map<string, FigureInfo>,
): ExtractedImage | null {
  const first = body.find((b): b is ImageBlock => b.type === 'image');
  const url = metadata.image?.url ?? first?.src ?? null;
  if (!url || isTrackerImage(url)) return null;
  const fromBody = first && sameImage(first.src, url) ? first : undefined;
  const figure =
    figures.get(imageKey(url)) ?? [...figures.entries()].find(([key]) => sameImage(key, url))?.[1];
  return {
    url,
    alt: fromBody?.alt || figure?.alt || metadata.image?.alt || '',
    caption: metadata.image?.caption ?? fromBody?.caption ?? figure?.caption ?? null,
    credit: metadata.image?.credit ?? fromBody?.credit ?? figure?.credit ?? null,
  };
}

/** The same picture in another size: compare file names without size suffixes and query strings. */
function sameImage(a: string, b: string): boolean {
  const [ka, kb] = [imageKey(a), imageKey(b)];
  if (ka === kb) return true;
  // Renditions of one picture differ in a last suffix: 13SUDAN-1-facebookJumbo.jpg, 13SUDAN-1-master768.jpg.
  const stem = (key: string) => key.replace(/\.[a-z0-9]+$/, '').replace(/[-_][a-z]*\d*[a-z]*$/, '');
  return stem(ka).length >= 6 && stem(ka) === stem(kb);
}

function imageKey(src: string): string {
  const path = src.split(/[?#]/)[0] ?? src;
  const file = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return file
    .replace(/[-_]\d{2,4}x\d{2,4}(?=\.)/, '')
    .replace(/[-_](large|medium|small|thumb|\d{3,4}w?)(?=\.)/, '');
}

function absoluteOr(src: string, base: string | null): string {
  try {
    return new URL(src, base ?? undefined).toString();
  } catch {
    return src;
  }
}

function hostOf(url: string | null): string | null {
  try {
    return url ? new URL(url).hostname.replace(/^www\./, '') : null;
  } catch {
    return null;
  }
}

function isoOrNull(value: string | null | undefined): string | null {
  const time = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
