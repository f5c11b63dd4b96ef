import { finishNow } from '../shared/pause.ts';
import { analyseStory, type StoryText, TAG_MARK } from './analysis.ts';
import type { Profile } from './ranker.ts';
import { type SparseVector, VECTOR_TERMS, weighCounts } from './vector.ts';

export interface CorpusStory extends StoryText {
  id: number;
  groupId: number | null;
  publishedAt: number;
}

/** Stories (or terms) between two steps of long synchronous work, for `finishPausing`. */
export const STEP_STORIES = 1000;

export interface CorpusTerm {
  language: string;
  key: string;
  label: string;
  df: number;
}

/**
 * A whole corpus weighed, in flat typed arrays: story `s` is `ids[s]`, and its vector is
 * `termIds/weights[vectorStart[s] .. vectorStart[s + 1])`, sorted by term id. No object per story:
 * at 100,000 stories, objects and arrays per story took most of a gigabyte; these take about 50 MB.
 */
export interface FlatCorpus {
  readonly size: number;
  readonly ids: Int32Array;
  /** Translation group, or 0 for none. */
  readonly groupIds: Int32Array;
  readonly publishedAt: Float64Array;
  /** Index into `languages`. */
  readonly language: Uint8Array;
  readonly languages: readonly string[];
  readonly vectorStart: Int32Array;
  readonly termIds: Int32Array;
  readonly weights: Float64Array;
}

/** Story `s` of a flat corpus as the ranker sees it (its vector a view into the corpus's arrays). */
export function profileAt(corpus: FlatCorpus, s: number): Profile {
  const from = corpus.vectorStart[s]!;
  const to = corpus.vectorStart[s + 1]!;
  return {
    id: corpus.ids[s]!,
    language: corpus.languages[corpus.language[s]!]!,
    groupId: corpus.groupIds[s] || null,
    publishedAt: corpus.publishedAt[s]!,
    vector: { ids: corpus.termIds.subarray(from, to), weights: corpus.weights.subarray(from, to) },
  };
}

/** A flat corpus from profiles (the quality evaluation and tests, which hold profiles already). */
export function flatten(profiles: readonly Profile[]): FlatCorpus {
  const languages = [...new Set(profiles.map((p) => p.language))];
  const vectorStart = new Int32Array(profiles.length + 1);
  profiles.forEach((p, s) => (vectorStart[s + 1] = vectorStart[s]! + p.vector.ids.length));
  const termIds = new Int32Array(vectorStart[profiles.length]!);
  const weights = new Float64Array(termIds.length);
  profiles.forEach((p, s) => {
    termIds.set(p.vector.ids, vectorStart[s]);
    weights.set(p.vector.weights, vectorStart[s]);
  });
  return {
    size: profiles.length,
    ids: Int32Array.from(profiles, (p) => p.id),
    groupIds: Int32Array.from(profiles, (p) => p.groupId ?? 0),
    publishedAt: Float64Array.from(profiles, (p) => p.publishedAt),
    language: Uint8Array.from(profiles, (p) => languages.indexOf(p.language)),
    languages,
    vectorStart,
    termIds,
    weights,
  };
}

/** Features of the stories read so far, in chunks (one per read batch) so nothing is copied as they grow. */
interface FeatureChunk {
  /** Vocabulary positions of each story's features, story after story. */
  terms: Int32Array;
  /** Each feature's field-weighted count × 2 (counts are multiples of ½); emptied once weighed. */
  counts: Uint16Array;
  /** Where each story's features start in the chunk, and the end. */
  start: Int32Array;
}

/**
 * A corpus read story by story: its vocabulary with document frequencies and each story's features.
 * The full rebuild and the quality evaluation use it; publishing one story uses the same pieces over
 * the database (related.service.ts). Only features are kept, in flat arrays (`addBatch` takes one
 * read batch); `weigh` then makes the flat corpus, with the term ids the caller stores (or positions).
 */
