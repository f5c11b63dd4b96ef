import type { Db, Tx } from '../db/database.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventBus } from '../shared/events.ts';
import type { Logger } from '../shared/logger.ts';
import { analyseStory, describeTerm } from './analysis.ts';
import { CANDIDATES } from './choose.ts';
import {
  choosePicks,
  eligible,
  entryScore,
  MAX_PICKS,
  type Profile,
  type RankedPick,
  relatedScore,
} from './ranker.ts';
import {
  countDocuments,
  countTermsIn,
  deleteDocument,
  type DocumentRow,
  findDocuments,
  findIndexedStory,
  findPicks,
  findPickScores,
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
  async function candidatesFor(tx: Tx, profile: Profile): Promise<number[]> {
    const partial = new Map<number, number>();
    const strongest = new Set(indexedTerms(profile.vector));
    const terms = Array.from(profile.vector.ids, (id, i) => ({
      id,
      weight: profile.vector.weights[i]!,
    })).filter((t) => strongest.has(t.id));
    const lists = await Promise.all(terms.map((t) => strongestPostings(tx, t.id, DB_POSTINGS_DEPTH)));
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

  /**
   * Lists to store, with why each pick was made: the shared terms of every pair, their labels read
   * in one query, then each list replaced.
   */
  async function storeLists(
    tx: Tx,
    lists: Array<{ target: Profile; picks: RankedPick[]; profiles: ReadonlyMap<number, Profile> }>,
  ): Promise<void> {
    const shared = lists.map(({ target, picks, profiles }) =>
      picks.map((p) => sharedTerms(target.vector, profiles.get(p.id)!.vector)),
    );
    const labels = await termLabels(
      tx,
      shared.flat(2).map((t) => t.id),
    );
    const at = now();
    for (const [l, { target, picks }] of lists.entries()) {
      const stored = picks.map((p, i): Omit<StoredPick, 'rank'> => ({
        pickId: p.id,
        score: p.score,
        similarity: p.similarity,
        reasons: shared[l]![i]!.flatMap((t): PickReason[] => {
          const term = labels.get(t.id);
          return term
            ? [{ ...describeTerm(term.term, term.label), weight: Number(t.weight.toFixed(4)) }]
            : [];
        }),
        computedAt: at,
      }));
      await replacePicks(tx, target.id, stored);
    }
  }

  /** Chooses whole lists again from their candidates (after a story they showed changed or left). */
  async function recomputeLists(
    tx: Tx,
    ids: readonly number[],
    documents = documentsIn(tx),
  ): Promise<number[]> {
    const docs = await documents(ids);
    const lists = [];
    for (const doc of docs.values()) {
      const candidates = await documents(await candidatesFor(tx, doc.profile));
      const profiles = new Map([...candidates.values()].map((c) => [c.articleId, c.profile]));
      lists.push({ target: doc.profile, picks: choosePicks(doc.profile, profiles.values()), profiles });
    }
    await storeLists(tx, lists);
    return lists.map((l) => l.target.id);
  }

  /**
   * Reads stored documents for one transaction, each at most once: a refresh meets the same stories
   * as candidates, as picks of the lists it enters and as candidates of the lists it recomputes, and
   * reading and decoding them again was about a fifth of its time. Made after the story's own row
   * is written, so every row it keeps is the stored one (the same rows the reads it replaces saw).
   */
  function documentsIn(tx: Tx) {
    const read = new Map<number, DocumentRow>();
    return async (ids: readonly number[]): Promise<Map<number, DocumentRow>> => {
      for (const [id, doc] of await findDocuments(
        tx,
        ids.filter((id) => !read.has(id)),
      ))
        read.set(id, doc);
      const result = new Map<number, DocumentRow>();
      for (const id of ids) {
        const doc = read.get(id);
        if (doc) result.set(id, doc);
      }
      return result;
    };
  }

  /** Indexes one published story: its terms counted, its vector and postings written. */
  async function indexStory(
    tx: Tx,
    story: Awaited<ReturnType<typeof loadStories>>[number],
    old: (DocumentRow & { terms: number[] }) | undefined,
  ): Promise<DocumentRow> {
    const features = analyseStory(story);
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
        articleId: story.id,
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
      articleId: story.id,
      profile: {
        id: story.id,
        language: story.language,
        groupId: story.groupId,
        publishedAt: story.publishedAt,
        vector,
      },
    };
  }

  /**
   * Brings one story in, in one transaction (one commit, one fsync): indexes it, chooses its picks,
   * and offers it to the lists of the candidates it beats (their weakest pick scored lower): only
   * those lists change, by merging it into their current picks. An edited story that scores no
   * lower in a list showing it is merged in place; a list where it got weaker is chosen again whole,
   * since another story may now beat it. Returns the ids of every list that changed.
   */
  async function refresh(articleId: number): Promise<number[]> {
    const [story] = await loadStories(db, [articleId]);
    if (!story) return remove(articleId);
    return db.transaction().execute(async (tx) => {
      const before = await findIndexedStory(tx, articleId);
      const doc = await indexStory(tx, story, before);
      const documents = documentsIn(tx);
      const target = doc.profile;
      const candidateIds = await candidatesFor(tx, target);
      const candidates = await documents(candidateIds);
      const profiles = new Map([...candidates.values()].map((c) => [c.articleId, c.profile]));
      const lists = [{ target, picks: choosePicks(target, profiles.values()), profiles }];
      const changed = new Set([articleId]);

      // Older lists this story now belongs in, or that show it already (an edit).
      const showing = before ? await listsShowing(tx, [articleId]) : [];
      const current = await findPickScores(tx, [...new Set([...candidateIds, ...showing])]);
      const affected = [...candidates.values()].filter((c) => {
        const picks = current.get(c.articleId) ?? [];
        if (!eligible(c.profile, target) || picks.some((p) => p.pickId === articleId)) return false;
        return relatedScore(c.profile, target) > entryScore(picks);
      });
      const mergeInto: DocumentRow[] = [...affected];
      const wholly: number[] = [];
      if (showing.length) {
        const lists = await documents(showing);
        for (const list of lists.values()) {
          // Every story outside the list scored below its weakest pick when it was chosen: while the
          // edited story still beats the weakest of the others, none of them can take its place.
          const others = (current.get(list.articleId) ?? []).filter((p) => p.pickId !== articleId);
          const bar = others.length + 1 < MAX_PICKS ? 0 : Math.min(...others.map((p) => p.score));
          if (eligible(list.profile, target) && relatedScore(list.profile, target) >= bar)
            mergeInto.push(list);
          else wholly.push(list.articleId);
        }
      }
      const pickDocs = await documents(
        mergeInto.flatMap((c) => (current.get(c.articleId) ?? []).map((p) => p.pickId)),
      );
      for (const list of mergeInto) {
        const pool = new Map<number, Profile>([[articleId, target]]);
        for (const p of current.get(list.articleId) ?? []) {
          const profile = p.pickId === articleId ? undefined : pickDocs.get(p.pickId)?.profile;
          if (profile) pool.set(p.pickId, profile);
        }
        const merged = choosePicks(list.profile, pool.values());
        const shown = current.get(list.articleId)?.some((p) => p.pickId === articleId);
        if (!shown && !merged.some((p) => p.id === articleId)) continue;
        const before = current.get(list.articleId) ?? [];
        // Shown before, but the merge leaves a place empty: choose that list again whole.
        if (shown && merged.length < before.length) {
          wholly.push(list.articleId);
          continue;
        }
        // The same stories in the same order: nothing a reader sees changed, nothing to write or purge.
        if (merged.length === before.length && merged.every((p, i) => p.id === before[i]!.pickId)) continue;
        lists.push({ target: list.profile, picks: merged, profiles: pool });
        changed.add(list.articleId);
      }
      await storeLists(tx, lists);
      for (const id of await recomputeLists(tx, wholly, documents)) changed.add(id);
      return [...changed];
    });
  }

  /** Takes a story out (unpublished or deleted): its rows go, and the lists that showed it are recomputed. */
  async function remove(articleId: number): Promise<number[]> {
    return db.transaction().execute(async (tx) => {
      const doc = await findIndexedStory(tx, articleId);
      if (doc) {
        await uncountTerms(tx, doc.terms);
        await deleteDocument(tx, doc);
      }
      await replacePicks(tx, articleId, []);
      return recomputeLists(tx, await listsShowing(tx, [articleId]));
    });
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
