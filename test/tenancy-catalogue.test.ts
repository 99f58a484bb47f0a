import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail, findUserByOidc, insertUser } from '../src/identity/store.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { newCouncilId, openTestDatabase, testBackends } from './support/database.ts';

/**
 * Citus-ready, checked from the catalogue after migrating (DESIGN.md, Database): the schema must stay
 * distributable by council_id. For a table distributed by council_id, Citus needs the primary key and
 * every unique index (or exclusion constraint) to include council_id as a plain key column, council_id
 * never null, and every foreign key between two such tables to pair council_id with council_id.
 *
 * Every table in the app's schema is in exactly one of these groups; a new table with no council_id,
 * or one that cannot be distributed, has to be added below with its reason.
 */

/** Tables in the app's schema with no council_id column at all. */
const NO_COUNCIL_ID: Record<string, string> = {
  schema_migrations: 'platform bookkeeping (src/platform/migrations.ts): which migration files have run; belongs to no council. On Citus a table local to the coordinator, where migrations run.',
};

/** Tables that carry council_id but would not be distributed by it. */
const NOT_DISTRIBUTED: Record<string, { citus: 'reference' | 'local'; reason: string }> = {
  sessions: {
    citus: 'local',
    reason: 'council_id is null until someone signs in (the sign-in form needs a session for its CSRF token), and a session is found by its '
      + 'random sid from the cookie before the council is known, so it cannot be distributed by council_id (Citus refuses NULL in the '
      + 'distribution column). It is short-lived and written on most requests, so not a reference table either (every write would go '
      + 'to every node): a Citus local table on the coordinator, which may keep its foreign key to councils, a reference table.',
  },
};

/** Tables distributed by council_id that Citus would hold as reference tables instead (the rules still hold for them). */
const REFERENCE: Record<string, string> = {
  councils: 'the tenants themselves, keyed by council_id: a handful of rows that every tenant table references; as a reference table on '
    + 'every node, foreign keys from distributed tables (and from sessions, a local table) to it stay valid.',
};

type Query = (text: string) => Promise<Record<string, unknown>[]>;

interface TableInfo { name: string; hasCouncilId: boolean; councilIdNotNull: boolean }
interface KeyInfo { table: string; name: string; kind: 'primary key' | 'unique' | 'exclusion'; hasCouncilId: boolean }
interface ForeignKeyInfo { table: string; name: string; references: string; columns: string[]; referencedColumns: string[] }

async function readCatalogue(query: Query) {
  const tables = (await query(`
    select c.relname as name,
           a.attnum is not null as "hasCouncilId",
           coalesce(a.attnotnull, false) as "councilIdNotNull"
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_attribute a on a.attrelid = c.oid and a.attname = 'council_id' and not a.attisdropped
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`)) as unknown as TableInfo[];
  // Key columns only (not INCLUDE columns), and only plain columns: council_id inside an expression does not count.
  const keys = (await query(`
    select t.relname as table,
           coalesce(con.conname, i.relname) as name,
           case when x.indisprimary then 'primary key' when x.indisexclusion then 'exclusion' else 'unique' end as kind,
           exists (
             select 1 from generate_series(0, x.indnkeyatts - 1) k
             join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[k]
             where a.attname = 'council_id'
           ) as "hasCouncilId"
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    left join pg_constraint con on con.conindid = x.indexrelid and con.conrelid = t.oid and con.contype in ('p', 'u', 'x')
    where n.nspname = current_schema() and (x.indisprimary or x.indisunique or x.indisexclusion)
    order by 1, 2`)) as unknown as KeyInfo[];
  const foreignKeys = (await query(`
    select src.relname as table, con.conname as name, dst.relname as references,
           array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, i)
                 join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum order by k.i) as columns,
           array(select a.attname::text from unnest(con.confkey) with ordinality k(attnum, i)
                 join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum order by k.i) as "referencedColumns"
    from pg_constraint con
    join pg_class src on src.oid = con.conrelid
    join pg_class dst on dst.oid = con.confrelid
    join pg_namespace n on n.oid = src.relnamespace
    where con.contype = 'f' and n.nspname = current_schema()
    order by 1, 2`)) as unknown as ForeignKeyInfo[];
  return { tables, keys, foreignKeys };
}

/** Every way the schema falls short of distribution by council_id, one line each, naming table and constraint. */
async function tenancyProblems(query: Query): Promise<string[]> {
  const { tables, keys, foreignKeys } = await readCatalogue(query);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const problems: string[] = [];

  // The allow-lists name real tables, in the right group.
  for (const name of Object.keys(NO_COUNCIL_ID)) {
    if (!byName.has(name)) problems.push(`${name}: allowed to lack council_id, but there is no such table (drop it from the list)`);
    else if (byName.get(name)!.hasCouncilId) problems.push(`${name}: allowed to lack council_id, but it has one (drop it from the list)`);
  }
  for (const name of [...Object.keys(NOT_DISTRIBUTED), ...Object.keys(REFERENCE)]) {
    if (!byName.get(name)?.hasCouncilId) problems.push(`${name}: listed as a tenant table, but it has no council_id column`);
  }
  for (const t of tables) {
    if (!t.hasCouncilId && !(t.name in NO_COUNCIL_ID)) problems.push(`${t.name}: no council_id column, and not in the allow-list`);
  }

  const distributed = new Set(tables.filter((t) => t.hasCouncilId && !(t.name in NOT_DISTRIBUTED)).map((t) => t.name));
  const placement = (name: string) => (name in NOT_DISTRIBUTED ? NOT_DISTRIBUTED[name]!.citus : name in REFERENCE ? 'reference' : distributed.has(name) ? 'distributed' : 'local');

  for (const name of distributed) {
    if (!byName.get(name)!.councilIdNotNull) problems.push(`${name}: council_id may be null (a distribution column cannot be)`);
    if (!keys.some((k) => k.table === name && k.kind === 'primary key')) problems.push(`${name}: no primary key`);
  }
  for (const k of keys) {
    if (distributed.has(k.table) && !k.hasCouncilId) problems.push(`${k.table}: ${k.kind} ${k.name} does not include council_id`);
  }
  for (const fk of foreignKeys) {
    const from = placement(fk.table);
    const to = placement(fk.references);
    if (distributed.has(fk.table) && distributed.has(fk.references)) {
      const paired = fk.columns.some((c, i) => c === 'council_id' && fk.referencedColumns[i] === 'council_id');
      if (!paired) problems.push(`${fk.table}: foreign key ${fk.name} (${fk.columns.join(', ')}) → ${fk.references} (${fk.referencedColumns.join(', ')}) does not pair council_id with council_id`);
    }
    // What Citus allows between its kinds of table.
    if (to === 'local' && from !== 'local') problems.push(`${fk.table}: foreign key ${fk.name} references ${fk.references}, a local table (Citus allows that only from local tables)`);
    if (from === 'reference' && to !== 'reference') problems.push(`${fk.table}: foreign key ${fk.name} from a reference table references ${fk.references}, which is ${to}`);
    if (from === 'local' && to === 'distributed') problems.push(`${fk.table}: foreign key ${fk.name} from a local table references ${fk.references}, a distributed table`);
  }
  return problems;
}

