import { blocksToPlainText, parseHtmlToBlocks } from '../richtext/index.ts';
import { ValidationError } from '../shared/errors.ts';
import { captionAndCredit } from './extract/caption.ts';
import { cleanBlocks } from './extract/cleanup.ts';
import { extractArticleFromHtml } from './extract/extract-html.ts';
import { extractArticleFromText } from './extract/extract-text.ts';
import { guessLanguage, normaliseLanguage } from './extract/language.ts';
import { type FeedItem, parseFeed } from './feeds/parse-feed.ts';
import { hashBytes, type LoadedSource } from './sources.ts';
import type { ExtractedArticle } from './types.ts';
import { parseWxr, type WxrComment, type WxrExport, type WxrPost } from './wxr/parse-wxr.ts';

/** One story ready to become an article, with everything the provenance needs. */
export interface ImportCandidate {
  /** Unique per source item: the same key is never taken twice. */
  key: string;
  kind: LoadedSource['kind'];
  article: ExtractedArticle;
  /** Where the story came from, for provenance (the page, the feed item, the exported post). */
  originalUrl: string | null;
  outletUrl: string | null;
  retrievedAt: string;
  contentHash: string;
  /** WordPress keeps its own status and address; everything else arrives as a draft. */
  status: 'draft' | 'published' | 'scheduled';
  slug: string | null;
  /** The category a WordPress post was filed under (name and slug), to file it the same way here. */
  category: { slug: string; name: string } | null;
  comments: WxrComment[];
  /** A feed item that carried only a summary: the page at `originalUrl` has the story. */
  summaryOnly: boolean;
}

export interface SourceSummary {
  kind: LoadedSource['kind'];
  title: string | null;
  siteUrl: string | null;
  language: string | null;
}

/** Reads every story in a loaded source. Throws a ValidationError naming the problem when there is none. */
export function candidatesOf(
  source: LoadedSource,
  options: { feedKey?: string } = {},
): { summary: SourceSummary; candidates: ImportCandidate[] } {
  switch (source.kind) {
    case 'html':
    case 'text': {
      const article =
        source.kind === 'html'
          ? extractArticleFromHtml(source.text, { url: source.url })
          : extractArticleFromText(source.text);
      if (!article) {
        throw new ValidationError(
          `${describe(source)} does not look like an article: no headline and story text could be found in it.`,
        ).say('import.error.notArticle', { source: source.url ?? source.name ?? '' });
      }
      const originalUrl = article.source.url ?? source.url;
      return {
        summary: {
          kind: source.kind,
          title: article.title,
          siteUrl: originalUrl,
          language: article.language,
        },
        candidates: [
          {
            key: originalUrl ? `url:${originalUrl}` : `hash:${source.contentHash}`,
            kind: source.kind,
            article,
            originalUrl,
            outletUrl: originUrl(originalUrl),
            retrievedAt: source.retrievedAt,
            contentHash: source.contentHash,
            status: 'draft',
            slug: null,
            category: null,
            comments: [],
            summaryOnly: false,
          },
        ],
      };
    }
    case 'feed':
      return feedCandidates(source, options.feedKey ?? source.url ?? source.contentHash);
    case 'wxr':
      return wxrCandidates(source);
  }
}

function feedCandidates(source: LoadedSource, feedKey: string) {
  const feed = parseFeed(source.text, source.url);
  if (!feed)
    throw new ValidationError(`${describe(source)} is not a feed that Newsdesk can read (RSS or Atom).`).say(
      'import.error.notFeed',
      { source: source.url ?? source.name ?? '' },
    );
  const language = normaliseLanguage(feed.language);
  const candidates = feed.items.flatMap((item): ImportCandidate[] => {
    const article = feedItemArticle(item, { outlet: feed.title, language });
    if (!article) return [];
    return [
      {
        key: `feed:${feedKey}#${item.guid}`,
        kind: 'feed',
        article,
        originalUrl: item.url,
        outletUrl: feed.siteUrl ?? originUrl(item.url),
        retrievedAt: source.retrievedAt,
        contentHash: hashBytes(`${item.title ?? ''}\n${item.html}`),
        status: 'draft',
        slug: null,
        category: null,
        comments: [],
        summaryOnly: !item.isFullText && blocksToPlainText(article.body).length < 600,
      },
    ];
  });
  return {
    summary: { kind: 'feed' as const, title: feed.title, siteUrl: feed.siteUrl, language },
    candidates,
  };
}

