// `import ssd --from postgres://…` (issue 8, item 1): the same council read from ssd_ tables in
// a PostgreSQL schema and from the CSV set gives an identical register and identical workloads.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCouncilId, openTestDatabase } from '../../../test/support/database.ts';
import { generateCouncil } from '../../demo/generate.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { SSD_TABLES } from '../../standards/ssd/spec.ts';
import { writeSsdFiles } from '../../standards/ssd/write.ts';
import { computeWorkloads } from '../../workload/service/index.ts';
import { confirm, listImportHistory } from './index.ts';
import { loadRegisterState } from '../store.ts';
import { registerToSsd } from '../model/ssd/export.ts';
import { readSsdFromPostgres, SourceError } from './ssd-postgres.ts';
import { DEFAULT_ROLE_MAPPING } from '../model/ssd/roles.ts';

const AS_OF = '2026-03-31';
const url = process.env.DATABASE_URL;
type Rows = ReadonlyMap<string, readonly Record<string, string | null>[]>;

/**
 * Writes the tables as an SSD build would, with the column types Eclipse's script uses where
 * the values allow (timestamps, booleans, numerics, integer ids), so the reader's conversion to
 * CSV text is exercised; plus a column and a table the importer does not know, which it must skip.
 */
async function writeSchema(pool: pg.Pool, schema: string, tables: Rows): Promise<void> {
  await pool.query(`create schema ${schema}`);
  for (const [name, rows] of tables) {
    const spec = SSD_TABLES.get(name)!;
    const all = (c: string, test: RegExp) => rows.every((r) => r[c] === null || r[c] === undefined || test.test(r[c]!));
    const type = (c: string) => spec.dates.has(c) ? 'timestamp' : all(c, /^[YN]$/) && rows.some((r) => r[c]) ? 'boolean'
      : all(c, /^\d{1,9}$/) && rows.some((r) => r[c]) ? 'integer' : all(c, /^\d+(\.\d+)?$/) && rows.some((r) => r[c]?.includes('.')) ? 'numeric(10,4)' : 'text';
    const extra = name === 'ssd_person' ? ', eclipse_internal_note text' : '';
    await pool.query(`create table ${schema}.${name} (${spec.columns.map((c) => `${c} ${type(c)}`).join(', ')}${extra})`);
    await pool.query(`insert into ${schema}.${name} select * from json_populate_recordset(null::${schema}.${name}, $1::json)`, [JSON.stringify(rows)]);
  }
  await pool.query(`create table ${schema}.ssd_sdq_scores (csdq_table_id text primary key, csdq_score integer)`);
}

const canonical = async (database: DatabaseHandle, councilId: string) => {
  const { sourced: _, ...state } = await loadRegisterState(database.db, councilId, 'ssd');
  const rows = Object.fromEntries(Object.entries(state).map(([k, v]) => [k, (v as Record<string, unknown>[]).map(({ council_id: __, ...r }) => r)
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))]));
  const workload = await computeWorkloads(database.db, councilId, AS_OF);
  return { rows, workload: JSON.parse(JSON.stringify(workload.results.map((r) => ({ ...r, practitioner: { ...r.practitioner, council_id: null } })))) };
};

