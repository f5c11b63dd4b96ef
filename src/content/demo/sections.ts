/**
 * The demo site's section tree, with each section's Ukrainian name and description (the demo shows a
 * whole site in both languages). World has children so the tree and breadcrumbs show their depth.
 */
export const DEMO_SECTIONS = [
  {
    slug: 'world',
    name: 'World',
    description: 'International news and analysis.',
    uk: { name: 'Світ', description: 'Міжнародні новини та аналітика.' },
    children: [
      {
        slug: 'asia',
        name: 'Asia',
        description: 'News from Asia and the Pacific.',
        uk: { name: 'Азія', description: 'Новини з Азії та Тихоокеанського регіону.' },
      },
      {
        slug: 'europe',
        name: 'Europe',
        description: 'News from across Europe.',
        uk: { name: 'Європа', description: 'Новини з усієї Європи.' },
      },
    ],
  },
  {
    slug: 'business',
    name: 'Business',
    description: 'Companies, earnings, mergers and acquisitions.',
    uk: { name: 'Бізнес', description: 'Компанії, прибутки, злиття та поглинання.' },
  },
  {
    slug: 'markets',
    name: 'Markets',
    description: 'Currencies, interest rates and money markets.',
    uk: { name: 'Ринки', description: 'Валюти, відсоткові ставки та грошові ринки.' },
  },
  {
    slug: 'economy',
    name: 'Economy',
    description: 'Trade, growth, inflation and jobs.',
    uk: { name: 'Економіка', description: 'Торгівля, зростання, інфляція та робочі місця.' },
  },
  {
    slug: 'energy',
    name: 'Energy',
    description: 'Oil, gas and the energy industry.',
    uk: { name: 'Енергетика', description: 'Нафта, газ та енергетична галузь.' },
  },
  {
    slug: 'agriculture',
    name: 'Agriculture',
    description: 'Grain, oilseeds, livestock and farm policy.',
    uk: {
      name: 'Сільське господарство',
      description: 'Зерно, олійні культури, тваринництво й аграрна політика.',
    },
  },
  {
    slug: 'commodities',
    name: 'Commodities',
    description: 'Metals, softs and raw materials.',
    uk: { name: 'Сировина', description: 'Метали, агросировина та інші сировинні товари.' },
  },
] as const;
