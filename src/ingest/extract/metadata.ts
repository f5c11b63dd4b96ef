import { normaliseLanguage } from './language.ts';

/** What a page says about itself in JSON-LD, OpenGraph, meta tags and its head. */
export interface PageMetadata {
  title: string | null;
  /** `<title>`, kept for outlets whose headline appears only there. */
  documentTitle: string | null;
  description: string | null;
  authors: string[];
  publishedAt: string | null;
  language: string | null;
  canonicalUrl: string | null;
  siteName: string | null;
  image: { url: string; alt: string | null; caption: string | null; credit: string | null } | null;
  section: string | null;
  tags: string[];
  /** JSON-LD articleBody: the outlet's own plain text of the story, when it publishes one. */
  articleBody: string | null;
}

const ARTICLE_TYPES =
  /^(NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|LiveBlogPosting|Report|ScholarlyArticle|TechArticle|SocialMediaPosting|MedicalWebPage)$/;

type Json = Record<string, unknown>;

/** Reads the metadata of a parsed page; `pageUrl` resolves relative addresses. */
export function readMetadata(document: Document, pageUrl: string | null): PageMetadata {
  const meta = metaReader(document);
  const ld = articleJsonLd(document);
  const resolve = (value: string | null | undefined) => absolute(value, pageUrl);

  const ldAuthors = namesOf(ld?.author ?? ld?.creator);
  const metaAuthors = [
    meta('author'),
    meta('article:author'),
    meta('byl'),
    meta('dc.creator'),
    meta('sailthru.author'),
    meta('parsely-author'),
  ]
    .filter((v): v is string => Boolean(v) && !/^https?:\/\//.test(v!))
    .flatMap(splitNames);

  const ldImage = imageOf(ld?.image ?? ld?.thumbnailUrl);
  const ogImage =
    meta('og:image') ?? meta('og:image:url') ?? meta('twitter:image') ?? meta('twitter:image:src');
  const imageUrl = resolve(ldImage?.url ?? ogImage);

  const keywords = ld?.keywords ?? meta('keywords') ?? meta('news_keywords');
  const articleTags = Array.from(document.querySelectorAll('meta[property="article:tag"]'))
    .map((el) => el.getAttribute('content')?.trim() ?? '')
    .filter(Boolean);

  return {
    title: firstText(
      str(ld?.headline),
      meta('og:title'),
      meta('twitter:title'),
      meta('parsely-title'),
      meta('sailthru.title'),
      meta('dc.title'),
    ),
    documentTitle: firstText(document.querySelector('title')?.textContent),
    description: firstText(str(ld?.description), meta('og:description'), meta('description')),
    authors: unique(ldAuthors.length ? ldAuthors : metaAuthors),
    publishedAt: firstDate(
      str(ld?.datePublished),
      meta('article:published_time'),
      meta('parsely-pub-date'),
      meta('sailthru.date'),
      meta('date'),
      meta('pubdate'),
      meta('publishdate'),
      meta('dc.date'),
      meta('dc.date.issued'),
      meta('article.published'),
      document.querySelector('article time[datetime], time[pubdate][datetime]')?.getAttribute('datetime'),
      str(ld?.dateCreated),
    ),
    language: normaliseLanguage(
      firstText(
        str(ld?.inLanguage),
        document.documentElement?.getAttribute('lang'),
        meta('content-language'),
        meta('og:locale'),
        meta('dc.language'),
      ),
    ),
    canonicalUrl: resolve(
      document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta('og:url') ?? str(ld?.url),
    ),
    siteName: firstText(meta('og:site_name'), namesOf(ld?.publisher)[0], meta('application-name')),
    image: imageUrl
      ? {
          url: imageUrl,
          alt: firstText(meta('og:image:alt'), meta('twitter:image:alt')),
          caption: ldImage?.caption ?? null,
          credit: ldImage?.credit ?? null,
        }
      : null,
    section: firstText(str(ld?.articleSection), meta('article:section')),
    tags: unique([
      ...(Array.isArray(keywords) ? keywords.map(String) : splitList(String(keywords ?? ''))),
      ...articleTags,
    ])
      .map((t) => t.trim())
      .filter((t) => t.length > 0 && t.length <= 60)
      .slice(0, 30),
    articleBody: firstText(str(ld?.articleBody)),
  };
}

/** A lookup of `<meta name|property|itemprop=… content=…>` (first match wins, case-insensitive names). */
function metaReader(document: Document): (name: string) => string | null {
  const values = new Map<string, string>();
  for (const el of Array.from(document.querySelectorAll('meta'))) {
    const key = (
      el.getAttribute('property') ??
      el.getAttribute('name') ??
      el.getAttribute('itemprop') ??
      el.getAttribute('http-equiv')
    )
      ?.trim()
      .toLowerCase();
    const content = el.getAttribute('content')?.trim();
    if (key && content && !values.has(key)) values.set(key, content);
  }
  return (name) => values.get(name) ?? null;
}

/** The most article-like JSON-LD object on the page (a NewsArticle over a WebPage), flattened from @graph. */
function articleJsonLd(document: Document): Json | undefined {
  const found: Json[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 6 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((v) => visit(v, depth + 1));
    const obj = value as Json;
    found.push(obj);
    if (obj['@graph']) visit(obj['@graph'], depth + 1);
    if (obj.mainEntity) visit(obj.mainEntity, depth + 1);
  };
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    const raw = (script.textContent ?? '').replace(/^\s*(<!--|\/\/<!\[CDATA\[)|(-->|\/\/\]\]>)\s*$/g, '');
    try {
      visit(JSON.parse(raw), 0);
    } catch {
      // Broken JSON-LD is common; the page's other metadata still counts.
    }
  }
  const typeOf = (o: Json) => [o['@type']].flat().map(String);
  return (
    found.find((o) => typeOf(o).some((t) => ARTICLE_TYPES.test(t)) && o.headline) ??
    found.find((o) => typeOf(o).some((t) => ARTICLE_TYPES.test(t)))
  );
}

