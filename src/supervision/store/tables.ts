/**
 * Supervision's tables (migration 0018), declared beside the store that owns them rather than in
 * platform/tables.ts (DESIGN.md: a table's columns declared once, by its owner).
 */
import type { ColumnType, Kysely } from 'kysely';
import type { Database } from '../../platform/tables.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A date column: written and read back as YYYY-MM-DD. */
type IsoDay = string;

export interface SupervisionSessionsTable {
  council_id: string;
  session_id: string;
  supervisee_id: string;
  supervisor_user_id: string | null;
  supervisor_practitioner_id: string | null;
  supervisor_name: string;
  held_on: IsoDay;
  minutes: number;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface SupervisionReflectionsTable {
  council_id: string;
  session_id: string;
  wellbeing: string;
  development: string;
}

export interface SupervisionCaseItemsTable {
  council_id: string;
  session_id: string;
  item_no: number;
  child_id: string;
  note_id: string;
}

export interface SupervisionCommentsTable {
  council_id: string;
  comment_id: string;
  session_id: string;
  author_user_id: string;
  author_name: string;
  text: string;
  written_at: Timestamp;
}

export interface SupervisionSettingsTable {
  council_id: string;
  version: number;
  settings: ColumnType<unknown, string, string>;
  note: string;
  created_by: string;
  created_by_name: string | null;
  created_at: Timestamp;
}

export interface SupervisionDatabase {
  supervision_sessions: SupervisionSessionsTable;
  supervision_reflections: SupervisionReflectionsTable;
  supervision_case_items: SupervisionCaseItemsTable;
  supervision_comments: SupervisionCommentsTable;
  supervision_settings: SupervisionSettingsTable;
}

/** The application's one Kysely instance, seen with supervision's tables too (the same connection). */
export const withSupervision = (db: Kysely<Database>): Kysely<Database & SupervisionDatabase> => db as unknown as Kysely<Database & SupervisionDatabase>;
