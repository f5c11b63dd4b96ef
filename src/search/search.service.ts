import type { Db, Dialect } from '../db/database.ts';
import type { EventBus } from '../shared/events.ts';
import type { Logger } from '../shared/logger.ts';
import { loadSearchDocuments, type SearchDocument } from './documents.ts';
import type { SearchEngine, SearchFilters, SearchSort } from './engine.ts';
import { type TextSegment, toSegments } from './highlight.ts';
import { createPostgresSearchEngine } from './postgres-engine.ts';
import { isSearchable, type ParsedQuery, parseQuery, rewriteQuery, withStems } from './query.ts';
import { createSqliteSearchEngine } from './sqlite-engine.ts';
import { addWords, editDistance, knownWords, removeWords, vocabularyOf } from './vocabulary.ts';

export interface SearchParams extends SearchFilters {
  text: string;
  sort?: SearchSort;
  /** Run a corrected query when nothing matched a misspelling (default true). */
  correct?: boolean;
  page?: number;
  pageSize?: number;
}

export interface SearchHit {
  articleId: number;
  score: number;
  title: TextSegment[];
  snippet: TextSegment[];
}

export interface SearchOutcome {
  /** The query whose results these are: what the reader typed, or its correction. */
  query: string;
  /** Set when nothing matched what the reader typed and a corrected query was run instead. */
  correctedFrom: string | null;
  /** False when the input held no word to look for (only punctuation, emoji or operators). */
  searchable: boolean;
  total: number;
  hits: SearchHit[];
}

export type SearchService = ReturnType<typeof createSearchService>;

const BATCH = 500;

/**
 * Search: the reader's query in, ranked and highlighted hits out, with a corrected query when nothing
 * matched a misspelling. Keeps the index in step with publishing by listening to article events, and
 * catches up at start-up with anything a crash between commit and listener left behind.
 */
