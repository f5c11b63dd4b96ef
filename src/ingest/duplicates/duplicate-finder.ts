import type { Db } from '../../db/database.ts';
import { blocksToPlainText, readStoredBody } from '../../richtext/index.ts';
import {
  type Fingerprint,
  fingerprint,
  parseFingerprint,
  SAME_STORY_THRESHOLD,
  serialiseFingerprint,
  similarity,
  telltaleTerms,
} from './similarity.ts';

export interface DuplicateMatch {
  articleId: number;
  title: string;
  language: string;
  slug: string;
  status: string;
  sectionSlug: string | null;
  /** 0..1; at or above SAME_STORY_THRESHOLD. */
  score: number;
}

export type DuplicateFinder = ReturnType<typeof createDuplicateFinder>;

const BATCH = 200;
const CANDIDATES = 30;

/**
 * Finds stories already on the site that are the same story as a given text: on import (before a
 * draft is made) and on save (before a duplicate is published). Fingerprints are kept in their own
 * table and brought up to date lazily, before each search, from articles changed since they were taken.
 */
export function createDuplicateFinder({ db }: { db: Db }) {
  async function refreshIndex(): Promise<number> {
    let done = 0;
    for (;;) {
      const stale = await db
        .selectFrom('articles')
        .leftJoin('article_fingerprints', 'article_fingerprints.article_id', 'articles.id')
        .select([
          'articles.id',
          'articles.title',
          'articles.body',
          'articles.language',
          'articles.updated_at',
        ])
        .where((eb) =>
          eb.or([
            eb('article_fingerprints.article_id', 'is', null),
            eb('article_fingerprints.article_updated_at', '<', eb.ref('articles.updated_at')),
          ]),
        )
        .orderBy('articles.id')
        .limit(BATCH)
        .execute();
      if (stale.length === 0) return done;
      await db.transaction().execute(async (tx) => {
        const ids = stale.map((row) => row.id);
        await tx.deleteFrom('article_fingerprint_terms').where('article_id', 'in', ids).execute();
        await tx.deleteFrom('article_fingerprints').where('article_id', 'in', ids).execute();
        const prints = stale.map((row) => ({
          row,
          print: fingerprint(row.title, blocksToPlainText(readStoredBody(row.body))),
        }));
        await tx
          .insertInto('article_fingerprints')
          .values(
            prints.map(({ row, print }) => ({
              article_id: row.id,
              language: row.language,
              vector: serialiseFingerprint(print),
              article_updated_at: row.updated_at,
            })),
          )
          .execute();
        const terms = prints.flatMap(({ row, print }) =>
          telltaleTerms(print).map((term) => ({ term, article_id: row.id })),
        );
        for (let i = 0; i < terms.length; i += 500) {
          await tx
            .insertInto('article_fingerprint_terms')
            .values(terms.slice(i, i + 500))
            .execute();
        }
      });
      done += stale.length;
    }
  }

  async function search(print: Fingerprint, exceptId: number | null): Promise<DuplicateMatch[]> {
    await refreshIndex();
    const terms = telltaleTerms(print);
    if (terms.length === 0) return [];
    let query = db
      .selectFrom('article_fingerprint_terms')
      .select(['article_id', (eb) => eb.fn.countAll<number>().as('hits')])
      .where('term', 'in', terms)
      .groupBy('article_id')
      .having((eb) => eb.fn.countAll(), '>=', Math.min(3, terms.length))
      .orderBy('hits', 'desc')
      .orderBy('article_id', 'desc')
      .limit(CANDIDATES);
    if (exceptId !== null) query = query.where('article_id', '!=', exceptId);
    const candidates = await query.execute();
    if (candidates.length === 0) return [];
    const rows = await db
      .selectFrom('article_fingerprints')
      .innerJoin('articles', 'articles.id', 'article_fingerprints.article_id')
      .leftJoin('sections', 'sections.id', 'articles.section_id')
      .select([
        'articles.id',
        'articles.title',
        'articles.language',
        'articles.slug',
        'articles.status',
        'sections.slug as sectionSlug',
        'article_fingerprints.vector',
      ])
      .where(
        'articles.id',
        'in',
        candidates.map((c) => c.article_id),
      )
      .execute();
    return rows
      .map((row) => ({
        articleId: row.id,
        title: row.title,
        language: row.language,
        slug: row.slug,
        status: row.status,
        sectionSlug: row.sectionSlug ?? null,
        score: similarity(print, parseFingerprint(row.vector)).score,
      }))
      .filter((match) => match.score >= SAME_STORY_THRESHOLD)
      .sort((a, b) => b.score - a.score)
      .slice(0, 5);
  }

  return {
    refreshIndex,

    /** Stories on the site that tell the same story as this headline and text. */
    findForText(title: string, text: string, exceptArticleId: number | null = null) {
      return search(fingerprint(title, text), exceptArticleId);
    },

    /** Other stories that are the same story as this article (for the editor, before publishing). */
    async findForArticle(articleId: number): Promise<DuplicateMatch[]> {
      const row = await db
        .selectFrom('articles')
        .select(['title', 'body'])
        .where('id', '=', articleId)
        .executeTakeFirst();
      if (!row) return [];
      return search(fingerprint(row.title, blocksToPlainText(readStoredBody(row.body))), articleId);
    },
  };
}
