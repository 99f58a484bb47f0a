import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the tables in migrations/. Dates are 'YYYY-MM-DD' strings (see database.ts). */
type DateText = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CouncilsTable {
  council_id: string;
  name: string;
  la_code: string | null;
  created_at: Timestamp;
}

export interface TeamsTable {
  council_id: string;
  team_id: string;
  name: string;
  service: string;
  parent_team_id: string | null;
}

export interface PractitionersTable {
  council_id: string;
  practitioner_id: string;
  name: string;
  team_id: string;
  role: string;
  swe_number: string | null;
  staff_id: string | null;
  qualified_on: DateText | null;
  asye_start: DateText | null;
  agency: boolean;
  fte: number;
  contracted_weekly_hours: number;
  working_pattern: string;
  started_on: DateText;
  left_on: DateText | null;
}

export interface AbsencesTable {
  council_id: string;
  absence_id: string;
  practitioner_id: string;
  kind: string;
  start_date: DateText;
  end_date: DateText;
}

export interface PostsTable {
  council_id: string;
  post_id: string;
  team_id: string;
  role: string;
  fte: number;
  status: 'filled' | 'vacant';
  held_by: string | null;
  covered_by: string | null;
}

export interface ChildrenTable {
  council_id: string;
  child_id: string;
  name: string;
  date_of_birth: DateText | null;
  sex: string | null;
  family_id: string | null;
  restricted: Generated<boolean>;
}

export interface CaseEpisodesTable {
  council_id: string;
  episode_id: string;
  child_id: string;
  kind: string;
  start_date: DateText;
  end_date: DateText | null;
  placement_distance_miles: number | null;
  placement_long_term: boolean | null;
  s47_outcome: string | null;
}

export interface ComplexityFactorsTable {
  council_id: string;
  factor_id: string;
  child_id: string;
  factor: string;
  start_date: DateText;
  end_date: DateText | null;
}

export interface AllocationsTable {
  council_id: string;
  allocation_id: string;
  child_id: string;
  practitioner_id: string;
  team_id: string;
  role: Generated<string>;
  start_date: DateText;
  end_date: DateText | null;
}

export interface RecordedActivitiesTable {
  council_id: string;
  recorded_id: string;
  child_id: string;
  activity_code: string;
  occurred_on: DateText;
  practitioner_id: string | null;
  hours: number | null;
}

export interface WorkloadConfigsTable {
  council_id: string;
  version: number;
  config: ColumnType<unknown, string, string>;
  note: Generated<string>;
  created_by: string;
  created_at: Timestamp;
}

export interface Database {
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
  workload_configs: WorkloadConfigsTable;
}
