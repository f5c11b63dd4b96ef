import { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import type { EventBus } from '../shared/events.ts';
import { validateInput as parse } from './validate-input.ts';
import { listSectionTranslations } from './section.repository.ts';
import { tagNameKey } from './tag.repository.ts';

const language = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'That is not a language code.' });
const optionalText = (max: number, message: string) =>
  z
    .string()
    .max(max, { message })
    .nullish()
    .transform((v) => v?.replace(/\s+/g, ' ').trim() || null);

const sectionTranslationInput = z.object({
  sectionId: z.number().int().positive(),
  language,
  name: optionalText(80, 'A section name can be at most 80 characters.'),
  description: optionalText(500, 'A section description can be at most 500 characters.'),
});

const tagTranslationInput = z.object({
  tagId: z.number().int().positive(),
  language,
  name: optionalText(60, 'A tag name can be at most 60 characters.'),
});

const authorTranslationInput = z.object({
  authorId: z.number().int().positive(),
  language,
  jobTitle: optionalText(120, 'A job title can be at most 120 characters.'),
  bio: z
    .string()
    .max(2000, { message: 'A bio can be at most 2,000 characters.' })
    .nullish()
    .transform((v) => v?.trim() || null),
});

export interface TagForTranslation {
  id: number;
  slug: string;
  name: string;
  /** The tag's name in the language asked for, when it has one. */
  translation: string | null;
  /** Published stories with this tag, in any language: the busiest tags matter most. */
  stories: number;
}

/**
 * Editing what sections, tags and authors are called in the site's other languages. An empty name (or
 * empty texts) removes the translation, and readers of that language see the default wording again.
 * Every change is announced (section.changed, tag.changed, author.changed) so caches and the search
 * index follow.
 */
