import type { Db, Tx } from '../db/database.ts';
import { createPause, finishPausing } from '../shared/pause.ts';
import { describeTerm } from './analysis.ts';
import { createChooser, type FlatPicks, postingSteps } from './choose.ts';
import { type CorpusBuilder, createCorpusBuilder, type CorpusTerm, type FlatCorpus } from './corpus.ts';
import { MAX_PICKS } from './ranker.ts';
import { addToDocumentCount, loadStories, WEIGHT_SCALE } from './related.repository.ts';
import type { RelatedDocumentTable, RelatedPickTable } from './related.tables.ts';
import { encodeVector, sharedTerms } from './vector.ts';

const READ_BATCH = 100;
const WRITE_BATCH = 1000;
/** Postings are three small integers: many rows per statement (SQLite allows 32,766 parameters). */
const POSTINGS_BATCH = 5000;
/**
 * Documents and lists are written this many stories to a transaction: on SQLite a transaction holds
 * the one connection, and uncached pages wait for it (one transaction for everything held it for
 * half a minute at 100,000 stories).
 */
const STORIES_PER_TRANSACTION = 500;
/** Stories chosen between two checks of the pause (each takes a fraction of a millisecond). */
const CHOOSE_SLICE = 50;

export type RebuildProgress = (phase: 'read' | 'choose' | 'write', done: number, total: number) => void;

/**
 * Recomputes the whole related index from the published stories, then writes it: the vocabulary in
 * one transaction, then documents and lists STORIES_PER_TRANSACTION stories to a transaction (each
 * story's list replaced whole: readers see its old list until the new one is written), then the
 * postings, and last the lists of stories no longer published are dropped.
 *
 * Bounded in memory and in how long it holds the process: the stories are read in batches and only
 * their features are kept, in flat arrays (corpus.ts); vectors, postings and picks are flat arrays too
 * (choose.ts), and rows are made batch by batch as they are written. Throughout, the work pauses for
 * the event loop every few milliseconds (`createPause`) and never holds a transaction across a pause,
 * so a web process that runs it as a job goes on answering. Rows go in in key order (terms by
 * language and term, postings by term then story), so each index grows at its end.
 */
export async function rebuildAll(db: Db, at: string, onProgress?: RebuildProgress) {
  const pause = createPause();
  const ids = (
    await db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('id').execute()
  ).map((r) => r.id);
  const builder = createCorpusBuilder();
  const versions: number[] = [];
  const publishedAt: string[] = [];
  for (let start = 0; start < ids.length; start += READ_BATCH) {
    const stories = await loadStories(db, ids.slice(start, start + READ_BATCH));
    builder.addBatch(stories);
    for (const story of stories) {
      versions.push(story.version);
      publishedAt.push(story.publishedAtText);
    }
    onProgress?.('read', Math.min(start + READ_BATCH, ids.length), ids.length);
    await pause();
  }

  // Terms are stored in key order, so their ids ascend in that order: weighing and choosing by rank
  // in it ties exactly as the stored ids will.
  const terms = builder.terms;
  const order = Int32Array.from(terms, (_, i) => i).sort(
    (a, b) =>
      compareText(terms[a]!.language, terms[b]!.language) || compareText(terms[a]!.key, terms[b]!.key),
  );
  const rank = new Int32Array(terms.length);
  order.forEach((position, r) => (rank[position] = r));
  const corpus = await finishPausing(builder.weighSteps(rank), pause);
  builder.dropCounts();
  // The postings are needed only while choosing: out of reach (and memory) once it is done.
  const { picks, indexed } = await chooseAll(corpus, pause, onProgress);

  // The index (vocabulary, documents, postings) is replaced; the lists are replaced story by story, so
  // readers see each story's old list until its new one is written, never none.
  const termId = await db.transaction().execute(async (tx) => {
    for (const table of ['related_postings', 'related_documents', 'related_counts', 'related_terms'] as const)
      await tx.deleteFrom(table).execute();
    return writeTerms(tx, terms, order);
  });
  const stored = { corpus, picks, versions, publishedAt, builder, termId, terms, order, at };
  const written = await writeDocumentsAndPicks(db, stored, pause, onProgress);
  await writePostings(db, corpus, indexed, termId, pause);
  // Lists of stories no longer published (a refresh since the rebuild began wrote a later time).
  await db.deleteFrom('related_picks').where('computed_at', '<', at).execute();
  builder.release();
  return { articles: corpus.size, picks: written, articleIds: Array.from(corpus.ids) };
}

