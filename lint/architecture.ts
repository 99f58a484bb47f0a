/**
 * The layout rules of DESIGN.md ("Layout and the rules that keep it"), as data.
 * lint/plugin.ts turns them into the ESLint rule `caseweight/layers`; test/lint-rules.test.ts
 * shows each one catching a violation.
 *
 * Places: `src/kernel`, `src/platform`, `src/standards`, `src/cli`, `src/demo`, `src/main.ts`;
 * every other top-level folder of src/ is an AREA with five parts: `model.ts` or `model/`,
 * `store.ts` or `store/`, `service.ts` or `service/`, `routes.ts`, `pages/`.
 * Tests (`*.test.ts`, `*.test-support.ts`) may import what they need to set up, except bench/.
 *
 * An exception is one entry in the rule's `exceptions`: a file pattern (`from`), optionally the
 * imported path or package (`to`), and the reason. Patterns: `*` within a folder, `**` across.
 */

export const NOT_AREAS = ['kernel', 'platform', 'standards', 'cli', 'demo'] as const;

export type Part =
  | 'kernel'
  | 'platform'
  | 'standards'
  | 'cli'
  | 'demo'
  | 'main'
  | 'model'
  | 'store'
  | 'service'
  | 'routes'
  | 'pages'
  | 'area-other'
  | 'src-other'
  | 'bench'
  | 'test'
  | 'outside';

export interface Place {
  /** Path from the repository root, with forward slashes. */
  path: string;
  part: Part;
  /** For the five area parts (and area-other): the area's folder name. */
  area?: string;
  /** A test or test helper: `*.test.ts`, `*.test-support.ts`, or anything under test/. */
  test: boolean;
}

export type Target =
  | { kind: 'file'; place: Place; typeOnly: boolean }
  | { kind: 'package'; name: string; typeOnly: boolean };

export interface Exception {
  from: string;
  to?: string;
  reason: string;
}

export interface LayerRule {
  id: string;
  /** What the rule keeps, shown in every report. */
  message: string;
  /** Files the rule applies to (tests never, unless `tests` is true). */
  from: (file: Place) => boolean;
  /** True when this import breaks the rule. */
  forbidden: (target: Target, file: Place) => boolean;
  tests?: boolean;
  exceptions: readonly Exception[];
}

const inSrc = (t: Target): t is Extract<Target, { kind: 'file' }> =>
  t.kind === 'file' && t.place.path.startsWith('src/');
const file = (t: Target): Place | undefined => (t.kind === 'file' ? t.place : undefined);
const pkg = (t: Target, ...names: string[]) =>
  t.kind === 'package' && names.some((n) => t.name === n || t.name.startsWith(n + '/'));
// The request helpers (requireActor, requestContext) are HTTP plumbing like http.ts.
const platformHttpOrWeb = (p: Place) =>
  p.path === 'src/platform/http.ts' || p.path === 'src/platform/request.ts' || p.path.startsWith('src/platform/http/') || p.path.startsWith('src/platform/web/');

/** Packages that do I/O or hold a clock-free model hostage to a framework. */
const IO_PACKAGES = [
  'node:fs', 'fs', 'node:net', 'node:http', 'node:https', 'node:child_process', 'node:worker_threads',
  'kysely', 'pg', '@electric-sql/pglite', 'fastify', 'pg-boss',
];

/**
 * Files allowed to import `kysely` besides stores: platform plumbing. Each says why.
 * (A service that needs a transaction uses the `Db`/`Transaction` types and helper that
 * platform/database.ts re-exports, so it never names Kysely.)
 */
