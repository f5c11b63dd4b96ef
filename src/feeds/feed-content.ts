import type { Article, Provenance } from '../content/types.ts';
import type { Translator } from '../i18n/i18n.ts';
import { type Block, type Mark, type RichText, renderBlocks } from '../richtext/index.ts';

/**
 * Makes a link or image target absolute against the article's own address: feed readers show the
 * story away from the site, where `/world/…` or `#part-two` would lead nowhere.
 */
export function absoluteUrl(href: string, base: string): string {
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return href;
  }
}

function absoluteMarks(marks: readonly Mark[] | undefined, base: string): Mark[] | undefined {
  return marks?.map((m) => (m.type === 'link' ? { ...m, href: absoluteUrl(m.href, base) } : m));
}

function absoluteRichText<T extends RichText>(value: T, base: string): T {
  return value.marks ? { ...value, marks: absoluteMarks(value.marks, base) } : value;
}

/** The same blocks with every link and image address made absolute. */
export function absoluteBlocks(blocks: readonly Block[], base: string): Block[] {
  return blocks.map((block) => {
    switch (block.type) {
      case 'image':
        return { ...block, src: absoluteUrl(block.src, base) };
      case 'list':
        return { ...block, items: block.items.map((item) => absoluteRichText(item, base)) };
      default:
        return absoluteRichText(block, base);
    }
  });
}

/** A run of text with a link over the first occurrence of `name`, when there is an address for it. */
function linked(text: string, name: string | null, href: string | null): RichText {
  const start = name ? text.indexOf(name) : -1;
  if (!name || !href || start < 0) return { text };
  return { text, marks: [{ type: 'link', start, end: start + name.length, href }] };
}

/**
 * The credit line a republished story carries everywhere it goes, feeds included: who it is based on,
 * who wrote the original and where, and the language it was translated from.
 */
export function creditBlocks(source: Provenance | null, articleLanguage: string, i18n: Translator): Block[] {
  if (!source) return [];
  const { t } = i18n;
  const parts: RichText[] = [];
  if (source.basedOn) {
    parts.push(linked(t('article.basedOn', { source: source.basedOn }), source.basedOn, source.basedOnUrl));
  }
  if (source.originalAuthor && source.outlet) {
    parts.push(
      linked(
        t('article.originalBy', { author: source.originalAuthor, outlet: source.outlet }),
        source.outlet,
        source.outletUrl,
      ),
    );
  } else if (source.originalAuthor) {
    parts.push({ text: t('article.originalByAuthor', { author: source.originalAuthor }) });
  } else if (source.outlet) {
    parts.push(
      linked(t('article.originalOutlet', { outlet: source.outlet }), source.outlet, source.outletUrl),
    );
  }
  if (source.originalLanguage && source.originalLanguage !== articleLanguage) {
    const language = i18n.languageName(source.originalLanguage);
    parts.push({
      text: source.translator
        ? t('article.translatedFromBy', { language, translator: source.translator })
        : t('article.translatedFrom', { language }),
    });
  }
  if (source.originalUrl) {
    const label = t('article.readOriginal');
    parts.push(linked(label, label, source.originalUrl));
  }
  if (parts.length === 0) return [];
  // One paragraph: "Source: part · part · part", the marks shifted to where each part lands.
  let text = `${t('article.provenance')}: `;
  const marks: Mark[] = [];
  parts.forEach((part, index) => {
    if (index > 0) text += ' · ';
    for (const mark of part.marks ?? [])
      marks.push({ ...mark, start: mark.start + text.length, end: mark.end + text.length });
    text += part.text;
  });
  return [{ type: 'paragraph', text, marks: [{ type: 'italic', start: 0, end: text.length }, ...marks] }];
}

/**
 * The full story as a feed carries it (`content:encoded`, Atom `content`, JSON Feed `content_html`):
 * the lead image with its caption and credit, the body, then the credit line — all through the one
 * block renderer, with absolute addresses.
 */
export function feedContentHtml(article: Article, articleUrl: string, i18n: Translator): string {
  const lead: Block[] = article.leadImage
    ? [
        {
          type: 'image',
          src: article.leadImage.url,
          alt: article.leadImage.alt,
          ...(article.leadImage.caption ? { caption: article.leadImage.caption } : {}),
          ...(article.leadImage.credit ? { credit: article.leadImage.credit } : {}),
          ...(article.leadImage.width ? { width: article.leadImage.width } : {}),
          ...(article.leadImage.height ? { height: article.leadImage.height } : {}),
        },
      ]
    : [];
  const blocks = [...lead, ...article.body, ...creditBlocks(article.source, article.language, i18n)];
  // Feed readers lay out images themselves: nothing lazy, every block rendered eagerly.
  return renderBlocks(absoluteBlocks(blocks, articleUrl), { eagerBlocks: Number.MAX_SAFE_INTEGER });
}
