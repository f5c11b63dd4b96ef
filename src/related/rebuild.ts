import type { Db } from '../db/database.ts';
import { featureKind } from './analysis.ts';
import { computeAllPicks, createCorpusBuilder } from './corpus.ts';
import { loadStories, WEIGHT_SCALE } from './related.repository.ts';
import { encodeVector, indexedTerms, sharedTerms } from './vector.ts';

const READ_BATCH = 500;
const WRITE_BATCH = 1000;

export type RebuildProgress = (phase: 'read' | 'choose' | 'write', done: number, total: number) => void;

/**
 * Recomputes the whole related index from the published stories, in memory (see corpus.ts), then
 * replaces every table in one transaction: readers see the old lists until the new ones are complete.
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
    for (let start = 0; start < terms.length; start += WRITE_BATCH)
      await tx
        .insertInto('related_terms')
        .values(
          terms
            .slice(start, start + WRITE_BATCH)
            .map((t) => ({ language: t.language, term: t.key, label: t.label, df: t.df })),
        )
        .execute();
    const stored = await tx.selectFrom('related_terms').select(['id', 'language', 'term']).execute();
    const idOf = new Map(stored.map((r) => [`${r.language}\u0000${r.term}`, r.id]));
    const termIds = terms.map((t) => idOf.get(`${t.language}\u0000${t.key}`)!);
    const termById = new Map(termIds.map((id, i) => [id, terms[i]!]));

    const { profiles, allTerms } = builder.finish(termIds);
    const picks = computeAllPicks(profiles, (done, total) => onProgress?.('choose', done, total));
    const byId = new Map(profiles.map((p) => [p.id, p]));

    let documents: Array<Record<string, unknown>> = [];
    let postings: Array<{ term_id: number; article_id: number; weight: number }> = [];
    let pickRows: Array<{
      article_id: number;
      rank: number;
      pick_id: number;
      score: number;
      similarity: number;
      reasons: string;
      computed_at: string;
    }> = [];
    const flush = async (force = false) => {
      if (documents.length && (force || documents.length >= WRITE_BATCH / 2)) {
        await tx
          .insertInto('related_documents')
          .values(documents as never)
          .execute();
        documents = [];
      }
      while (postings.length && (force || postings.length >= WRITE_BATCH)) {
        await tx.insertInto('related_postings').values(postings.slice(0, WRITE_BATCH)).execute();
        postings = postings.slice(WRITE_BATCH);
      }
      while (pickRows.length && (force || pickRows.length >= WRITE_BATCH)) {
        await tx.insertInto('related_picks').values(pickRows.slice(0, WRITE_BATCH)).execute();
        pickRows = pickRows.slice(WRITE_BATCH);
      }
    };
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
      for (const termId of indexedTerms(vector))
        postings.push({
          term_id: termId,
          article_id: profile.id,
          weight: Math.round(weightOf.get(termId)! * WEIGHT_SCALE),
        });
      for (const [rank, pick] of (picks.get(profile.id) ?? []).entries()) {
        const reasons = sharedTerms(vector, byId.get(pick.id)!.vector).map((t) => {
          const term = termById.get(t.id)!;
          return { kind: featureKind(term.key), label: term.label, weight: Number(t.weight.toFixed(4)) };
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
      await flush();
      if (index % 1000 === 999 || index === profiles.length - 1)
        onProgress?.('write', index + 1, profiles.length);
    }
    await flush(true);
    return { articles: profiles.length, picks: pickCount, articleIds: profiles.map((p) => p.id) };
  });
}