export function createTaxonomyTranslations({
  db,
  clock,
  events,
  defaultLanguage,
}: {
  db: Db;
  clock: Clock;
  events: EventBus;
  defaultLanguage: string;
}) {
  function refuseDefault(lang: string) {
    if (lang === defaultLanguage)
      throw new ValidationError(
        'The default language’s wording is the section’s, tag’s or author’s own: edit it there.',
        { language: 'Choose another language.' },
      );
  }

  return {
    listSectionTranslations: () => listSectionTranslations(db),

    async saveSectionTranslation(input: z.input<typeof sectionTranslationInput>): Promise<void> {
      const valid = parse(sectionTranslationInput, input);
      refuseDefault(valid.language);
      const section = await db
        .selectFrom('sections')
        .select('id')
        .where('id', '=', valid.sectionId)
        .executeTakeFirst();
      if (!section) throw new NotFoundError('That section does not exist any more.');
      const now = clock.now().toISOString();
      await db.transaction().execute(async (tx) => {
        await tx
          .deleteFrom('section_translations')
          .where('section_id', '=', valid.sectionId)
          .where('language', '=', valid.language)
          .execute();
        if (!valid.name) {
          if (valid.description)
            throw new ValidationError('A translated description needs a translated name too.', {
              name: 'Give the section a name in this language, or leave both empty.',
            });
          return;
        }
        await tx
          .insertInto('section_translations')
          .values({
            section_id: valid.sectionId,
            language: valid.language,
            name: valid.name,
            description: valid.description,
            updated_at: now,
          })
          .execute();
      });
      await events.emit('section.changed', { sectionId: valid.sectionId });
    },

    /** Tags with their name in `language`, busiest first; `query` matches either name or the address. */
    async listTagsForTranslation(options: {
      language: string;
      query?: string;
      untranslatedOnly?: boolean;
      limit: number;
      offset: number;
    }): Promise<{ total: number; tags: TagForTranslation[] }> {
      let base = db
        .selectFrom('tags as t')
        .leftJoin('tag_translations as tt', (join) =>
          join.onRef('tt.tag_id', '=', 't.id').on('tt.language', '=', options.language),
        );
      const q = options.query?.trim();
      if (q) {
        const like = `%${q.replace(/[\\%_]/g, '\\$&')}%`;
        const key = `%${tagNameKey(q).replace(/[\\%_]/g, '\\$&')}%`;
        base = base.where((eb) =>
          eb.or([eb('t.name', 'like', like), eb('t.slug', 'like', like), eb('tt.name_key', 'like', key)]),
        );
      }
      if (options.untranslatedOnly) base = base.where('tt.tag_id', 'is', null);
      const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await base
        .select((eb) => [
          't.id',
          't.slug',
          't.name',
          'tt.name as translation',
          eb
            .selectFrom('article_tags as at')
            .innerJoin('articles as a', 'a.id', 'at.article_id')
            .select((inner) => inner.fn.countAll<number>().as('c'))
            .whereRef('at.tag_id', '=', 't.id')
            .where('a.status', '=', 'published')
            .as('stories'),
        ])
        .orderBy('stories', 'desc')
        .orderBy('t.name')
        .limit(options.limit)
        .offset(options.offset)
        .execute();
      return {
        total: Number(count.n),
        tags: rows.map((r) => ({
          ...r,
          translation: r.translation ?? null,
          stories: Number(r.stories ?? 0),
        })),
      };
    },

    async saveTagTranslation(input: z.input<typeof tagTranslationInput>): Promise<void> {
      const valid = parse(tagTranslationInput, input);
      refuseDefault(valid.language);
      const tag = await db.selectFrom('tags').select('id').where('id', '=', valid.tagId).executeTakeFirst();
      if (!tag) throw new NotFoundError('That tag does not exist any more.');
      const now = clock.now().toISOString();
      await db.transaction().execute(async (tx) => {
        await tx
          .deleteFrom('tag_translations')
          .where('tag_id', '=', valid.tagId)
          .where('language', '=', valid.language)
          .execute();
        if (!valid.name) return;
        const key = tagNameKey(valid.name);
        const clash = await tx
          .selectFrom('tag_translations as tt')
          .innerJoin('tags as t', 't.id', 'tt.tag_id')
          .select(['t.name'])
          .where('tt.language', '=', valid.language)
          .where('tt.name_key', '=', key)
          .executeTakeFirst();
        if (clash)
          throw new ValidationError(`Another tag (“${clash.name}”) already has this name in this language.`, {
            name: 'Two tags cannot share a name in one language; choose another.',
          });
        await tx
          .insertInto('tag_translations')
          .values({
            tag_id: valid.tagId,
            language: valid.language,
            name: valid.name,
            name_key: key,
            updated_at: now,
          })
          .execute();
      });
      await events.emit('tag.changed', { tagId: valid.tagId });
    },

    async saveAuthorTranslation(input: z.input<typeof authorTranslationInput>): Promise<void> {
      const valid = parse(authorTranslationInput, input);
      refuseDefault(valid.language);
      const author = await db
        .selectFrom('authors')
        .select('id')
        .where('id', '=', valid.authorId)
        .executeTakeFirst();
      if (!author) throw new NotFoundError('That author does not exist any more.');
      const now = clock.now().toISOString();
      await db.transaction().execute(async (tx) => {
        await tx
          .deleteFrom('author_translations')
          .where('author_id', '=', valid.authorId)
          .where('language', '=', valid.language)
          .execute();
        if (!valid.jobTitle && !valid.bio) return;
        await tx
          .insertInto('author_translations')
          .values({
            author_id: valid.authorId,
            language: valid.language,
            job_title: valid.jobTitle,
            bio: valid.bio,
            updated_at: now,
          })
          .execute();
      });
      await events.emit('author.changed', { authorId: valid.authorId });
    },

    async listAuthorTranslations(): Promise<
      Array<{ authorId: number; language: string; jobTitle: string | null; bio: string | null }>
    > {
      return db
        .selectFrom('author_translations')
        .select(['author_id as authorId', 'language', 'job_title as jobTitle', 'bio'])
        .orderBy('author_id')
        .orderBy('language')
        .execute();
    },
  };
}