/** A feed item as a story: its HTML through the shared parser and cleanup, its image as the lead. */
export function feedItemArticle(
  item: FeedItem,
  context: { outlet: string | null; language: string | null },
): ExtractedArticle | null {
  const title = item.title?.replace(/\s+/g, ' ').trim();
  if (!title) return null;
  const body = cleanBlocks(parseHtmlToBlocks(item.html, { baseUrl: item.url ?? undefined }), {
    title,
    authors: item.authors,
  });
  const firstImage = body[0]?.type === 'image' ? body[0] : undefined;
  const lead =
    item.image ??
    (firstImage
      ? { url: firstImage.src, caption: firstImage.caption ?? null, credit: firstImage.credit ?? null }
      : null);
  return {
    title,
    dek: null,
    authors: item.authors,
    publishedAt: item.publishedAt,
    language: context.language ?? guessLanguage(blocksToPlainText(body)),
    leadImage: lead
      ? { url: lead.url, alt: firstImage?.alt ?? '', caption: lead.caption, credit: lead.credit }
      : null,
    source: {
      outlet: context.outlet,
      url: item.url,
      originalTitle: title,
      originalAuthor: item.authors.join(', ') || null,
    },
    body: firstImage && lead && lead.url === firstImage.src ? body.slice(1) : body,
    tags: item.categories.slice(0, 10),
    section: null,
  };
}

function wxrCandidates(source: LoadedSource) {
  const wxr = parseWxr(source.text);
  if (!wxr)
    throw new ValidationError(`${describe(source)} is not a WordPress export that Newsdesk can read.`).say(
      'import.error.notWxr',
      { source: source.url ?? source.name ?? '' },
    );
  const language = normaliseLanguage(wxr.site.language);
  const candidates = wxr.posts
    .filter(
      (post) =>
        post.type === 'post' &&
        post.title.trim() &&
        ['publish', 'draft', 'pending', 'future', 'private'].includes(post.status),
    )
    .map((post) => wxrCandidate(wxr, post, source, language));
  return {
    summary: { kind: 'wxr' as const, title: wxr.site.title, siteUrl: wxr.site.link, language },
    candidates,
  };
}

function wxrCandidate(
  wxr: WxrExport,
  post: WxrPost,
  source: LoadedSource,
  language: string | null,
): ImportCandidate {
  const author = post.authorLogin ? wxr.authors.get(post.authorLogin) : undefined;
  const authors = author ? [author.displayName] : post.authorLogin ? [post.authorLogin] : [];
  const attachment = post.thumbnailId ? wxr.attachments.get(post.thumbnailId) : undefined;
  const captioned = attachment?.caption ? captionAndCredit(attachment.caption) : undefined;
  const body = cleanBlocks(
    parseHtmlToBlocks(post.html, { baseUrl: post.link ?? wxr.site.link ?? undefined }),
    {
      title: post.title,
      authors: [],
    },
  );
  const article: ExtractedArticle = {
    title: post.title.replace(/\s+/g, ' ').trim(),
    dek: post.excerpt
      ? post.excerpt
          .replace(/<[^>]*>/g, '')
          .replace(/\s+/g, ' ')
          .trim() || null
      : null,
    authors,
    publishedAt: post.date,
    language: language ?? guessLanguage(blocksToPlainText(body)),
    leadImage: attachment
      ? {
          url: attachment.url,
          alt: attachment.alt ?? '',
          caption: captioned?.caption ?? attachment.caption,
          credit: captioned?.credit ?? null,
        }
      : null,
    source: {
      outlet: wxr.site.title,
      url: post.link,
      originalTitle: post.title,
      originalAuthor: authors.join(', ') || null,
    },
    body,
    tags: [...post.tags.map((t) => t.name), ...post.categories.slice(1).map((c) => c.name)].slice(0, 30),
    section: post.categories[0]?.name ?? null,
  };
  return {
    key: `wxr:${wxr.site.link ?? source.contentHash}#${post.id}`,
    kind: 'wxr',
    article,
    originalUrl: post.link,
    outletUrl: wxr.site.link,
    retrievedAt: source.retrievedAt,
    contentHash: hashBytes(post.html),
    status: post.status === 'publish' ? 'published' : post.status === 'future' ? 'scheduled' : 'draft',
    slug: post.slug,
    category: post.categories[0] ?? null,
    comments: post.comments,
    summaryOnly: false,
  };
}

function describe(source: LoadedSource): string {
  return source.url ? `The page at ${source.url}` : source.name ? `“${source.name}”` : 'The text';
}

function originUrl(url: string | null): string | null {
  try {
    return url ? `${new URL(url).origin}/` : null;
  } catch {
    return null;
  }
}
