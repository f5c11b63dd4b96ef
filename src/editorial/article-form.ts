import type { ArticleInput } from '../content/article.input.ts';
import type { Article, Provenance } from '../content/types.ts';

/** The provenance fields the editor shows, in the order it shows them. */
export const PROVENANCE_FIELDS = [
  'outlet',
  'outletUrl',
  'originalUrl',
  'originalTitle',
  'originalAuthor',
  'originalLanguage',
  'originalPublishedAt',
  'basedOn',
  'basedOnUrl',
  'translator',
] as const satisfies ReadonlyArray<keyof Provenance>;
export type ProvenanceField = (typeof PROVENANCE_FIELDS)[number];

/**
 * The article editor's form, exactly as typed: every value a string, so a form that comes back with an
 * error shows what the person wrote. It is also what a revision stores (autosave, restore).
 */
export interface ArticleForm {
  title: string;
  dek: string;
  slug: string;
  language: string;
  sectionId: string;
  authorIds: string[];
  /** Comma-separated tag names. */
  tags: string;
  /** Block-model JSON (see richtext/blocks.ts), as the rich-text editor posts it. */
  body: string;
  leadMediaId: string;
  leadUrl: string;
  leadAlt: string;
  leadCaption: string;
  leadCredit: string;
  seoTitle: string;
  seoDescription: string;
  /** `YYYY-MM-DDTHH:mm` in the newsroom's time zone (a datetime-local field). */
  scheduledAt: string;
  translationOfId: string;
  source: Record<ProvenanceField, string>;
}

const MAX_FIELD = 200_000;

const str = (value: unknown, max = 2000): string =>
  typeof value === 'string' ? value.slice(0, max) : Array.isArray(value) ? str(value[0], max) : '';

/** Reads a posted form (urlencoded or JSON) into an ArticleForm; anything missing reads as empty. */
export function formFromBody(body: Record<string, unknown> | undefined | null): ArticleForm {
  const b = body ?? {};
  const authors = b.authorIds;
  const source = Object.fromEntries(
    PROVENANCE_FIELDS.map((f) => [f, str(b[`source.${f}`] ?? (b.source as Record<string, unknown>)?.[f])]),
  ) as Record<ProvenanceField, string>;
  return {
    title: str(b.title),
    dek: str(b.dek),
    slug: str(b.slug),
    language: str(b.language, 20),
    sectionId: str(b.sectionId, 20),
    authorIds: (Array.isArray(authors) ? authors : authors === undefined ? [] : [authors])
      .map((a) => str(a, 20))
      .filter(Boolean)
      .slice(0, 50),
    tags: str(b.tags),
    body: str(b.body, MAX_FIELD * 10),
    leadMediaId: str(b.leadMediaId, 20),
    leadUrl: str(b.leadUrl, 2100),
    leadAlt: str(b.leadAlt),
    leadCaption: str(b.leadCaption),
    leadCredit: str(b.leadCredit),
    seoTitle: str(b.seoTitle),
    seoDescription: str(b.seoDescription),
    scheduledAt: str(b.scheduledAt, 40),
    translationOfId: str(b.translationOfId, 20),
    source,
  };
}

/** The form showing an article as it is stored. */
export function formFromArticle(article: Article, timeZone: string): ArticleForm {
  const lead = article.leadImage;
  const source = article.source;
  return {
    title: article.title,
    dek: article.dek ?? '',
    slug: article.slug,
    language: article.language,
    sectionId: article.section ? String(article.section.id) : '',
    authorIds: article.authors.map((a) => String(a.id)),
    tags: article.tags.map((t) => t.name).join(', '),
    body: JSON.stringify(article.body),
    leadMediaId: lead?.mediaId ? String(lead.mediaId) : '',
    leadUrl: lead?.url ?? '',
    leadAlt: lead?.alt ?? '',
    leadCaption: lead?.caption ?? '',
    leadCredit: lead?.credit ?? '',
    seoTitle: article.seoTitle ?? '',
    seoDescription: article.seoDescription ?? '',
    scheduledAt: article.scheduledAt ? toLocalInput(article.scheduledAt, timeZone) : '',
    translationOfId: article.translationOfId ? String(article.translationOfId) : '',
    source: Object.fromEntries(PROVENANCE_FIELDS.map((f) => [f, source?.[f] ?? ''])) as Record<
      ProvenanceField,
      string
    >,
  };
}

