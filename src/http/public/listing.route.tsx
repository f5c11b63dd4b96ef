import type { FastifyInstance } from 'fastify';
import { cardKeys, surrogateKeys as sk } from '../../cache/surrogate-keys.ts';
import type { PublishedFilter } from '../../content/article.repository.ts';
import { sectionSubtreeIds, sectionTrail } from '../../content/taxonomy.service.ts';
import type { Section } from '../../content/types.ts';
import { breadcrumbJsonLd } from '../../feeds/structured-data.ts';
import { isSlug } from '../../shared/slug.ts';
import { NotFoundError } from '../../shared/errors.ts';
import type { Link } from '../../views/models.ts';
import { ListingPage, type ListingPageModel } from '../../views/pages/listing.page.tsx';
import type { LanguageScope } from '../context.ts';
import { pageParam } from '../query.ts';
import { Presenter } from './presenters.ts';
import { sendPage } from './reply.ts';

export const PAGE_SIZE = 20;

/** Section, author and tag pages: one shape, a different filter and heading each. */
export async function listingRoutes(app: FastifyInstance, { lang, deps }: LanguageScope) {
  async function listing(
    present: Presenter,
    query: unknown,
    spec: {
      path: (lang: string) => string;
      filter: PublishedFilter;
      model: Omit<ListingPageModel, 'meta' | 'cards' | 'pagination' | 'countText'>;
      description: string;
      /** What this listing's feed is called (“Newsdesk: World”). */
      feedTitle: string;
      sections: Section[];
      currentSectionIds?: number[];
      surrogateKeys: string[];
      metaType?: 'website' | 'profile';
      jsonLd?: unknown[];
    },
  ) {
    const page = pageParam(query);
    const { language: _language, ...everyLanguage } = spec.filter;
    const perLanguage = await deps.articles.countPublishedByLanguage(everyLanguage);
    const pagesIn = (code: string) => Math.ceil((perLanguage.get(code) ?? 0) / PAGE_SIZE);
    const total = perLanguage.get(lang) ?? 0;
    const pages = Math.max(1, pagesIn(lang));
    if (page > pages)
      throw new NotFoundError(
        `There is no page ${page} here; the list has ${pages} page${pages === 1 ? '' : 's'}.`,
      ).say('error.noSuchPage', { page, pages });
    const articles = await deps.articles.listPublished(spec.filter, {
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    const base = spec.path(lang);
    const pageHref = (n: number) => (n === 1 ? base : `${base}?page=${n}`);
    const own = pageHref(page);
    const { t } = present.i18n;
    const title =
      page > 1 ? `${spec.model.heading} — ${t('pagination.pageOf', { page, pages })}` : spec.model.heading;
    const meta = present.meta(own, {
      title: `${title} — ${deps.config.siteName}`,
      description: spec.description,
      type: spec.metaType ?? 'website',
      // Only versions that list something: an empty page in another language is no alternate.
      alternates: present.someLanguages(
        deps.config.languages.filter((code) => pagesIn(code) >= page),
        (code) => (page === 1 ? spec.path(code) : `${spec.path(code)}?page=${page}`),
      ),
      noindex: total === 0,
      feeds: present.feedLinks(base, spec.feedTitle),
      prev: page > 1 ? deps.urls.absolute(pageHref(page - 1)) : undefined,
      next: page < pages ? deps.urls.absolute(pageHref(page + 1)) : undefined,
      jsonLd: [
        ...(spec.jsonLd ?? [
          {
            '@context': 'https://schema.org',
            '@type': 'CollectionPage',
            name: spec.model.heading,
            description: spec.description,
            url: deps.urls.absolute(own),
            inLanguage: lang,
            isPartOf: {
              '@type': 'WebSite',
              name: deps.config.siteName,
              url: deps.urls.absolute(deps.urls.home(lang)),
            },
          },
        ]),
        breadcrumbJsonLd([
          ...spec.model.trail.map((link) => ({ name: link.label, url: deps.urls.absolute(link.href) })),
          { name: spec.model.heading, url: deps.urls.absolute(base) },
        ]),
      ],
    });
    const model: ListingPageModel = {
      ...spec.model,
      meta,
      cards: articles.map((a) => present.card(a)),
      countText: total > 0 ? t('section.storyCount', { count: total }) : null,
      pagination: {
        page,
        pages,
        prevHref: page > 1 ? pageHref(page - 1) : null,
        nextHref: page < pages ? pageHref(page + 1) : null,
      },
    };
    const context = present.context({
      sections: spec.sections,
      currentSectionIds: spec.currentSectionIds,
      // The same listing in another language when it has stories there, else that language's home.
      languageHrefs: new Map(
        deps.config.languages.map((code) => [
          code,
          code === lang || pagesIn(code) > 0 ? spec.path(code) : deps.urls.home(code),
        ]),
      ),
    });
    return {
      context,
      model,
      surrogateKeys: [...spec.surrogateKeys, ...articles.flatMap(cardKeys)],
    };
  }

  const home = (present: Presenter): Link => ({
    label: present.i18n.t('site.home'),
    href: deps.urls.home(lang),
  });

  app.get<{ Params: { section: string } }>('/:section', async (request, reply) => {
    const present = new Presenter(deps, lang);
    const sections = await deps.taxonomy.listSections(lang);
    const section = isSlug(request.params.section)
      ? sections.find((s) => s.slug === request.params.section)
      : undefined;
    if (!section) throw new NotFoundError();
    const trail = sectionTrail(sections, section);
    const ids = sectionSubtreeIds(sections, section.id);
    const { t } = present.i18n;
    const result = await listing(present, request.query, {
      path: (code) => deps.urls.section(code, section.slug),
      filter: { language: lang, sectionIds: ids },
      sections,
      currentSectionIds: trail.map((s) => s.id),
      description: section.description ?? t('section.title', { section: section.name }),
      feedTitle: t('feeds.sectionTitle', { siteName: deps.config.siteName, section: section.name }),
      // Its name, its ancestors' and subsections' names, and the list of its (sub)sections' stories.
      surrogateKeys: [
        sk.sectionList(section.id),
        ...trail.map((s) => sk.section(s.id)),
        ...sections.filter((s) => s.parentId === section.id).map((s) => sk.section(s.id)),
      ],
      model: {
        kind: 'section',
        heading: section.name,
        trail: [home(present), ...trail.slice(0, -1).map((s) => present.sectionLink(s))],
        intro: section.description,
        emptyText: t('section.empty'),
        subsections: sections.filter((s) => s.parentId === section.id).map((s) => present.sectionLink(s)),
        subsectionsHeading: t('section.subsections'),
      },
    });
    return sendPage(reply, result.context, <ListingPage model={result.model} />, {
      surrogateKeys: result.surrogateKeys,
    });
  });

  app.get<{ Params: { slug: string } }>('/author/:slug', async (request, reply) => {
    const present = new Presenter(deps, lang);
    const author = isSlug(request.params.slug)
      ? await deps.taxonomy.findAuthorBySlug(request.params.slug, lang)
      : undefined;
    if (!author) throw new NotFoundError('There is no author at this address.').say('error.noAuthor');
    const sections = await deps.taxonomy.listSections(lang);
    const { t } = present.i18n;
    const path = (code: string) => deps.urls.author(code, author.slug);
    const result = await listing(present, request.query, {
      path,
      filter: { language: lang, authorId: author.id },
      sections,
      description: author.bio ?? t('author.storiesBy', { author: author.name }),
      feedTitle: t('feeds.authorTitle', { siteName: deps.config.siteName, author: author.name }),
      surrogateKeys: [sk.author(author.id), sk.authorList(author.id)],
      metaType: 'profile',
      jsonLd: [
        {
          '@context': 'https://schema.org',
          '@type': 'ProfilePage',
          inLanguage: lang,
          mainEntity: {
            '@type': 'Person',
            name: author.name,
            url: deps.urls.absolute(path(lang)),
            ...(author.jobTitle ? { jobTitle: author.jobTitle } : {}),
            ...(author.bio ? { description: author.bio } : {}),
            ...(author.avatarUrl ? { image: deps.urls.absolute(author.avatarUrl) } : {}),
          },
        },
      ],
      model: {
        kind: 'author',
        heading: author.name,
        trail: [home(present)],
        intro: author.bio,
        emptyText: t('author.empty'),
        profile: {
          // Shown 96 pixels square; a library photo offers its narrowest widths (srcset) for that.
          avatar: author.avatarUrl
            ? {
                ...present.image({
                  mediaId: null,
                  url: author.avatarUrl,
                  alt: '',
                  caption: null,
                  credit: null,
                  width: null,
                  height: null,
                }),
                width: 96,
                height: 96,
              }
            : null,
          jobTitle: author.jobTitle,
          website: author.websiteUrl,
        },
      },
    });
    return sendPage(reply, result.context, <ListingPage model={result.model} />, {
      surrogateKeys: result.surrogateKeys,
    });
  });

  app.get<{ Params: { slug: string } }>('/tag/:slug', async (request, reply) => {
    const present = new Presenter(deps, lang);
    const tag = isSlug(request.params.slug)
      ? await deps.taxonomy.findTagBySlug(request.params.slug, lang)
      : undefined;
    if (!tag) throw new NotFoundError('There is no tag at this address.').say('error.noTag');
    const sections = await deps.taxonomy.listSections(lang);
    const { t } = present.i18n;
    const result = await listing(present, request.query, {
      path: (code) => deps.urls.tag(code, tag.slug),
      filter: { language: lang, tagId: tag.id },
      sections,
      description: t('tag.title', { tag: tag.name }),
      feedTitle: t('feeds.tagTitle', { siteName: deps.config.siteName, tag: tag.name }),
      surrogateKeys: [sk.tag(tag.id), sk.tagList(tag.id)],
      model: {
        kind: 'tag',
        heading: t('tag.title', { tag: tag.name }),
        trail: [home(present)],
        intro: null,
        emptyText: t('tag.empty'),
      },
    });
    return sendPage(reply, result.context, <ListingPage model={result.model} />, {
      surrogateKeys: result.surrogateKeys,
    });
  });
}
