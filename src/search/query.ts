import { BadRequestError } from '../shared/errors.ts';
import { stemWord } from '../shared/stem.ts';

/** The longest query we accept, in characters; longer is a 400 that says so. */
export const MAX_QUERY_LENGTH = 300;
const MAX_CLAUSES = 16;
const MAX_WORD_LENGTH = 40;
const MIN_PREFIX_LENGTH = 3;

/** One part of a query: a word (perhaps a prefix, as one types) or a quoted phrase; either may be excluded. */
export interface QueryClause {
  words: string[];
  phrase: boolean;
  prefix: boolean;
  exclude: boolean;
  /**
   * For a prefix: whole words of the vocabulary that begin with it. Stemmers cut a prefix differently
   * from the word it begins ("pyongy" → "pyongi", but "pyongyang" stays), so each is matched as a word too.
   */
  expansions?: string[];
  /**
   * In a language neither database stems (Ukrainian: see `stemmedHere`), what each word is matched
   * as: its stem as a prefix ("Путіну" → путін*, finding "Путіна" and "Путін"), or a word too short
   * to stem as itself. Set by `withStems`; without it the database stems the words.
   */
  stems?: Array<{ text: string; prefix: boolean }>;
}

export interface ParsedQuery {
  /** The query as the reader typed it, trimmed. */
  text: string;
  clauses: QueryClause[];
}

/** A query with something to look for: at least one word that is not excluded. */
export function isSearchable(query: ParsedQuery): boolean {
  return query.clauses.some((c) => !c.exclude);
}

/**
 * Reads what a reader typed into a query, never failing on what it cannot use: operators of any
 * search syntax, unbalanced quotes, SQL, emoji and markup are reduced to words (letters and digits),
 * "quoted phrases" stay phrases, `-word` excludes, and the last word is a prefix unless the reader
 * finished it with a space (typing "pyong" finds Pyongyang). Only an overlong query is an error.
 */
export function parseQuery(input: string): ParsedQuery {
  if (input.length > MAX_QUERY_LENGTH) {
    throw new BadRequestError(
      `That search is too long: use at most ${MAX_QUERY_LENGTH} characters (it had ${input.length.toLocaleString('en')}).`,
      { q: `Use at most ${MAX_QUERY_LENGTH} characters.` },
    ).say(
      'search.error.tooLong',
      { max: MAX_QUERY_LENGTH, length: input.length },
      { q: { key: 'search.error.tooLongField', values: { max: MAX_QUERY_LENGTH } } },
    );
  }
  const text = input.replace(/\s+/g, ' ').trim();
  const clauses: QueryClause[] = [];
  const quotes = (text.match(/"/g) ?? []).length;
  // An unbalanced last quote opens nothing: its words are read as plain words.
  const usable = quotes % 2 === 1 ? dropLastQuote(text) : text;
  const pattern = /(-?)"([^"]*)"|(\S+)/g;
  for (const match of usable.matchAll(pattern)) {
    if (match[2] !== undefined) {
      const words = normalWords(match[2]);
      if (words.length > 0)
        clauses.push({ words, phrase: words.length > 1, prefix: false, exclude: match[1] === '-' });
      continue;
    }
    const token = match[3]!;
    if (/^(AND|OR|NOT|NEAR)$/.test(token)) continue; // operators of other syntaxes: not words to find
    const exclude = token.startsWith('-') && token.length > 1;
    const explicitPrefix = /[\p{L}\p{M}\p{N}]\*+$/u.test(token);
    const words = normalWords(token);
    words.forEach((word, index) =>
      clauses.push({
        words: [word],
        phrase: false,
        prefix: explicitPrefix && index === words.length - 1 && word.length >= MIN_PREFIX_LENGTH,
        exclude,
      }),
    );
  }
  // As-you-type: the last plain word, if the reader has not finished it with a space, is a prefix.
  const last = clauses.at(-1);
  if (
    last &&
    !last.phrase &&
    !last.exclude &&
    /[\p{L}\p{M}\p{N}]$/u.test(input) &&
    last.words[0]!.length >= MIN_PREFIX_LENGTH
  )
    last.prefix = true;
  return { text, clauses: dedupe(clauses).slice(0, MAX_CLAUSES) };
}

/**
 * Languages stemmed here rather than by the database: SQLite's FTS5 stems English only (Porter) and
 * PostgreSQL has no Ukrainian configuration ('simple'), so a Ukrainian query is stemmed by our light
 * stemmer (shared/stem.ts, also used by related stories) and each stem matched as a prefix of the
 * indexed words, which covers the inflected forms of the same stem in stories and highlights them.
 */
