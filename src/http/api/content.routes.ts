import { cardKeys, surrogateKeys as sk } from '../../cache/surrogate-keys.ts';
import { sectionSubtreeIds } from '../../content/taxonomy.service.ts';
import { BadRequestError, NotFoundError } from '../../shared/errors.ts';
import type { HttpDeps } from '../context.ts';
import { type ApiRoute, defineApiRoute } from './api-route.ts';
import {
  articleListSchema,
  articleSchema,
  authorSchema,
  cursorParam,
  dateParam,
  languageParam,
  limitParam,
  listOf,
  sectionSchema,
  slugParam,
  tagSchema,
} from './api-schemas.ts';
import { articleJson, articleSummaryJson, authorJson, sectionJson, tagJson } from './article.json.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

const DEFAULT_LIMIT = 20;
const DAY_MS = 86_400_000;

/** `from` as the first instant it admits; a day starts at 00:00 UTC. */
function startOf(value: string): string {
  return new Date(value.length === 10 ? `${value}T00:00:00.000Z` : value).toISOString();
}

/** `to` as the first instant it no longer admits: a day ends at midnight UTC, a time is inclusive. */
function endOf(value: string): string {
  const at = new Date(value.length === 10 ? `${value}T00:00:00.000Z` : value).getTime();
  return new Date(at + (value.length === 10 ? DAY_MS : 1)).toISOString();
}

function unknownFilter(kind: string, slug: string, lang: string, list: string): BadRequestError {
  return new BadRequestError(
    `There is no ${kind} “${slug}” in the language “${lang}”; GET /api/v1/${list}?lang=${lang} lists them.`,
    { [kind]: `No such ${kind}.` },
  );
}

