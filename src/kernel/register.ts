/**
 * The register: the council's teams, staff and children's cases, as Caseweight keeps them.
 * Each table's columns are declared once, here, with their SQL types; the row types, the
 * Kysely table types (platform/tables.ts), every bulk write and the import's sync planning
 * are all derived from this one declaration. Pure: no I/O.
 */

export type SqlType = 'text' | 'date' | 'numeric' | 'boolean' | 'integer' | 'jsonb';
/** A column's SQL type; a trailing '?' means it may be null. */
type ColumnSpec = SqlType | `${SqlType}?`;

type Value<T extends SqlType> = T extends 'text' | 'date' ? string : T extends 'numeric' | 'integer' ? number : T extends 'boolean' ? boolean : unknown;
type RowFrom<C extends Record<string, ColumnSpec>> = {
  -readonly [K in keyof C]: C[K] extends `${infer T extends SqlType}?` ? Value<T> | null : C[K] extends SqlType ? Value<C[K]> : never;
};

export const REGISTER = {
  teams: { table: 'teams', id: 'team_id', columns: { council_id: 'text', team_id: 'text', name: 'text', service: 'text', parent_team_id: 'text?' } },
  practitioners: {
    table: 'practitioners', id: 'practitioner_id',
    columns: {
      council_id: 'text', practitioner_id: 'text', name: 'text', team_id: 'text', role: 'text', swe_number: 'text?', staff_id: 'text?',
      qualified_on: 'date?', asye_start: 'date?', agency: 'boolean', fte: 'numeric', contracted_weekly_hours: 'numeric',
      working_pattern: 'text', started_on: 'date', left_on: 'date?',
    },
  },
  absences: { table: 'absences', id: 'absence_id', columns: { council_id: 'text', absence_id: 'text', practitioner_id: 'text', kind: 'text', start_date: 'date', end_date: 'date' } },
  posts: {
    table: 'posts', id: 'post_id',
    columns: { council_id: 'text', post_id: 'text', team_id: 'text', role: 'text', fte: 'numeric', status: 'text', held_by: 'text?', covered_by: 'text?' },
  },
  children: {
    table: 'children', id: 'child_id',
    columns: { council_id: 'text', child_id: 'text', name: 'text', date_of_birth: 'date?', sex: 'text?', family_id: 'text?', restricted: 'boolean' },
  },
  episodes: {
    table: 'case_episodes', id: 'episode_id',
    columns: {
      council_id: 'text', episode_id: 'text', child_id: 'text', kind: 'text', start_date: 'date', end_date: 'date?',
      placement_distance_miles: 'numeric?', placement_long_term: 'boolean?', s47_outcome: 'text?',
    },
  },
  factors: { table: 'complexity_factors', id: 'factor_id', columns: { council_id: 'text', factor_id: 'text', child_id: 'text', factor: 'text', start_date: 'date', end_date: 'date?' } },
  allocations: {
    table: 'allocations', id: 'allocation_id',
    columns: { council_id: 'text', allocation_id: 'text', child_id: 'text', practitioner_id: 'text', team_id: 'text', role: 'text', start_date: 'date', end_date: 'date?' },
  },
  recorded: {
    table: 'recorded_activities', id: 'recorded_id',
    columns: { council_id: 'text', recorded_id: 'text', child_id: 'text', activity_code: 'text', occurred_on: 'date', practitioner_id: 'text?', hours: 'numeric?' },
  },
} as const satisfies Record<string, { table: string; id: string; columns: Record<string, ColumnSpec> }>;

/** Foreign keys run this way: teams before practitioners, children before their episodes. */
export const REGISTER_ENTITIES = ['teams', 'practitioners', 'absences', 'posts', 'children', 'episodes', 'factors', 'allocations', 'recorded'] as const;
export type RegisterEntity = (typeof REGISTER_ENTITIES)[number];
export type RegisterRow<E extends RegisterEntity> = RowFrom<(typeof REGISTER)[E]['columns']>;

export type TeamRow = RegisterRow<'teams'>;
export type PractitionerRow = RegisterRow<'practitioners'>;
export type AbsenceRow = RegisterRow<'absences'>;
export type PostRow = Omit<RegisterRow<'posts'>, 'status'> & { status: 'filled' | 'vacant' };
export type ChildRow = RegisterRow<'children'>;
export type EpisodeRow = RegisterRow<'episodes'>;
export type FactorRow = RegisterRow<'factors'>;
export type AllocationRow = RegisterRow<'allocations'>;
export type RecordedRow = RegisterRow<'recorded'>;

/** Every register row of one council, table by table: what the demo generator makes and an import syncs. */
export interface RegisterRows {
  teams: TeamRow[];
  practitioners: PractitionerRow[];
  absences: AbsenceRow[];
  posts: PostRow[];
  children: ChildRow[];
  episodes: EpisodeRow[];
  factors: FactorRow[];
  allocations: AllocationRow[];
  recorded: RecordedRow[];
}

/** The columns of an entity, in table order, with their SQL types (a trailing '?' stripped). */
export function registerColumns(entity: RegisterEntity): readonly (readonly [string, SqlType])[] {
  return Object.entries(REGISTER[entity].columns).map(([name, spec]) => [name, spec.replace('?', '') as SqlType] as const);
}

export const registerColumnNames = (entity: RegisterEntity): string[] => Object.keys(REGISTER[entity].columns);

// ---- Being open, or in post, on a day -------------------------------------------------------
// Every period in the register runs from its start day to the day before its end: a case
// episode, allocation or factor ending today is closed today, and someone whose leaving date is
// today is no longer in post today. This is the DfE census reading too: a worker leaving on
// 30 September is a leaver in the year, not in post on the census date. Dates are ISO text, so
// comparing them as strings compares the days. Stores apply the same rule in SQL through
// `OPEN_PERIOD` and `IN_POST` (platform/bulk.ts builds the clause from these declarations).

/** Which columns bound a period, and that the end day is not part of it. */
export interface PeriodColumns {
  start: string;
  end: string;
}

export const OPEN_PERIOD = { start: 'start_date', end: 'end_date' } as const satisfies PeriodColumns;
export const IN_POST = { start: 'started_on', end: 'left_on' } as const satisfies PeriodColumns;

/** Whether a period [start, end) covers the day. An absent end is open-ended. */
export function coversDay(start: string, end: string | null, day: string): boolean {
  return start <= day && (end === null || end > day);
}

/** A case episode, allocation or factor that is open on the day. */
export const openOn = (row: { start_date: string; end_date: string | null }, day: string): boolean => coversDay(row.start_date, row.end_date, day);

/** A member of staff who is in post on the day (started, and not yet left). */
export const inPostOn = (row: { started_on: string; left_on: string | null }, day: string): boolean => coversDay(row.started_on, row.left_on, day);

/** An absence, whose end day is the last day away (absences are inclusive at both ends). */
export const absentOn = (row: { start_date: string; end_date: string }, day: string): boolean => row.start_date <= day && row.end_date >= day;
