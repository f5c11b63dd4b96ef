import { renderToString } from 'preact-render-to-string';
import { commentParagraphs } from '../../comments/comment-text.ts';
import type { PublicComment } from '../../comments/comment.service.ts';
import type { Article } from '../../content/types.ts';
import { GENERATOR, rfc822 } from '../../feeds/feed-model.ts';
import { el, textEl, xmlDocument } from '../../feeds/xml.ts';
import { CommentBody } from '../../views/components/comment-body.tsx';
import type { HttpDeps } from '../context.ts';
import { commentFeedPath } from './comments.presenter.ts';
import type { Presenter } from './presenters.ts';

/**
 * A story's comment feed (RSS 2.0): its newest approved comments, each linking to its place on the
 * page. Names and text only, as on the page: never an email address or a client address.
 */
export function renderCommentFeed(
  deps: HttpDeps,
  present: Presenter,
  article: Article,
  articlePath: string,
  comments: ReadonlyArray<PublicComment & { href: string }>,
): string {
  const { t } = present.i18n;
  const { urls } = deps;
  const articleUrl = urls.absolute(articlePath);
  const updated = comments[0]?.createdAt ?? article.publishedAt ?? deps.clock.now().toISOString();
  return xmlDocument(
    el(
      'rss',
      {
        version: '2.0',
        'xmlns:atom': 'http://www.w3.org/2005/Atom',
        'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      },
      el(
        'channel',
        {},
        el('title', {}, t('comments.feedTitle', { title: article.title })),
        el('link', {}, articleUrl),
        el('description', {}, t('comments.feedDescription', { title: article.title })),
        el('language', {}, article.language),
        el('lastBuildDate', {}, rfc822(updated)),
        el('generator', {}, GENERATOR),
        el('atom:link', {
          href: urls.absolute(commentFeedPath(articlePath)),
          rel: 'self',
          type: 'application/rss+xml',
        }),
        ...comments.map((comment) =>
          el(
            'item',
            {},
            el('title', {}, t('comments.feedItemTitle', { name: comment.authorName, title: article.title })),
            el('link', {}, urls.absolute(comment.href)),
            el('guid', { isPermaLink: 'false' }, `${urls.siteUrl}/comments/${comment.id}`),
            el('pubDate', {}, rfc822(comment.createdAt)),
            el('dc:creator', {}, comment.authorName),
            textEl(
              'description',
              renderToString(<CommentBody paragraphs={commentParagraphs(comment.body)} />),
            ),
          ),
        ),
      ),
    ),
  );
}
