import type { ColumnType, Generated } from 'kysely';
import type { AbsenceRow, AllocationRow, ChildRow, EpisodeRow, FactorRow, PostRow, PractitionerRow, RecordedRow, TeamRow } from '../kernel/register.ts';

/** Kysely's view of the tables in migrations/. Dates are 'YYYY-MM-DD' strings (see database.ts). */
type DateText = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CouncilsTable {
  council_id: string;
  name: string;
  la_code: string | null;
  created_at: Timestamp;
}

// The register's tables come from its one declaration (kernel/register.ts); only what the
// database itself fills in (defaults) is marked Generated here.
export type TeamsTable = TeamRow;
export type PractitionersTable = PractitionerRow;
export type AbsencesTable = AbsenceRow;
export type PostsTable = PostRow;
export type ChildrenTable = Omit<ChildRow, 'restricted'> & { restricted: Generated<boolean> };
export type CaseEpisodesTable = EpisodeRow;
export type ComplexityFactorsTable = FactorRow;
export type AllocationsTable = Omit<AllocationRow, 'role'> & { role: Generated<string> };
export type RecordedActivitiesTable = RecordedRow;

/** Migration 0015: a visit, contact or meeting as recorded in Caseweight (the register row is in recorded_activities). */
export interface RecordingsTable {
  council_id: string;
  recording_id: string;
  child_id: string;
  activity_code: string;
  recorded_id: string;
  happened_at: Timestamp;
  recorded_at: Generated<Date>;
  recorded_by: string;
  recorded_by_name: string;
  practitioner_id: string | null;
  child_seen: boolean | null;
  seen_alone: boolean | null;
  attendees: string;
  direct_minutes: number;
  travel_minutes: number;
  recording_minutes: number;
  meeting_minutes: number;
  note: string;
}

/** Migration 0016: one version of a case note (a final version never changes; a correction is the next version). */
export interface CaseNotesTable {
  council_id: string;
  note_id: string;
  version: number;
  child_id: string;
  type: 'case_note' | 'manager_oversight' | 'case_decision';
  text: string;
  status: 'draft' | 'final';
  significant: boolean;
  /** The UK day the note is about (a date column: read back as YYYY-MM-DD). */
  happened_on: string;
  written_at: Timestamp;
  updated_at: Timestamp;
  finalised_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  author_user_id: string;
  author_name: string;
  supersedes: number | null;
  correction_reason: string | null;
}

export interface WorkloadConfigsTable {
  council_id: string;
  version: number;
  config: ColumnType<unknown, string, string>;
  note: Generated<string>;
  created_by: string;
  created_at: Timestamp;
  // Migration 0011: the saver's name as it was, and the version a restore copied.
  created_by_name: ColumnType<string | null, string | null | undefined, string | null>;
  restored_from: ColumnType<number | null, number | null | undefined, number | null>;
}

// Allocation (migration 0014).
export interface AllocationDecisionsTable {
  council_id: string;
  decision_id: string;
  child_id: string;
  practitioner_id: string;
  previous_practitioner_id: string | null;
  team_id: string;
  allocation_id: string;
  reason_code: string;
  note: string;
  effective_date: string;
  suggested_practitioner_id: string | null;
  override_reason: string | null;
  plan_id: string | null;
  decided_by: string;
  decided_by_name: string;
  decided_at: Timestamp;
  status: Generated<string>;
  checked_import_id: string | null;
  mismatch: string | null;
}

export interface AllocationConflictsTable {
  council_id: string;
  conflict_id: string;
  practitioner_id: string;
  child_id: string | null;
  family_id: string | null;
  reason: string;
  declared_by: string;
  declared_at: Timestamp;
  ended_at: Date | null;
}

export interface AllocationSettingsTable {
  council_id: string;
  version: number;
  settings: ColumnType<unknown, string, string>;
  note: string;
  created_by: string;
  created_by_name: string | null;
  created_at: Timestamp;
}

export interface Database extends AccessDatabase {
  allocation_decisions: AllocationDecisionsTable;
  allocation_conflicts: AllocationConflictsTable;
  allocation_settings: AllocationSettingsTable;
  workload_snapshots: WorkloadSnapshotsTable;
  councils: CouncilsTable;
  teams: TeamsTable;
  practitioners: PractitionersTable;
  absences: AbsencesTable;
  posts: PostsTable;
  children: ChildrenTable;
  case_episodes: CaseEpisodesTable;
  complexity_factors: ComplexityFactorsTable;
  allocations: AllocationsTable;
  recorded_activities: RecordedActivitiesTable;
  recordings: RecordingsTable;
  case_notes: CaseNotesTable;
  workload_configs: WorkloadConfigsTable;
  pulse_answers: PulseAnswersTable;
  pulse_responses: PulseResponsesTable;
  national_returns: NationalReturnsTable;
  national_imports: NationalImportsTable;
}

/** Migration 0020: one council's return for one census year, as a national tenant received it. */
export interface NationalReturnsTable {
  council_id: string;
  return_council: string;
  census_year: number;
  census_date: ColumnType<string, string, string>;
  council_name: string;
  region: string;
  format_version: number;
  document: ColumnType<unknown, string, string>;
  import_id: string;
  imported_at: ColumnType<Date, Date | undefined, Date>;
}

