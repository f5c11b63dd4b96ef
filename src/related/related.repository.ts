import { sql } from 'kysely';
import { tagsByArticle } from '../content/tag.repository.ts';
import type { Db, Tx } from '../db/database.ts';
import { blocksToPlainText, readStoredBody } from '../richtext/index.ts';
import { TAG_MARK } from './analysis.ts';
import type { CorpusStory } from './corpus.ts';
import type { Profile } from './ranker.ts';
import { decodeVector, encodeVector, type SparseVector } from './vector.ts';

/** Why a pick was made: a term both stories lean on, as a person would read it. */
export interface PickReason {
  kind: 'word' | 'name' | 'tag';
  label: string;
  weight: number;
}

export interface StoredPick {
  pickId: number;
  rank: number;
  score: number;
  similarity: number;
  reasons: PickReason[];
  computedAt: string;
}

/** Posting weights are stored as integers: vector weight × this. */
export const WEIGHT_SCALE = 100_000;
const SLICE = 500;

/** The published stories among `ids`, with their text, tags and translation group. */
export async function loadStories(
  db: Db,
  ids: readonly number[],
): Promise<Array<CorpusStory & { version: number; publishedAtText: string }>> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'language', 'translation_group_id', 'published_at', 'version', 'title', 'dek', 'body'])
    .where('id', 'in', [...ids])
    .where('status', '=', 'published')
    .execute();
  const tags = await tagsByArticle(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const publishedAtText = row.published_at ?? new Date(0).toISOString();
    return {
      id: row.id,
      language: row.language,
      groupId: row.translation_group_id,
      publishedAt: Date.parse(publishedAtText),
      publishedAtText,
      version: row.version,
      title: row.title,
      dek: row.dek ?? '',
      body: blocksToPlainText(readStoredBody(row.body)),
      tags: (tags.get(row.id) ?? []).map((t) => t.name),
    };
  });
}

export interface DocumentRow {
  articleId: number;
  profile: Profile;
}

const DOCUMENT_COLUMNS = ['article_id', 'language', 'group_id', 'published_at', 'vector'] as const;

function toDocument(row: {
  article_id: number;
  language: string;
  group_id: number | null;
  published_at: string;
  vector: string;
}): DocumentRow {
  return {
    articleId: row.article_id,
    profile: {
      id: row.article_id,
      language: row.language,
      groupId: row.group_id,
      publishedAt: Date.parse(row.published_at),
      vector: decodeVector(row.vector),
    },
  };
}

/** Stories as the ranker sees them (without their term lists: only the story being indexed needs those). */
export async function findDocuments(db: Db | Tx, ids: readonly number[]): Promise<Map<number, DocumentRow>> {
  const result = new Map<number, DocumentRow>();
  await inSlices(
    ids,
    (slice) =>
      db.selectFrom('related_documents').select(DOCUMENT_COLUMNS).where('article_id', 'in', slice).execute(),
    (row) => result.set(row.article_id, toDocument(row)),
  );
  return result;
}

/** One indexed story with every term id it holds, to give back their document frequencies. */
export async function findIndexedStory(
  db: Db | Tx,
  articleId: number,
): Promise<(DocumentRow & { terms: number[] }) | undefined> {
  const row = await db
    .selectFrom('related_documents')
    .select([...DOCUMENT_COLUMNS, 'terms'])
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return row && { ...toDocument(row), terms: row.terms ? row.terms.split(' ').map(Number) : [] };
}

/** The stories of a language, kept by writeDocument, deleteDocument and the rebuild. */
export async function countDocuments(db: Db | Tx, language: string): Promise<number> {
  const row = await db
    .selectFrom('related_counts')
    .select('documents')
    .where('language', '=', language)
    .executeTakeFirst();
  return Number(row?.documents ?? 0);
}

