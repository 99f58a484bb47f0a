import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './tables.ts';

// Dates stay 'YYYY-MM-DD' text (a JS Date would shift them by the server's time zone);
// numerics and counts become numbers: FTE and hours never need more than double precision.
pg.types.setTypeParser(1082, (value) => value);
pg.types.setTypeParser(1700, (value) => Number(value));
pg.types.setTypeParser(20, (value) => Number(value));

export type DatabaseKind = 'pglite' | 'postgresql';

export interface DatabaseHandle {
  kind: DatabaseKind;
  pool: pg.Pool;
  db: Kysely<Database>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` for a throwaway database. */
  dataDir?: string;
}

/** One pg Pool and one Kysely instance over either PGlite (embedded) or a PostgreSQL server. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await pool.query('select 1');
    return { kind: 'postgresql', pool, db, close: () => db.destroy() };
  }
  const pglite = await PGlite.create(options.dataDir ?? 'memory://');
  const pool = new pg.Pool(createPgConfig(pglite) as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'pglite',
    pool,
    db,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