/** Names from a schema.org author/publisher value: a string, a Person, an Organization, or a list of them. */
function namesOf(value: unknown): string[] {
  if (!value) return [];
  if (typeof value === 'string') return /^https?:\/\//.test(value) ? [] : splitNames(value);
  if (Array.isArray(value)) return value.flatMap(namesOf);
  if (typeof value === 'object') {
    const name = (value as Json).name;
    return typeof name === 'string' ? splitNames(name) : namesOf(name);
  }
  return [];
}

function imageOf(value: unknown): { url: string; caption: string | null; credit: string | null } | undefined {
  if (!value) return undefined;
  if (typeof value === 'string') return { url: value, caption: null, credit: null };
  if (Array.isArray(value)) return imageOf(value[0]);
  if (typeof value === 'object') {
    const obj = value as Json;
    const url = str(obj.url) ?? str(obj.contentUrl) ?? str(obj['@id']);
    if (!url) return undefined;
    const credit = str(obj.creditText) ?? namesOf(obj.copyrightHolder)[0] ?? namesOf(obj.author)[0] ?? null;
    return { url, caption: firstText(str(obj.caption), str(obj.description)), credit };
  }
  return undefined;
}

/** "By Jane Doe and John Roe" → ["Jane Doe", "John Roe"]. */
export function splitNames(raw: string): string[] {
  return raw
    .replace(/^\s*(by|von|par|por|di|від|автор:?)\s+/i, '')
    .replace(/\(\s*(avec|with|mit|con|com|з)\s+/gi, ', ')
    .replace(/[()]/g, ' ')
    .split(/\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|\bта\b|\|)\s*/i)
    .map((name) => name.replace(/\s+/g, ' ').trim())
    .filter((name) => name.length > 1 && name.length <= 80 && !/^https?:/.test(name));
}

function splitList(raw: string): string[] {
  return raw.split(/\s*[,;]\s*/).filter(Boolean);
}

function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return null;
}

function firstText(...values: Array<string | null | undefined>): string | null {
  for (const value of values) {
    const text = value ? decodeEntities(value).replace(/\s+/g, ' ').trim() : '';
    if (text) return text;
  }
  return null;
}

function firstDate(...values: Array<string | null | undefined>): string | null {
  for (const value of values) {
    if (!value) continue;
    const time = Date.parse(value.trim());
    if (!Number.isNaN(time) && time > Date.UTC(1900, 0, 1)) return new Date(time).toISOString();
  }
  return null;
}

function absolute(value: string | null | undefined, base: string | null): string | null {
  const raw = value?.trim();
  if (!raw) return null;
  try {
    const url = base ? new URL(raw, base) : new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Metadata values sometimes arrive double-escaped (`&amp;#8217;`); undo the common entities. */
function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => codePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => codePoint(Number.parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

function codePoint(n: number): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
}
