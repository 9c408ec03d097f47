// Architecture rules, checked by `npm test` (`depcruise src bench scripts bin`). The layout they hold
// (docs/ARCHITECTURE.md): src/core/ is what every domain shares and nothing web; src/http/ is the web only;
// src/db/ the connection, migrations and Database type; one folder per domain with
// <thing>.table.ts / .repository.ts / .service.ts / .schema.ts / .routes.ts(x) / .pages.tsx / .cli.ts / .test.ts.
// Dependencies point one way: routes → service → repository → db.

// Tests, the test runner and what only tests use may import anything.
const testSupport = [
  '\\.test\\.tsx?$',
  '\\.fixtures\\.tsx?$',
  '^src/testing/',
  '^src/[^/]+/testing\\.tsx?$',
  '^scripts/test\\.ts$',
];
// The web side of a domain: they may use http's shared parts (context, layout, CSRF field, error page).
const webAdapters = [
  '\\.routes\\.tsx?$',
  '\\.pages\\.tsx$',
  '\\.middleware\\.tsx?$',
  // Presentation: domain objects mapped to what crosses the edge (the API's JSON, the plan's page and PDF),
  // in the words the public pages use (http/components/service-words.ts).
  '\\.output\\.ts$',
  '\\.document\\.ts$',
];
// Every domain's message catalog, gathered in one file for core/i18n.ts (as main.ts gathers every domain's
// routes): the one place core reads outside itself.
const catalogs = '^src/messages\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-runtime-cycles',
      comment:
        'A cycle of runtime imports makes module order matter (a value read before its module ran is undefined). ' +
        'Type-only imports are erased before run time, so a cycle through one is allowed: each domain catalog ' +
        'names the MessageCatalog type of core/i18n.ts, which reads the catalogs through src/messages.ts.',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'inner-layers-not-to-web',
      comment: 'Tables, repositories and services know nothing of HTTP: no src/http/, no routes, no pages.',
      severity: 'error',
      from: { path: '\\.(service|repository|table)\\.ts$' },
      to: { path: ['^src/http/', ...webAdapters] },
    },
    {
      name: 'repository-not-to-service',
      comment: 'routes → service → repository → db: a repository runs SQL and calls no service.',
      severity: 'error',
      from: { path: '\\.repository\\.ts$' },
      to: { path: '\\.service\\.ts$' },
    },
    {
      name: 'web-through-services',
      comment: 'Routes and pages call services; only services call repositories.',
      severity: 'error',
      from: { path: webAdapters },
      to: { path: '\\.repository\\.ts$' },
    },
    {
      name: 'domains-through-services',
      comment:
        "A domain uses another only through its service: no other domain's repository. " +
        '(Reading its tables with our own SQL is the table-owner check, scripts/check-table-owners.ts.)',
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: testSupport },
      to: { path: '^src/[^/]+/.+\\.repository\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'http-only-for-web',
      comment:
        'src/http/ is the web only. Outside it, main.ts (the composition root), the catalog of catalogs ' +
        '(http has common messages), routes, pages and middleware may import it (and tests); everything ' +
        'shared by all (errors, i18n, logger, dates, the account type) lives in src/core/.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/http/', '^src/main\\.ts$', catalogs, ...webAdapters, ...testSupport] },
      to: { path: '^src/http/' },
    },
    {
      name: 'web-not-to-app-assembly',
      comment: "A domain's web side uses http's shared parts, never the app assembly or the server.",
      severity: 'error',
      from: { path: webAdapters },
      to: { path: '^src/http/(app|server|routes)\\.tsx?$' },
    },
    {
      name: 'core-imports-only-core',
      comment:
        'src/core/ is shared by every domain and by http, so it imports nothing from them ' +
        '(but for the gathered message catalogs, which i18n.ts translates with).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: ['^src/core/', catalogs] },
    },
    {
      name: 'migrations-import-nothing',
      comment: 'Migrations are frozen in time: they import nothing from src/ (STYLE.md, practice 7).',
      severity: 'error',
      from: { path: '^src/db/migrations/' },
      to: { path: '^src/', pathNot: '^src/db/migrations/' },
    },
    {
      name: 'production-not-to-tests',
      comment:
        'Tests, fixtures and test helpers are for tests: the app and the CLI do not import them. Benchmarks may ' +
        '(bench/privacy.ts measures on the throwaway PostgreSQL server of src/testing/).',
      severity: 'error',
      from: { path: ['^src/', '^bin/', '^scripts/'], pathNot: testSupport },
      to: { path: testSupport },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    moduleSystems: ['es6', 'cjs'],
    // Type-only imports count (a service importing an http type is still a service knowing HTTP); each
    // dependency says whether it is type-only, which the cycle rule uses.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
};
