import { analyseStory, type StoryText, TAG_MARK } from './analysis.ts';
import { choosePicks, type Profile, type RankedPick } from './ranker.ts';
import { indexedTerms, type SparseVector, weighCounts } from './vector.ts';

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

/**
 * How deep each term's postings (strongest first) are read when looking for candidates: as deep as
 * a refresh reads them from the database (related.service.ts), so a rebuild and the refreshes after
 * it choose from the same candidates. At 100,000 stories, 400 made choosing cost twice as much.
 */
export const POSTINGS_DEPTH = 200;
/** How many candidates, by their partial dot product over indexed terms, are scored exactly. */
export const CANDIDATES = 60;

/**
 * A whole corpus in memory: its vocabulary with document frequencies and each story's vector. The
 * full rebuild and the quality evaluation use it; publishing one story uses the same pieces over the
 * database (related.service.ts). Stories are added one by one and only their features are kept, as
 * two typed arrays (term positions and counts: at 100,000 stories, maps of strings per story took
 * gigabytes). `finish` weighs them, with the term ids the caller stores (or positions).
 */
export function createCorpusBuilder() {
  const termIndex = new Map<string, Map<string, number>>();
  const terms: CorpusTerm[] = [];
  const stories: Array<{ meta: Omit<Profile, 'vector'>; terms: Int32Array; counts: Float64Array }> = [];
  const docsByLanguage = new Map<string, number>();
  return {
    terms,
    add(story: CorpusStory) {
      const analysed = analyseStory(story);
      docsByLanguage.set(story.language, (docsByLanguage.get(story.language) ?? 0) + 1);
      let index = termIndex.get(story.language);
      if (!index) termIndex.set(story.language, (index = new Map()));
      const positions = new Int32Array(analysed.size);
      const counts = new Float64Array(analysed.size);
      let k = 0;
      for (const [key, feature] of analysed) {
        let position = index.get(key);
        if (position === undefined) {
          position = terms.length;
          index.set(key, position);
          terms.push({ language: story.language, key, label: feature.label, df: 0 });
        }
        const term = terms[position]!;
        term.df++;
        // A term any story was tagged with is explained as that tag.
        if (feature.label.startsWith(TAG_MARK) && !term.label.startsWith(TAG_MARK))
          term.label = feature.label;
        positions[k] = position;
        counts[k++] = feature.count;
      }
      stories.push({
        meta: {
          id: story.id,
          language: story.language,
          groupId: story.groupId,
          publishedAt: story.publishedAt,
        },
        terms: positions,
        counts,
      });
    },
    /** Weighs every story; `ids[i]` is the id of `terms[i]`. Returns profiles and each story's term ids. */
    finish(ids: ArrayLike<number> = Int32Array.from(terms, (_, i) => i)): {
      profiles: Profile[];
      allTerms: Int32Array[];
    } {
      const profiles: Profile[] = [];
      const allTerms: Int32Array[] = [];
      for (const story of stories) {
        const termIds = story.terms.map((position) => ids[position]!);
        const vector = weighCounts(
          termIds,
          story.counts,
          (i) => terms[story.terms[i]!]!.df,
          docsByLanguage.get(story.meta.language)!,
        );
        profiles.push({ ...story.meta, vector });
        allTerms.push(termIds);
      }
      stories.length = 0;
      return { profiles, allTerms };
    },
  };
}

/**
 * An inverted index over each profile's strongest terms, each term's postings strongest first, in
 * flat arrays: the postings of term `t` are `index/weight[start[t] .. start[t + 1])`.
 */
