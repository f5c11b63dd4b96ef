/** Boundaries a tool checks (after Ghost's .dependency-cruiser.cjs): the road of a request only goes one way. */
const DOMAIN =
  '^src/(content|richtext|comments|related|search|ingest|feeds|auth|media|db|i18n|jobs|cache|scale|analytics|webhooks|editorial|archive)/';

module.exports = {
  forbidden: [
    {
      name: 'domain-not-to-http-or-views',
      comment: 'Domain folders never import the HTTP layer or the templates.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: '^src/(http|views|cli)/' },
    },
    {
      name: 'views-not-to-db-or-services',
      comment: 'Templates take view-models; they never reach the database or a service.',
      severity: 'error',
      from: { path: '^src/views/' },
      to: { path: '^src/(db|http|cli|content|comments|related|search|ingest|auth|media|jobs|cache)/' },
    },
    {
      name: 'shared-imports-nothing-of-ours',
      comment: 'shared/ is the bottom layer.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(?!shared/)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-not-to-tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
