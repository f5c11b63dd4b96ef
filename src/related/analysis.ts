import { isStopword, stemWord } from '../shared/stem.ts';
import { wordsOf } from '../shared/text.ts';

/** What a story is about, before weighting: its text fields and tags, in its language. */
export interface StoryText {
  language: string;
  title: string;
  dek: string;
  body: string;
  tags: readonly string[];
}

/**
 * One feature of a story: a word stem (`w:`) or a name of several words (`n:`: a person, place or
 * organisation), with its field-weighted count and the form a person would recognise (for
 * explanations). Tags are not features of their own: a tag adds to the word or name it is
 * (see `analyseStory`).
 */
export interface Feature {
  count: number;
  /** For a tag, its name after `TAG_MARK`: a term any story was tagged with is explained as a tag. */
  label: string;
}

export type FeatureKind = 'word' | 'name' | 'tag';

/** Stored labels of terms a story was tagged with start with this, so explanations can say "tag". */
export const TAG_MARK = '#';

/** A stored term as an explanation shows it: its kind and the form a person recognises. */
export function describeTerm(key: string, label: string): { kind: FeatureKind; label: string } {
  if (label.startsWith(TAG_MARK)) return { kind: 'tag', label: label.slice(TAG_MARK.length) };
  return { kind: key.startsWith('n:') ? 'name' : 'word', label };
}

/** How much one occurrence counts, by where it is: the headline says most about what a story is about. */
const FIELD_WEIGHT = { title: 3, dek: 2, body: 1 } as const;
/** A name counts on top of its words; a tag is the newsroom's own word for the subject. */
const NAME_WEIGHT = 1.5;
const TAG_WEIGHT = 4;
/** Only the opening of a long body: the lede and nut graf say what a story is about, the tail wanders. */
const BODY_WORDS = 600;

/**
 * Cuts a story into features: stems of its words (stopwords and numbers left out), the names of
 * several words in it ("Saudi Arabia", "Bank of Japan"), and its tags.
 *
 * Each subject is one feature, however it appears: a one-word name ("Moscow") is already its word,
 * and a tag adds its weight to the word or name it is (tag "Moscow" → `w:moscow`, tag "North
 * Korea" → `n:north korea`). Counting "Moscow" as a word, a name and a tag made a place weigh three
 * times what it should, and kept a tagged story from matching an untagged one on that subject.
 */
export function analyseStory(story: StoryText): Map<string, Feature> {
  const features = new Map<string, Feature>();
  const add = (key: string, count: number, label: string) => {
    const feature = features.get(key);
    if (feature) feature.count += count;
    else features.set(key, { count, label });
  };
  const body = wordsOf(story.body).slice(0, BODY_WORDS).join(' ');
  const fields: Array<[keyof typeof FIELD_WEIGHT, string]> = [
    ['title', story.title],
    ['dek', story.dek],
    ['body', story.body.length > BODY_WORDS * 4 ? body : story.body],
  ];
  for (const [field, text] of fields) {
    const weight = FIELD_WEIGHT[field];
    for (const raw of wordsOf(text)) {
      const key = wordKey(story.language, raw);
      if (key) add(key, weight, raw.normalize('NFC').toLowerCase());
    }
    for (const name of namesIn(text, story.language))
      if (name.includes(' ')) add(`n:${name.toLowerCase()}`, weight * NAME_WEIGHT, name);
  }
  for (const tag of story.tags) {
    const label = tag.trim();
    if (!label) continue;
    const words = wordsOf(label);
    const key =
      words.length === 1 ? wordKey(story.language, words[0]!) : `n:${label.normalize('NFC').toLowerCase()}`;
    if (!key) continue;
    add(key, TAG_WEIGHT, label);
    features.get(key)!.label = `${TAG_MARK}${label}`;
  }
  return features;
}

/** The feature key of one word (`w:` and its stem), or none for a stopword, number or scrap. */
function wordKey(language: string, raw: string): string | undefined {
  const word = raw.normalize('NFC').toLowerCase();
  if (word.length < 2 || /^[\p{N}'’.-]+$/u.test(word) || isStopword(language, word)) return undefined;
  const stem = stemWord(language, word.replace(/['’]s$/, ''));
  return stem.length < 2 ? undefined : `w:${stem}`;
}

/** Small words that may sit inside a name: "Bank of Japan", "Organisation for Economic Co-operation". */
const NAME_JOINERS = new Set(['of', 'for', 'and', 'de', 'la', 'du', 'von', 'van', 'al', 'bin']);
const CAPITALISED = /^\p{Lu}[\p{L}\p{M}'’.-]*$/u;

/**
 * Names in running text, simply and honestly: a run of two or more capitalised words ("Saudi
 * Arabia", "Kim Jong-un", "Bank of Japan"), or one capitalised word that does not open a sentence
 * ("talks in Moscow") or is an acronym ("OPEC"). A leading "The" is dropped; a name that is only a
 * stopword ("He", "But") is not a name.
 */
export function namesIn(text: string, language: string): string[] {
  const names: string[] = [];
  // Sentences end at . ! ? (and a new line); the first word of each is capitalised anyway.
  for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
    const words = sentence.split(/\s+/).map((w) => w.replace(/^[("“‘«]+|[)"”’»,;:.!?]+$/g, ''));
    let run: string[] = [];
    let runStart = 0;
    const flush = () => {
      while (run.length > 0 && NAME_JOINERS.has(run[run.length - 1]!)) run.pop();
      if (run.length > 0 && /^(the|a|an)$/i.test(run[0]!)) {
        run.shift();
        runStart++;
      }
      const single = run.length === 1 ? run[0]! : '';
      const acronym = /^\p{Lu}{2,6}$/u.test(single);
      const keep =
        run.length >= 2 ||
        (run.length === 1 && (runStart > 0 || acronym) && !isStopword(language, single.toLowerCase()));
      if (keep && run.join(' ').length >= 2) names.push(run.join(' '));
      run = [];
    };
    words.forEach((word, index) => {
      if (CAPITALISED.test(word) && !/^\p{Lu}?[\p{N}]/u.test(word)) {
        if (run.length === 0) runStart = index;
        run.push(word.replace(/['’]s$/, ''));
      } else if (run.length > 0 && NAME_JOINERS.has(word)) run.push(word);
      else flush();
    });
    flush();
  }
  return names;
}