/** Adds `by` to a language's document count (in the transaction that adds or removes the documents). */
export async function addToDocumentCount(tx: Tx, language: string, by: number): Promise<void> {
  await tx
    .insertInto('related_counts')
    .values({ language, documents: by })
    .onConflict((oc) =>
      oc.column('language').doUpdateSet({ documents: sql<number>`related_counts.documents + ${by}` }),
    )
    .execute();
}

/** Adds one to each term's document frequency (inserting new terms); returns every term's id and df. */
export async function countTermsIn(
  tx: Tx,
  language: string,
  features: ReadonlyMap<string, { label: string }>,
): Promise<Map<string, { id: number; df: number }>> {
  const entries = [...features].sort(([a], [b]) => (a < b ? -1 : 1));
  const result = new Map<string, { id: number; df: number }>();
  for (let i = 0; i < entries.length; i += SLICE) {
    const rows = await tx
      .insertInto('related_terms')
      .values(entries.slice(i, i + SLICE).map(([term, f]) => ({ language, term, label: f.label, df: 1 })))
      .onConflict((oc) =>
        oc.columns(['language', 'term']).doUpdateSet({
          df: sql<number>`related_terms.df + 1`,
          // A term any story was tagged with is explained as that tag (analysis.ts, TAG_MARK).
          label: sql<string>`CASE WHEN substr(excluded.label, 1, 1) = ${TAG_MARK} AND substr(related_terms.label, 1, 1) <> ${TAG_MARK} THEN excluded.label ELSE related_terms.label END`,
        }),
      )
      .returning(['id', 'term', 'df'])
      .execute();
    for (const row of rows) result.set(row.term, { id: row.id, df: row.df });
  }
  return result;
}

/** Takes one from each term's document frequency (a story left, or is about to be counted again). */
export async function uncountTerms(tx: Tx, termIds: readonly number[]): Promise<void> {
  for (let i = 0; i < termIds.length; i += SLICE) {
    await tx
      .updateTable('related_terms')
      .set({ df: sql<number>`df - 1` })
      .where('id', 'in', termIds.slice(i, i + SLICE))
      .execute();
  }
}

/** Stores a story not stored yet (deleteDocument first to replace one), and counts it. */
export async function writeDocument(
  tx: Tx,
  doc: { articleId: number; language: string; groupId: number | null; publishedAt: string; version: number },
  vector: SparseVector,
  terms: readonly number[],
  indexed: readonly number[],
  at: string,
): Promise<void> {
  const values = {
    article_id: doc.articleId,
    language: doc.language,
    group_id: doc.groupId,
    published_at: doc.publishedAt,
    version: doc.version,
    vector: encodeVector(vector),
    terms: terms.join(' '),
    updated_at: at,
  };
  // A plain insert: the caller deleted any earlier row (deleteDocument), so the count stays exact.
  await tx.insertInto('related_documents').values(values).execute();
  await addToDocumentCount(tx, doc.language, 1);
  const weightOf = new Map(Array.from(vector.ids, (id, i) => [id, vector.weights[i]!]));
  if (indexed.length)
    await tx
      .insertInto('related_postings')
      .values(
        indexed.map((termId) => ({
          term_id: termId,
          article_id: doc.articleId,
          weight: Math.round((weightOf.get(termId) ?? 0) * WEIGHT_SCALE),
        })),
      )
      .execute();
}

/** Removes a story's document and postings (its vector says which terms it was posted under). */
export async function deleteDocument(tx: Tx, doc: DocumentRow): Promise<void> {
  if (doc.profile.vector.ids.length)
    await tx
      .deleteFrom('related_postings')
      .where('term_id', 'in', Array.from(doc.profile.vector.ids))
      .where('article_id', '=', doc.articleId)
      .execute();
  await tx.deleteFrom('related_documents').where('article_id', '=', doc.articleId).execute();
  await addToDocumentCount(tx, doc.profile.language, -1);
}

