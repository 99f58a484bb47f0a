import { sql, type Kysely } from 'kysely';
import type { Database } from '../platform/tables.ts';

type Db = Kysely<Database>;

export interface StoredConfig {
  version: number;
  config: unknown;
  note: string;
  created_by: string;
  created_at: Date;
}

export async function getLatestConfig(db: Db, councilId: string): Promise<StoredConfig | undefined> {
  return db.selectFrom('workload_configs').select(['version', 'config', 'note', 'created_by', 'created_at'])
    .where('council_id', '=', councilId).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** Adds the next version; the primary key stops two writers taking the same number. */
export async function insertConfigVersion(db: Db, councilId: string, config: unknown, note: string, createdBy: string): Promise<number> {
  const row = await sql<{ version: number }>`
    insert into workload_configs (council_id, version, config, note, created_by)
    select ${councilId}, coalesce(max(version), 0) + 1, ${JSON.stringify(config)}::jsonb, ${note}, ${createdBy}
    from workload_configs where council_id = ${councilId}
    returning version`.execute(db);
  return row.rows[0]!.version;
}
