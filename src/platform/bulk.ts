import { sql, type ExpressionBuilder, type Kysely, type RawBuilder } from 'kysely';
import { registerColumns, type PeriodColumns, type RegisterEntity, type RegisterRows, type SqlType, REGISTER } from '../kernel/register.ts';
import type { Database } from './tables.ts';

type Columns = readonly (readonly [string, SqlType])[];

/** One typed array parameter per column: `unnest` expands them into rows. */
export function columnArrays(columns: Columns, rows: readonly Record<string, unknown>[]): RawBuilder<unknown>[] {
  return columns.map(([name, type]) => sql`${rows.map((r) => (r[name] === undefined ? null : r[name]))}::${sql.raw(type)}[]`);
}

/**
 * Inserts many rows in a few statements: one array parameter per column, expanded with
 * unnest. PGlite has one connection, so a few big statements beat thousands of small ones;
 * the same SQL runs on PostgreSQL 15. Every bulk write in Caseweight goes through here.
 */
export async function bulkInsert(
  db: Kysely<Database>,
  table: string,
  columns: Columns,
  rows: readonly Record<string, unknown>[],
  chunkSize = 20_000,
): Promise<number> {
  for (let offset = 0; offset < rows.length; offset += chunkSize) {
    const chunk = rows.slice(offset, offset + chunkSize);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map(([name]) => sql.ref(name)))})
      select * from unnest(${sql.join(columnArrays(columns, chunk))})`.execute(db);
  }
  return rows.length;
}

/** Inserts register rows of one entity, with the columns its one declaration names. */
export function insertRegisterRows<E extends RegisterEntity>(db: Kysely<Database>, entity: E, rows: readonly RegisterRows[E][number][]): Promise<number> {
  return bulkInsert(db, REGISTER[entity].table, registerColumns(entity), rows as unknown as Record<string, unknown>[]);
}

/**
 * Updates register rows by id in a few statements (every column but the council and the id),
 * with the same typed arrays as the insert.
 */
export async function bulkUpdateRegisterRows(db: Kysely<Database>, councilId: string, entity: RegisterEntity, rows: readonly Record<string, unknown>[], chunkSize = 20_000): Promise<void> {
  const idCol = REGISTER[entity].id;
  const columns = registerColumns(entity).filter(([c]) => c !== 'council_id' && c !== idCol);
  const withId: Columns = [[idCol, 'text'], ...columns];
  for (let offset = 0; offset < rows.length; offset += chunkSize) {
    const chunk = rows.slice(offset, offset + chunkSize);
    await sql`update ${sql.table(REGISTER[entity].table)} as t set ${sql.join(columns.map(([c]) => sql`${sql.ref(c)} = v.${sql.ref(c)}`))}
      from unnest(${sql.join(columnArrays(withId, chunk))}) as v(${sql.join(withId.map(([c]) => sql.ref(c)))})
      where t.council_id = ${councilId} and t.${sql.ref(idCol)} = v.${sql.ref(idCol)}`.execute(db);
  }
}

/**
 * The register's "open on this day" rule (kernel/register.ts `coversDay`) as a where clause:
 * start on or before the day, and no end or an end after it. `alias` qualifies the columns.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a fragment used on several tables
export function coversDaySql(eb: ExpressionBuilder<any, any>, period: PeriodColumns, day: string, alias?: string) {
  const col = (c: string) => (alias ? `${alias}.${c}` : c);
  return eb.and([eb(col(period.start), '<=', day), eb.or([eb(col(period.end), 'is', null), eb(col(period.end), '>', day)])]);
}
