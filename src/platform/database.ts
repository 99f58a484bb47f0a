import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import path from 'node:path';
import pg from 'pg';
import { lockDataDir, SERVER_OWNER, type DataDirLock } from './data-dir-lock.ts';
import type { Database } from './tables.ts';

export { SERVER_OWNER } from './data-dir-lock.ts';

// Dates stay 'YYYY-MM-DD' text (a JS Date would shift them by the server's time zone);
// numerics and counts become numbers: FTE and hours never need more than double precision.
pg.types.setTypeParser(1082, (value) => value);
pg.types.setTypeParser(1700, (value) => Number(value));
pg.types.setTypeParser(20, (value) => Number(value));

/** The one query builder every store takes (a transaction is one too). */
export type Db = Kysely<Database>;

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
  /**
   * Who is opening it, for the message another process gets while this one holds the data
   * directory's lock: SERVER_OWNER for the server, the command otherwise. Defaults to the
   * command in process.argv, like "caseweight import ssd".
   */
  owner?: string;
}

/** The command this process runs, from its argv: "the server" for serve, "caseweight import ssd", "caseweight migrate". */
export function ownerFromArgv(argv: readonly string[] = process.argv): string {
  const script = path.basename(argv[1] ?? '');
  if (!/^caseweight(\.mjs)?$/.test(script)) return script ? `node ${script}` : 'another Caseweight process';
  const words = argv.slice(2).filter((w) => !w.startsWith('-'));
  if (words[0] === 'serve') return SERVER_OWNER;
  const command = ['import', 'export', 'audit'].includes(words[0] ?? '') ? words.slice(0, 2) : words.slice(0, 1);
  return ['caseweight', ...command].join(' ');
}

/** The folder PGlite would keep files in, or undefined for in-memory (and browser) storage. */
function pgliteFolder(dataDir: string): string | undefined {
  if (dataDir.startsWith('file://')) return dataDir.slice('file://'.length) || undefined;
  if (!dataDir || /^(memory|idb|opfs-ahp|memfs2opfs):\/\//.test(dataDir)) return undefined;
  return dataDir;
}

/** One pg Pool and one Kysely instance over either PGlite (embedded) or a PostgreSQL server. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await pool.query('select 1');
    return { kind: 'postgresql', pool, db, close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? 'memory://';
  // A data directory has one owner: take its lock before PGlite reads a byte of it (throws
  // DatabaseInUseError naming the holder). memory:// and a PostgreSQL server need none.
  const folder = pgliteFolder(dataDir);
  const lock: DataDirLock | undefined = folder ? await lockDataDir(folder, options.owner ?? ownerFromArgv()) : undefined;
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const pool = new pg.Pool(createPgConfig(pglite) as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'pglite',
    pool,
    db,
    close: async () => {
      await db.destroy();
      await pglite.close();
      // Only after PGlite has closed its files. If closing failed, the lock stays until this
      // process exits: better a refusal than a second PGlite beside a half-closed one.
      lock?.release();
    },
  };
}
