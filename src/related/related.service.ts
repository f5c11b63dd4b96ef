import type { Db } from '../db/database.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventBus } from '../shared/events.ts';
import type { Logger } from '../shared/logger.ts';
import { analyseStory, featureKind } from './analysis.ts';
import { CANDIDATES } from './corpus.ts';
import { choosePicks, eligible, entryScore, type Profile, type RankedPick, relatedScore } from './ranker.ts';
import {
  countDocuments,
  countTermsIn,
  deleteDocument,
  type DocumentRow,
  findDocuments,
  findPicks,
  listsShowing,
  loadStories,
  type PickReason,
  replacePicks,
  type StoredPick,
  strongestPostings,
  termLabels,
  uncountTerms,
  writeDocument,
} from './related.repository.ts';
import { rebuildAll, type RebuildProgress } from './rebuild.ts';
import { indexedTerms, sharedTerms, weighFeatures } from './vector.ts';

export type RelatedService = ReturnType<typeof createRelatedService>;

export const REFRESH_JOB = 'related.refresh';
export const REBUILD_JOB = 'related.rebuild';
const CATCH_UP_BY_REBUILD = 500;
/** Postings read per term when one story looks for candidates (the database's strongest first). */
const DB_POSTINGS_DEPTH = 200;

/**
 * "You may also like": each published story's related stories, chosen by content (see ranker.ts),
 * stored with the shared terms that explain them. Publishing or updating a story queues a job (so
 * publishing stays fast) that computes its list and puts it into the lists of older stories it now
 * beats; unpublishing recomputes the lists that showed it. Every changed list is announced with
 * `related.changed`, which purges the pages that show it.
 */
