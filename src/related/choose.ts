import { finishNow } from '../shared/pause.ts';
import { flatten, type FlatCorpus, profileAt, STEP_STORIES } from './corpus.ts';
import { choosePicks, MAX_PICKS, type Profile, type RankedPick } from './ranker.ts';
import { INDEXED_TERMS } from './vector.ts';

/**
 * How deep each term's postings (strongest first) are read when looking for candidates: as deep as
 * a refresh reads them from the database (related.service.ts), so a rebuild and the refreshes after
 * it choose from the same candidates. At 100,000 stories, 400 made choosing cost twice as much.
 */
export const POSTINGS_DEPTH = 200;
/** How many candidates, by their partial dot product over indexed terms, are scored exactly. */
export const CANDIDATES = 60;

/**
 * Every story's picks, in flat arrays: story `s`'s picks are `story/score/similarity[s * MAX_PICKS ..
 * s * MAX_PICKS + count[s])`, `story` being an index into the corpus.
 */
export interface FlatPicks {
  readonly count: Uint8Array;
  readonly story: Int32Array;
  readonly score: Float64Array;
  readonly similarity: Float64Array;
}

/**
 * An inverted index over each story's strongest INDEXED_TERMS terms, each term's postings strongest
 * first, in flat arrays: the postings of term `t` are `story/weight[start[t] .. start[t + 1])`, and
 * story `s`'s indexed terms are `strongest[strongestStart[s] .. strongestStart[s + 1])`.
 */
export function buildPostings(corpus: FlatCorpus): Postings {
  return finishNow(postingSteps(corpus));
}

export interface Postings {
  start: Int32Array;
  story: Int32Array;
  weight: Float64Array;
  strongest: Int32Array;
  strongestStart: Int32Array;
}

/** `buildPostings` a step per STEP_STORIES stories or terms (see `finishPausing`). */
export function* postingSteps(corpus: FlatCorpus): Generator<void, Postings, undefined> {
  const strongestStart = new Int32Array(corpus.size + 1);
  for (let s = 0; s < corpus.size; s++)
    strongestStart[s + 1] =
      strongestStart[s]! + Math.min(INDEXED_TERMS, corpus.vectorStart[s + 1]! - corpus.vectorStart[s]!);
  const strongest = new Int32Array(strongestStart[corpus.size]!);
  let maxId = 0;
  for (const id of corpus.termIds) maxId = Math.max(maxId, id);
  const start = new Int32Array(maxId + 2);
  const order: number[] = [];
  for (let s = 0; s < corpus.size; s++) {
    const from = corpus.vectorStart[s]!;
    const to = corpus.vectorStart[s + 1]!;
    // Strongest first, ties by term id (as `indexedTerms` orders them).
    order.length = 0;
    for (let k = from; k < to; k++) order.push(k);
    order.sort((a, b) => corpus.weights[b]! - corpus.weights[a]! || corpus.termIds[a]! - corpus.termIds[b]!);
    for (let i = 0; i < strongestStart[s + 1]! - strongestStart[s]!; i++) {
      const id = corpus.termIds[order[i]!]!;
      strongest[strongestStart[s]! + i] = id;
      start[id + 1]!++;
    }
    if (s % STEP_STORIES === STEP_STORIES - 1) yield;
  }
  for (let t = 1; t < start.length; t++) start[t]! += start[t - 1]!;
  const story = new Int32Array(start[start.length - 1]!);
  const weight = new Float64Array(story.length);
  const fill = start.slice();
  for (let s = 0; s < corpus.size; s++) {
    const from = strongestStart[s]!;
    const to = strongestStart[s + 1]!;
    for (let k = corpus.vectorStart[s]!; k < corpus.vectorStart[s + 1]!; k++) {
      const id = corpus.termIds[k]!;
      let indexed = false;
      for (let i = from; i < to && !indexed; i++) indexed = strongest[i] === id;
      if (!indexed) continue;
      const at = fill[id]!++;
      story[at] = s;
      weight[at] = corpus.weights[k]!;
    }
    if (s % STEP_STORIES === STEP_STORIES - 1) yield;
  }
  // Strongest first within each term (ties: the earlier story first, as a stable sort would leave them).
  for (let t = 0; t + 1 < start.length; t++) {
    if (t % STEP_STORIES === STEP_STORIES - 1) yield;
    const from = start[t]!;
    const to = start[t + 1]!;
    if (to - from < 2) continue;
    const sorted = Array.from({ length: to - from }, (_, i) => from + i).sort(
      (a, b) => weight[b]! - weight[a]! || story[a]! - story[b]!,
    );
    const sortedStory = sorted.map((o) => story[o]!);
    const sortedWeight = sorted.map((o) => weight[o]!);
    story.set(sortedStory, from);
    weight.set(sortedWeight, from);
  }
  return { start, story, weight, strongest, strongestStart };
}

