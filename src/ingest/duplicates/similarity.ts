/**
 * Text similarity for "is this the same story?". A re-translation or a rewrite keeps the story's
 * facts — names, places, numbers, the rarer words — while changing the headline, the word order and
 * many common words ("a step of desperation" / "a step of despair"). So a story is reduced to a
 * fingerprint: its content words, lightly stemmed and weighted, plus its anchors (names and numbers).
 * Two fingerprints are compared by the cosine of their word weights and by how many anchors they share.
 */

export interface Fingerprint {
  /** Stemmed content words with their weights. */
  terms: Map<string, number>;
  /** Names and numbers: capitalised words inside sentences, figures. */
  anchors: Set<string>;
  /** How many content words the text has (short texts say less). */
  length: number;
}

const STOPWORDS = new Set(
  (
    'a an the and or but if then else of to in on at by for with from into onto over under about after before ' +
    'as is are was were be been being am do does did done have has had having will would shall should can could ' +
    'may might must not no nor so than too very just also only even still yet already this that these those ' +
    'it its it’s he she they we you i me him her them us our your their his hers theirs my mine what which who ' +
    'whom whose when where why how all any both each few more most other some such own same there here out up ' +
    'down off again further once said says say according while because until against between through during ' +
    'per via mr mrs ms one two new year years time times people would percent pct de la le les el los das der ' +
    'die und et y в і й та на з що не це як до за по від для у'
  ).split(' '),
);

/** A light stemmer: enough to match "sanctions"/"sanction", "analyzed"/"analyze", "Russia's"/"Russia". */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, '');
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (/[^a-z-]/.test(w)) return w.slice(0, 7); // other scripts and accents: a prefix is a fair stem
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  for (const suffix of [
    'ational',
    'ization',
    'ation',
    'ments',
    'ment',
    'ness',
    'ing',
    'edly',
    'ed',
    'ly',
    'er',
    'e',
  ]) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w.slice(0, 8);
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Builds the fingerprint of a story's headline and body text. */
export function fingerprint(title: string, body: string): Fingerprint {
  const counts = new Map<string, number>();
  const anchors = new Set<string>();
  let length = 0;
  const text = `${title}.\n${body}`;
  for (const sentence of text.split(/(?<=[.!?…])\s+|\n+/)) {
    let position = 0;
    for (const match of sentence.matchAll(WORD)) {
      const raw = match[0];
      const lower = raw.toLowerCase().replace(/['’]s$/, '');
      position++;
      if (/^\d/.test(raw)) {
        if (raw.length >= 2 || Number(raw) > 9) anchors.add(raw.replace(/[.,]/g, ''));
        continue;
      }
      if (STOPWORDS.has(lower) || lower.length < 3) continue;
      length++;
      const term = stem(lower);
      counts.set(term, (counts.get(term) ?? 0) + 1);
      // A capitalised word that does not open the sentence is a name, a place, an organisation.
      if (position > 1 && /^\p{Lu}/u.test(raw)) anchors.add(term);
      if (/^\p{Lu}{2,}$/u.test(raw)) anchors.add(term);
    }
  }
  const terms = new Map<string, number>();
  for (const [term, count] of counts) {
    const weight = (1 + Math.log(count)) * (anchors.has(term) ? 2 : 1) * (term.length >= 6 ? 1.3 : 1);
    terms.set(term, weight);
  }
  return { terms, anchors, length };
}

export interface Similarity {
  /** 0..1: the overall judgement. */
  score: number;
  cosine: number;
  /** Share of the smaller story's anchors found in the other. */
  anchors: number;
}

/** How alike two stories are; see `SAME_STORY_THRESHOLD`. */
export function similarity(a: Fingerprint, b: Fingerprint): Similarity {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [term, weight] of a.terms) {
    na += weight * weight;
    const other = b.terms.get(term);
    if (other !== undefined) dot += weight * other;
  }
  for (const weight of b.terms.values()) nb += weight * weight;
  const cosine = na && nb ? dot / Math.sqrt(na * nb) : 0;
  const smaller = a.anchors.size <= b.anchors.size ? a.anchors : b.anchors;
  const larger = smaller === a.anchors ? b.anchors : a.anchors;
  const shared = [...smaller].filter((anchor) => larger.has(anchor)).length;
  const anchorShare = smaller.size >= 3 ? shared / smaller.size : cosine;
  // A story much longer than the other is at most a story that contains it (an update, a longer version).
  const lengthRatio = Math.min(a.length, b.length) / Math.max(a.length, b.length, 1);
  const score = (0.65 * cosine + 0.35 * anchorShare) * (lengthRatio < 0.35 ? 0.85 : 1);
  return { score, cosine, anchors: anchorShare };
}

/**
 * Scores at or above this mean "the same story". Chosen on the pairs of `npm run eval:import`: rewrites
 * and re-translations scored 0.81–0.97, wire stories on the same topic and day up to 0.79. A warning an
 * editor reads costs little, a missed duplicate more, so the line sits below the closest related pairs.
 */
export const SAME_STORY_THRESHOLD = 0.7;

/** The terms that find candidates: anchors first (rarest in general), then the longest words. */
export function telltaleTerms(print: Fingerprint, limit = 24): string[] {
  return [...print.terms.entries()]
    .sort((x, y) => {
      const ax = print.anchors.has(x[0]) ? 1 : 0;
      const ay = print.anchors.has(y[0]) ? 1 : 0;
      return ay - ax || y[1] - x[1] || y[0].length - x[0].length || (x[0] < y[0] ? -1 : 1);
    })
    .slice(0, limit)
    .map(([term]) => term);
}

export function serialiseFingerprint(print: Fingerprint): string {
  return JSON.stringify({
    terms: [...print.terms.entries()].map(([t, w]) => [t, Math.round(w * 1000) / 1000]),
    anchors: [...print.anchors],
    length: print.length,
  });
}

export function parseFingerprint(json: string): Fingerprint {
  const raw = JSON.parse(json) as { terms: Array<[string, number]>; anchors: string[]; length: number };
  return { terms: new Map(raw.terms), anchors: new Set(raw.anchors), length: raw.length };
}
