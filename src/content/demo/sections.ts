/** The demo site's section tree. World has children so the tree and breadcrumbs show their depth. */
export const DEMO_SECTIONS = [
  {
    slug: 'world',
    name: 'World',
    description: 'International news and analysis.',
    children: [
      { slug: 'asia', name: 'Asia', description: 'News from Asia and the Pacific.' },
      { slug: 'europe', name: 'Europe', description: 'News from across Europe.' },
    ],
  },
  { slug: 'business', name: 'Business', description: 'Companies, earnings, mergers and acquisitions.' },
  { slug: 'markets', name: 'Markets', description: 'Currencies, interest rates and money markets.' },
  { slug: 'economy', name: 'Economy', description: 'Trade, growth, inflation and jobs.' },
  { slug: 'energy', name: 'Energy', description: 'Oil, gas and the energy industry.' },
  { slug: 'agriculture', name: 'Agriculture', description: 'Grain, oilseeds, livestock and farm policy.' },
  { slug: 'commodities', name: 'Commodities', description: 'Metals, softs and raw materials.' },
] as const;
