import { analyseStory, type Feature, type StoryText } from './analysis.ts';
import { choosePicks, type Profile, type RankedPick } from './ranker.ts';
import { indexedTerms, type SparseVector, weighFeatures } from './vector.ts';

export interface CorpusStory extends StoryText {
  id: number;
  groupId: number | null;
  publishedAt: number;
}

export interface CorpusTerm {
  language: string;
  key: string;
  label: string;
  df: number;
}

/** How deep each term's postings (strongest first) are read when looking for candidates. */
export const POSTINGS_DEPTH = 400;
/** How many candidates, by their partial dot product over indexed terms, are scored exactly. */
export const CANDIDATES = 120;

/**
 * A whole corpus in memory: its vocabulary with document frequencies and each story's vector. The
 * full rebuild and the quality evaluation use it; publishing one story uses the same pieces over the
 * database (related.service.ts). Stories are added one by one (only their features are kept, not
 * their text), then `finish` weighs them, with the term ids the caller stores (or positions).
 */
export function createCorpusBuilder() {
  const termIndex = new Map<string, number>();
  const terms: CorpusTerm[] = [];
  const stories: Array<{ meta: Omit<Profile, 'vector'>; features: Map<string, number> }> = [];
  const docsByLanguage = new Map<string, number>();
  return {
    terms,
    add(story: CorpusStory) {
      const analysed = analyseStory(story);
      const features = new Map<string, number>();
      docsByLanguage.set(story.language, (docsByLanguage.get(story.language) ?? 0) + 1);
      for (const [key, feature] of analysed) {
        const scoped = `${story.language}\u0000${key}`;
        let index = termIndex.get(scoped);
        if (index === undefined) {
          index = terms.length;
          termIndex.set(scoped, index);
          terms.push({ language: story.language, key, label: feature.label, df: 0 });
        }
        terms[index]!.df++;
        features.set(String(index), feature.count);
      }
      stories.push({
        meta: {
          id: story.id,
          language: story.language,
          groupId: story.groupId,
          publishedAt: story.publishedAt,
        },
        features,
      });
    },
    /** Weighs every story; `ids[i]` is the id of `terms[i]`. Returns profiles and each story's term ids. */
    finish(ids: readonly number[] = terms.map((_, i) => i)): { profiles: Profile[]; allTerms: number[][] } {
      const profiles: Profile[] = [];
      const allTerms: number[][] = [];
      for (const { meta, features } of stories) {
        const local = new Map<string, number>();
        const counts = new Map<string, Feature>();
        for (const [index, count] of features) {
          local.set(index, ids[Number(index)]!);
          counts.set(index, { count, label: '' });
        }
        const df = new Map(
          [...features.keys()].map((index) => [ids[Number(index)]!, terms[Number(index)]!.df]),
        );
        const vector = weighFeatures(
          counts,
          local,
          (id) => df.get(id) ?? 1,
          docsByLanguage.get(meta.language)!,
        );
        profiles.push({ ...meta, vector });
        allTerms.push([...local.values()]);
      }
      return { profiles, allTerms };
    },
  };
}

/** An inverted index over each profile's strongest terms, each posting list strongest first. */
export function buildPostings(
  profiles: readonly Profile[],
): Map<number, Array<{ index: number; weight: number }>> {
  const postings = new Map<number, Array<{ index: number; weight: number }>>();
  profiles.forEach((profile, index) => {
    const strongest = new Set(indexedTerms(profile.vector));
    profile.vector.ids.forEach((id, i) => {
      if (!strongest.has(id)) return;
      const list = postings.get(id) ?? [];
      list.push({ index, weight: profile.vector.weights[i]! });
      postings.set(id, list);
    });
  });
  for (const list of postings.values()) list.sort((a, b) => b.weight - a.weight);
  return postings;
}

/**
 * Every story's picks: candidates from the postings of its strongest terms (partial dot products),
 * the best CANDIDATES of them scored exactly and diversified by the ranker.
 */
export function computeAllPicks(
  profiles: readonly Profile[],
  onProgress?: (done: number, total: number) => void,
): Map<number, RankedPick[]> {
  const postings = buildPostings(profiles);
  const partial = new Float64Array(profiles.length);
  const picks = new Map<number, RankedPick[]>();
  profiles.forEach((profile, index) => {
    const touched: number[] = [];
    const strongest = new Set(indexedTerms(profile.vector));
    profile.vector.ids.forEach((id, i) => {
      if (!strongest.has(id)) return;
      const list = postings.get(id);
      if (!list) return;
      const weight = profile.vector.weights[i]!;
      for (let p = 0; p < list.length && p < POSTINGS_DEPTH; p++) {
        const posting = list[p]!;
        if (partial[posting.index] === 0) touched.push(posting.index);
        partial[posting.index] = partial[posting.index]! + weight * posting.weight;
      }
    });
    touched.sort((a, b) => partial[b]! - partial[a]!);
    const candidates = touched.slice(0, CANDIDATES).map((i) => profiles[i]!);
    for (const i of touched) partial[i] = 0;
    picks.set(profile.id, choosePicks(profile, candidates));
    if (onProgress && (index % 500 === 499 || index === profiles.length - 1))
      onProgress(index + 1, profiles.length);
  });
  return picks;
}

export type { SparseVector };