export const KYSELY_PLUMBING: readonly Exception[] = [
  { from: 'src/platform/database.ts', reason: 'opens the one Kysely instance over PGlite or PostgreSQL and exports its Db/Transaction types' },
  { from: 'src/platform/migrations.ts', reason: 'runs the migrations, which create every area\'s tables' },
  { from: 'src/platform/bulk.ts', reason: 'the unnest bulk-insert helper the stores call with their own table names' },
  { from: 'src/platform/audit.ts', reason: 'appends to the audit log inside the caller\'s transaction' },
  { from: 'src/platform/jobs.ts', reason: 'pg-boss over the application\'s one pool, inside the caller\'s transaction' },
  { from: 'src/platform/tables.ts', reason: 'Kysely\'s Database type (ColumnType, Generated) until each store declares its own tables' },
  { from: 'src/platform/files.ts', reason: 'the files table (platform-owned metadata of stored uploads) is written in the owning record\'s transaction' },
  { from: 'src/demo/service.ts', reason: 'the demo seeder clears a fictional council before writing it again (--replace), across every area\'s tables, in one transaction' },
  { from: 'src/demo/users.ts', reason: 'the demo accounts are written in the seeder\'s transaction' },
];

/** Database drivers: only platform opens connections. */
export const DRIVER_PLUMBING: readonly Exception[] = [
  { from: 'src/platform/database.ts', reason: 'opens the pool over PGlite or PostgreSQL' },
  { from: 'src/platform/migrations.ts', reason: 'takes a pg client for the migration transaction' },
  { from: 'src/platform/jobs.ts', reason: 'pg-boss runs through the application\'s one pool' },
];

