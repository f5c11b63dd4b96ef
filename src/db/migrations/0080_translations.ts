import type { MigrationDb } from './helpers.ts';
import { notNull } from './helpers.ts';

/**
 * What sections, tags and authors are called in each language. The row in `sections`/`tags`/`authors`
 * holds the default language's wording; a translation row overrides it for one other language, and a
 * language without a row falls back to the default. Slugs are shared by every language
 * (`/world`, `/uk/world`), so only names and descriptions are translated.
 *
 * `tag_translations.name_key` is the name folded for comparison in JavaScript (SQLite's lower() folds
 * ASCII only), so "Росія" typed on a Ukrainian story finds the tag whose Ukrainian name it is.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('section_translations')
    .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id').onDelete('cascade'))
    .addColumn('language', 'text', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('description', 'text')
    .addColumn('updated_at', 'text', notNull)
    .addPrimaryKeyConstraint('section_translations_pk', ['section_id', 'language'])
    .execute();

  await db.schema
    .createTable('tag_translations')
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('language', 'text', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('name_key', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addPrimaryKeyConstraint('tag_translations_pk', ['tag_id', 'language'])
    .addUniqueConstraint('tag_translations_language_name', ['language', 'name_key'])
    .execute();

  await db.schema
    .createTable('author_translations')
    .addColumn('author_id', 'integer', (c) => c.notNull().references('authors.id').onDelete('cascade'))
    .addColumn('language', 'text', notNull)
    .addColumn('job_title', 'text')
    .addColumn('bio', 'text')
    .addColumn('updated_at', 'text', notNull)
    .addPrimaryKeyConstraint('author_translations_pk', ['author_id', 'language'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('author_translations').execute();
  await db.schema.dropTable('tag_translations').execute();
  await db.schema.dropTable('section_translations').execute();
}