export function createCorpusBuilder() {
  const termIndex = new Map<string, Map<string, number>>();
  const terms: CorpusTerm[] = [];
  const chunks: FeatureChunk[] = [];
  const docsByLanguage = new Map<string, number>();
  const languages: string[] = [];
  const meta = {
    ids: [] as number[],
    groupIds: [] as number[],
    publishedAt: [] as number[],
    language: [] as number[],
  };

  function positionOf(language: string, key: string, label: string): number {
    let index = termIndex.get(language);
    if (!index) termIndex.set(language, (index = new Map()));
    let position = index.get(key);
    if (position === undefined) {
      position = terms.length;
      index.set(key, position);
      terms.push({ language, key, label, df: 0 });
    }
    return position;
  }

  function addBatch(stories: readonly CorpusStory[]) {
    const analysed = stories.map((story) => analyseStory(story));
    let total = 0;
    for (const features of analysed) total += features.size;
    const chunk: FeatureChunk = {
      terms: new Int32Array(total),
      counts: new Uint16Array(total),
      start: new Int32Array(stories.length + 1),
    };
    let k = 0;
    stories.forEach((story, i) => {
      docsByLanguage.set(story.language, (docsByLanguage.get(story.language) ?? 0) + 1);
      if (!languages.includes(story.language)) languages.push(story.language);
      for (const [key, feature] of analysed[i]!) {
        const position = positionOf(story.language, key, feature.label);
        const term = terms[position]!;
        term.df++;
        // A term any story was tagged with is explained as that tag.
        if (feature.label.startsWith(TAG_MARK) && !term.label.startsWith(TAG_MARK))
          term.label = feature.label;
        chunk.terms[k] = position;
        chunk.counts[k++] = Math.min(65_535, Math.round(feature.count * 2));
      }
      chunk.start[i + 1] = k;
      meta.ids.push(story.id);
      meta.groupIds.push(story.groupId ?? 0);
      meta.publishedAt.push(story.publishedAt);
      meta.language.push(languages.indexOf(story.language));
    });
    chunks.push(chunk);
  }

  /** Each story's features as vocabulary positions, story after story in the order added. */
  function* storyTerms(): Generator<Int32Array, void, undefined> {
    for (const chunk of chunks)
      for (let i = 0; i + 1 < chunk.start.length; i++)
        yield chunk.terms.subarray(chunk.start[i]!, chunk.start[i + 1]!);
  }

  /**
   * Weighs every story into a flat corpus; `ids[p]` is the id of the term at vocabulary position `p`
   * (default: the position). Features stay for `storyTerms` until `release`. A step per
   * STEP_STORIES stories (see `finishPausing`).
   */
  function* weighSteps(
    ids: ArrayLike<number> = Int32Array.from(terms, (_, i) => i),
  ): Generator<void, FlatCorpus, undefined> {
    const size = meta.ids.length;
    // A vector keeps a story's VECTOR_TERMS strongest features (all of them when it has fewer).
    const vectorStart = new Int32Array(size + 1);
    let story = 0;
    for (const chunk of chunks)
      for (let i = 0; i + 1 < chunk.start.length; i++, story++)
        vectorStart[story + 1] =
          vectorStart[story]! + Math.min(VECTOR_TERMS, chunk.start[i + 1]! - chunk.start[i]!);
    const termIds = new Int32Array(vectorStart[size]!);
    const weights = new Float64Array(termIds.length);
    story = 0;
    for (const chunk of chunks)
      for (let i = 0; i + 1 < chunk.start.length; i++, story++) {
        const from = chunk.start[i]!;
        const to = chunk.start[i + 1]!;
        const storyIds = new Int32Array(to - from);
        const counts = new Float64Array(to - from);
        for (let k = from; k < to; k++) {
          storyIds[k - from] = ids[chunk.terms[k]!]!;
          counts[k - from] = chunk.counts[k]! / 2;
        }
        const vector = weighCounts(
          storyIds,
          counts,
          (k) => terms[chunk.terms[from + k]!]!.df,
          docsByLanguage.get(languages[meta.language[story]!]!)!,
        );
        termIds.set(vector.ids, vectorStart[story]);
        weights.set(vector.weights, vectorStart[story]);
        if (story % STEP_STORIES === STEP_STORIES - 1) yield;
      }
    return {
      size,
      ids: Int32Array.from(meta.ids),
      groupIds: Int32Array.from(meta.groupIds),
      publishedAt: Float64Array.from(meta.publishedAt),
      language: Uint8Array.from(meta.language),
      languages,
      vectorStart,
      termIds,
      weights,
    };
  }

  return {
    terms,
    /** Adds one story (`addBatch` of one). */
    add: (story: CorpusStory) => addBatch([story]),
    addBatch,
    storyTerms,
    weighSteps,
    weigh: (ids?: ArrayLike<number>) => finishNow(weighSteps(ids)),
    /** Frees the counts once the corpus is weighed (the positions stay for `storyTerms`). */
    dropCounts() {
      for (const chunk of chunks) chunk.counts = new Uint16Array(0);
    },
    release() {
      chunks.length = 0;
    },
    /** Profiles of every story, and each story's term ids (for callers that want objects). */
    finish(ids?: ArrayLike<number>): { profiles: Profile[]; allTerms: Int32Array[] } {
      const corpus = finishNow(weighSteps(ids));
      const profiles = Array.from({ length: corpus.size }, (_, s) => {
        const profile = profileAt(corpus, s);
        const vector: SparseVector = {
          ids: Array.from(profile.vector.ids),
          weights: Array.from(profile.vector.weights),
        };
        return { ...profile, vector };
      });
      const allTerms: Int32Array[] = [];
      const position = ids ?? Int32Array.from(terms, (_, i) => i);
      for (const positions of storyTerms()) allTerms.push(positions.map((p) => position[p]!));
      return { profiles, allTerms };
    },
  };
}

export type CorpusBuilder = ReturnType<typeof createCorpusBuilder>;
