import type { Link } from '../models.ts';
import { usePage } from '../page-context.ts';

/** One list format per language: making one costs more than the rest of a byline. */
const listFormats = new Map<string, Intl.ListFormat>();
function listFormat(lang: string): Intl.ListFormat {
  let format = listFormats.get(lang);
  if (!format) listFormats.set(lang, (format = new Intl.ListFormat(lang, { type: 'conjunction' })));
  return format;
}

/** "by alex" — or "by A, B and C" — each name linking its author page. */
export function AuthorLinks({ authors }: { authors: readonly Link[] }) {
  const { i18n } = usePage();
  const parts = listFormat(i18n.lang).formatToParts(authors.map((a) => a.label));
  let index = 0;
  return (
    <>
      {parts.map((part, i) => {
        if (part.type === 'literal') return part.value;
        const author = authors[index++]!;
        return (
          <a href={author.href} rel="author" key={i}>
            {author.label}
          </a>
        );
      })}
    </>
  );
}

export function Byline({ authors }: { authors: readonly Link[] }) {
  const { i18n } = usePage();
  if (authors.length === 0) return null;
  return (
    <p class="byline">
      {i18n.t('article.by')} <AuthorLinks authors={authors} />
    </p>
  );
}