export function buildPostings(profiles: readonly Profile[]) {
  let maxId = 0;
  const strongest = profiles.map((profile) => {
    const ids = indexedTerms(profile.vector);
    for (const id of ids) maxId = Math.max(maxId, id);
    return ids;
  });
  const start = new Int32Array(maxId + 2);
  for (const ids of strongest) for (const id of ids) start[id + 1]!++;
  for (let t = 1; t < start.length; t++) start[t]! += start[t - 1]!;
  const index = new Int32Array(start[start.length - 1]!);
  const weight = new Float64Array(index.length);
  const fill = start.slice();
  profiles.forEach((profile, p) => {
    const wanted = new Set(strongest[p]);
    profile.vector.ids.forEach((id, i) => {
      if (!wanted.has(id)) return;
      const at = fill[id]!++;
      index[at] = p;
      weight[at] = profile.vector.weights[i]!;
    });
  });
  // Strongest first within each term (ties: the earlier story first, as a stable sort would leave them).
  for (let t = 0; t + 1 < start.length; t++) {
    const from = start[t]!;
    const to = start[t + 1]!;
    if (to - from < 2) continue;
    const order = Array.from({ length: to - from }, (_, i) => from + i).sort(
      (a, b) => weight[b]! - weight[a]! || index[a]! - index[b]!,
    );
    const sortedIndex = order.map((o) => index[o]!);
    const sortedWeight = order.map((o) => weight[o]!);
    index.set(sortedIndex, from);
    weight.set(sortedWeight, from);
  }
  return { start, index, weight, strongest };
}

/**
 * Every story's picks: candidates from the postings of its strongest terms (partial dot products),
 * the best CANDIDATES of them scored exactly (against the story's weights spread in a dense array)
 * and diversified by the ranker.
 */
export function computeAllPicks(
  profiles: readonly Profile[],
  onProgress?: (done: number, total: number) => void,
): Map<number, RankedPick[]> {
  const postings = buildPostings(profiles);
  let maxId = 0;
  for (const profile of profiles) for (const id of profile.vector.ids) maxId = Math.max(maxId, id);
  const dense = new Float64Array(maxId + 1);
  const partial = new Float64Array(profiles.length);
  const touched: number[] = [];
  const picks = new Map<number, RankedPick[]>();
  const similarityTo = (candidate: Profile) => {
    let sum = 0;
    const { ids, weights } = candidate.vector;
    for (let i = 0; i < ids.length; i++) sum += dense[ids[i]!]! * weights[i]!;
    return sum;
  };
  profiles.forEach((profile, p) => {
    const { ids, weights } = profile.vector;
    for (let i = 0; i < ids.length; i++) dense[ids[i]!] = weights[i]!;
    touched.length = 0;
    for (const id of postings.strongest[p]!) {
      const w = dense[id]!;
      const from = postings.start[id]!;
      const to = Math.min(postings.start[id + 1]!, from + POSTINGS_DEPTH);
      for (let at = from; at < to; at++) {
        const other = postings.index[at]!;
        if (partial[other] === 0) touched.push(other);
        partial[other] = partial[other]! + w * postings.weight[at]!;
      }
    }
    const candidates = strongestCandidates(touched, partial).map((i) => profiles[i]!);
    for (const i of touched) partial[i] = 0;
    picks.set(profile.id, choosePicks(profile, candidates, undefined, similarityTo));
    for (let i = 0; i < ids.length; i++) dense[ids[i]!] = 0;
    if (onProgress && (p % 500 === 499 || p === profiles.length - 1)) onProgress(p + 1, profiles.length);
  });
  return picks;
}

/**
 * The CANDIDATES touched stories with the largest partial products (all of them when fewer), by a
 * min-heap of that size: a story touches thousands, and sorting them all was a fifth of choosing.
 */
function strongestCandidates(touched: readonly number[], partial: Float64Array): number[] {
  if (touched.length <= CANDIDATES) return [...touched];
  const heap: number[] = [];
  const less = (a: number, b: number) => partial[a]! < partial[b]!;
  const down = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const story of touched) {
    if (heap.length < CANDIDATES) {
      heap.push(story);
      // Sift up.
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!less(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (less(heap[0]!, story)) {
      heap[0] = story;
      down(0);
    }
  }
  return heap;
}

export type { SparseVector };
