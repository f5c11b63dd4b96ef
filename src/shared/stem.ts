import { stemmer as porter } from 'stemmer';

/**
 * Word stems per language, shared by search and related stories so both understand "visited" and
 * "visits" (or "Пхеньяна" and "Пхеньяні") as one word. English uses the Porter stemmer; Ukrainian a
 * light suffix stripper (no Ukrainian stemmer ships with SQLite or PostgreSQL); any other language
 * keeps its words whole. Input is a lower-case word.
 */
export function stemWord(language: string, word: string): string {
  const base = baseLanguage(language);
  const stem = base === 'en' ? porter : base === 'uk' ? stemUkrainian : undefined;
  if (!stem) return word;
  // A rebuild stems tens of millions of words from a vocabulary of a few hundred thousand.
  let cache = STEMS.get(base);
  if (!cache || cache.size > STEM_CACHE_SIZE) STEMS.set(base, (cache = new Map()));
  let result = cache.get(word);
  if (result === undefined) cache.set(word, (result = stem(word)));
  return result;
}

const STEMS = new Map<string, Map<string, string>>();
const STEM_CACHE_SIZE = 500_000;

function baseLanguage(language: string): string {
  return language.length === 2 ? language : (language.split('-')[0] ?? language);
}

/**
 * Ukrainian endings (case, number, gender, verb forms), longest first. Stripping one of them from a
 * word that keeps at least three letters folds most inflected forms of a noun, adjective or verb onto
 * one stem: "Пхеньяна", "Пхеньяні", "Пхеньяном" → "пхеньян". A light stemmer: it sometimes folds too
 * little, rarely too much, and never needs a dictionary.
 */
const UK_ENDINGS = [
  'ування',
  'ювання',
  'ення',
  'ання',
  'ями',
  'ами',
  'ові',
  'еві',
  'ого',
  'ому',
  'ими',
  'іми',
  'ого',
  'ному',
  'ної',
  'них',
  'ним',
  'ною',
  'ній',
  'ний',
  'ати',
  'яти',
  'ити',
  'іти',
  'ють',
  'ать',
  'ять',
  'ить',
  'уть',
  'ала',
  'ила',
  'али',
  'или',
  'іли',
  'ів',
  'їв',
  'ій',
  'ий',
  'ої',
  'ою',
  'ею',
  'єю',
  'ах',
  'ях',
  'ам',
  'ям',
  'ом',
  'ем',
  'єм',
  'ія',
  'ії',
  'ію',
  'ієм',
  'ти',
  'ть',
  'ла',
  'ли',
  'ло',
  'ві',
  'а',
  'я',
  'о',
  'е',
  'є',
  'и',
  'і',
  'ї',
  'у',
  'ю',
  'ь',
  'в',
].sort((a, b) => b.length - a.length);

export function stemUkrainian(word: string): string {
  let stem = word.replace(/['’ʼ]/g, '');
  for (const reflexive of ['ся', 'сь']) {
    if (stem.length > 5 && stem.endsWith(reflexive)) {
      stem = stem.slice(0, -reflexive.length);
      break;
    }
  }
  for (const ending of UK_ENDINGS) {
    if (stem.endsWith(ending) && [...stem].length - [...ending].length >= 3)
      return stem.slice(0, -ending.length);
  }
  return stem;
}

/** Words too common to say what a story is about. */
const STOPWORDS: Record<string, ReadonlySet<string>> = {
  en: new Set(
    `a about above after again against all almost also although always am among an and another any are
    around as at be became because been before being below between both but by can could did do does
    doing down during each either else even ever every few for from further get gets got had has have
    having he her here hers herself him himself his how however i if in into is it its itself just last
    least less like made make many may me might more most much must my myself near neither never new
    next no nor not now of off often on once one only or other others our ours ourselves out over own
    per perhaps rather said same say says several she should since so some still such than that the
    their theirs them themselves then there these they this those though through thus to too toward
    towards two under until up upon us very via was we were what whatever when where whether which while
    who whom whose why will with within without would yet you your yours yourself yourselves mr mrs ms
    told according week weeks today yesterday tomorrow year years monday tuesday wednesday thursday
    friday saturday sunday`.split(/\s+/),
  ),
  uk: new Set(
    `а б без би був була були було бути в вам вас весь від він вона вони воно все всі вже га де для до
    є же з за зі і із й к коли ли лише мене ми на над навіть не неї нет ним них ні ніж нього о об один
    однак до от по під після при про саме се собі та так також там те ти то тобто того тоді той тому у
    уже це цей ці цього цю ця чи чим що щоб як яка який які якщо ж його її їх їм ним нею цим цими цій
    році року рік сказав сказала заявив заявила`.split(/\s+/),
  ),
};

export function isStopword(language: string, word: string): boolean {
  return STOPWORDS[baseLanguage(language)]?.has(word) ?? false;
}
