/**
 * The architecture rules (lint/architecture.ts, lint/table-owners.ts, run by lint/plugin.ts)
 * catch each kind of violation and pass clean code. Snippets are linted with the project's own
 * eslint.config.ts under made-up paths: the rules classify files by path alone.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: ROOT });

/** The caseweight rule ids (`[id]` at the start of each message) reported for a snippet. */
async function violations(file: string, code: string, linter = eslint): Promise<string[]> {
  const [result] = await linter.lintText(code, { filePath: path.join(ROOT, file) });
  const messages = result?.messages ?? [];
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${file}: ${fatal.message}`);
  return messages
    .filter((m) => m.ruleId?.startsWith('caseweight/'))
    .map((m) => /^\[([^\]]+)\]/.exec(m.message)?.[1] ?? m.ruleId!)
    .sort();
}

describe('layer rules catch each violation', () => {
  const cases: [string, string, string, string[]][] = [
    ['kernel imports platform', 'src/kernel/days.ts', `import { loadConfig } from '../platform/config.ts';`, ['kernel-imports-nothing']],
    ['kernel imports an area', 'src/kernel/roles.ts', `import type { Grant } from '../access/model.ts';`, ['kernel-imports-nothing']],
    ['kernel does I/O', 'src/kernel/days.ts', `import { readFileSync } from 'node:fs';`, ['model-pure']],
    ['platform imports an area', 'src/platform/http.ts', `import { accessService } from '../access/service.ts';`, ['platform-imports-kernel-only']],
    ['platform imports standards', 'src/platform/files.ts', `import { readCin } from '../standards/cin/read.ts';`, ['platform-imports-kernel-only']],
    ['standards imports exchange', 'src/standards/cin/read.ts', `import type { Problem } from '../../exchange/model.ts';`, ['standards-pure']],
    ['standards imports platform', 'src/standards/ssd/read.ts', `import { bulkInsert } from '../../platform/bulk.ts';`, ['standards-pure']],
    ['model imports its store', 'src/cases/model.ts', `import type { EpisodeRow } from './store.ts';`, ['model-pure']],
    ['model imports platform', 'src/workload/model/demand.ts', `import { today } from '../../platform/config.ts';`, ['model-pure']],
    ['model does I/O', 'src/workload/model/demand.ts', `import { readFile } from 'node:fs/promises';`, ['model-pure']],
    ['route imports a store', 'src/cases/routes.ts', `import { listChildren } from './store.ts';`, ['routes-pages-own-service']],
    ['route imports another area', 'src/cases/routes.ts', `import { may } from '../access/service.ts';`, ['routes-pages-own-service']],
    ['route imports kysely', 'src/cases/routes.ts', `import { sql } from 'kysely';`, ['kysely-only-in-stores', 'routes-pages-own-service']],
    ['page imports another area\'s service', 'src/cases/pages/case.ts', `import { runWorkloads } from '../../workload/service.ts';`, ['routes-pages-own-service']],
    ['page imports another area\'s store', 'src/workload/pages/team.ts', `import type { PractitionerRow } from '../../workforce/store.ts';`, ['routes-pages-own-service']],
    // Allowed on purpose (lint/architecture.ts): another area's model is pure labels and figures.
    ['page imports another area\'s pure model (allowed)', 'src/workload/pages/team.ts', `import { ROLE_NAMES } from '../../workforce/model.ts';`, []],
    ['page imports platform beyond http/web', 'src/access/pages/audit.ts', `import { audit } from '../../platform/audit.ts';`, ['routes-pages-own-service']],
    ['page imports its routes', 'src/cases/pages/case.ts', `import { register } from '../routes.ts';`, ['routes-pages-own-service']],
    ['service imports pages', 'src/cases/service.ts', `import { casePage } from './pages/case.ts';`, ['routes-pages-private', 'service-imports']],
    ['platform registers routes', 'src/platform/http.ts', `import { register } from '../cases/routes.ts';`, ['platform-imports-kernel-only', 'routes-pages-private']],
    ['store imports another store', 'src/workload/store.ts', `import { listChildren } from '../cases/store.ts';`, ['store-imports']],
    ['store imports a service', 'src/workload/store.ts', `import { may } from '../access/service.ts';`, ['store-imports']],
    ['non-store imports kysely', 'src/cases/service.ts', `import type { Kysely } from 'kysely';`, ['kysely-only-in-stores']],
    ['a model imports kysely', 'src/cases/model.ts', `import type { Generated } from 'kysely';`, ['kysely-only-in-stores', 'model-pure']],
    ['a store imports a driver', 'src/cases/store.ts', `import pg from 'pg';`, ['drivers-only-in-platform']],
    ['cli imports a store', 'src/cli/seed.ts', `import { insertTeams } from '../workforce/store.ts';`, ['cli-through-services']],
    ['demo imports a store\'s values', 'src/demo/load.ts', `import * as casesStore from '../cases/store.ts';`, ['demo-generator']],
    ['src imports bench', 'src/cli/main.ts', `const { bench } = await import('../../bench/run.ts');`, ['no-bench']],
    ['a test in src imports bench', 'src/workload/model/demand.test.ts', `import { medium } from '../../../bench/workload.ts';`, ['no-bench']],
    ['code imports test support', 'src/cases/service.ts', `import { openTestDatabase } from '../../test/support/database.ts';`, ['no-test-support-in-code']],
    ['re-export counts as import', 'src/kernel/index.ts', `export * from '../platform/errors.ts';`, ['kernel-imports-nothing']],
    ['import type() counts as import', 'src/kernel/context.ts', `export type Db = import('../platform/database.ts').Db;`, ['kernel-imports-nothing']],
    ['a file outside the five parts', 'src/cases/retention.ts', `export const YEARS = 25;`, ['area-parts']],
  ];
  it.each(cases)('%s', async (_name, file, code, expected) => {
    expect(await violations(file, code)).toEqual(expected);
  });
});

describe('layer rules pass the layout as DESIGN.md draws it', () => {
  const clean: [string, string, string][] = [
    ['kernel imports kernel', 'src/kernel/ranges.ts', `import type { Day } from './days.ts';`],
    ['platform imports kernel', 'src/platform/web/layout.ts', `import type { Role } from '../../kernel/roles.ts';\nimport { helper } from '../http.ts';`],
    ['standards imports kernel and itself', 'src/standards/cin/read.ts', `import type { Day } from '../../kernel/days.ts';\nimport { parseXml } from '../xml.ts';\nimport { readFileSync } from 'node:fs';`],
    ['model imports kernel and models', 'src/workload/model/demand.ts', `import type { Day } from '../../kernel/days.ts';\nimport type { Episode } from '../../cases/model.ts';\nimport { bands } from './bands.ts';`],
    [
      'routes import own service, model, pages, platform/http and web, kernel',
      'src/cases/routes.ts',
      [
        `import { CaseService } from './service.ts';`,
        `import type { Child } from './model.ts';`,
        `import { casePage } from './pages/case.ts';`,
        `import { httpError } from '../platform/http.ts';`,
        `import { render } from '../platform/web/render.ts';`,
        `import type { RequestContext } from '../kernel/context.ts';`,
      ].join('\n'),
    ],
    ['a page in a folder service', 'src/cases/pages/case.ts', `import type { CaseView } from '../service/views.ts';\nimport { chart } from '../../platform/web/charts.ts';`],
    ['service imports own store, others\' stores and services, platform', 'src/workload/service.ts', `import * as store from './store.ts';\nimport { listPractitioners } from '../workforce/store.ts';\nimport { may } from '../access/service.ts';\nimport { audit } from '../platform/audit.ts';`],
    ['store imports kysely, platform, models', 'src/cases/store/episodes.ts', `import { sql } from 'kysely';\nimport { bulkInsert } from '../../platform/bulk.ts';\nimport type { Episode } from '../model.ts';\nimport type { Practitioner } from '../../workforce/model.ts';\nimport { rows } from './rows.ts';`],
    ['platform plumbing imports kysely (listed with its reason)', 'src/platform/database.ts', `import { Kysely } from 'kysely';\nimport pg from 'pg';\nimport { PGlite } from '@electric-sql/pglite';`],
    ['exchange reads an outside SSD database (listed exception)', 'src/exchange/service/ssd-postgres.ts', `import pg from 'pg';`],
    ['cli imports services, platform and demo', 'src/cli/seed.ts', `import { seed } from '../workforce/service.ts';\nimport { openDatabase } from '../platform/database.ts';\nimport { generateCouncil } from '../demo/generate.ts';`],
    ['main.ts composes everything', 'src/main.ts', `import { register } from './cases/routes.ts';\nimport * as store from './cases/store.ts';\nimport { openDatabase } from './platform/database.ts';`],
    ['demo imports models, row types and services', 'src/demo/generate.ts', `import type { EpisodeRow } from '../cases/store.ts';\nimport { toCaseInputs } from '../cases/model.ts';\nimport { importRegister } from '../exchange/service.ts';`],
    ['tests beside code set up what they need', 'src/cases/store.test.ts', `import { sql } from 'kysely';\nimport { insertTeams } from '../workforce/store.ts';\nimport { openTestDatabase } from '../../test/support/database.ts';`],
    ['test helpers in a model folder', 'src/workload/model/arbitraries.test-support.ts', `import fc from 'fast-check';`],
  ];
  it.each(clean)('%s', async (_name, file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });
});

describe('a store touches only its own tables', () => {
  it('catches another area\'s table in builder calls, helpers and sql templates', async () => {
    const code = `
      import { sql } from 'kysely';
      import { bulkInsert } from '../platform/bulk.ts';
      export const a = (db) => db.selectFrom('posts as p').selectAll().execute();
      export const b = (db) => db.selectFrom('children as c').innerJoin('teams as t', 't.team_id', 'c.team_id').execute();
      export const c = (db) => db.deleteFrom('users').execute();
      export const d = (db) => bulkInsert(db, 'absences', [], []);
      export const e = (db) => sql\`update sessions set data = \${'{}'} where sid = \${'x'}\`.execute(db);
    `;
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, 'src/cases/store.ts') });
    const messages = result!.messages.filter((m) => m.ruleId === 'caseweight/store-tables').map((m) => m.message);
    expect(messages).toEqual([
      expect.stringContaining("reads 'posts', owned by workforce"),
      expect.stringContaining("reads 'teams', owned by workforce"),
      expect.stringContaining("writes 'users', owned by identity"),
      expect.stringContaining("writes 'absences', owned by workforce"),
      expect.stringContaining("writes 'sessions', owned by identity"),
    ]);
  });

  it('catches a table it cannot see and a table with no owner', async () => {
    const code = `
      import { sql } from 'kysely';
      export const a = (db, table) => sql\`delete from \${sql.table(table)}\`.execute(db);
      export const b = (db) => db.selectFrom('mystery').selectAll().execute();
    `;
    expect(await violations('src/cases/store.ts', code)).toEqual(['store-tables', 'store-tables']);
  });

  it('platform plumbing touches only platform tables', async () => {
    const code = `import { sql } from 'kysely';\nexport const a = (db) => sql\`select * from children\`.execute(db);\nexport const b = (db) => db.insertInto('audit_events').values({}).execute();`;
    expect(await violations('src/platform/audit.ts', code)).toEqual(['store-tables']);
  });

  it('passes its own tables, aliases, joins, CTEs, consts, sub-queries and raw SQL functions', async () => {
    const code = `
      import { sql } from 'kysely';
      import { bulkInsert } from '../../platform/bulk.ts';
      const EPISODES = 'case_episodes';
      export const a = (db) => db.selectFrom('children as c').innerJoin('case_episodes as e', 'e.child_id', 'c.child_id')
        .leftJoin('allocations', 'allocations.child_id', 'c.child_id').selectAll().execute();
      export const b = (db) => db.with('open', (q) => q.selectFrom(EPISODES).selectAll()).selectFrom('open').selectAll().execute();
      export const c = (db) => db.selectFrom((eb) => eb.selectFrom('children').selectAll().as('x')).selectAll().execute();
      export const d = (db) => bulkInsert(db, 'complexity_factors', [], []);
      export const e = (db) => sql\`insert into complexity_factors select * from unnest(\${[]}::text[]) where extract(year from now()) > 0\`.execute(db);
      export const f = (db) => db.updateTable(EPISODES).set({}).execute();
    `;
    expect(await violations('src/cases/store/register.ts', code)).toEqual([]);
  });

  it('a written exception lets identity touch the credential columns on users', async () => {
    const code = `export const a = (db) => db.updateTable('users').set({ failed_sign_ins: 0 }).execute();\nexport const b = (db) => db.selectFrom('sessions').selectAll().execute();`;
    expect(await violations('src/identity/store.ts', code)).toEqual([]);
  });

  it('leaves files that are not stores to the import rules', async () => {
    const code = `export const a = (db) => db.selectFrom('users').selectAll().execute();`;
    expect(await violations('src/cases/service.ts', code)).toEqual([]);
  });
});

