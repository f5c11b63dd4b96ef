import { cardKeys, surrogateKeys } from '../../cache/surrogate-keys.ts';
import { sectionSubtreeIds } from '../../content/taxonomy.service.ts';
import { organizationJsonLd } from '../../feeds/structured-data.ts';
import type { ArticleSummary } from '../../content/types.ts';
import { HomePage } from '../../views/pages/home.page.tsx';
import type { LanguageScope } from '../context.ts';
import type { FastifyInstance } from 'fastify';
import { Presenter } from './presenters.ts';
import { sendPage } from './reply.ts';

const LATEST = 8;
const PER_SECTION = 4;

export async function homeRoutes(app: FastifyInstance, { lang, deps }: LanguageScope) {
  app.get('/', async (_request, reply) => {
    const present = new Presenter(deps, lang);
    const sections = await deps.taxonomy.listSections(lang);
    const top = await deps.articles.listPublished({ language: lang }, { limit: LATEST + 1 });
    const [lead, ...latest] = top;
    const shown = top.map((a) => a.id);
    const blocks = [];
    const shownInBlocks: ArticleSummary[] = [];
    for (const section of sections.filter((s) => s.parentId === null)) {
      const cards = await deps.articles.listPublished(
        { language: lang, sectionIds: sectionSubtreeIds(sections, section.id), excludeIds: shown },
        { limit: PER_SECTION },
      );
      shownInBlocks.push(...cards);
      if (cards.length > 0)
        blocks.push({ section: present.sectionLink(section), cards: cards.map((c) => present.card(c)) });
    }
    const mostRead = await deps.readership.mostRead(lang);
    const { t } = present.i18n;
    const path = deps.urls.home(lang);
    const meta = present.meta(path, {
      title: t('home.title', { siteName: deps.config.siteName, description: present.siteDescription() }),
      description: present.siteDescription(),
      alternates: present.everyLanguage((code) => deps.urls.home(code)),
      jsonLd: [
        {
          '@context': 'https://schema.org',
          '@type': 'WebSite',
          name: deps.config.siteName,
          url: deps.urls.absolute(path),
          inLanguage: lang,
          potentialAction: {
            '@type': 'SearchAction',
            target: `${deps.urls.absolute(deps.urls.search(lang))}?q={search_term_string}`,
            'query-input': 'required name=search_term_string',
          },
          publisher: { '@id': `${deps.urls.absolute(path)}#publisher` },
        },
        organizationJsonLd(present.publisher()),
      ],
    });
    return sendPage(
      reply,
      present.context({ sections }),
      <HomePage
        model={{
          meta,
          lead: lead ? present.card(lead) : null,
          latest: latest.map((c) => present.card(c)),
          sections: blocks,
          mostRead: mostRead.map((c) => present.card(c)),
        }}
      />,
      {
        surrogateKeys: [
          'home',
          surrogateKeys.home(lang),
          surrogateKeys.mostRead(lang),
          ...[...top, ...shownInBlocks, ...mostRead].flatMap(cardKeys),
        ],
      },
    );
  });
}