export function stemmedHere(language: string): boolean {
  return language.split('-')[0] === 'uk';
}

/** The query with `stems` set on every clause when its language is stemmed here; otherwise as it was. */
export function withStems(query: ParsedQuery, language: string): ParsedQuery {
  if (!stemmedHere(language)) return query;
  return {
    ...query,
    clauses: query.clauses.map((c) => ({
      ...c,
      stems: c.words.map((word, index) => {
        const stem = stemWord(language, word);
        return stem.length >= MIN_PREFIX_LENGTH && word.startsWith(stem)
          ? { text: stem, prefix: true }
          : { text: word, prefix: c.prefix && index === c.words.length - 1 };
      }),
    })),
  };
}

function dropLastQuote(text: string): string {
  const at = text.lastIndexOf('"');
  return `${text.slice(0, at)} ${text.slice(at + 1)}`;
}

/** Lower-cased words of letters and digits only: nothing any database could read as syntax. */
function normalWords(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu) ?? []
  ).map((w) => w.slice(0, MAX_WORD_LENGTH));
}

function dedupe(clauses: QueryClause[]): QueryClause[] {
  const seen = new Set<string>();
  return clauses.filter((c) => {
    const key = `${c.exclude ? '-' : ''}${c.phrase ? '"' : ''}${c.words.join(' ')}${c.prefix ? '*' : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The query with some words replaced (typo corrections), as text a reader can read and re-run. */
export function rewriteQuery(query: ParsedQuery, replace: ReadonlyMap<string, string>): ParsedQuery {
  const clauses = query.clauses.map((c) => ({ ...c, words: c.words.map((w) => replace.get(w) ?? w) }));
  return { text: clausesToText(clauses), clauses };
}

export function clausesToText(clauses: readonly QueryClause[]): string {
  return clauses
    .map((c) => `${c.exclude ? '-' : ''}${c.phrase ? `"${c.words.join(' ')}"` : c.words.join(' ')}`)
    .join(' ');
}

/** An FTS5 MATCH expression: every word quoted (so nothing is an operator), `*` for prefixes, NOT for exclusions. */
export function toFts5Match(query: ParsedQuery): string {
  const quote = (c: QueryClause) => {
    // A phrase of stems is a chain of prefix tokens: "візит"* + "путін"* (FTS5 allows * on each).
    const own = c.stems
      ? c.stems.map((s) => `"${s.text}"${s.prefix ? '*' : ''}`).join(' + ')
      : `"${c.words.join(' ')}"${c.prefix ? '*' : ''}`;
    return c.expansions?.length ? `(${[own, ...c.expansions.map((w) => `"${w}"`)].join(' OR ')})` : own;
  };
  const wanted = query.clauses.filter((c) => !c.exclude).map(quote);
  const unwanted = query.clauses.filter((c) => c.exclude).map(quote);
  if (wanted.length === 0) return '';
  // Explicit AND: FTS5 accepts juxtaposition between phrases but not next to a parenthesised group.
  const all = wanted.join(' AND ');
  return unwanted.length ? `(${all}) NOT (${unwanted.join(' OR ')})` : all;
}

/**
 * A PostgreSQL `to_tsquery` text: each word single-quoted (words hold letters and digits only), `:*`
 * for prefixes, `<->` between the words of a phrase, `!` for exclusions. The database's text search
 * configuration then stems each word as it stemmed the documents.
 */
export function toTsQuery(query: ParsedQuery): string {
  const term = (word: string, prefix: boolean) => `'${word}'${prefix ? ':*' : ''}`;
  const parts = query.clauses.map((c) => {
    const inner = c.stems
      ? c.stems.length > 1
        ? `(${c.stems.map((s) => term(s.text, s.prefix)).join(' <-> ')})`
        : c.expansions?.length
          ? `(${[term(c.stems[0]!.text, c.stems[0]!.prefix), ...c.expansions.map((w) => term(w, false))].join(' | ')})`
          : term(c.stems[0]!.text, c.stems[0]!.prefix)
      : c.phrase
        ? `(${c.words.map((w) => term(w, false)).join(' <-> ')})`
        : c.expansions?.length
          ? `(${[term(c.words[0]!, c.prefix), ...c.expansions.map((w) => term(w, false))].join(' | ')})`
          : term(c.words[0]!, c.prefix);
    return c.exclude ? `!${inner}` : inner;
  });
  return query.clauses.some((c) => !c.exclude) ? parts.join(' & ') : '';
}