/** Migration 0020: one import of councils' returns, with what was accepted and rejected. */
export interface NationalImportsTable {
  council_id: string;
  import_id: string;
  imported_at: ColumnType<Date, Date | undefined, Date>;
  imported_by: string;
  files: number;
  accepted: number;
  rejected: number;
  report: ColumnType<unknown, string, string>;
}

/** Migration 0019: one anonymous pulse answer (no user, no timestamp: see the migration). */
export interface PulseAnswersTable {
  council_id: string;
  answer_id: string;
  team_id: string | null;
  month: string;
  workload: number;
  extra_hours: number;
  safe: number;
  stay: number;
}

/** Migration 0019: that a person has answered a month's pulse, and nothing more. */
export interface PulseResponsesTable {
  council_id: string;
  month: string;
  user_id: string;
}

// Access (migration 0002).
export interface UsersTable {
  council_id: string;
  user_id: string;
  email: string;
  name: string;
  roles: string[];
  practitioner_id: string | null;
  team_ids: ColumnType<string[], string[] | undefined, string[]>;
  password_hash: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  failed_sign_ins: ColumnType<number, number | undefined, number>;
  locked_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface SessionsTable {
  sid: string;
  council_id: string | null;
  user_id: string | null;
  data: ColumnType<unknown, string, string>;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: ColumnType<Date, Date, Date>;
}

// Accounts (migration 0008): one-time links to set a password, and the first administrator's setup.
export interface AccountTokensTable {
  council_id: string;
  token_hash: string;
  purpose: 'set_password' | 'first_administrator';
  user_id: string | null;
  created_by: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface AccessGrantsTable {
  council_id: string;
  grant_id: string;
  user_id: string;
  child_id: string;
  reason: string;
  granted_by: string;
  granted_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date | null;
  revoked_at: Date | null;
  revoked_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface BreakGlassTable {
  council_id: string;
  break_glass_id: string;
  user_id: string;
  child_id: string;
  reason: string;
  started_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_outcome: string | null;
  review_note: string | null;
}

export interface AuditEventsTable {
  council_id: string;
  seq: ColumnType<number, number, never>;
  occurred_at: ColumnType<Date, Date, never>;
  actor_user_id: string | null;
  actor_roles: string[];
  action: string;
  record_type: string;
  record_id: string | null;
  child_id: string | null;
  fields: string | null;
  ip: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export interface AccessDatabase {
  users: UsersTable;
  sessions: SessionsTable;
  account_tokens: AccountTokensTable;
  access_grants: AccessGrantsTable;
  break_glass: BreakGlassTable;
  audit_events: AuditEventsTable;
}

// Imports (migration 0003). Reached with db.withTables<ImportsDatabase>() in src/imports/store.ts.
export interface ImportsTable {
  council_id: string;
  import_id: string;
  format: string;
  status: string;
  imported_by: string;
  imported_at: ColumnType<Date, Date | string | undefined, never>;
  extract_date: string;
  files: ColumnType<unknown, string, string>;
  counts: ColumnType<unknown, string, string>;
  problem_counts: ColumnType<unknown, string, string>;
  report: ColumnType<unknown, string, string>;
}

export interface ImportRecordsTable {
  council_id: string;
  source: string;
  entity: string;
  register_id: string;
  external_id: string;
  import_id: string;
}

export interface RecordFlagsTable {
  council_id: string;
  flag_id: ColumnType<number, never, never>; // generated always as identity (migration 0006)
  source: string;
  entity: string;
  record_id: string;
  rule_code: string | null;
  field: string | null;
  message: string;
  import_id: string;
}

export interface ImportSettingsTable {
  council_id: string;
  role_mapping: ColumnType<unknown, string, string>;
  updated_by: string;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

// What an import carried beyond the register (migration 0013): the workforce census as
// received, and which activities' completion each case-data source records.
export interface CensusReturnsTable {
  council_id: string;
  census_date: DateText;
  vacancies_fte: ColumnType<number, number, number>;
  agency_fte: ColumnType<number, number, number>;
  agency_headcount: number;
  workers: number;
  import_id: string;
  imported_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface CensusWorkersTable {
  council_id: string;
  census_date: DateText;
  swe_number: string;
  practitioner_id: string | null;
  agency: boolean;
  fte: number | null;
  fte30: number | null;
  org_role: string | null;
  role_start: DateText | null;
  role_end: DateText | null;
  start_origin: string | null;
  leaver_destination: string | null;
  reason_leave: string | null;
  cases30: number | null;
  working_days_lost: number | null;
  absent_on_30_sept: boolean | null;
  reason_absence: string | null;
}

export interface ImportCoverageTable {
  council_id: string;
  source: string;
  activity_code: string;
  carried: boolean;
  basis: string;
  import_id: string;
}

export type ImportsDatabase = {
  imports: ImportsTable;
  import_records: ImportRecordsTable;
  record_flags: RecordFlagsTable;
  import_settings: ImportSettingsTable;
  census_returns: CensusReturnsTable;
  census_workers: CensusWorkersTable;
  import_coverage: ImportCoverageTable;
};

// Daily workload snapshots (migration 0004).
export interface WorkloadSnapshotsTable {
  council_id: string;
  snapshot_date: DateText;
  practitioner_id: string;
  team_id: string;
  role: string;
  fte: number;
  agency: boolean;
  in_asye: boolean;
  cases: number;
  demand_low: number;
  demand_central: number;
  demand_high: number;
  casework_hours: number;
  band: string;
  config_version: number;
}
