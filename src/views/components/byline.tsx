import type { Link } from '../models.ts';
import { usePage } from '../page-context.ts';

/** One list format per language: making one costs more than the rest of a byline. */
const listFormats = new Map<string, Intl.ListFormat>();
function listFormat(lang: string): Intl.ListFormat {
  let format = listFormats.get(lang);
  if (!format) listFormats.set(lang, (format = new Intl.ListFormat(lang, { type: 'conjunction' })));
  return format;
}

/**
 * The list's pieces for these names in this language, kept: a page shows a byline on every card, and
 * `formatToParts` was a tenth of a card's cost. Keyed by the names, not their number: some languages
 * change the joining word with the next name (Spanish "y" becomes "e" before "Inés").
 */
const KEPT_LISTS = 5000;
type ListPart = ReturnType<Intl.ListFormat['formatToParts']>[number];
const keptLists = new Map<string, readonly ListPart[]>();
function listParts(lang: string, names: readonly string[]): readonly ListPart[] {
  const key = `${lang}\u0000${names.join('\u0000')}`;
  let parts = keptLists.get(key);
  if (!parts) {
    parts = listFormat(lang).formatToParts(names);
    if (keptLists.size >= KEPT_LISTS) keptLists.clear();
    keptLists.set(key, parts);
  }
  return parts;
}

/** "by alex" — or "by A, B and C" — each name linking its author page. */
export function AuthorLinks({ authors }: { authors: readonly Link[] }) {
  const { i18n } = usePage();
  const parts = listParts(
    i18n.lang,
    authors.map((a) => a.label),
  );
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
