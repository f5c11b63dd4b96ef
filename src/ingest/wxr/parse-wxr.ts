import { child, childText, children, isoDate, parseXml } from '../feeds/xml.ts';

/** A WordPress comment with its threading and moderation status. */
export interface WxrComment {
  id: number;
  parentId: number | null;
  author: string;
  email: string | null;
  url: string | null;
  ip: string | null;
  date: string | null;
  content: string;
  status: 'approved' | 'pending' | 'spam' | 'trash';
  /** comment, pingback, trackback. */
  type: string;
}

export interface WxrPost {
  id: number;
  guid: string;
  title: string;
  link: string | null;
  slug: string | null;
  /** The author's login; see `WxrExport.authors` for the display name. */
  authorLogin: string | null;
  date: string | null;
  /** WordPress statuses: publish, draft, pending, private, future. */
  status: string;
  type: string;
  /** Post HTML, with WordPress's paragraph breaks turned into <p> and [caption] shortcodes into figures. */
  html: string;
  excerpt: string | null;
  categories: Array<{ slug: string; name: string }>;
  tags: Array<{ slug: string; name: string }>;
  thumbnailId: number | null;
  comments: WxrComment[];
}

export interface WxrAttachment {
  id: number;
  url: string;
  title: string | null;
  caption: string | null;
  alt: string | null;
}

export interface WxrExport {
  site: { title: string | null; link: string | null; language: string | null };
  authors: Map<string, { login: string; displayName: string; email: string | null }>;
  categories: Array<{ slug: string; name: string; parentSlug: string | null }>;
  attachments: Map<number, WxrAttachment>;
  posts: WxrPost[];
}

/** Parses a WordPress export (WXR 1.x); null when the text is not one. */
export function parseWxr(text: string): WxrExport | null {
  const document = parseXml(text);
  const channel = child(document?.documentElement, 'channel');
  if (!channel || !child(channel, 'wp:wxr_version')) return null;

  const authors = new Map<string, { login: string; displayName: string; email: string | null }>();
  for (const author of children(channel, 'wp:author')) {
    const login = childText(author, 'wp:author_login');
    if (!login) continue;
    const first = childText(author, 'wp:author_first_name');
    const last = childText(author, 'wp:author_last_name');
    authors.set(login, {
      login,
      displayName:
        childText(author, 'wp:author_display_name') ?? ([first, last].filter(Boolean).join(' ') || login),
      email: childText(author, 'wp:author_email'),
    });
  }
  const categories = children(channel, 'wp:category').map((c) => ({
    slug: childText(c, 'wp:category_nicename') ?? '',
    name: childText(c, 'wp:cat_name') ?? '',
    parentSlug: childText(c, 'wp:category_parent'),
  }));

  const attachments = new Map<number, WxrAttachment>();
  const posts: WxrPost[] = [];
  for (const item of children(channel, 'item')) {
    const type = childText(item, 'wp:post_type') ?? 'post';
    const id = Number(childText(item, 'wp:post_id'));
    const meta = postMeta(item);
    if (type === 'attachment') {
      const url = childText(item, 'wp:attachment_url') ?? childText(item, 'guid');
      if (url && Number.isInteger(id)) {
        attachments.set(id, {
          id,
          url,
          title: childText(item, 'title'),
          caption: childText(item, 'excerpt:encoded'),
          alt: meta.get('_wp_attachment_image_alt') ?? null,
        });
      }
      continue;
    }
    if (type !== 'post' && type !== 'page') continue;
    const terms = children(item, 'category');
    const termsOf = (domain: string) =>
      terms
        .filter((t) => t.getAttribute('domain') === domain)
        .map((t) => ({ slug: t.getAttribute('nicename') ?? '', name: t.textContent?.trim() ?? '' }))
        .filter((t) => t.name);
    const thumbnail = Number(meta.get('_thumbnail_id'));
    posts.push({
      id,
      guid: childText(item, 'guid') ?? `${childText(channel, 'link') ?? ''}?p=${id}`,
      title: childText(item, 'title') ?? '',
      link: childText(item, 'link'),
      slug: childText(item, 'wp:post_name'),
      authorLogin: childText(item, 'dc:creator'),
      date: isoDate(childText(item, 'wp:post_date_gmt')) ?? isoDate(childText(item, 'pubDate')),
      status: childText(item, 'wp:status') ?? 'draft',
      type,
      html: wordpressHtml(child(item, 'content:encoded')?.textContent ?? ''),
      excerpt: childText(item, 'excerpt:encoded'),
      categories: termsOf('category'),
      tags: termsOf('post_tag'),
      thumbnailId: Number.isInteger(thumbnail) && thumbnail > 0 ? thumbnail : null,
      comments: children(item, 'wp:comment').map(wxrComment),
    });
  }
  return {
    site: {
      title: childText(channel, 'title'),
      link: childText(channel, 'link'),
      language: childText(channel, 'language'),
    },
    authors,
    categories,
    attachments,
    posts,
  };
}

function postMeta(item: Element): Map<string, string> {
  const meta = new Map<string, string>();
  for (const entry of children(item, 'wp:postmeta')) {
    const key = childText(entry, 'wp:meta_key');
    const value = childText(entry, 'wp:meta_value');
    if (key && value !== null) meta.set(key, value);
  }
  return meta;
}

function wxrComment(el: Element): WxrComment {
  const approved = childText(el, 'wp:comment_approved') ?? '0';
  const parent = Number(childText(el, 'wp:comment_parent'));
  return {
    id: Number(childText(el, 'wp:comment_id')),
    parentId: Number.isInteger(parent) && parent > 0 ? parent : null,
    author: childText(el, 'wp:comment_author') ?? 'Anonymous',
    email: childText(el, 'wp:comment_author_email'),
    url: childText(el, 'wp:comment_author_url'),
    ip: childText(el, 'wp:comment_author_IP'),
    date: isoDate(childText(el, 'wp:comment_date_gmt')) ?? isoDate(childText(el, 'wp:comment_date')),
    content: childText(el, 'wp:comment_content') ?? '',
    status:
      approved === '1'
        ? 'approved'
        : approved === 'spam'
          ? 'spam'
          : approved === 'trash'
            ? 'trash'
            : 'pending',
    type: childText(el, 'wp:comment_type') || 'comment',
  };
}

/**
 * WordPress stores post bodies with blank lines for paragraphs (its `wpautop` adds the <p> on display)
 * and shortcodes for captions. Both become plain HTML the shared parser reads.
 */
export function wordpressHtml(raw: string): string {
  let html = raw.replace(/\r\n?/g, '\n');
  html = html.replace(
    /\[caption[^\]]*\]\s*((?:<a[^>]*>\s*)?<img[^>]*>(?:\s*<\/a>)?)\s*([\s\S]*?)\[\/caption\]/gi,
    (_m, img: string, caption: string) => `<figure>${img}<figcaption>${caption.trim()}</figcaption></figure>`,
  );
  // Other shortcodes ([gallery], [embed], [audio]…) have no meaning outside WordPress.
  html = html.replace(/\[\/?[a-z_-]+(?:\s[^\]]*)?\]/gi, '');
  if (/<p[\s>]/i.test(html)) return html;
  return html
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) =>
      /^<(h[1-6]|ul|ol|blockquote|figure|div|table|pre|hr)\b/i.test(part)
        ? part
        : `<p>${part.replace(/\n/g, '<br>')}</p>`,
    )
    .join('\n');
}
