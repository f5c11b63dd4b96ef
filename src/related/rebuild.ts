import type { Db, Tx } from '../db/database.ts';
import { describeTerm } from './analysis.ts';
import { computeAllPicks, createCorpusBuilder } from './corpus.ts';
import { loadStories, WEIGHT_SCALE } from './related.repository.ts';
import { encodeVector, indexedTerms, sharedTerms } from './vector.ts';

const READ_BATCH = 500;
const WRITE_BATCH = 1000;
/** Postings are three small integers: many rows per statement (SQLite allows 32,766 parameters). */
const POSTINGS_BATCH = 5000;

export type RebuildProgress = (phase: 'read' | 'choose' | 'write', done: number, total: number) => void;

/**
 * Recomputes the whole related index from the published stories, in memory (see corpus.ts), then
 * replaces every table in one transaction: readers see the old lists until the new ones are complete.
 * Rows go in in key order (terms by language and term, postings by term then story), so each index
 * grows at its end instead of being split all over.
 */
export async function rebuildAll(db: Db, at: string, onProgress?: RebuildProgress) {
  const ids = (
    await db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('id').execute()
  ).map((r) => r.id);
  const builder = createCorpusBuilder();
  const meta = new Map<number, { publishedAt: string; version: number }>();
  for (let start = 0; start < ids.length; start += READ_BATCH) {
    for (const story of await loadStories(db, ids.slice(start, start + READ_BATCH))) {
      builder.add(story);
      meta.set(story.id, { publishedAt: story.publishedAtText, version: story.version });
    }
    onProgress?.('read', Math.min(start + READ_BATCH, ids.length), ids.length);
  }
  const terms = builder.terms;

  return db.transaction().execute(async (tx) => {
    for (const table of ['related_picks', 'related_postings', 'related_documents', 'related_terms'] as const)
      await tx.deleteFrom(table).execute();
    const order = terms
      .map((_, i) => i)
      .sort(
        (a, b) =>
          compareText(terms[a]!.language, terms[b]!.language) || compareText(terms[a]!.key, terms[b]!.key),
      );
    for (let start = 0; start < order.length; start += WRITE_BATCH)
      await tx
        .insertInto('related_terms')
        .values(
          order.slice(start, start + WRITE_BATCH).map((i) => {
            const t = terms[i]!;
            return { language: t.language, term: t.key, label: t.label, df: t.df };
          }),
        )
        .execute();
    const stored = await tx.selectFrom('related_terms').select(['id', 'language', 'term']).execute();
    const idOf = new Map(stored.map((r) => [`${r.language}\u0000${r.term}`, r.id]));
    const termIds = Int32Array.from(terms, (t) => idOf.get(`${t.language}\u0000${t.key}`)!);
    idOf.clear();
    const termById = new Map(Array.from(termIds, (id, i) => [id, terms[i]!]));

    const { profiles, allTerms } = builder.finish(termIds);
    const picks = computeAllPicks(profiles, (done, total) => onProgress?.('choose', done, total));
    const byId = new Map(profiles.map((p) => [p.id, p]));

    let documents: Array<Record<string, unknown>> = [];
    let pickRows: Array<{
      article_id: number;
      rank: number;
      pick_id: number;
      score: number;
      similarity: number;
      reasons: string;
      computed_at: string;
    }> = [];
    let postingCount = 0;
    for (const profile of profiles)
      postingCount += Math.min(profile.vector.ids.length, indexedTerms(profile.vector).length);
    const postingTerm = new Int32Array(postingCount);
    const postingArticle = new Int32Array(postingCount);
    const postingWeight = new Int32Array(postingCount);
    let posting = 0;
    let pickCount = 0;
    for (const [index, profile] of profiles.entries()) {
      const { vector } = profile;
      documents.push({
        article_id: profile.id,
        language: profile.language,
        group_id: profile.groupId,
        published_at: meta.get(profile.id)!.publishedAt,
        version: meta.get(profile.id)!.version,
        vector: encodeVector(vector),
        terms: allTerms[index]!.join(' '),
        updated_at: at,
      });
      const weightOf = new Map(vector.ids.map((id, i) => [id, vector.weights[i]!]));
      for (const termId of indexedTerms(vector)) {
        postingTerm[posting] = termId;
        postingArticle[posting] = profile.id;
        postingWeight[posting++] = Math.round(weightOf.get(termId)! * WEIGHT_SCALE);
      }
      for (const [rank, pick] of (picks.get(profile.id) ?? []).entries()) {
        const reasons = sharedTerms(vector, byId.get(pick.id)!.vector).map((t) => {
          const term = termById.get(t.id)!;
          return { ...describeTerm(term.key, term.label), weight: Number(t.weight.toFixed(4)) };
        });
        pickRows.push({
          article_id: profile.id,
          rank,
          pick_id: pick.id,
          score: pick.score,
          similarity: pick.similarity,
          reasons: JSON.stringify(reasons),
          computed_at: at,
        });
        pickCount++;
      }
      if (documents.length >= WRITE_BATCH / 2) {
        await tx
          .insertInto('related_documents')
          .values(documents as never)
          .execute();
        documents = [];
      }
      if (pickRows.length >= WRITE_BATCH) {
        await tx.insertInto('related_picks').values(pickRows).execute();
        pickRows = [];
      }
      if (index % 1000 === 999 || index === profiles.length - 1)
        onProgress?.('write', index + 1, profiles.length);
    }
    if (documents.length)
      await tx
        .insertInto('related_documents')
        .values(documents as never)
        .execute();
    if (pickRows.length) await tx.insertInto('related_picks').values(pickRows).execute();
    await writePostings(tx, postingTerm, postingArticle, postingWeight);
    return { articles: profiles.length, picks: pickCount, articleIds: profiles.map((p) => p.id) };
  });
}

/**
 * The postings in primary-key order (term, story), many rows per statement. They were made story by
 * story, in about id order, so a stable counting sort by term puts them in (nearly) key order in
 * linear time.
 */
async function writePostings(tx: Tx, term: Int32Array, article: Int32Array, weight: Int32Array) {
  let maxTerm = 0;
  for (const t of term) maxTerm = Math.max(maxTerm, t);
  const next = new Int32Array(maxTerm + 2);
  for (const t of term) next[t + 1]!++;
  for (let t = 1; t < next.length; t++) next[t]! += next[t - 1]!;
  const order = new Uint32Array(term.length);
  for (let i = 0; i < term.length; i++) order[next[term[i]!]!++] = i;
  for (let start = 0; start < order.length; start += POSTINGS_BATCH) {
    const rows = Array.from(order.subarray(start, start + POSTINGS_BATCH), (i) => ({
      term_id: term[i]!,
      article_id: article[i]!,
      weight: weight[i]!,
    }));
    await tx.insertInto('related_postings').values(rows).execute();
  }
}

/** Byte order, as SQLite's BINARY collation and the unique index compare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