/** An empty form for a new story in a language. */
export function emptyForm(language: string): ArticleForm {
  return {
    title: '',
    dek: '',
    slug: '',
    language,
    sectionId: '',
    authorIds: [],
    tags: '',
    body: '[]',
    leadMediaId: '',
    leadUrl: '',
    leadAlt: '',
    leadCaption: '',
    leadCredit: '',
    seoTitle: '',
    seoDescription: '',
    scheduledAt: '',
    translationOfId: '',
    source: Object.fromEntries(PROVENANCE_FIELDS.map((f) => [f, ''])) as Record<ProvenanceField, string>,
  };
}

/** A lead image resolved from the media library (the media id field) or given by address. */
export interface ResolvedLeadImage {
  mediaId: number | null;
  url: string;
  width: number | null;
  height: number | null;
  alt: string | null;
  caption: string | null;
  credit: string | null;
}

/**
 * Turns the form into the article service's input. Fields that cannot even be read (a body that is not
 * JSON, a number that is not a number) are reported here, each with a sentence; everything else is
 * checked by the service's own schema, so there is one set of rules for every way an article is written.
 */
export function inputFromForm(
  form: ArticleForm,
  options: {
    status: ArticleInput['status'];
    timeZone: string;
    leadImage: ResolvedLeadImage | null;
    publishedAt?: string | null;
    translationGroupId?: number | null;
  },
): { input: ArticleInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const id = (value: string, field: string, message: string): number | null => {
    if (value.trim() === '') return null;
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) {
      errors[field] = message;
      return null;
    }
    return n;
  };
  let body: unknown = [];
  try {
    body = JSON.parse(form.body || '[]');
  } catch {
    errors.body = 'The body could not be read. Reload the editor and try again; your text is kept below.';
  }
  let scheduledAt: string | null = null;
  if (form.scheduledAt.trim()) {
    scheduledAt = fromLocalInput(form.scheduledAt.trim(), options.timeZone);
    if (!scheduledAt)
      errors.scheduledAt = 'Give the time as a date and a time of day, e.g. 2026-12-01 09:30.';
  }
  const source = Object.fromEntries(
    PROVENANCE_FIELDS.map((f) => [f, form.source[f].trim() === '' ? null : form.source[f].trim()]),
  );
  const lead = options.leadImage;
  const input: ArticleInput = {
    language: form.language,
    title: form.title,
    dek: form.dek,
    slug: form.slug,
    body,
    status: options.status,
    sectionId: id(form.sectionId, 'sectionId', 'Choose a section from the list.'),
    authorIds: form.authorIds
      .map((a) => id(a, 'authorIds', 'Choose authors from the list.'))
      .filter((a): a is number => a !== null),
    tags: form.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    leadImage: lead
      ? {
          mediaId: lead.mediaId,
          url: lead.url,
          alt: form.leadAlt.trim() || lead.alt || '',
          caption: form.leadCaption.trim() || lead.caption,
          credit: form.leadCredit.trim() || lead.credit,
          width: lead.width,
          height: lead.height,
        }
      : null,
    source: Object.values(source).some((v) => v !== null) ? source : null,
    seoTitle: form.seoTitle,
    seoDescription: form.seoDescription,
    scheduledAt,
    publishedAt: options.publishedAt ?? null,
    translationOfId: id(form.translationOfId, 'translationOfId', 'Choose the original from the list.'),
    translationGroupId: options.translationGroupId ?? null,
  };
  return { input, errors };
}

/** Offset of a time zone from UTC at an instant, in milliseconds (e.g. +2 h for Kyiv in winter). */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** `2026-12-01T09:30` in `timeZone` → ISO UTC, or null when it is not a date and time. */
export function fromLocalInput(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const guess = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  if (Number.isNaN(guess)) return null;
  const first = guess - zoneOffsetMs(guess, timeZone);
  // Near a change of offset, the offset at the result can differ from the offset at the guess.
  const instant = guess - zoneOffsetMs(first, timeZone);
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** ISO UTC → `YYYY-MM-DDTHH:mm` in `timeZone`, for a datetime-local field. */
export function toLocalInput(iso: string, timeZone: string): string {
  const instant = Date.parse(iso);
  const local = new Date(instant + zoneOffsetMs(instant, timeZone));
  return local.toISOString().slice(0, 16);
}
