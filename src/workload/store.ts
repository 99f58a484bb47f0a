import { sql, type Kysely } from 'kysely';
import type { Database } from '../platform/tables.ts';

type Db = Kysely<Database>;

/** One saved version of the workload model's settings, without the settings themselves. */
export interface StoredConfigSummary {
  version: number;
  note: string;
  created_by: string;
  /** The saver's name when they saved it; null for versions saved before names were kept. */
  created_by_name: string | null;
  created_at: Date;
  restored_from: number | null;
}

export interface StoredConfig extends StoredConfigSummary {
  config: unknown;
}

const SUMMARY = ['version', 'note', 'created_by', 'created_by_name', 'created_at', 'restored_from'] as const;

export async function getLatestConfig(db: Db, councilId: string): Promise<StoredConfig | undefined> {
  return db.selectFrom('workload_configs').select([...SUMMARY, 'config'])
    .where('council_id', '=', councilId).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** One version, settings included. */
export async function getConfigVersion(db: Db, councilId: string, version: number): Promise<StoredConfig | undefined> {
  return db.selectFrom('workload_configs').select([...SUMMARY, 'config'])
    .where('council_id', '=', councilId).where('version', '=', version).executeTakeFirst();
}

/** Every saved version, newest first, without the settings. */
export async function listConfigVersions(db: Db, councilId: string): Promise<StoredConfigSummary[]> {
  return db.selectFrom('workload_configs').select([...SUMMARY])
    .where('council_id', '=', councilId).orderBy('version', 'desc').execute();
}

export interface NewVersionDetails {
  /** The saver's name as it is now, kept with the version. */
  createdByName?: string | null;
  /** The earlier version this one copies, for a restore. */
  restoredFrom?: number | null;
  /** When it was saved: the request's clock. */
  at?: Date;
}

/** Adds the next version; the primary key stops two writers taking the same number. */
export async function insertConfigVersion(db: Db, councilId: string, config: unknown, note: string, createdBy: string, details: NewVersionDetails = {}): Promise<number> {
  const row = await sql<{ version: number }>`
    insert into workload_configs (council_id, version, config, note, created_by, created_by_name, restored_from, created_at)
    select ${councilId}, coalesce(max(version), 0) + 1, ${JSON.stringify(config)}::jsonb, ${note}, ${createdBy},
      ${details.createdByName ?? null}, ${details.restoredFrom ?? null}::integer, coalesce(${details.at?.toISOString() ?? null}::timestamptz, now())
    from workload_configs where council_id = ${councilId}
    returning version`.execute(db);
  return row.rows[0]!.version;
}
