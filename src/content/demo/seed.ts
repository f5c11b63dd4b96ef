import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArticleInput } from '../article.input.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

const DEMO_NOTE_UK = 'Це скорочений фрагмент, підготовлений для демонстраційного вмісту Newsdesk.';

export const SEED_SLUG = 'a-step-of-desperation-time-analyzed-what-putins-visit-to-the-dprk-really-meant';
export const SEED_PUBLISHED_AT = '2024-06-20T09:30:00.000Z';
export const SEED_IMAGE_FILE = path.join(FIXTURES, 'seed-lead.jpg');
export const SEED_IMAGE = { width: 1600, height: 900 };

/** The seed article's tags (by address) as the Ukrainian excerpt names them: one tag, two names. */
export const SEED_TAGS_UK: Readonly<Record<string, string>> = {
  russia: 'Росія',
  'north-korea': 'Північна Корея',
  'vladimir-putin': 'Володимир Путін',
  'kim-jong-un': 'Кім Чен Ин',
  china: 'Китай',
};

interface SeedFixture {
  title: string;
  section: string;
  authors: string[];
  source: {
    outlet: string;
    originalTitle: string;
    originalAuthor: string;
    basedOn: string;
    language: string;
  };
  leadImage: { caption: string; credit: string };
  body: unknown[];
}

/** The structured seed article, copied into the project from the shared fixtures (nothing reads ../shared). */
export function readSeedFixture(): SeedFixture {
  return JSON.parse(
    fs.readFileSync(path.join(FIXTURES, 'seed-article.expected.json'), 'utf8'),
  ) as SeedFixture;
}

/**
 * The seed article as the demo publishes it: text, credit and image caption exactly as the fixture
 * gives them. The original 24 Channel collage is not ours to ship, so the image file is a stand-in
 * (the two flags) and its alt text says so.
 */
export function seedArticleInput(ids: {
  sectionId: number;
  authorIds: number[];
  imageUrl: string;
  mediaId: number;
}): ArticleInput {
  const seed = readSeedFixture();
  return {
    language: 'en',
    slug: SEED_SLUG,
    title: seed.title,
    dek: 'Russia’s embrace of North Korea looks less like strength than a sign of how few partners Moscow has left — and it risks irritating Beijing, Time’s analysts write.',
    body: seed.body,
    status: 'published',
    sectionId: ids.sectionId,
    authorIds: ids.authorIds,
    tags: ['Russia', 'North Korea', 'Vladimir Putin', 'Kim Jong-un', 'China'],
    leadImage: {
      mediaId: ids.mediaId,
      url: ids.imageUrl,
      alt: 'The flags of North Korea and Russia side by side (a stand-in for the original collage)',
      caption: seed.leadImage.caption,
      credit: seed.leadImage.credit,
      ...SEED_IMAGE,
    },
    source: {
      outlet: seed.source.outlet,
      outletUrl: 'https://24tv.ua/',
      originalTitle: seed.source.originalTitle,
      originalAuthor: seed.source.originalAuthor,
      originalLanguage: seed.source.language,
      basedOn: seed.source.basedOn,
      basedOnUrl: 'https://time.com/',
    },
    publishedAt: SEED_PUBLISHED_AT,
  };
}

/**
 * A short Ukrainian excerpt of the same story, written for the demo (and saying so at its end), so the
 * site shows a translation pair, hreflang links and the language switcher.
 */
export function seedUkrainianInput(ids: {
  sectionId: number;
  authorIds: number[];
  imageUrl: string;
  mediaId: number;
  translationGroupId: number | null;
}): ArticleInput {
  return {
    language: 'uk',
    slug: 'krok-vidchaiu-time-proanalizuvav-shcho-naspravdi-oznachav-vizyt-putina-do-kndr',
    title: 'Крок відчаю: Time проаналізував, що насправді означав візит Путіна до КНДР',
    dek: 'Зближення Росії з Північною Кореєю більше схоже на ознаку слабкості, ніж сили, — і воно може роздратувати Пекін, пишуть аналітики Time.',
    body: [
      {
        type: 'paragraph',
        text: 'Зв’язки між Росією та Північною Кореєю зараз міцніші, ніж будь-коли після розпаду Радянського Союзу. Водночас візит Путіна до КНДР більше скидався на справжній крок відчаю.',
      },
      {
        type: 'paragraph',
        text: 'Путін відвідав КНДР уперше за 24 роки, щоб зустрітися з Кім Чен Ином. Перший такий візит відбувся ще у 2000 році, на початку правління російського диктатора.',
      },
      { type: 'heading', level: 2, text: 'Що означає візит Путіна до Північної Кореї' },
      {
        type: 'paragraph',
        text: 'За даними видання, Путін повернувся до держави-ізгоя тоді, коли веде найкривавішу сухопутну війну в Європі з часів Другої світової, а Кім Чен Ин має ядерний арсенал.',
      },
      { type: 'heading', level: 2, text: 'До чого тут Китай' },
      {
        type: 'paragraph',
        text: 'Водночас візит Путіна до Пхеньяна загрожує погіршити відносини Росії з її головним політичним та економічним партнером — Китаєм.',
      },
      {
        type: 'paragraph',
        text: DEMO_NOTE_UK,
        marks: [{ type: 'italic', start: 0, end: DEMO_NOTE_UK.length }],
      },
    ],
    status: 'published',
    sectionId: ids.sectionId,
    authorIds: ids.authorIds,
    tags: Object.values(SEED_TAGS_UK),
    leadImage: {
      mediaId: ids.mediaId,
      url: ids.imageUrl,
      alt: 'Прапори Північної Кореї та Росії поруч (замість оригінального колажу)',
      caption: 'Путін відвідав КНДР уперше за 24 роки',
      credit: 'Колаж 24 Каналу',
      ...SEED_IMAGE,
    },
    source: {
      outlet: '24 Канал',
      outletUrl: 'https://24tv.ua/',
      originalAuthor: 'Поліна Буянова',
      originalLanguage: 'uk',
      basedOn: 'Time',
      basedOnUrl: 'https://time.com/',
    },
    publishedAt: SEED_PUBLISHED_AT,
    translationGroupId: ids.translationGroupId,
  };
}