describe.skipIf(!url)('SSD import from PostgreSQL (runs only when DATABASE_URL names a PostgreSQL server, like postgres://postgres@127.0.0.1:5432/test)', () => {
  const schema = `ssd_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const empty = `${schema}_empty`;
  const role = `cw_reader_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const password = `pw-${randomUUID()}`;
  let source: pg.Pool;
  let database: DatabaseHandle;
  let tables: Rows;

  beforeAll(async () => {
    source = new pg.Pool({ connectionString: url, max: 2 });
    database = await openTestDatabase('pglite');
    const generated = generateCouncil({ councilId: 'src', name: 'Source', seed: 8101, asOf: AS_OF, staffScale: 0.1, caseScale: 0.05 });
    tables = registerToSsd(generated, DEFAULT_ROLE_MAPPING);
    await writeSchema(source, schema, tables);
    await source.query(`create schema ${empty}`);
  }, 120_000);

  afterAll(async () => {
    await source?.query(`drop schema if exists ${schema} cascade; drop schema if exists ${empty} cascade`);
    await source?.query(`drop owned by ${role}; drop role ${role}`).catch(() => undefined);
    await source?.end();
    await database?.close();
  });

  it('gives the same register and workload figures as the CSV set, and a second read changes nothing', async () => {
    const viaCsv = newCouncilId();
    const viaDb = newCouncilId();
    const csv = await confirm(database.db, { councilId: viaCsv, format: 'ssd', files: writeSsdFiles(tables), importedBy: 'test', extractDate: AS_OF });
    expect(csv.status).toBe('imported');

    // A small page size, so every large table is read over several fetches.
    const read = await readSsdFromPostgres(url!, { schema, pageSize: 7 });
    expect(read.tables.map((t) => t.table)).toEqual([...tables.keys()].sort());
    expect(read.tables.find((t) => t.table === 'ssd_person')!.header).not.toContain('eclipse_internal_note');
    // Cell for cell the text the CSV set holds: Y/N not t/f, 0.8 not 0.8000, dates without a time.
    for (const t of read.tables) {
      const key = SSD_TABLES.get(t.table)!.key;
      const written = [...tables.get(t.table)!].sort((x, y) => (x[key]! < y[key]! ? -1 : 1)).map((r) => t.header.map((c) => r[c] ?? ''));
      const got = [...t.rows].sort((x, y) => (x[t.header.indexOf(key)]! < y[t.header.indexOf(key)]! ? -1 : 1));
      expect(got, t.table).toEqual(written);
    }
    const db = await confirm(database.db, { councilId: viaDb, format: 'ssd', files: [], database: read, importedBy: 'test', extractDate: AS_OF });
    expect(db.report.problems.filter((p) => p.severity !== 'warning')).toEqual([]);
    expect(db.status).toBe('imported');
    expect(db.report.counts).toEqual(csv.report.counts);

    const a = await canonical(database, viaCsv);
    const b = await canonical(database, viaDb);
    for (const table of Object.keys(a.rows)) expect(b.rows[table], table).toEqual(a.rows[table]);
    expect(b.workload).toEqual(a.workload);

    // The history names the database and schema, with a hash of the rows, and never the password.
    const history = await listImportHistory(database.db, viaDb);
    expect(history[0]!.files.map((f) => f.name)).toContain(`${schema}.ssd_person`);
    expect(db.report.source).toMatchObject({ kind: 'postgresql', schema, rows: [...tables.values()].reduce((n, r) => n + r.length, 0) });

    const again = await readSsdFromPostgres(url!, { schema });
    expect(again.source.sha256).toBe(read.source.sha256);
    const second = await confirm(database.db, { councilId: viaDb, format: 'ssd', files: [], database: again, importedBy: 'test', extractDate: AS_OF });
    expect(second.status).toBe('unchanged');
  }, 120_000);

  it('says plainly when the schema has no ssd_ tables, does not exist, or the server cannot be reached', async () => {
    await expect(readSsdFromPostgres(url!, { schema: empty })).rejects.toThrow(new RegExp(`No ssd_ tables were found in schema ${empty}`));
    await expect(readSsdFromPostgres(url!, { schema: `${schema}_missing` })).rejects.toThrow(/There is no schema/);
    // Neither default schema holds ssd_ tables in the test database.
    await expect(readSsdFromPostgres(url!)).rejects.toThrow(/No ssd_ tables were found in schema ssd_development or public/);
    const secret = 'pa55-not-to-be-shown';
    const unreachable = readSsdFromPostgres(`postgres://postgres:${secret}@127.0.0.1:1/test`);
    await expect(unreachable).rejects.toBeInstanceOf(SourceError);
    await expect(unreachable).rejects.toThrow(/Cannot connect to the database at 127\.0\.0\.1:1/);
    const noDb = await readSsdFromPostgres(url!.replace(/\/[^/]*$/, `/no_such_db_${role}`)).catch((e: Error) => e);
    expect(noDb).toBeInstanceOf(SourceError);
    expect((noDb as Error).message).toMatch(/there is no database "no_such_db_/);
  });

  it('names the tables the user may not read, without showing the password', async () => {
    await source.query(`create role ${role} login password '${password}'`);
    await source.query(`grant usage on schema ${schema} to ${role}`);
    for (const t of tables.keys()) if (t !== 'ssd_person' && t !== 'ssd_involvements') await source.query(`grant select on ${schema}.${t} to ${role}`);
    const u = new URL(url!);
    u.username = role;
    u.password = password;
    const error = await readSsdFromPostgres(u.toString(), { schema }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toBe(`Permission denied on tables ${schema}.ssd_involvements, ${schema}.ssd_person. Ask the database administrator to grant SELECT on them to ${role}.`);
    expect((error as Error).message).not.toContain(password);
  });
});