describe.each(testBackends())('schema ready for distribution by council_id (Citus) on %s', (kind) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database?.close());

  const query = (client: { query(text: string): Promise<{ rows: Record<string, unknown>[] }> }): Query => async (text) => (await client.query(text)).rows;

  it('keys every tenant table, unique index and foreign key by council_id', async () => {
    expect(await tenancyProblems(query(database.pool))).toEqual([]);
  });

  it('has no council_id only where the allow-list says why', async () => {
    const { tables } = await readCatalogue(query(database.pool));
    expect(tables.filter((t) => !t.hasCouncilId).map((t) => t.name)).toEqual(Object.keys(NO_COUNCIL_ID).sort());
    expect(tables.filter((t) => t.hasCouncilId && t.name in NOT_DISTRIBUTED).map((t) => t.name)).toEqual(Object.keys(NOT_DISTRIBUTED).sort());
    for (const reason of [...Object.values(NO_COUNCIL_ID), ...Object.values(NOT_DISTRIBUTED).map((n) => n.reason), ...Object.values(REFERENCE)]) {
      expect(reason.length).toBeGreaterThan(40);
    }
  });

  it('names each kind of breach (checked on throwaway tables, rolled back)', async () => {
    const client = await database.pool.connect();
    try {
      await client.query('begin');
      await client.query(`
        create table zz_parent (council_id text not null, parent_id text not null, code text not null, primary key (council_id, parent_id));
        create unique index zz_parent_code on zz_parent (code);
        create unique index zz_parent_code_expr on zz_parent (lower(council_id), code);
        create table zz_no_key (council_id text not null, note text);
        create table zz_bad_key (council_id text, id text primary key);
        create table zz_child (council_id text not null, child_id text not null, parent_id text not null, other_council text not null,
          primary key (council_id, child_id),
          constraint zz_child_parent foreign key (other_council, parent_id) references zz_parent (council_id, parent_id),
          constraint zz_child_session foreign key (child_id) references sessions (sid));
        create table zz_untracked (id text primary key);`);
      const problems = await tenancyProblems(query(client));
      expect(problems).toEqual(expect.arrayContaining([
        'zz_parent: unique zz_parent_code does not include council_id',
        'zz_parent: unique zz_parent_code_expr does not include council_id',
        'zz_no_key: no primary key',
        'zz_bad_key: primary key zz_bad_key_pkey does not include council_id',
        'zz_bad_key: council_id may be null (a distribution column cannot be)',
        'zz_child: foreign key zz_child_parent (other_council, parent_id) → zz_parent (council_id, parent_id) does not pair council_id with council_id',
        'zz_child: foreign key zz_child_session references sessions, a local table (Citus allows that only from local tables)',
        'zz_untracked: no council_id column, and not in the allow-list',
      ]));
    } finally {
      await client.query('rollback');
      client.release();
    }
  });

  it('keeps one account per email across the deployment, though the database now keeps it only per council', async () => {
    const [a, b] = [newCouncilId(), newCouncilId()];
    await database.db.insertInto('councils').values([{ council_id: a, name: 'A' }, { council_id: b, name: 'B' }]).execute();
    const user = (councilId: string, email: string) => ({
      council_id: councilId, user_id: 'u1', email, name: 'Sam', roles: ['auditor'], practitioner_id: null, team_ids: [],
      password_hash: null, oidc_issuer: 'https://idp.example', oidc_subject: `sub-${a}`,
    });
    await insertUser(database.db, user(a, `sam@${a}.example`));
    await expect(insertUser(database.db, user(b, `SAM@${a}.example`))).rejects.toThrow(/Another council already has an account/);
    expect((await findUserByEmail(database.db, ` Sam@${a}.EXAMPLE `))?.council_id).toBe(a);
    expect((await findUserByOidc(database.db, 'https://idp.example', `sub-${a}`))?.council_id).toBe(a);

    // Two councils writing the same address at the same moment both get past the check: sign-in then matches neither.
    await database.db.insertInto('users').values(user(b, `sam@${a}.example`)).execute();
    expect(await findUserByEmail(database.db, `sam@${a}.example`)).toBeUndefined();
    expect(await findUserByOidc(database.db, 'https://idp.example', `sub-${a}`)).toBeUndefined();
  });
});
