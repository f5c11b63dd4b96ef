import type { MigrationDb } from './helpers.ts';
import { notNull, withId } from './helpers.ts';

export async function up(db: MigrationDb): Promise<void> {
  await withId(db, db.schema.createTable('sections'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', notNull)
    .addColumn('description', 'text')
    .addColumn('parent_id', 'integer', (c) => c.references('sections.id').onDelete('set null'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  await withId(db, db.schema.createTable('authors'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', notNull)
    .addColumn('bio', 'text')
    .addColumn('avatar_url', 'text')
    .addColumn('job_title', 'text')
    .addColumn('website_url', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  await withId(db, db.schema.createTable('tags'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .execute();

  await withId(db, db.schema.createTable('media'))
    .addColumn('kind', 'text', notNull)
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('original_name', 'text')
    .addColumn('mime', 'text', notNull)
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('bytes', 'integer')
    .addColumn('alt', 'text')
    .addColumn('caption', 'text')
    .addColumn('credit', 'text')
    .addColumn('created_at', 'text', notNull)
    .execute();

  await withId(db, db.schema.createTable('translation_groups'))
    .addColumn('created_at', 'text', notNull)
    .execute();

  await withId(db, db.schema.createTable('articles'))
    .addColumn('language', 'text', notNull)
    .addColumn('slug', 'text', notNull)
    .addColumn('title', 'text', notNull)
    .addColumn('dek', 'text')
    .addColumn('body', 'text', notNull)
    .addColumn('excerpt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', notNull)
    .addColumn('section_id', 'integer', (c) => c.references('sections.id').onDelete('set null'))
    .addColumn('published_at', 'text')
    .addColumn('revised_at', 'text')
    .addColumn('scheduled_at', 'text')
    .addColumn('lead_image_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .addColumn('lead_image_url', 'text')
    .addColumn('lead_image_alt', 'text')
    .addColumn('lead_image_caption', 'text')
    .addColumn('lead_image_credit', 'text')
    .addColumn('lead_image_width', 'integer')
    .addColumn('lead_image_height', 'integer')
    .addColumn('seo_title', 'text')
    .addColumn('seo_description', 'text')
    .addColumn('translation_group_id', 'integer', (c) =>
      c.references('translation_groups.id').onDelete('set null'),
    )
    .addColumn('translation_of_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addUniqueConstraint('articles_language_slug_unique', ['language', 'slug'])
    .execute();
  await db.schema
    .createIndex('articles_status_published')
    .on('articles')
    .columns(['status', 'published_at'])
    .execute();
  await db.schema
    .createIndex('articles_section_status_published')
    .on('articles')
    .columns(['section_id', 'status', 'published_at'])
    .execute();
  await db.schema
    .createIndex('articles_translation_group')
    .on('articles')
    .column('translation_group_id')
    .execute();
  await db.schema
    .createIndex('articles_scheduled')
    .on('articles')
    .columns(['status', 'scheduled_at'])
    .execute();

  await db.schema
    .createTable('article_authors')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('authors.id').onDelete('cascade'))
    .addColumn('position', 'integer', notNull)
    .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'author_id'])
    .execute();
  await db.schema
    .createIndex('article_authors_author')
    .on('article_authors')
    .columns(['author_id', 'article_id'])
    .execute();

  await db.schema
    .createTable('article_tags')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('position', 'integer', notNull)
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
    .execute();
  await db.schema
    .createIndex('article_tags_tag')
    .on('article_tags')
    .columns(['tag_id', 'article_id'])
    .execute();

  await db.schema
    .createTable('article_sources')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('outlet', 'text')
    .addColumn('outlet_url', 'text')
    .addColumn('original_url', 'text')
    .addColumn('original_title', 'text')
    .addColumn('original_author', 'text')
    .addColumn('original_language', 'text')
    .addColumn('original_published_at', 'text')
    .addColumn('based_on', 'text')
    .addColumn('based_on_url', 'text')
    .addColumn('translator', 'text')
    .addColumn('retrieved_at', 'text')
    .addColumn('content_hash', 'text')
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', notNull)
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of [
    'settings',
    'article_sources',
    'article_tags',
    'article_authors',
    'articles',
    'translation_groups',
    'media',
    'tags',
    'authors',
    'sections',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
