import { sql } from 'kysely';
import { stemWord } from '../shared/stem.ts';
import type { Db, Tx } from '../db/database.ts';
import type { SearchDocument } from './documents.ts';
import { documentColumns, type EngineHit, filterConditions, type SearchEngine, trigrams } from './engine.ts';
import { HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN } from './highlight.ts';
import { type ParsedQuery, toFts5Match } from './query.ts';

/** SQLite's FTS5 has Porter stemming for English only; every other language gets plain unicode61. */
function ftsTable(language: string) {
  return sql.table(language === 'en' ? 'search_fts_porter' : 'search_fts_plain');
}

const porter = (word: string) => stemWord('en', word);

/** Matches ranked beyond the page, so stories tied in bm25 at its edge are ordered by date too. */
const TIE_ROOM = 50;
/** Above this many matches, a one-word query is ranked within the title matches (see titleTier). */
const TITLE_TIER_FROM = 2000;

/**
 * Search on SQLite: FTS5 with bm25, the title weighing most (columns: title 10, dek 4, body 1, tags 3).
 * Counting, ranking and snippets are three small queries so the expensive snippet is made only for
 * the page shown.
 */
export function createSqliteSearchEngine(db: Db): SearchEngine {
  /**
   * For a one-word (or one-phrase) query matching thousands of stories: rank only those with it in
   * the title when there are enough of them for the page. With the title weighing ten times the
   * body, a story with the word only in its body cannot outrank one with it in its title (unless
   * that title is about ten times longer than most), and bm25 for every match was most of the time
   * of a common word (bench:search). `+rowid` keeps FTS5 from running the title match per row.
   */
  async function titleTier(fts: ReturnType<typeof ftsTable>, query: ParsedQuery, depth: number) {
    const wanted = query.clauses.filter((c) => !c.exclude);
    if (wanted.length !== 1) return sql``;
    const titleMatch = `{title} : (${toFts5Match({ ...query, clauses: wanted })})`;
    const titled = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM ${fts} WHERE ${fts} MATCH ${titleMatch}`.execute(db);
    return Number(titled.rows[0]?.n ?? 0) >= depth
      ? sql` AND +rowid IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ${titleMatch})`
      : sql``;
  }

  return {
    async search(request) {
      const match = toFts5Match(request.query);
      if (!match) return { total: 0, hits: [] };
      const fts = ftsTable(request.language);
      const where = sql.join([sql`${fts} MATCH ${match}`, ...filterConditions(request)], sql` AND `);
      const from = sql`${fts} JOIN search_documents AS d ON d.article_id = ${fts}.rowid`;
      const bm25 = sql`bm25(${fts}, 10.0, 4.0, 1.0, 3.0)`;
      // The Porter table holds English only: with no other filter, nothing needs search_documents
      // but the tie-break of the page shown. A common word matches a third of a big site, and
      // joining each match cost far more than counting and ranking it (bench:search).
      const ftsOnly =
        request.language === 'en' &&
        !request.sectionIds &&
        request.authorId === undefined &&
        !request.from &&
        !request.to;
      const counted = await (
        ftsOnly
          ? sql<{ total: number }>`SELECT count(*) AS total FROM ${fts} WHERE ${fts} MATCH ${match}`
          : sql<{ total: number }>`SELECT count(*) AS total FROM ${from} WHERE ${where}`
      ).execute(db);
      const total = Number(counted.rows[0]?.total ?? 0);
      if (total <= request.offset) return { total, hits: [] };
      let ranking;
      if (request.sort === 'newest')
        ranking = sql<{
          articleId: number;
          score: number;
        }>`SELECT d.article_id AS articleId, ${bm25} AS score FROM ${from} WHERE ${where} ORDER BY d.published_at DESC, d.article_id DESC LIMIT ${request.limit} OFFSET ${request.offset}`;
      else if (ftsOnly) {
        // The best by bm25 alone, with room for ties at the edge of the page, then ordered as below.
        const depth = request.offset + request.limit + TIE_ROOM;
        const within = total > TITLE_TIER_FROM ? await titleTier(fts, request.query, depth) : sql``;
        ranking = sql<{
          articleId: number;
          score: number;
        }>`SELECT r.rowid AS articleId, r.score AS score FROM (SELECT rowid, ${bm25} AS score FROM ${fts} WHERE ${fts} MATCH ${match}${within} ORDER BY score LIMIT ${depth}) AS r JOIN search_documents AS d ON d.article_id = r.rowid ORDER BY r.score, d.published_at DESC LIMIT ${request.limit} OFFSET ${request.offset}`;
      } else
        ranking = sql<{
          articleId: number;
          score: number;
        }>`SELECT d.article_id AS articleId, ${bm25} AS score FROM ${from} WHERE ${where} ORDER BY score, d.published_at DESC LIMIT ${request.limit} OFFSET ${request.offset}`;
      const ranked = await ranking.execute(db);
      const ids = ranked.rows.map((r) => r.articleId);
      if (ids.length === 0) return { total, hits: [] };
      // `+rowid`: FTS5 would otherwise run the whole MATCH once per id (several times slower).
      const marked = await sql<{
        articleId: number;
        title: string;
        snippet: string;
      }>`SELECT ${fts}.rowid AS articleId, highlight(${fts}, 0, ${HIGHLIGHT_OPEN}, ${HIGHLIGHT_CLOSE}) AS title, snippet(${fts}, 2, ${HIGHLIGHT_OPEN}, ${HIGHLIGHT_CLOSE}, '…', 32) AS snippet FROM ${fts} WHERE ${fts} MATCH ${match} AND +${fts}.rowid IN (${sql.join(ids)})`.execute(
        db,
      );
      const byId = new Map(marked.rows.map((r) => [r.articleId, r]));
      const hits: EngineHit[] = ranked.rows.map((r) => ({
        articleId: r.articleId,
        // bm25 is lower-is-better; callers get higher-is-better like PostgreSQL's ranks.
        score: -r.score,
        markedTitle: byId.get(r.articleId)?.title ?? '',
        markedSnippet: byId.get(r.articleId)?.snippet ?? '',
      }));
      return { total, hits };
    },

    async similarWords(language, word) {
      const grams = trigrams(word);
      if (grams.length === 0) return [];
      const match = grams.map((g) => `"${g}"`).join(' OR ');
      const result = await sql<{
        word: string;
        df: number;
      }>`SELECT w.word AS word, w.df AS df FROM search_words_trigram JOIN search_words AS w ON w.id = search_words_trigram.rowid WHERE search_words_trigram MATCH ${match} AND w.language = ${language} ORDER BY search_words_trigram.rank LIMIT 200`.execute(
        db,
      );
      return result.rows;
    },

    async wordsWithPrefix(language, prefix, limit) {
      // The plain table indexes words as they are: the prefix itself finds every word it begins.
      if (language !== 'en') return [];
      // Text compares byte by byte (BINARY), so the words with this prefix lie between it and it + U+10FFFF.
      const rows = await db
        .selectFrom('search_words')
        .select('word')
        .where('language', '=', language)
        .where('word', '>=', prefix)
        .where('word', '<', `${prefix}\u{10FFFF}`)
        .orderBy('df', 'desc')
        .limit(limit * 10)
        .execute();
      // FTS5 stems the prefix as it stemmed the words: a word whose stem begins with the prefix's
      // stem is found already ("infla" finds inflation). Only the others ("pyongy" → "pyongi" misses
      // "pyongyang") are worth adding, and every one added costs the query a posting list.
      const stem = porter(prefix);
      return rows
        .map((r) => r.word)
        .filter((word) => !porter(word).startsWith(stem))
        .slice(0, limit);
    },

    async writeDocument(target: Db | Tx, doc: SearchDocument) {
      // The FTS5 tables follow search_documents through its triggers (migrations/0030_search.ts).
      const columns = documentColumns(doc);
      await target
        .insertInto('search_documents')
        .values(columns)
        .onConflict((oc) => oc.column('article_id').doUpdateSet(columns))
        .execute();
    },
  };
}