/**
 * Chooses the picks of every story of a corpus, a slice at a time: candidates from the postings of
 * its strongest terms (partial dot products), the best CANDIDATES of them scored exactly (against
 * the story's weights spread in a dense array) and diversified by the ranker. `chooseRange` may be
 * called for consecutive ranges with pauses between them (the rebuild yields to the event loop).
 */
export function createChooser(corpus: FlatCorpus, postings: Postings = buildPostings(corpus)) {
  let maxId = 0;
  for (const id of corpus.termIds) maxId = Math.max(maxId, id);
  const dense = new Float64Array(maxId + 1);
  const partial = new Float64Array(corpus.size);
  const touched: number[] = [];
  const picks: FlatPicks = {
    count: new Uint8Array(corpus.size),
    story: new Int32Array(corpus.size * MAX_PICKS),
    score: new Float64Array(corpus.size * MAX_PICKS),
    similarity: new Float64Array(corpus.size * MAX_PICKS),
  };
  const indexOf = new Map<number, number>();
  const similarityTo = (candidate: Profile) => {
    let sum = 0;
    const { ids, weights } = candidate.vector;
    for (let i = 0; i < ids.length; i++) sum += dense[ids[i]!]! * weights[i]!;
    return sum;
  };

  function chooseFor(s: number) {
    const from = corpus.vectorStart[s]!;
    const to = corpus.vectorStart[s + 1]!;
    for (let k = from; k < to; k++) dense[corpus.termIds[k]!] = corpus.weights[k]!;
    touched.length = 0;
    for (let k = postings.strongestStart[s]!; k < postings.strongestStart[s + 1]!; k++) {
      const id = postings.strongest[k]!;
      const w = dense[id]!;
      const first = postings.start[id]!;
      const last = Math.min(postings.start[id + 1]!, first + POSTINGS_DEPTH);
      for (let at = first; at < last; at++) {
        const other = postings.story[at]!;
        if (partial[other] === 0) touched.push(other);
        partial[other] = partial[other]! + w * postings.weight[at]!;
      }
    }
    const candidates = strongestCandidates(touched, partial);
    for (const i of touched) partial[i] = 0;
    indexOf.clear();
    const profiles = candidates.map((c) => {
      indexOf.set(corpus.ids[c]!, c);
      return profileAt(corpus, c);
    });
    const chosen = choosePicks(profileAt(corpus, s), profiles, MAX_PICKS, similarityTo);
    picks.count[s] = chosen.length;
    chosen.forEach((pick, rank) => {
      picks.story[s * MAX_PICKS + rank] = indexOf.get(pick.id)!;
      picks.score[s * MAX_PICKS + rank] = pick.score;
      picks.similarity[s * MAX_PICKS + rank] = pick.similarity;
    });
    for (let k = from; k < to; k++) dense[corpus.termIds[k]!] = 0;
  }

  return {
    picks,
    /** Chooses the picks of stories `from` to `to` (exclusive). */
    chooseRange(from: number, to: number) {
      for (let s = from; s < to; s++) chooseFor(s);
    },
  };
}

/**
 * Every story's picks by story id, at once (the quality evaluation and tests; the rebuild goes a
 * slice at a time with `createChooser`).
 */
export function computeAllPicks(profiles: readonly Profile[]): Map<number, RankedPick[]> {
  const corpus = flatten(profiles);
  const chooser = createChooser(corpus);
  chooser.chooseRange(0, corpus.size);
  const result = new Map<number, RankedPick[]>();
  for (let s = 0; s < corpus.size; s++) {
    const list: RankedPick[] = [];
    for (let rank = 0; rank < chooser.picks.count[s]!; rank++) {
      const at = s * MAX_PICKS + rank;
      list.push({
        id: corpus.ids[chooser.picks.story[at]!]!,
        score: chooser.picks.score[at]!,
        similarity: chooser.picks.similarity[at]!,
      });
    }
    result.set(corpus.ids[s]!, list);
  }
  return result;
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
