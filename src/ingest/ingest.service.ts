import type { ArticleInput } from '../content/article.input.ts';
import { slugTaken } from '../content/article.repository.ts';
import type { ArticleService } from '../content/article.service.ts';
import type { TaxonomyService } from '../content/taxonomy.service.ts';
import type { Author } from '../content/types.ts';
import type { Db, Tx } from '../db/database.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { isSafeUrl } from '../richtext/index.ts';
import type { Clock } from '../shared/clock.ts';
import { isAppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { isSlug, slugify } from '../shared/slug.ts';
import { candidatesOf, type ImportCandidate, type SourceSummary } from './candidates.ts';
import type { DuplicateFinder, DuplicateMatch } from './duplicates/duplicate-finder.ts';
import { extractArticleFromHtml } from './extract/extract-html.ts';
import { primaryLanguage } from './extract/language.ts';
import type { SafeFetch } from './fetch/safe-fetch.ts';
import { type LoadedSource, loadContent, loadUrl } from './sources.ts';
import type { ExtractedArticle } from './types.ts';

/** What to import: an address, or the bytes of a file or pasted text. */
export type ImportSource = { url: string } | { content: Buffer | string; name?: string | null };

export interface ImportOptions {
  /** 'draft' (default) files everything as a draft; 'keep' keeps a WordPress export's own statuses. */
  status?: 'draft' | 'keep';
  sectionId?: number | null;
  /** For feed items that carry only a summary, fetch the linked page for the whole story (default true). */
  fetchFullText?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface PreviewItem {
  key: string;
  article: ExtractedArticle;
  /** The article this item already became, when it was imported before. */
  importedAs: number | null;
  duplicates: DuplicateMatch[];
  comments: number;
}

export interface ImportPreview {
  source: SourceSummary & { url: string | null; retrievedAt: string; contentHash: string };
  items: PreviewItem[];
}

export interface ImportReport {
  source: ImportPreview['source'];
  created: Array<{ articleId: number; title: string; status: string; duplicates: DuplicateMatch[] }>;
  skipped: Array<{ title: string; reason: string; articleId: number | null }>;
  failed: Array<{ title: string; reason: string }>;
  /** Comments found in a WordPress export, and how many of them were brought in. */
  comments: { found: number; imported: number };
}

export interface IngestDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  articles: ArticleService;
  taxonomy: TaxonomyService;
  fetch: SafeFetch;
  duplicates: DuplicateFinder;
  languages: readonly string[];
  defaultLanguage: string;
  /** Stores an imported story's comments (the comments service); returns how many it kept. */
  storeComments?: (articleId: number, comments: ImportCandidate['comments']) => Promise<number>;
}

export type IngestService = ReturnType<typeof createIngestService>;

/**
 * Bringing stories in: pages, scraped text, feeds and WordPress exports become drafts with their
 * provenance, each source item at most once, with same-story warnings. Every article is created in one
 * transaction together with the record that it was taken, so an import interrupted half-way can be run
 * again and takes only what is missing.
 */
export function createIngestService(deps: IngestDeps) {
  const { db, clock, logger, articles, taxonomy, fetch, duplicates } = deps;

  async function load(
    source: ImportSource,
    validators: { etag?: string | null; lastModified?: string | null } = {},
  ) {
    if ('url' in source) return loadUrl(fetch, source.url, { now: () => clock.now(), ...validators });
    return loadContent(source.content, { name: source.name ?? null, now: clock.now() });
  }

  async function importedAs(keys: string[]): Promise<Map<string, number | null>> {
    const found = new Map<string, number | null>();
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await db
        .selectFrom('ingest_items')
        .select(['item_key', 'article_id'])
        .where('item_key', 'in', keys.slice(i, i + 500))
        .execute();
      for (const row of rows) found.set(row.item_key, row.article_id);
    }
    return found;
  }

  /** A summary-only feed item: the linked page has the story, read it if it can be fetched. */
  async function withFullText(candidate: ImportCandidate): Promise<ImportCandidate> {
    if (!candidate.summaryOnly || !candidate.originalUrl) return candidate;
    try {
      const page = await loadUrl(fetch, candidate.originalUrl, { now: () => clock.now() });
      const article = page.kind === 'html' ? extractArticleFromHtml(page.text, { url: page.url }) : null;
      if (!article) return candidate;
      return {
        ...candidate,
        article: {
          ...article,
          title: candidate.article.title,
          publishedAt: article.publishedAt ?? candidate.article.publishedAt,
          authors: article.authors.length ? article.authors : candidate.article.authors,
          leadImage: article.leadImage ?? candidate.article.leadImage,
          source: { ...article.source, outlet: candidate.article.source.outlet ?? article.source.outlet },
        },
        contentHash: page.contentHash,
        retrievedAt: page.retrievedAt,
        summaryOnly: false,
      };
    } catch (error) {
      logger.info({ url: candidate.originalUrl, err: (error as Error).message }, 'kept the feed summary');
      return candidate;
    }
  }

  function describeSource(loaded: LoadedSource, summary: SourceSummary): ImportPreview['source'] {
    return { ...summary, url: loaded.url, retrievedAt: loaded.retrievedAt, contentHash: loaded.contentHash };
  }

  async function preview(source: ImportSource): Promise<ImportPreview> {
    return previewLoaded(await load(source));
  }

  async function previewLoaded(loaded: LoadedSource): Promise<ImportPreview> {
    const { summary, candidates } = candidatesOf(loaded);
    const taken = await importedAs(candidates.map((c) => c.key));
    const items: PreviewItem[] = [];
    for (const candidate of candidates) {
      const text = bodyText(candidate.article);
      items.push({
        key: candidate.key,
        article: candidate.article,
        importedAs: taken.get(candidate.key) ?? null,
        duplicates: await duplicates.findForText(candidate.article.title, text),
        comments: candidate.comments.length,
      });
    }
    return { source: describeSource(loaded, summary), items };
  }

  /** Makes drafts of the candidates not taken before. */
  async function importCandidates(
    loaded: LoadedSource,
    summary: SourceSummary,
    candidates: ImportCandidate[],
    options: ImportOptions & { feedId?: number | null },
  ): Promise<ImportReport> {
    const report: ImportReport = {
      source: describeSource(loaded, summary),
      created: [],
      skipped: [],
      failed: [],
      comments: { found: candidates.reduce((n, c) => n + c.comments.length, 0), imported: 0 },
    };
    const taken = await importedAs(candidates.map((c) => c.key));
    const authors = await authorIndex();
    for (const [index, original] of candidates.entries()) {
      options.onProgress?.(index, candidates.length);
      if (taken.has(original.key)) {
        report.skipped.push({
          title: original.article.title,
          reason: 'already imported',
          articleId: taken.get(original.key) ?? null,
        });
        continue;
      }
      try {
        const candidate = options.fetchFullText === false ? original : await withFullText(original);
        const input = await articleInputFor(candidate, options, authors);
        const found = await duplicates.findForText(candidate.article.title, bodyText(candidate.article));
        const [articleId] = await articles.createMany([input], {
          afterInsert: (tx, ids) => recordItem(tx, candidate, ids[0]!, options.feedId ?? null),
        });
        if (candidate.comments.length && deps.storeComments)
          report.comments.imported += await deps.storeComments(articleId!, candidate.comments);
        report.created.push({
          articleId: articleId!,
          title: input.title,
          status: input.status,
          duplicates: found,
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          // Another instance took this item a moment ago: it is imported, once.
          report.skipped.push({ title: original.article.title, reason: 'already imported', articleId: null });
        } else if (isAppError(error)) {
          report.failed.push({ title: original.article.title, reason: error.message });
        } else {
          throw error;
        }
      }
    }
    options.onProgress?.(candidates.length, candidates.length);
    return report;
  }

  async function recordItem(tx: Tx, candidate: ImportCandidate, articleId: number, feedId: number | null) {
    await tx
      .insertInto('ingest_items')
      .values({
        item_key: candidate.key,
        kind: candidate.kind,
        feed_id: feedId,
        article_id: articleId,
        source_url: candidate.originalUrl,
        content_hash: candidate.contentHash,
        extracted: JSON.stringify(candidate.article),
        created_at: clock.now().toISOString(),
      })
      .execute();
  }

  async function authorIndex() {
    const byName = new Map<string, Author>();
    for (const author of await taxonomy.listAuthors()) {
      byName.set(author.name.toLowerCase(), author);
      byName.set(author.slug, author);
    }
    return byName;
  }

  /**
   * The article a candidate becomes. Bylines are linked to the newsroom's own authors by name; a
   * WordPress export brings its authors along (they are this site's writers), while a page's authors
   * stay in the provenance as the original author.
   */
  async function articleInputFor(
    candidate: ImportCandidate,
    options: ImportOptions,
    authors: Map<string, Author>,
  ): Promise<ArticleInput & { title: string; status: 'draft' | 'published' | 'scheduled' }> {
    const a = candidate.article;
    const keepStatus = options.status === 'keep' && candidate.kind === 'wxr';
    const status = keepStatus ? candidate.status : 'draft';
    const authorIds: number[] = [];
    for (const name of a.authors.slice(0, 20)) {
      let author = authors.get(name.toLowerCase()) ?? authors.get(slugify(name, 60));
      if (!author && candidate.kind === 'wxr') {
        author = await taxonomy.createAuthor({ name: cut(name, 120)! });
        authors.set(name.toLowerCase(), author);
      }
      if (author) authorIds.push(author.id);
    }
    const language = siteLanguage(a.language);
    const slug =
      candidate.slug && isSlug(candidate.slug) && !(await slugTaken(db, language, candidate.slug))
        ? candidate.slug
        : null;
    const image = a.leadImage?.url && isSafeUrl(a.leadImage.url, { allowMailto: false }) ? a.leadImage : null;
    return {
      language,
      title: cut(a.title, 300)!,
      dek: cut(a.dek, 600),
      slug,
      body: a.body,
      status,
      sectionId: options.sectionId ?? (candidate.category ? await sectionFor(candidate.category) : null),
      authorIds: [...new Set(authorIds)],
      tags: [...new Set(a.tags.map((t) => cut(t, 60)!))].slice(0, keepStatus ? 30 : 10),
      leadImage: image
        ? {
            url: image.url!,
            alt: cut(image.alt, 500) ?? '',
            caption: cut(image.caption, 500),
            credit: cut(image.credit, 200),
          }
        : null,
      source: {
        outlet: cut(a.source.outlet, 200),
        outletUrl: candidate.outletUrl,
        originalUrl:
          candidate.originalUrl && isSafeUrl(candidate.originalUrl) ? cut(candidate.originalUrl, 2048) : null,
        originalTitle: cut(a.source.originalTitle ?? a.title, 500),
        originalAuthor: cut(a.source.originalAuthor, 200),
        originalLanguage: primaryLanguage(a.language),
        originalPublishedAt: a.publishedAt,
        retrievedAt: candidate.retrievedAt,
        contentHash: candidate.contentHash ? `sha256:${candidate.contentHash}` : null,
      },
      publishedAt: status === 'draft' ? null : a.publishedAt,
      scheduledAt: status === 'scheduled' ? a.publishedAt : null,
    };
  }

  /** A WordPress category becomes the section of the same address, made if it does not exist. */
  async function sectionFor(category: { slug: string; name: string }): Promise<number | null> {
    const slug = isSlug(category.slug) ? category.slug : slugify(category.name, 60);
    if (!slug || slug === 'uncategorized') return null;
    const existing = await taxonomy.findSectionBySlug(slug);
    if (existing) return existing.id;
    try {
      return (await taxonomy.createSection({ name: cut(category.name, 80)!, slug })).id;
    } catch (error) {
      if (isAppError(error)) return null; // a reserved address: the post stays without a section
      throw error;
    }
  }

  function siteLanguage(language: string | null): string {
    const primary = primaryLanguage(language);
    if (language && deps.languages.includes(language)) return language;
    if (primary && deps.languages.includes(primary)) return primary;
    return deps.defaultLanguage;
  }

  return {
    load,
    preview,
    /** Previews what was already fetched or uploaded (the Import page stages it between preview and save). */
    previewLoaded,

    /** Imports what was already fetched or uploaded: exactly what the editor previewed. */
    runLoaded(loaded: LoadedSource, options: ImportOptions = {}): Promise<ImportReport> {
      const { summary, candidates } = candidatesOf(loaded);
      return importCandidates(loaded, summary, candidates, options);
    },

    /** Imports everything in a source that was not imported before; returns what happened to each item. */
    async run(source: ImportSource, options: ImportOptions = {}): Promise<ImportReport> {
      const loaded = await load(source);
      const { summary, candidates } = candidatesOf(loaded);
      return importCandidates(loaded, summary, candidates, options);
    },

    /** For the feed poller: imports a loaded feed's items under a stable key for the followed feed. */
    async importLoadedFeed(
      loaded: LoadedSource,
      feed: { id: number; url: string; sectionId: number | null },
    ) {
      const { summary, candidates } = candidatesOf(loaded, { feedKey: feed.url });
      return importCandidates(loaded, summary, candidates, { feedId: feed.id, sectionId: feed.sectionId });
    },

    /** What an earlier import read from its source (for the editor: the lead image caption of a text import). */
    async extractedFor(articleId: number): Promise<ExtractedArticle | null> {
      const row = await db
        .selectFrom('ingest_items')
        .select('extracted')
        .where('article_id', '=', articleId)
        .executeTakeFirst();
      return row?.extracted ? (JSON.parse(row.extracted) as ExtractedArticle) : null;
    },
  };
}

function bodyText(article: ExtractedArticle): string {
  return article.body
    .map((b) =>
      b.type === 'list' ? b.items.map((i) => i.text).join('\n') : b.type === 'image' ? '' : b.text,
    )
    .filter(Boolean)
    .join('\n\n');
}

function cut(value: string | null | undefined, max: number): string | null {
  const text = value?.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
