import { cosine, type SparseVector } from './vector.ts';

/** A published story as the ranker sees it. */
export interface Profile {
  id: number;
  language: string;
  /** Its translation group: a story's translations are never its related stories. */
  groupId: number | null;
  publishedAt: number;
  vector: SparseVector;
}

export interface RankedPick {
  id: number;
  /** Similarity adjusted for time apart: what the list is ordered by, and what a newcomer must beat. */
  score: number;
  similarity: number;
}

export const MAX_PICKS = 6;
/**
 * Below this cosine two stories share a word or two by chance, not a subject (0.1 let the seed
 * article pick a Reuters story on South Korea's current account for sharing "Korea" and "Kim").
 */
export const MIN_SIMILARITY = 0.11;
/** How much the candidates MMR chooses from. */
const POOL = 30;
/** MMR's balance: mostly relevance, enough novelty that one story's five rewrites do not fill the list. */
const LAMBDA = 0.7;
/** Two stories this alike are the same story (a correction, a rewrite): never both in one list. */
const NEAR_COPY = 0.8;
/** Time apart matters only when relevance is close: at most a fifth of the score, halving in 30 days. */
const RECENCY_SHARE = 0.2;
const RECENCY_HALF_LIFE_DAYS = 30;
const DAY_MS = 86_400_000;

/** May `candidate` be shown as related to `target` at all? Never itself, its translations or another language. */
export function eligible(target: Profile, candidate: Profile): boolean {
  return (
    candidate.id !== target.id &&
    candidate.language === target.language &&
    (target.groupId === null || candidate.groupId !== target.groupId)
  );
}

/** Similarity, with a small preference for stories close in time (recent ones, for a fresh story). */
export function relatedScore(
  target: Profile,
  candidate: Profile,
  similarity = cosine(target.vector, candidate.vector),
) {
  const daysApart = Math.abs(target.publishedAt - candidate.publishedAt) / DAY_MS;
  const recency = Math.pow(0.5, daysApart / RECENCY_HALF_LIFE_DAYS);
  return similarity * (1 - RECENCY_SHARE + RECENCY_SHARE * recency);
}

/**
 * Chooses up to MAX_PICKS related stories from candidates: the eligible ones similar enough, best
 * score first, diversified by maximal marginal relevance (each next pick trades a little relevance
 * for being unlike the picks before it; a near-copy of a pick is skipped). `similarityTo` may give
 * the target's cosine faster than a merge (the rebuild keeps the target's weights in a dense array).
 */
export function choosePicks(
  target: Profile,
  candidates: Iterable<Profile>,
  limit = MAX_PICKS,
  similarityTo: (candidate: Profile) => number = (candidate) => cosine(target.vector, candidate.vector),
): RankedPick[] {
  const pool: Array<RankedPick & { profile: Profile }> = [];
  for (const candidate of candidates) {
    if (!eligible(target, candidate)) continue;
    const similarity = similarityTo(candidate);
    if (similarity < MIN_SIMILARITY) continue;
    pool.push({
      id: candidate.id,
      similarity,
      score: relatedScore(target, candidate, similarity),
      profile: candidate,
    });
  }
  pool.sort((a, b) => b.score - a.score || b.profile.publishedAt - a.profile.publishedAt || b.id - a.id);
  pool.length = Math.min(pool.length, POOL);
  // Each candidate's closest similarity to the picks so far, updated once per pick.
  const closest = new Float64Array(pool.length);
  const taken = new Uint8Array(pool.length);
  const chosen: Array<RankedPick & { profile: Profile }> = [];
  while (chosen.length < limit) {
    let bestIndex = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < pool.length; i++) {
      if (taken[i] || closest[i]! >= NEAR_COPY) continue;
      const value = LAMBDA * pool[i]!.score - (1 - LAMBDA) * closest[i]!;
      if (value > bestValue) {
        bestValue = value;
        bestIndex = i;
      }
    }
    if (bestIndex < 0) break;
    taken[bestIndex] = 1;
    const pick = pool[bestIndex]!;
    chosen.push(pick);
    if (chosen.length === limit) break;
    for (let i = 0; i < pool.length; i++)
      if (!taken[i]) closest[i] = Math.max(closest[i]!, cosine(pool[i]!.profile.vector, pick.profile.vector));
  }
  return chosen.map(({ id, score, similarity }) => ({ id, score, similarity }));
}

/** The score a newcomer must beat to enter a list: its weakest pick's, or none while it has room. */
export function entryScore(picks: readonly { score: number }[]): number {
  return picks.length < MAX_PICKS ? 0 : Math.min(...picks.map((p) => p.score));
}
