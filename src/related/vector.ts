import type { Feature } from './analysis.ts';

/**
 * A story as a unit-length sparse vector over term ids, sorted by id: TF-IDF with a damped term
 * frequency (1 + ln tf), so a word said forty times does not drown the rest. Only the strongest
 * `VECTOR_TERMS` features are kept: they say what a story is about, and keep storage and scoring small.
 */
export interface SparseVector {
  ids: ArrayLike<number>;
  weights: ArrayLike<number>;
}

export const VECTOR_TERMS = 40;
/** How many of a story's strongest terms go into the inverted index that finds candidates. */
export const INDEXED_TERMS = 16;

export function inverseDocumentFrequency(df: number, docs: number): number {
  return Math.log(1 + docs / Math.max(1, df));
}

/** Weighs a story's features against the corpus (`df` by term id) into a unit vector. */
export function weighFeatures(
  features: ReadonlyMap<string, Feature>,
  termIds: ReadonlyMap<string, number>,
  df: (termId: number) => number,
  docs: number,
  keep = VECTOR_TERMS,
): SparseVector {
  const ids: number[] = [];
  const counts: number[] = [];
  for (const [key, feature] of features) {
    const id = termIds.get(key);
    if (id === undefined) continue;
    ids.push(id);
    counts.push(feature.count);
  }
  return weighCounts(ids, counts, (i) => df(ids[i]!), docs, keep);
}

/**
 * The same over parallel arrays of term ids and counts (the rebuild keeps features this way);
 * `dfAt(i)` is the document frequency of `ids[i]`.
 */
export function weighCounts(
  ids: ArrayLike<number>,
  counts: ArrayLike<number>,
  dfAt: (index: number) => number,
  docs: number,
  keep = VECTOR_TERMS,
): SparseVector {
  const weighted: Array<[number, number]> = [];
  for (let i = 0; i < ids.length; i++) {
    weighted.push([ids[i]!, (1 + Math.log(counts[i]!)) * inverseDocumentFrequency(dfAt(i), docs)]);
  }
  weighted.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const top = weighted.slice(0, keep);
  const norm = Math.sqrt(top.reduce((sum, [, w]) => sum + w * w, 0)) || 1;
  top.sort((a, b) => a[0] - b[0]);
  return { ids: top.map(([id]) => id), weights: top.map(([, w]) => w / norm) };
}

/** Cosine similarity of two unit vectors (a merge over their sorted ids). */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) sum += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

/** The terms two stories share, strongest contribution first: why one was picked for the other. */
export function sharedTerms(
  a: SparseVector,
  b: SparseVector,
  limit = 8,
): Array<{ id: number; weight: number }> {
  const shared: Array<{ id: number; weight: number }> = [];
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) shared.push({ id: x, weight: a.weights[i++]! * b.weights[j++]! });
    else if (x < y) i++;
    else j++;
  }
  return shared.sort((p, q) => q.weight - p.weight).slice(0, limit);
}

/** The ids of a vector's strongest terms, the ones posted in the inverted index. */
export function indexedTerms(vector: SparseVector, count = INDEXED_TERMS): number[] {
  return Array.from(vector.ids, (id, index) => ({ id, weight: vector.weights[index]! }))
    .sort((a, b) => b.weight - a.weight || a.id - b.id)
    .slice(0, count)
    .map((t) => t.id);
}

/** Stored form: "id:weight" pairs, weights rounded to 5 digits (plenty for ranking, half the bytes). */
export function encodeVector(vector: SparseVector): string {
  return Array.from(vector.ids, (id, i) => `${id}:${vector.weights[i]!.toFixed(5)}`).join(' ');
}

/**
 * Reads the stored form by character codes: a refresh decodes a few hundred stored vectors, and
 * splitting them into strings was most of that. A weight of d decimal digits is its digits as an
 * integer over 10^d: both exact in a double, so the one rounding gives the same number as `Number()`.
 */
export function decodeVector(text: string): SparseVector {
  const ids: number[] = [];
  const weights: number[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.charCodeAt(i) === SPACE) {
      i++;
      continue;
    }
    let id = 0;
    for (let c = text.charCodeAt(i); c !== COLON; c = text.charCodeAt(++i)) id = id * 10 + (c - ZERO);
    i++;
    let digits = 0;
    let scale = 1;
    let decimals = false;
    for (let c = text.charCodeAt(i); i < text.length && c !== SPACE; c = text.charCodeAt(++i)) {
      if (c === POINT) decimals = true;
      else {
        digits = digits * 10 + (c - ZERO);
        if (decimals) scale *= 10;
      }
    }
    ids.push(id);
    weights.push(digits / scale);
  }
  return { ids, weights };
}

const SPACE = 32;
const COLON = 58;
const POINT = 46;
const ZERO = 48;