export function createSearchService(deps: { db: Db; dialect: Dialect; events: EventBus; logger: Logger }) {
  const { db, events } = deps;
  const engine: SearchEngine =
    deps.dialect === 'postgres' ? createPostgresSearchEngine(db) : createSqliteSearchEngine(db);

  async function run(query: ParsedQuery, params: SearchParams) {
    const pageSize = params.pageSize ?? 10;
    return engine.search({
      ...params,
      // Stemmed on each run, so a corrected query is stemmed from its corrected words.
      query: withStems(query, params.language),
      sort: params.sort ?? 'relevance',
      limit: pageSize,
      offset: ((params.page ?? 1) - 1) * pageSize,
    });
  }

  /** Replacements for the words of a query the vocabulary does not know, by the nearest known word. */
  async function corrections(language: string, query: ParsedQuery): Promise<Map<string, string>> {
    const words = [...new Set(query.clauses.filter((c) => !c.exclude).flatMap((c) => c.words))];
    const known = await knownWords(db, language, words);
    const replace = new Map<string, string>();
    for (const word of words) {
      if (known.has(word) || word.length < 4 || !/^\p{L}+$/u.test(word)) continue;
      const max = word.length <= 5 ? 1 : 2;
      let best: { word: string; distance: number; df: number } | undefined;
      for (const candidate of await engine.similarWords(language, word)) {
        const distance = editDistance(word, candidate.word, max);
        if (distance > max) continue;
        if (!best || distance < best.distance || (distance === best.distance && candidate.df > best.df))
          best = { word: candidate.word, distance, df: candidate.df };
      }
      if (best) replace.set(word, best.word);
    }
    return replace;
  }

  async function writeDocuments(docs: SearchDocument[]) {
    if (docs.length === 0) return;
    await db.transaction().execute(async (tx) => {
      const previous = await tx
        .selectFrom('search_documents')
        .select(['article_id', 'language', 'title', 'dek', 'body', 'tags'])
        .where(
          'article_id',
          'in',
          docs.map((d) => d.articleId),
        )
        .execute();
      const before = new Map(previous.map((p) => [p.article_id, p]));
      for (const doc of docs) {
        const old = before.get(doc.articleId);
        const oldWords = old ? vocabularyOf(old) : new Set<string>();
        const newWords = vocabularyOf(doc);
        if (old && old.language !== doc.language) {
          await removeWords(tx, old.language, oldWords);
          oldWords.clear();
        }
        await engine.writeDocument(tx, doc);
        await removeWords(
          tx,
          doc.language,
          [...oldWords].filter((w) => !newWords.has(w)),
        );
        await addWords(
          tx,
          doc.language,
          [...newWords].filter((w) => !oldWords.has(w)),
        );
      }
    });
  }

  /** Brings the index in line with these articles: published ones (re)indexed, the others removed. */
  async function sync(ids: readonly number[]) {
    const docs = await loadSearchDocuments(db, ids);
    const live = new Set(docs.map((d) => d.articleId));
    await remove(ids.filter((id) => !live.has(id)));
    await writeDocuments(docs);
  }

  async function remove(ids: readonly number[]) {
    if (ids.length === 0) return;
    await db.transaction().execute(async (tx) => {
      const rows = await tx
        .selectFrom('search_documents')
        .select(['article_id', 'language', 'title', 'dek', 'body', 'tags'])
        .where('article_id', 'in', [...ids])
        .execute();
      for (const row of rows) {
        await tx.deleteFrom('search_documents').where('article_id', '=', row.article_id).execute();
        await removeWords(tx, row.language, vocabularyOf(row));
      }
    });
  }

  async function articlesOfAuthor(authorId: number) {
    const rows = await db
      .selectFrom('article_authors')
      .select('article_id')
      .where('author_id', '=', authorId)
      .execute();
    return rows.map((r) => r.article_id);
  }

  events.on('article.published', ({ articleId }) => sync([articleId]));
  events.on('article.updated', ({ articleId }) => sync([articleId]));
  events.on('article.unpublished', ({ articleId }) => remove([articleId]));
  events.on('article.deleted', ({ articleId }) => remove([articleId]));
  events.on('author.changed', async ({ authorId }) => sync(await articlesOfAuthor(authorId)));
  events.on('tag.changed', async ({ tagId }) => {
    const rows = await db
      .selectFrom('article_tags')
      .select('article_id')
      .where('tag_id', '=', tagId)
      .execute();
    await sync(rows.map((r) => r.article_id));
  });

  return {
    engine,

    /**
     * Searches published stories in one language. Bad input never fails here except an overlong
     * query (a BadRequestError with a sentence); a query with no words gives no results.
     */
    async search(params: SearchParams): Promise<SearchOutcome> {
      const parsed = parseQuery(params.text);
      if (!isSearchable(parsed))
        return { query: parsed.text, correctedFrom: null, searchable: false, total: 0, hits: [] };
      for (const clause of parsed.clauses) {
        if (clause.prefix)
          clause.expansions = (await engine.wordsWithPrefix(params.language, clause.words[0]!, 20)).filter(
            (w) => w !== clause.words[0],
          );
      }
      let query = parsed;
      let result = await run(parsed, params);
      let correctedFrom: string | null = null;
      if (result.total === 0 && params.correct !== false) {
        const replace = await corrections(params.language, parsed);
        if (replace.size > 0) {
          const corrected = rewriteQuery(parsed, replace);
          const retry = await run(corrected, params);
          if (retry.total > 0) {
            correctedFrom = parsed.text;
            query = corrected;
            result = retry;
          }
        }
      }
      return {
        query: query.text,
        correctedFrom,
        searchable: true,
        total: result.total,
        hits: result.hits.map((hit) => ({
          articleId: hit.articleId,
          score: hit.score,
          title: toSegments(hit.markedTitle),
          snippet: toSegments(hit.markedSnippet),
        })),
      };
    },

    sync,
    remove,

    /** Rebuilds the whole index from the published articles (the `newsdesk search reindex` command). */
    async reindexAll(onProgress?: (done: number, total: number) => void): Promise<number> {
      await db.deleteFrom('search_documents').execute();
      await db.deleteFrom('search_words').execute();
      const ids = (
        await db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('id').execute()
      ).map((r) => r.id);
      const vocabulary = new Map<string, Map<string, number>>();
      for (let start = 0; start < ids.length; start += BATCH) {
        const docs = await loadSearchDocuments(db, ids.slice(start, start + BATCH));
        await db.transaction().execute(async (tx) => {
          for (const doc of docs) await engine.writeDocument(tx, doc);
        });
        for (const doc of docs) {
          const counts = vocabulary.get(doc.language) ?? new Map<string, number>();
          for (const word of vocabularyOf(doc)) counts.set(word, (counts.get(word) ?? 0) + 1);
          vocabulary.set(doc.language, counts);
        }
        onProgress?.(Math.min(start + BATCH, ids.length), ids.length);
      }
      for (const [language, counts] of vocabulary) {
        const entries = [...counts].sort(([a], [b]) => (a < b ? -1 : 1));
        for (let start = 0; start < entries.length; start += BATCH) {
          await db
            .insertInto('search_words')
            .values(entries.slice(start, start + BATCH).map(([word, df]) => ({ language, word, df })))
            .execute();
        }
      }
      return ids.length;
    },

    /** Indexes what the index missed (a crash between a commit and its event) and drops what it should not hold. */
    async catchUp(): Promise<number> {
      const behind = await db
        .selectFrom('articles as a')
        .leftJoin('search_documents as d', 'd.article_id', 'a.id')
        .select('a.id')
        .where('a.status', '=', 'published')
        .where((eb) => eb.or([eb('d.article_id', 'is', null), eb('d.version', '!=', eb.ref('a.version'))]))
        .execute();
      const stale = await db
        .selectFrom('search_documents as d')
        .leftJoin('articles as a', 'a.id', 'd.article_id')
        .select('d.article_id')
        .where((eb) => eb.or([eb('a.id', 'is', null), eb('a.status', '!=', 'published')]))
        .execute();
      await remove(stale.map((r) => r.article_id));
      const ids = behind.map((r) => r.id);
      for (let start = 0; start < ids.length; start += BATCH) await sync(ids.slice(start, start + BATCH));
      if (ids.length + stale.length > 0)
        deps.logger.info({ indexed: ids.length, removed: stale.length }, 'Search index caught up.');
      return ids.length + stale.length;
    },
  };
}
