import type { FastifyInstance } from 'fastify';
import { FEED_FILE_NAMES, type FeedFormat } from '../../content/urls.ts';
import type { Section } from '../../content/types.ts';
import { FEED_LINK_TYPES } from '../../feeds/feed-model.ts';
import { FeedsPage, type FeedRow } from '../../views/pages/feeds.page.tsx';
import type { LanguageScope } from '../context.ts';
import { Presenter } from '../public/presenters.ts';
import { sendPage } from '../public/reply.ts';

/** `/feeds` (and `/uk/feeds`): a page listing every feed of the language, linked from the footer. */
export async function feedsPageRoutes(app: FastifyInstance, { lang, deps }: LanguageScope) {
  app.get('/feeds', async (_request, reply) => {
    const { urls, config } = deps;
    const present = new Presenter(deps, lang);
    const { t } = present.i18n;
    const [sections, authors, authorSlugs] = await Promise.all([
      deps.taxonomy.listSections(lang),
      deps.taxonomy.listAuthors(),
      deps.sitemaps.authorSlugsWithStories(lang),
    ]);
    const formats = (pagePath: string) =>
      (Object.keys(FEED_FILE_NAMES) as FeedFormat[]).map((format) => ({
        label: t(`feeds.format.${format}`),
        href: urls.feed(pagePath, format),
        type: FEED_LINK_TYPES[format],
      }));
    const sectionRows: FeedRow[] = [];
    const addSection = (section: Section, child: boolean) => {
      const path = urls.section(lang, section.slug);
      sectionRows.push({ label: section.name, pageHref: path, child, formats: formats(path) });
      for (const sub of sections.filter((s) => s.parentId === section.id)) addSection(sub, true);
    };
    for (const top of sections.filter((s) => s.parentId === null)) addSection(top, false);
    const authorRows: FeedRow[] = authors
      .filter((a) => authorSlugs.has(a.slug))
      .map((a) => {
        const path = urls.author(lang, a.slug);
        return { label: a.name, pageHref: path, formats: formats(path) };
      });

    const path = `${urls.home(lang)}feeds`;
    const heading = t('feeds.pageTitle');
    const intro = t('feeds.pageIntro', { siteName: config.siteName });
    const model = {
      meta: present.meta(path, {
        title: `${heading} — ${config.siteName}`,
        description: intro,
        alternates: present.everyLanguage((code) => `${urls.home(code)}feeds`),
      }),
      heading,
      intro,
      trail: [{ label: t('site.home'), href: urls.home(lang) }],
      groups: [
        {
          heading: null,
          rows: [
            { label: t('feeds.allStories'), pageHref: urls.home(lang), formats: formats(urls.home(lang)) },
          ],
        },
        { heading: t('feeds.sectionsHeading'), rows: sectionRows },
        ...(authorRows.length ? [{ heading: t('feeds.authorsHeading'), rows: authorRows }] : []),
      ],
      otherLanguages: config.languages
        .filter((code) => code !== lang)
        .map((code) => ({
          lang: code,
          label: present.i18n.nativeLanguageName(code),
          href: `${urls.home(code)}feeds`,
        })),
      sitemaps: [
        { label: t('feeds.sitemap'), href: deps.sitemaps.paths.index(lang) },
        { label: t('feeds.newsSitemap'), href: deps.sitemaps.paths.news(lang) },
      ],
    };
    const context = present.context({
      sections,
      languageHrefs: new Map(config.languages.map((code) => [code, `${urls.home(code)}feeds`])),
    });
    return sendPage(reply, context, <FeedsPage model={model} />, {
      surrogateKeys: [
        'home',
        `home:${lang}`,
        ...sections.map((s) => `section:${s.id}`),
        ...authors.map((a) => `author:${a.id}`),
      ],
    });
  });
}