/** The strongest postings of one term: stories that lean on it most, up to `depth`. */
export async function strongestPostings(
  db: Db | Tx,
  termId: number,
  depth: number,
): Promise<Array<{ articleId: number; weight: number }>> {
  const rows = await db
    .selectFrom('related_postings')
    .select(['article_id', 'weight'])
    .where('term_id', '=', termId)
    .orderBy('weight', 'desc')
    .limit(depth)
    .execute();
  return rows.map((r) => ({ articleId: r.article_id, weight: r.weight / WEIGHT_SCALE }));
}

export async function findPicks(
  db: Db | Tx,
  articleIds: readonly number[],
): Promise<Map<number, StoredPick[]>> {
  const result = new Map<number, StoredPick[]>();
  const unique = [...new Set(articleIds)];
  for (let i = 0; i < unique.length; i += SLICE) {
    const rows = await db
      .selectFrom('related_picks')
      .selectAll()
      .where('article_id', 'in', unique.slice(i, i + SLICE))
      .orderBy('article_id')
      .orderBy('rank')
      .execute();
    for (const row of rows) {
      const list = result.get(row.article_id) ?? [];
      list.push({
        pickId: row.pick_id,
        rank: row.rank,
        score: Number(row.score),
        similarity: Number(row.similarity),
        reasons: JSON.parse(row.reasons) as PickReason[],
        computedAt: row.computed_at,
      });
      result.set(row.article_id, list);
    }
  }
  return result;
}

/** The picks of these lists, best first, without their reasons: enough to say what enters them. */
export async function findPickScores(
  db: Db | Tx,
  articleIds: readonly number[],
): Promise<Map<number, Array<{ pickId: number; score: number }>>> {
  const result = new Map<number, Array<{ pickId: number; score: number }>>();
  await inSlices(
    articleIds,
    (slice) =>
      db
        .selectFrom('related_picks')
        .select(['article_id', 'pick_id', 'score'])
        .where('article_id', 'in', slice)
        .orderBy('article_id')
        .orderBy('rank')
        .execute(),
    (row) => {
      const list = result.get(row.article_id) ?? [];
      list.push({ pickId: row.pick_id, score: Number(row.score) });
      result.set(row.article_id, list);
    },
  );
  return result;
}

/** The stories whose lists show any of these. */
export async function listsShowing(db: Db | Tx, pickIds: readonly number[]): Promise<number[]> {
  if (pickIds.length === 0) return [];
  const rows = await db
    .selectFrom('related_picks')
    .select('article_id')
    .distinct()
    .where('pick_id', 'in', [...pickIds])
    .execute();
  return rows.map((r) => r.article_id);
}

export async function replacePicks(
  tx: Tx,
  articleId: number,
  picks: ReadonlyArray<Omit<StoredPick, 'rank'>>,
): Promise<void> {
  await tx.deleteFrom('related_picks').where('article_id', '=', articleId).execute();
  if (picks.length)
    await tx
      .insertInto('related_picks')
      .values(
        picks.map((p, rank) => ({
          article_id: articleId,
          rank,
          pick_id: p.pickId,
          score: p.score,
          similarity: p.similarity,
          reasons: JSON.stringify(p.reasons),
          computed_at: p.computedAt,
        })),
      )
      .execute();
}

export async function termLabels(
  db: Db | Tx,
  ids: readonly number[],
): Promise<Map<number, { term: string; label: string }>> {
  const result = new Map<number, { term: string; label: string }>();
  await inSlices(
    ids,
    (slice) =>
      db.selectFrom('related_terms').select(['id', 'term', 'label']).where('id', 'in', slice).execute(),
    (row) => result.set(row.id, { term: row.term, label: row.label }),
  );
  return result;
}

/** Runs `query` over the distinct ids, SLICE at a time (so an `in` list stays short), handing each row to `add`. */
async function inSlices<Row>(
  ids: readonly number[],
  query: (slice: number[]) => Promise<Row[]>,
  add: (row: Row) => void,
): Promise<void> {
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += SLICE)
    for (const row of await query(unique.slice(i, i + SLICE))) add(row);
}
