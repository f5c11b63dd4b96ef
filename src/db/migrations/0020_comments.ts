import type { MigrationDb } from './helpers.ts';
import { notNull, withId } from './helpers.ts';

/**
 * Reader comments. `path` orders a thread depth-first (the zero-padded ids from the root down), so a
 * page of comments is one indexed range read however large the story's conversation. The article
 * keeps its approved count (cards show it without a join) and its per-story "comments closed" switch.
 */
export async function up(db: MigrationDb): Promise<void> {
  await withId(db, db.schema.createTable('comments'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('set null'))
    .addColumn('root_id', 'integer')
    .addColumn('depth', 'integer', notNull)
    .addColumn('path', 'text', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('status_before', 'text')
    .addColumn('held_reason', 'text')
    .addColumn('author_name', 'text', notNull)
    .addColumn('author_email', 'text', notNull)
    .addColumn('author_url', 'text')
    .addColumn('author_ip', 'text')
    .addColumn('author_token_hash', 'text')
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', notNull)
    .addColumn('fingerprint', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('comments_article_path')
    .on('comments')
    .columns(['article_id', 'status', 'path'])
    .execute();
  await db.schema
    .createIndex('comments_article_root')
    .on('comments')
    .columns(['article_id', 'status', 'root_id', 'path'])
    .execute();
  await db.schema.createIndex('comments_status_created').on('comments').columns(['status', 'id']).execute();
  await db.schema.createIndex('comments_email').on('comments').columns(['author_email', 'status']).execute();
  await db.schema.createIndex('comments_fingerprint').on('comments').column('fingerprint').execute();
  await db.schema.createIndex('comments_token').on('comments').column('author_token_hash').execute();
  await db.schema.createIndex('comments_created').on('comments').columns(['created_at']).execute();

  await db.schema
    .alterTable('articles')
    .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('articles')
    .addColumn('comments_closed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('comments_closed').execute();
  await db.schema.alterTable('articles').dropColumn('comment_count').execute();
  await db.schema.dropTable('comments').execute();
}