/** Every story's picks, a slice at a time with pauses between; and each story's indexed terms. */
async function chooseAll(corpus: FlatCorpus, pause: () => Promise<void>, onProgress?: RebuildProgress) {
  const postings = await finishPausing(postingSteps(corpus), pause);
  const chooser = createChooser(corpus, postings);
  for (let s = 0; s < corpus.size; s += CHOOSE_SLICE) {
    chooser.chooseRange(s, Math.min(corpus.size, s + CHOOSE_SLICE));
    if (s % 500 < CHOOSE_SLICE || s + CHOOSE_SLICE >= corpus.size)
      onProgress?.('choose', Math.min(corpus.size, s + CHOOSE_SLICE), corpus.size);
    await pause();
  }
  return { picks: chooser.picks, indexed: { terms: postings.strongest, start: postings.strongestStart } };
}

/** Writes the vocabulary in rank order; returns the stored id of each rank. */
async function writeTerms(tx: Tx, terms: readonly CorpusTerm[], order: Int32Array): Promise<Int32Array> {
  for (let start = 0; start < order.length; start += WRITE_BATCH)
    await tx
      .insertInto('related_terms')
      .values(
        Array.from(order.subarray(start, start + WRITE_BATCH), (position) => {
          const t = terms[position]!;
          return { language: t.language, term: t.key, label: t.label, df: t.df };
        }),
      )
      .execute();
  const stored = await tx
    .selectFrom('related_terms')
    .select(['id', 'language', 'term'])
    .orderBy('id')
    .execute();
  const termId = new Int32Array(order.length);
  stored.forEach((row, r) => {
    const t = terms[order[r]!];
    // Both databases number rows in the order one statement inserts them; checked, not assumed.
    if (!t || t.language !== row.language || t.key !== row.term)
      throw new Error('Related stories: the stored terms did not keep the order they were written in.');
    termId[r] = row.id;
  });
  if (stored.length !== order.length) throw new Error('Related stories: not every term was stored.');
  return termId;
}

interface Stored {
  corpus: FlatCorpus;
  picks: FlatPicks;
  versions: readonly number[];
  publishedAt: readonly string[];
  builder: CorpusBuilder;
  /** Stored term id by rank. */
  termId: Int32Array;
  terms: readonly CorpusTerm[];
  /** Vocabulary position by rank. */
  order: Int32Array;
  at: string;
}

