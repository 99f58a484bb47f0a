import { sql, type Kysely } from 'kysely';
import type { Database } from './tables.ts';

export type ColumnType = 'text' | 'date' | 'numeric' | 'boolean' | 'integer' | 'jsonb';

/**
 * Inserts many rows in a few statements: one array parameter per column, expanded with
 * unnest. PGlite has one connection, so a few big statements beat thousands of small ones;
 * the same SQL runs on PostgreSQL 15.
 */
export async function bulkInsert<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  columns: readonly (readonly [keyof Database[T] & string, ColumnType])[],
  rows: readonly Record<string, unknown>[],
  chunkSize = 20_000,
): Promise<number> {
  for (let offset = 0; offset < rows.length; offset += chunkSize) {
    const chunk = rows.slice(offset, offset + chunkSize);
    const arrays = columns.map(([name, type]) =>
      sql`${chunk.map((r) => (r[name] === undefined ? null : r[name]))}::${sql.raw(type)}[]`,
    );
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map(([name]) => sql.ref(name)))})
      select * from unnest(${sql.join(arrays)})`.execute(db);
  }
  return rows.length;
}