/** The content API's endpoints (besides search): articles, sections, authors and tags. */
export function contentApiRoutes(deps: HttpDeps): ApiRoute[] {
  const lang = languageParam(deps.config.languages).optional();
  const { urls, taxonomy } = deps;
  const langOf = (value: string | undefined) => value ?? deps.config.defaultLanguage;

  const listArticles = defineApiRoute({
    path: '/articles',
    operationId: 'listArticles',
    group: 'articles',
    summary: 'api.articles.summary',
    description: 'api.articles.description',
    query: {
      lang,
      section: slugParam.optional(),
      author: slugParam.optional(),
      tag: slugParam.optional(),
      from: dateParam.optional(),
      to: dateParam.optional(),
      limit: limitParam.optional(),
      cursor: cursorParam.optional(),
    },
    params: {},
    describe: {
      lang: 'api.param.lang',
      section: 'api.param.section',
      author: 'api.param.author',
      tag: 'api.param.tag',
      from: 'api.param.from',
      to: 'api.param.to',
      limit: 'api.param.limit',
      cursor: 'api.param.cursor',
    },
    response: articleListSchema,
    examples: ['/api/v1/articles?limit=5', '/api/v1/articles?section=world&from=2024-06-01&to=2024-06-30'],
    async handle({ query }) {
      const language = langOf(query.lang);
      const range = {
        from: query.from === undefined ? undefined : startOf(query.from),
        until: query.to === undefined ? undefined : endOf(query.to),
      };
      if (range.from && range.until && range.from >= range.until)
        throw new BadRequestError('The “from” date must come before the “to” date.', {
          from: 'After “to”.',
        });
      const listKeys: string[] = [];
      let sectionIds: number[] | undefined;
      if (query.section !== undefined) {
        const sections = await taxonomy.listSections(language);
        const section = sections.find((s) => s.slug === query.section);
        if (!section) throw unknownFilter('section', query.section, language, 'sections');
        sectionIds = sectionSubtreeIds(sections, section.id);
        listKeys.push(sk.sectionList(section.id));
      }
      let authorId: number | undefined;
      if (query.author !== undefined) {
        const author = await taxonomy.findAuthorBySlug(query.author, language);
        if (!author) throw unknownFilter('author', query.author, language, 'authors');
        authorId = author.id;
        listKeys.push(sk.authorList(author.id));
      }
      let tagId: number | undefined;
      if (query.tag !== undefined) {
        const tag = await taxonomy.findTagBySlug(query.tag, language);
        if (!tag) throw unknownFilter('tag', query.tag, language, 'tags');
        tagId = tag.id;
        listKeys.push(sk.tagList(tag.id));
      }
      const limit = query.limit ?? DEFAULT_LIMIT;
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      // One more than asked for says whether there is a next page without counting.
      const found = await deps.articles.listPublishedAfter(
        { language, sectionIds, authorId, tagId, ...range },
        { limit: limit + 1, after },
      );
      const page = found.slice(0, limit);
      const last = page[page.length - 1];
      const nextCursor =
        found.length > limit && last?.publishedAt
          ? encodeCursor({ publishedAt: last.publishedAt, id: last.id })
          : null;
      const nextQuery = new URLSearchParams(
        Object.entries({ ...query, cursor: nextCursor ?? '' })
          .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
          .map(([key, value]) => [key, String(value)]),
      );
      const next = nextCursor ? urls.absolute(`/api/v1/articles?${nextQuery}`) : null;
      return {
        body: { data: page.map((a) => articleSummaryJson(a, urls)), next, nextCursor },
        link: next ? `<${next}>; rel="next"` : undefined,
        surrogateKeys: [
          ...(listKeys.length ? listKeys : [sk.home(language)]),
          ...page.flatMap((a) => cardKeys(a)),
        ],
      };
    },
  });

  const getArticle = defineApiRoute({
    path: '/articles/:slug',
    operationId: 'getArticle',
    group: 'articles',
    summary: 'api.article.summary',
    description: 'api.article.description',
    query: { lang },
    params: { slug: slugParam },
    describe: { lang: 'api.param.lang', slug: 'api.param.articleSlug' },
    response: articleSchema,
    examples: [],
    async handle({ query, params }) {
      const article = await deps.articles.getPublished(langOf(query.lang), params.slug);
      if (!article) throw new NotFoundError('There is no published article with this slug.');
      return {
        body: articleJson(article, urls),
        surrogateKeys: [...cardKeys(article), ...article.tags.map((t) => sk.tag(t.id))],
      };
    },
  });

  const listSections = defineApiRoute({
    path: '/sections',
    operationId: 'listSections',
    group: 'taxonomy',
    summary: 'api.sections.summary',
    description: 'api.sections.description',
    query: { lang },
    params: {},
    describe: { lang: 'api.param.lang' },
    response: listOf(sectionSchema),
    examples: ['/api/v1/sections'],
    async handle({ query }) {
      const language = langOf(query.lang);
      const sections = await taxonomy.listSections(language);
      return {
        body: { data: sections.map((s) => sectionJson(s, sections, language, urls)) },
        surrogateKeys: [sk.site],
      };
    },
  });

  const getSection = defineApiRoute({
    path: '/sections/:slug',
    operationId: 'getSection',
    group: 'taxonomy',
    summary: 'api.section.summary',
    description: 'api.section.description',
    query: { lang },
    params: { slug: slugParam },
    describe: { lang: 'api.param.lang', slug: 'api.param.sectionSlug' },
    response: sectionSchema,
    examples: [],
    async handle({ query, params }) {
      const language = langOf(query.lang);
      const sections = await taxonomy.listSections(language);
      const section = sections.find((s) => s.slug === params.slug);
      if (!section)
        throw new NotFoundError(`There is no section “${params.slug}” in the language “${language}”.`);
      return { body: sectionJson(section, sections, language, urls), surrogateKeys: [sk.site] };
    },
  });

  const listAuthors = defineApiRoute({
    path: '/authors',
    operationId: 'listAuthors',
    group: 'taxonomy',
    summary: 'api.authors.summary',
    description: 'api.authors.description',
    query: { lang },
    params: {},
    describe: { lang: 'api.param.lang' },
    response: listOf(authorSchema),
    examples: ['/api/v1/authors'],
    async handle({ query }) {
      const language = langOf(query.lang);
      const authors = await taxonomy.listAuthors();
      return { body: { data: authors.map((a) => authorJson(a, language, urls)) } };
    },
  });

  const getAuthor = defineApiRoute({
    path: '/authors/:slug',
    operationId: 'getAuthor',
    group: 'taxonomy',
    summary: 'api.author.summary',
    description: 'api.author.description',
    query: { lang },
    params: { slug: slugParam },
    describe: { lang: 'api.param.lang', slug: 'api.param.authorSlug' },
    response: authorSchema,
    examples: [],
    async handle({ query, params }) {
      const language = langOf(query.lang);
      const author = await taxonomy.findAuthorBySlug(params.slug, language);
      if (!author) throw new NotFoundError(`There is no author “${params.slug}”.`);
      return { body: authorJson(author, language, urls), surrogateKeys: [sk.author(author.id)] };
    },
  });

  const listTags = defineApiRoute({
    path: '/tags',
    operationId: 'listTags',
    group: 'taxonomy',
    summary: 'api.tags.summary',
    description: 'api.tags.description',
    query: { lang },
    params: {},
    describe: { lang: 'api.param.lang' },
    response: listOf(tagSchema),
    examples: ['/api/v1/tags'],
    async handle({ query }) {
      const language = langOf(query.lang);
      const tags = await taxonomy.listTags();
      return { body: { data: tags.map((t) => tagJson(t, language, urls)) } };
    },
  });

  const getTag = defineApiRoute({
    path: '/tags/:slug',
    operationId: 'getTag',
    group: 'taxonomy',
    summary: 'api.tag.summary',
    description: 'api.tag.description',
    query: { lang },
    params: { slug: slugParam },
    describe: { lang: 'api.param.lang', slug: 'api.param.tagSlug' },
    response: tagSchema,
    examples: [],
    async handle({ query, params }) {
      const language = langOf(query.lang);
      const tag = await taxonomy.findTagBySlug(params.slug, language);
      if (!tag) throw new NotFoundError(`There is no tag “${params.slug}”.`);
      return { body: tagJson(tag, language, urls), surrogateKeys: [sk.tag(tag.id)] };
    },
  });

  return [
    listArticles,
    getArticle,
    listSections,
    getSection,
    listAuthors,
    getAuthor,
    listTags,
    getTag,
  ] as unknown as ApiRoute[];
}