/** Each story's document and picks (with why), made and written a batch at a time. */
async function writeDocumentsAndPicks(
  db: Db,
  s: Stored,
  pause: () => Promise<void>,
  onProgress?: RebuildProgress,
): Promise<number> {
  const { corpus, picks, termId } = s;
  const rankOf = new Int32Array(s.order.length);
  s.order.forEach((position, r) => (rankOf[position] = r));
  const vectorOf = (story: number) => {
    const from = corpus.vectorStart[story]!;
    const to = corpus.vectorStart[story + 1]!;
    return { ids: corpus.termIds.subarray(from, to), weights: corpus.weights.subarray(from, to) };
  };
  const storyTerms = s.builder.storyTerms();
  let documents: RelatedDocumentTable[] = [];
  let pickRows: RelatedPickTable[] = [];
  let pickCount = 0;
  for (let story = 0; story < corpus.size; story++) {
    const vector = vectorOf(story);
    const positions = storyTerms.next().value!;
    documents.push({
      article_id: corpus.ids[story]!,
      language: corpus.languages[corpus.language[story]!]!,
      group_id: corpus.groupIds[story] || null,
      published_at: s.publishedAt[story]!,
      version: s.versions[story]!,
      vector: encodeVector({ ids: Array.from(vector.ids, (r) => termId[r]!), weights: vector.weights }),
      terms: Array.from(positions, (p) => termId[rankOf[p]!]!).join(' '),
      updated_at: s.at,
    });
    for (let rank = 0; rank < picks.count[story]!; rank++) {
      const at = story * MAX_PICKS + rank;
      const pick = picks.story[at]!;
      const reasons = sharedTerms(vector, vectorOf(pick)).map((t) => {
        const term = s.terms[s.order[t.id]!]!;
        return { ...describeTerm(term.key, term.label), weight: Number(t.weight.toFixed(4)) };
      });
      pickRows.push({
        article_id: corpus.ids[story]!,
        rank,
        pick_id: corpus.ids[pick]!,
        score: picks.score[at]!,
        similarity: picks.similarity[at]!,
        reasons: JSON.stringify(reasons),
        computed_at: s.at,
      });
      pickCount++;
    }
    if (documents.length >= STORIES_PER_TRANSACTION || story === corpus.size - 1) {
      const [rows, lists] = [documents, pickRows];
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('related_documents').values(rows).execute();
        // Counted in the transaction that writes them, so the count always matches the stored documents.
        for (const [language, count] of countBy(rows.map((d) => d.language)))
          await addToDocumentCount(tx, language, count);
        await tx
          .deleteFrom('related_picks')
          .where(
            'article_id',
            'in',
            rows.map((d) => d.article_id),
          )
          .execute();
        for (let start = 0; start < lists.length; start += WRITE_BATCH)
          await tx
            .insertInto('related_picks')
            .values(lists.slice(start, start + WRITE_BATCH))
            .execute();
      });
      documents = [];
      pickRows = [];
    }
    if (story % 1000 === 999 || story === corpus.size - 1) onProgress?.('write', story + 1, corpus.size);
    await pause();
  }
  return pickCount;
}

/**
 * The postings (each story's indexed terms) in primary-key order (term, story), many rows per
 * statement. Stories are in id order, so a stable counting sort by term puts them in key order in
 * linear time.
 */
async function writePostings(
  db: Db,
  corpus: FlatCorpus,
  indexed: { terms: Int32Array; start: Int32Array },
  termId: Int32Array,
  pause: () => Promise<void>,
) {
  const next = new Int32Array(termId.length + 1);
  for (const r of indexed.terms) next[r + 1]!++;
  for (let r = 1; r < next.length; r++) next[r]! += next[r - 1]!;
  const order = new Int32Array(indexed.terms.length);
  const storyOf = new Int32Array(indexed.terms.length);
  for (let story = 0; story < corpus.size; story++)
    for (let k = indexed.start[story]!; k < indexed.start[story + 1]!; k++) {
      storyOf[k] = story;
      order[next[indexed.terms[k]!]!++] = k;
    }
  const weightOf = (story: number, r: number) => {
    for (let k = corpus.vectorStart[story]!; k < corpus.vectorStart[story + 1]!; k++)
      if (corpus.termIds[k] === r) return corpus.weights[k]!;
    return 0;
  };
  for (let start = 0; start < order.length; start += POSTINGS_BATCH) {
    const rows = Array.from(order.subarray(start, start + POSTINGS_BATCH), (k) => {
      const r = indexed.terms[k]!;
      const story = storyOf[k]!;
      return {
        term_id: termId[r]!,
        article_id: corpus.ids[story]!,
        weight: Math.round(weightOf(story, r) * WEIGHT_SCALE),
      };
    });
    // One transaction per batch: each is one statement, and the connection is free between them.
    await db.insertInto('related_postings').values(rows).execute();
    await pause();
  }
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** Byte order, as SQLite's BINARY collation and the unique index compare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
