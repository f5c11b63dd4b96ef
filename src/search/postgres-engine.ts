import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import type { SearchDocument } from './documents.ts';
import { documentColumns, type EngineHit, filterConditions, type SearchEngine } from './engine.ts';
import { HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN } from './highlight.ts';
import { toTsQuery } from './query.ts';

/**
 * PostgreSQL's own text search configurations by language code; a language without one (Ukrainian,
 * for instance) uses 'simple': lower-cased words without stemming, still with prefix matching.
 */
const CONFIGS: Record<string, string> = {
  ar: 'arabic',
  hy: 'armenian',
  eu: 'basque',
  ca: 'catalan',
  da: 'danish',
  nl: 'dutch',
  en: 'english',
  fi: 'finnish',
  fr: 'french',
  de: 'german',
  el: 'greek',
  hi: 'hindi',
  hu: 'hungarian',
  id: 'indonesian',
  ga: 'irish',
  it: 'italian',
  lt: 'lithuanian',
  ne: 'nepali',
  no: 'norwegian',
  nb: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sr: 'serbian',
  es: 'spanish',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
  yi: 'yiddish',
};

export function textSearchConfig(language: string): string {
  return CONFIGS[language.split('-')[0] ?? language] ?? 'simple';
}

const TITLE_OPTIONS = `HighlightAll=true, StartSel=${HIGHLIGHT_OPEN}, StopSel=${HIGHLIGHT_CLOSE}`;
const SNIPPET_OPTIONS = `MaxWords=32, MinWords=16, MaxFragments=2, FragmentDelimiter=" … ", StartSel=${HIGHLIGHT_OPEN}, StopSel=${HIGHLIGHT_CLOSE}`;

/**
 * Search on PostgreSQL: a weighted tsvector (title A, dek and tags B, body C) under a GIN index, ranked
 * with ts_rank_cd; headlines (ts_headline) only for the page shown; typo candidates from pg_trgm.
 */
export function createPostgresSearchEngine(db: Db): SearchEngine {
  return {
    async search(request) {
      const tsquery = toTsQuery(request.query);
      if (!tsquery) return { total: 0, hits: [] };
      const config = textSearchConfig(request.language);
      const where = sql.join([sql`d.tsv @@ q`, ...filterConditions(request)], sql` AND `);
      const from = sql`search_documents d CROSS JOIN to_tsquery(${config}::regconfig, ${tsquery}) q`;
      const order =
        request.sort === 'newest'
          ? sql`d.published_at DESC, d.article_id DESC`
          : sql`score DESC, d.published_at DESC`;
      const [count, ranked] = await Promise.all([
        sql<{ total: number }>`SELECT count(*)::int AS total FROM ${from} WHERE ${where}`.execute(db),
        sql<{
          articleId: number;
          score: number;
        }>`SELECT d.article_id AS "articleId", ts_rank_cd(d.tsv, q, 1) AS score FROM ${from} WHERE ${where} ORDER BY ${order} LIMIT ${request.limit} OFFSET ${request.offset}`.execute(
          db,
        ),
      ]);
      const ids = ranked.rows.map((r) => r.articleId);
      if (ids.length === 0) return { total: count.rows[0]?.total ?? 0, hits: [] };
      const marked = await sql<{
        articleId: number;
        title: string;
        original: string;
        snippet: string;
      }>`SELECT d.article_id AS "articleId", d.title AS original, ts_headline(${config}::regconfig, translate(d.title, '<>', '  '), q, ${TITLE_OPTIONS}) AS title, ts_headline(${config}::regconfig, translate(d.body, '<>', '  '), q, ${SNIPPET_OPTIONS}) AS snippet FROM ${from} WHERE d.article_id IN (${sql.join(ids)})`.execute(
        db,
      );
      const byId = new Map(marked.rows.map((r) => [r.articleId, r]));
      const hits: EngineHit[] = ranked.rows.map((r) => ({
        articleId: r.articleId,
        score: Number(r.score),
        markedTitle: restoreBrackets(
          byId.get(r.articleId)?.title ?? '',
          byId.get(r.articleId)?.original ?? '',
        ),
        markedSnippet: byId.get(r.articleId)?.snippet ?? '',
      }));
      return { total: count.rows[0]?.total ?? 0, hits };
    },

    async similarWords(language, word) {
      const result = await sql<{
        word: string;
        df: number;
      }>`SELECT word, df FROM search_words WHERE language = ${language} AND word OPERATOR(public.%) ${word} ORDER BY public.similarity(word, ${word}) DESC, df DESC LIMIT 50`.execute(
        db,
      );
      return result.rows;
    },

    async wordsWithPrefix(language, prefix, limit) {
      // LIKE 'prefix%' is served by the trigram index; vocabulary words hold letters only.
      const rows = await db
        .selectFrom('search_words')
        .select('word')
        .where('language', '=', language)
        .where('word', 'like', `${prefix.replace(/[\\%_]/g, '\\$&')}%`)
        .orderBy('df', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => r.word);
    },

    async writeDocument(target: Db | Tx, doc: SearchDocument) {
      const config = textSearchConfig(doc.language);
      // PostgreSQL's parser drops anything between angle brackets as an XML tag; SQLite indexes the
      // words inside (tickers such as <XON> in wire copy), and so do we.
      const words = (value: string) => value.replace(/[<>]/g, ' ');
      const values = {
        ...documentColumns(doc),
        config,
        tsv: sql<string>`setweight(to_tsvector(${config}::regconfig, ${words(doc.title)}), 'A') || setweight(to_tsvector(${config}::regconfig, ${words(`${doc.dek} ${doc.tags}`)}), 'B') || setweight(to_tsvector(${config}::regconfig, ${words(doc.body)}), 'C')`,
      };
      await target
        .insertInto('search_documents')
        .values(values)
        .onConflict((oc) => oc.column('article_id').doUpdateSet(values))
        .execute();
    },
  };
}

/**
 * The title was highlighted with its angle brackets turned into spaces (see writeDocument); with
 * HighlightAll the headline is the whole title, character for character, so the markers can be put
 * back into the original. Anything unexpected leaves the title unmarked rather than altered.
 */
function restoreBrackets(marked: string, original: string): string {
  const chars = [...original];
  let out = '';
  let index = 0;
  for (const char of marked) {
    if (char === HIGHLIGHT_OPEN || char === HIGHLIGHT_CLOSE) out += char;
    else out += chars[index++] ?? '';
  }
  return index === chars.length ? out : original;
}