describe('every table the migrations create has an owner', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'caseweight-lint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const withMigrations = (migrationsDir: string) =>
    new ESLint({
      cwd: ROOT,
      overrideConfig: {
        files: ['src/platform/migrations.ts'],
        rules: { 'caseweight/table-owners-complete': ['error', { migrationsDir }] },
      },
    });

  it('passes today\'s migrations', async () => {
    // migrations.ts itself creates schema_migrations, so lint its real text.
    const text = readFileSync(path.join(ROOT, 'src/platform/migrations.ts'), 'utf8');
    expect(await violations('src/platform/migrations.ts', text, withMigrations(path.join(ROOT, 'src/platform/migrations')))).toEqual([]);
  });

  it('catches a new table with no owner, and owners of tables no migration creates', async () => {
    writeFileSync(path.join(dir, '0001_x.sql'), 'create table if not exists mystery (id text primary key);\ncreate table users (id text);');
    const linter = withMigrations(dir);
    const [result] = await linter.lintText('export {};', { filePath: path.join(ROOT, 'src/platform/migrations.ts') });
    const messages = result!.messages.map((m) => m.message);
    expect(messages).toContainEqual(expect.stringContaining("table 'mystery' (created by a migration) has no owner"));
    expect(messages).toContainEqual(expect.stringContaining("lists 'children', which no migration creates"));
    expect(messages).not.toContainEqual(expect.stringContaining("'users'"));
  });
});
