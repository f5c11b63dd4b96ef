import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { textOfCommentHtml } from '../../src/comments/comment-import.ts';
import { parsePage, text } from '../helpers/html.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const exportFile = path.join(import.meta.dirname, '../fixtures/ingest/wordpress-export.xml');

describe('a WordPress site moved over keeps its comments', () => {
  let app: TestApp;
  before(async () => {
    app = await createTestApp();
  });
  after(() => app.close());

  it('stores each story’s comments with their threads and moderation statuses', async () => {
    const report = await app.services.ingest.run(
      { content: fs.readFileSync(exportFile), name: 'export.xml' },
      { status: 'keep' },
    );
    assert.deepEqual(report.comments, { found: 4, imported: 4 });
    const tram = (await app.services.articles.getById(report.created[0]!.articleId))!;
    assert.equal(tram.commentCount, 2, 'two approved');
    const rows = await app.database.db
      .selectFrom('comments')
      .select(['id', 'parent_id', 'depth', 'status', 'author_name', 'author_email', 'body', 'created_at'])
      .where('article_id', '=', tram.id)
      .orderBy('id')
      .execute();
    const byName = new Map(rows.map((r) => [r.author_name, r]));
    assert.equal(byName.get('Taras')?.status, 'approved');
    assert.equal(byName.get('Oksana Melnyk')?.parent_id, byName.get('Taras')?.id);
    assert.equal(byName.get('Halyna')?.parent_id, byName.get('Oksana Melnyk')?.id);
    assert.equal(byName.get('Halyna')?.depth, 2);
    assert.equal(byName.get('Halyna')?.status, 'pending');
    assert.equal(byName.get('cheap pills')?.status, 'spam');
    assert.equal(byName.get('cheap pills')?.body, 'buy now (http://spam.example.org)');
    assert.equal(byName.get('Taras')?.author_email, 'taras@example.net');

    const page = parsePage((await app.http.inject({ url: `/${tram.section!.slug}/${tram.slug}` })).body);
    const shown = Array.from(page.querySelectorAll('.comment-author')).map(text);
    assert.deepEqual(shown, ['Taras', 'Oksana Melnyk'], 'approved only, in thread order');
    assert.ok(
      page.querySelector(
        `#comment-${byName.get('Taras')!.id} .comment-replies #comment-${byName.get('Oksana Melnyk')!.id}`,
      ),
    );
  });

  it('turns WordPress comment HTML into plain text with its breaks', () => {
    assert.equal(
      textOfCommentHtml(
        '<p>One &amp; two<br>three</p><p>See <a href="https://x.example/">https://x.example/</a> <script>x</script></p>',
      ),
      'One & two\nthree\n\nSee https://x.example/ x',
    );
  });
});