export function createRelatedService(deps: {
  db: Db;
  events: EventBus;
  jobs: JobRunner;
  clock: Clock;
  logger: Logger;
}) {
  const { db, events, jobs, clock } = deps;
  const now = () => clock.now().toISOString();

  /** Stories that share strong terms with this vector, with their partial dot products, best first. */
  async function candidatesFor(profile: Profile): Promise<number[]> {
    const partial = new Map<number, number>();
    const strongest = new Set(indexedTerms(profile.vector));
    const terms = profile.vector.ids
      .map((id, i) => ({ id, weight: profile.vector.weights[i]! }))
      .filter((t) => strongest.has(t.id));
    const lists = await Promise.all(terms.map((t) => strongestPostings(db, t.id, DB_POSTINGS_DEPTH)));
    lists.forEach((list, i) => {
      for (const posting of list)
        partial.set(
          posting.articleId,
          (partial.get(posting.articleId) ?? 0) + terms[i]!.weight * posting.weight,
        );
    });
    partial.delete(profile.id);
    return [...partial]
      .sort((a, b) => b[1] - a[1])
      .slice(0, CANDIDATES)
      .map(([id]) => id);
  }

  async function reasonsFor(pairs: Array<{ target: Profile; pick: Profile }>): Promise<PickReason[][]> {
    const shared = pairs.map(({ target, pick }) => sharedTerms(target.vector, pick.vector));
    const labels = await termLabels(
      db,
      shared.flatMap((list) => list.map((t) => t.id)),
    );
    return shared.map((list) =>
      list.flatMap((t) => {
        const term = labels.get(t.id);
        return term
          ? [{ kind: featureKind(term.term), label: term.label, weight: Number(t.weight.toFixed(4)) }]
          : [];
      }),
    );
  }

  async function toStored(target: Profile, picks: RankedPick[], profiles: Map<number, Profile>) {
    const reasons = await reasonsFor(picks.map((p) => ({ target, pick: profiles.get(p.id)! })));
    const at = now();
    return picks.map((p, i): Omit<StoredPick, 'rank'> => ({
      pickId: p.id,
      score: p.score,
      similarity: p.similarity,
      reasons: reasons[i]!,
      computedAt: at,
    }));
  }

  /** Recomputes whole lists from their candidates (after a story they showed changed or left). */
  async function recomputeLists(ids: readonly number[]): Promise<number[]> {
    const docs = await findDocuments(db, ids);
    const changed: number[] = [];
    for (const doc of docs.values()) {
      const candidateIds = await candidatesFor(doc.profile);
      const candidates = await findDocuments(db, candidateIds);
      const profiles = new Map([...candidates.values()].map((c) => [c.articleId, c.profile]));
      const picks = choosePicks(doc.profile, profiles.values());
      const stored = await toStored(doc.profile, picks, profiles);
      await db.transaction().execute((tx) => replacePicks(tx, doc.articleId, stored));
      changed.push(doc.articleId);
    }
    return changed;
  }

  /** Indexes one published story: its terms counted, its vector and postings written. */
  async function indexStory(articleId: number): Promise<DocumentRow | undefined> {
    const [story] = await loadStories(db, [articleId]);
    if (!story) return undefined;
    const features = analyseStory(story);
    return db.transaction().execute(async (tx) => {
      const old = (await findDocuments(tx, [articleId])).get(articleId);
      if (old) {
        await uncountTerms(tx, old.terms);
        await deleteDocument(tx, old);
      }
      const counted = await countTermsIn(tx, story.language, features);
      const docs = (await countDocuments(tx, story.language)) + 1;
      const ids = new Map([...counted].map(([term, t]) => [term, t.id]));
      const df = new Map([...counted.values()].map((t) => [t.id, t.df]));
      const vector = weighFeatures(features, ids, (id) => df.get(id) ?? 1, docs);
      const terms = [...ids.values()];
      await writeDocument(
        tx,
        {
          articleId,
          language: story.language,
          groupId: story.groupId,
          publishedAt: story.publishedAtText,
          version: story.version,
        },
        vector,
        terms,
        indexedTerms(vector),
        now(),
      );
      return {
        articleId,
        terms,
        profile: {
          id: articleId,
          language: story.language,
          groupId: story.groupId,
          publishedAt: story.publishedAt,
          vector,
        },
      };
    });
  }

  /**
   * Brings one story in: indexes it, chooses its picks, and offers it to the lists of the candidates
   * it beats (their weakest pick scored lower): only those lists are recomputed, by merging it into
   * their current picks. Returns the ids of every list that changed.
   */
  async function refresh(articleId: number): Promise<number[]> {
    const before = (await findDocuments(db, [articleId])).get(articleId);
    const doc = await indexStory(articleId);
    if (!doc) return remove(articleId);
    const target = doc.profile;
    const candidateIds = await candidatesFor(target);
    const candidates = await findDocuments(db, candidateIds);
    const profiles = new Map([...candidates.values()].map((c) => [c.articleId, c.profile]));
    const picks = choosePicks(target, profiles.values());
    const stored = await toStored(target, picks, profiles);
    await db.transaction().execute((tx) => replacePicks(tx, articleId, stored));
    const changed = new Set([articleId]);

    // Older lists this story now belongs in.
    const current = await findPicks(db, candidateIds);
    const affected = [...candidates.values()].filter((c) => {
      if (!eligible(c.profile, target)) return false;
      const score = relatedScore(c.profile, target);
      return (
        score > entryScore(current.get(c.articleId) ?? []) &&
        !current.get(c.articleId)?.some((p) => p.pickId === articleId)
      );
    });
    const pickDocs = await findDocuments(
      db,
      affected.flatMap((c) => (current.get(c.articleId) ?? []).map((p) => p.pickId)),
    );
    for (const list of affected) {
      const pool = new Map<number, Profile>([[articleId, target]]);
      for (const p of current.get(list.articleId) ?? []) {
        const profile = pickDocs.get(p.pickId)?.profile;
        if (profile) pool.set(p.pickId, profile);
      }
      const merged = choosePicks(list.profile, pool.values());
      if (!merged.some((p) => p.id === articleId)) continue;
      const mergedStored = await toStored(list.profile, merged, pool);
      await db.transaction().execute((tx) => replacePicks(tx, list.articleId, mergedStored));
      changed.add(list.articleId);
    }
    // An edited story may no longer belong where it was shown: those lists are recomputed whole.
    if (before) {
      const showing = (await listsShowing(db, [articleId])).filter((id) => !changed.has(id));
      for (const id of await recomputeLists(showing)) changed.add(id);
    }
    return [...changed];
  }

  /** Takes a story out (unpublished or deleted): its rows go, and the lists that showed it are recomputed. */
  async function remove(articleId: number): Promise<number[]> {
    const doc = (await findDocuments(db, [articleId])).get(articleId);
    await db.transaction().execute(async (tx) => {
      if (doc) {
        await uncountTerms(tx, doc.terms);
        await deleteDocument(tx, doc);
      }
      await replacePicks(tx, articleId, []);
    });
    const showing = await listsShowing(db, [articleId]);
    return recomputeLists(showing);
  }

  async function announce(ids: number[]) {
    if (ids.length) await events.emit('related.changed', { articleIds: ids });
  }

  jobs.handle(REFRESH_JOB, async (payload, job) => {
    const { articleId } = payload as { articleId: number };
    const status = await db
      .selectFrom('articles')
      .select(['status', 'version'])
      .where('id', '=', articleId)
      .executeTakeFirst();
    // A rebuild since this job was queued already saw this version of the story (the demo loader).
    const doc = await db
      .selectFrom('related_documents')
      .select(['version', 'updated_at'])
      .where('article_id', '=', articleId)
      .executeTakeFirst();
    if (status?.status === 'published' && doc?.version === status.version && doc.updated_at >= job.created_at)
      return;
    await announce(status?.status === 'published' ? await refresh(articleId) : await remove(articleId));
  });
  jobs.handle(REBUILD_JOB, async () => {
    const result = await rebuildAll(db, now());
    await announce(result.articleIds);
    deps.logger.info({ articles: result.articles, picks: result.picks }, 'Related stories rebuilt.');
  });
  const queue = async ({ articleId }: { articleId: number }) => {
    await jobs.enqueue(REFRESH_JOB, { articleId }, { uniqueKey: `${REFRESH_JOB}:${articleId}` });
  };
  events.on('article.published', queue);
  events.on('article.updated', queue);
  events.on('article.unpublished', queue);
  events.on('article.deleted', queue);
  events.on('tag.changed', async ({ tagId }) => {
    const rows = await db
      .selectFrom('article_tags')
      .select('article_id')
      .where('tag_id', '=', tagId)
      .execute();
    for (const row of rows) await queue({ articleId: row.article_id });
  });

  return {
    refresh: async (articleId: number) => {
      const ids = await refresh(articleId);
      await announce(ids);
      return ids;
    },

    /** The stored picks of one story, best first, with why (the admin's explanation page). */
    async picksOf(articleId: number): Promise<StoredPick[]> {
      return (await findPicks(db, [articleId])).get(articleId) ?? [];
    },

    /** Recomputes everything from the published stories (`newsdesk related rebuild`). */
    async rebuild(onProgress?: RebuildProgress) {
      const result = await rebuildAll(db, now(), onProgress);
      await events.emit('related.changed', { articleIds: result.articleIds });
      return result;
    },

    /** Queues the stories the related index is missing or behind on (a crash between commit and job). */
    async catchUp(): Promise<number> {
      const behind = await db
        .selectFrom('articles as a')
        .leftJoin('related_documents as d', 'd.article_id', 'a.id')
        .select('a.id')
        .where('a.status', '=', 'published')
        .where((eb) => eb.or([eb('d.article_id', 'is', null), eb('d.version', '!=', eb.ref('a.version'))]))
        .execute();
      // Far behind (a first start after an upgrade, a restored backup): one rebuild beats many refreshes.
      if (behind.length > CATCH_UP_BY_REBUILD)
        await jobs.enqueue(REBUILD_JOB, {}, { uniqueKey: REBUILD_JOB });
      else for (const row of behind) await queue({ articleId: row.id });
      return behind.length;
    },
  };
}