export const LAYER_RULES: readonly LayerRule[] = [
  {
    id: 'kernel-imports-nothing',
    message: 'src/kernel/ imports nothing else in src/',
    from: (f) => f.part === 'kernel',
    forbidden: (t) => inSrc(t) && t.place.part !== 'kernel',
    exceptions: [],
  },
  {
    id: 'platform-imports-kernel-only',
    message: 'src/platform/ imports only src/kernel/ (and itself), never an area, standards, cli or demo',
    from: (f) => f.part === 'platform',
    forbidden: (t) => inSrc(t) && t.place.part !== 'kernel' && t.place.part !== 'platform',
    exceptions: [],
  },
  {
    id: 'standards-pure',
    message: 'src/standards/ imports only src/kernel/ and itself: never exchange, a store or platform',
    from: (f) => f.part === 'standards',
    forbidden: (t) => inSrc(t) && t.place.part !== 'kernel' && t.place.part !== 'standards',
    exceptions: [],
  },
  {
    id: 'model-pure',
    message:
      'a model imports only src/kernel/, src/standards/ (pure formats), models (its own or, for plain data types and pure functions, another area\'s) ' +
      'and no I/O package',
    from: (f) => f.part === 'model' || f.part === 'kernel',
    // standards/ is pure too: exchange's models map what its readers return.
    forbidden: (t, f) =>
      (f.part === 'model' && inSrc(t) && t.place.part !== 'kernel' && t.place.part !== 'model' && t.place.part !== 'standards') ||
      pkg(t, ...IO_PACKAGES),
    exceptions: [],
  },
  {
    id: 'routes-pages-own-service',
    message:
      'routes and pages import only their own area\'s service, model and pages, plus src/platform/http*, ' +
      'src/platform/request.ts, src/platform/web/**, src/kernel/**, src/standards/** (pure formats) and other areas\' pure models ' +
      '(labels, view helpers): never a store, another area\'s service, or kysely',
    from: (f) => f.part === 'routes' || f.part === 'pages',
    forbidden: (t, f) => {
      const p = file(t);
      if (!p || !p.path.startsWith('src/')) return pkg(t, 'kysely', 'pg', '@electric-sql/pglite');
      if (p.part === 'kernel' || platformHttpOrWeb(p) || p.part === 'standards') return false;
      // Another area's model is pure data and functions (role names, figures): showing it is not reaching into that area.
      if (p.part === 'model') return false;
      if (p.area !== f.area) return true;
      return !(p.part === 'service' || p.part === 'pages' || (p.part === 'routes' && f.part === 'routes'));
    },
    exceptions: [],
  },
  {
    id: 'routes-pages-private',
    message: 'an area\'s routes are registered only by src/main.ts; its pages are used only by its own routes and pages',
    // Routes and pages themselves are covered by routes-pages-own-service.
    from: (f) => f.path.startsWith('src/') && !['main', 'routes', 'pages'].includes(f.part),
    // A service may name (import type) the page data its own pages are built from: it returns that shape, it never runs page code.
    forbidden: (t, f) => inSrc(t) && (t.place.part === 'routes' || (t.place.part === 'pages' && !(f.part === 'service' && t.typeOnly && t.place.area === f.area))),
    exceptions: [],
  },
  {
    id: 'store-imports',
    message:
      'a store imports only src/kernel/, src/platform/, its own area\'s store and model, and other areas\' models: ' +
      'never another store, a service, routes or pages (composition belongs in services)',
    from: (f) => f.part === 'store',
    forbidden: (t, f) => {
      if (!inSrc(t)) return false;
      const p = t.place;
      // standards/report.ts: the import history stores the reports its readers produce.
      if (p.part === 'kernel' || p.part === 'platform' || p.part === 'model' || p.part === 'standards') return false;
      return !(p.part === 'store' && p.area === f.area);
    },
    exceptions: [],
  },
  {
    id: 'service-imports',
    message: 'a service never imports routes, pages, the CLI, the demo generator or main.ts',
    from: (f) => f.part === 'service',
    // The one allowance: `import type` of its own pages' data shape (see routes-pages-private).
    forbidden: (t, f) => inSrc(t) && ['routes', 'pages', 'cli', 'demo', 'main'].includes(t.place.part) && !(t.place.part === 'pages' && t.typeOnly && t.place.area === f.area),
    exceptions: [],
  },
  {
    id: 'cli-through-services',
    message: 'the CLI goes through services: it never imports a store, routes or pages',
    from: (f) => f.part === 'cli',
    forbidden: (t) => inSrc(t) && ['store', 'routes', 'pages'].includes(t.place.part),
    exceptions: [],
  },
  {
    id: 'demo-generator',
    message:
      'the demo generator imports kernel, models, services and its own files, and only `import type` (row types) from ' +
      'stores: it loads a council through services, never through a store, routes, pages or the CLI',
    from: (f) => f.part === 'demo',
    forbidden: (t) =>
      inSrc(t) &&
      ((t.place.part === 'store' && !t.typeOnly) || ['routes', 'pages', 'cli', 'main'].includes(t.place.part)),
    exceptions: [
      {
        from: 'src/demo/service.ts',
        reason: 'the seeder writes a whole fictional council in bulk through the owning stores\' insert functions, like a migration: no person acts, so there is no use case to gate or audit',
      },
      {
        from: 'src/demo/users.ts',
        reason: 'the demo accounts (one per role, fictional) are written through the identity and access stores when the demo council is seeded',
      },
    ],
  },
  {
    id: 'kysely-only-in-stores',
    message: 'only a store imports kysely (platform plumbing aside: see KYSELY_PLUMBING in lint/architecture.ts)',
    from: (f) => f.path.startsWith('src/') && f.part !== 'store',
    forbidden: (t) => pkg(t, 'kysely'),
    exceptions: KYSELY_PLUMBING,
  },
  {
    id: 'drivers-only-in-platform',
    message: 'only platform/database.ts, migrations.ts and jobs.ts import a database driver (pg, PGlite, pg-boss)',
    from: (f) => f.path.startsWith('src/'),
    forbidden: (t) => pkg(t, 'pg', '@electric-sql/pglite', 'pg-boss'),
    exceptions: [
      ...DRIVER_PLUMBING,
      {
        from: 'src/exchange/**',
        to: 'pg',
        reason: 'the SSD import reads straight from the council\'s own SSD database, which is not ours (no Kysely schema)',
      },
    ],
  },
  {
    id: 'no-bench',
    message: 'nothing in src/ imports bench/',
    from: (f) => f.path.startsWith('src/'),
    tests: true,
    forbidden: (t) => t.kind === 'file' && t.place.part === 'bench',
    exceptions: [],
  },
  {
    id: 'no-test-support-in-code',
    message: 'application code never imports test/ or a *.test-support.ts file',
    from: (f) => f.path.startsWith('src/'),
    forbidden: (t) => t.kind === 'file' && t.place.test,
    exceptions: [],
  },
];

/** Where a file of an area may sit: the five parts. */
export const AREA_LAYOUT = {
  id: 'area-parts',
  message:
    'an area holds only model.ts|model/, store.ts|store/, service.ts|service/, routes.ts and pages/ (tests beside them)',
  exceptions: [] as readonly Exception[],
};
