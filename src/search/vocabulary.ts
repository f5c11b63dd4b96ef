import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import { wordsOf } from '../shared/text.ts';
import type { SearchDocument } from './documents.ts';

/** The words of a document worth offering as a correction: letters only, 3 to 30 of them, lower case. */
export function vocabularyOf(doc: Pick<SearchDocument, 'title' | 'dek' | 'body' | 'tags'>): Set<string> {
  const words = new Set<string>();
  for (const raw of wordsOf(`${doc.title} ${doc.dek} ${doc.body} ${doc.tags}`)) {
    for (const part of raw.normalize('NFC').toLowerCase().split(/['’-]/)) {
      if (part.length >= 3 && part.length <= 30 && /^\p{L}+$/u.test(part)) words.add(part);
    }
  }
  return words;
}

/** Adds one to the document frequency of each word (inserting new words), in a stable order. */
export async function addWords(
  db: Db | Tx,
  language: string,
  words: Iterable<string>,
  by = 1,
): Promise<void> {
  const sorted = [...words].sort();
  for (let start = 0; start < sorted.length; start += 500) {
    await db
      .insertInto('search_words')
      .values(sorted.slice(start, start + 500).map((word) => ({ language, word, df: by })))
      .onConflict((oc) =>
        oc.columns(['language', 'word']).doUpdateSet({ df: sql<number>`search_words.df + excluded.df` }),
      )
      .execute();
  }
}

/** Takes one from each word's document frequency and forgets words no document uses any more. */
export async function removeWords(db: Db | Tx, language: string, words: Iterable<string>): Promise<void> {
  const sorted = [...words].sort();
  for (let start = 0; start < sorted.length; start += 500) {
    const chunk = sorted.slice(start, start + 500);
    await db
      .updateTable('search_words')
      .set({ df: sql<number>`df - 1` })
      .where('language', '=', language)
      .where('word', 'in', chunk)
      .execute();
    await db
      .deleteFrom('search_words')
      .where('language', '=', language)
      .where('word', 'in', chunk)
      .where('df', '<=', 0)
      .execute();
  }
}

/** Which of these words the vocabulary of a language knows. */
export async function knownWords(db: Db, language: string, words: readonly string[]): Promise<Set<string>> {
  if (words.length === 0) return new Set();
  const rows = await db
    .selectFrom('search_words')
    .select('word')
    .where('language', '=', language)
    .where('word', 'in', [...words])
    .execute();
  return new Set(rows.map((r) => r.word));
}

/** Optimal string alignment distance (Levenshtein plus swapping two neighbours), stopping past `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        value = Math.min(value, prevPrev[j - 2]! + 1);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[t.length]!;
}
