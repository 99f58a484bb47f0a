/**
 * Which area owns which table: the one place the `caseweight/store-tables` lint rule reads.
 *
 * DRAFT from src/platform/tables.ts and src/platform/migrations/*.sql as of the layout move:
 * the lead checks it. A table created in a migration but missing here fails the lint
 * (`caseweight/table-owners-complete`), and so does a table listed here that no migration creates.
 *
 * A store (`src/<area>/store.ts`, `src/<area>/store/**`) may name only its own area's tables;
 * platform plumbing (`src/platform/**`) only the `platform` tables. Reading another area's data
 * goes through that area's store read functions, writing through its service (DESIGN.md).
 */
export const TABLE_OWNERS = {
  // The register's people side (migration 0001). `councils` is the tenant row every register
  // import writes first; the workforce store lists councils today.
  workforce: ['councils', 'teams', 'practitioners', 'absences', 'posts'],
  // The register's children side (migration 0001).
  cases: ['children', 'case_episodes', 'complexity_factors'],
  // What was done (migration 0001's recorded_activities, written by imports and by recording) and
  // how it was recorded in Caseweight (migration 0015), and case notes with their versions (0016).
  recording: ['recorded_activities', 'recordings', 'case_notes'],
  // Who holds which case (migration 0001's allocations, written by imports and by decisions) and
  // what managers decided (migration 0014): decisions, conflicts of interest, allocation rules.
  allocation: ['allocations', 'allocation_decisions', 'allocation_conflicts', 'allocation_settings'],
  workload: ['workload_configs'],
  statistics: ['workload_snapshots'],
  // Who may see what (migration 0002): grants and emergency access.
  access: ['access_grants', 'break_glass'],
  // Who people are: accounts, credentials and signed-in sessions (migration 0002), and the
  // one-time set-password and first-administrator setup links (migration 0008).
  identity: ['users', 'sessions', 'account_tokens'],
  // Imports and exports (migration 0003). What an import carried beyond the register (migration
  // 0013): the workforce census as received (per census date and worker), and which activities'
  // completion each case-data source records. The statistics and workload services read them
  // through the exchange store's read functions.
  exchange: ['imports', 'import_records', 'record_flags', 'import_settings', 'census_returns', 'census_workers', 'import_coverage'],
  // Tasks handed to business support and business support's contracted hours (migration 0017).
  tasks: ['tasks', 'support_capacity'],
  // Supervision sessions (migration 0018): the outline, the reflective part kept apart, which case
  // notes the decisions became (the notes are recording's), the supervisee's comments, the policy.
  supervision: ['supervision_sessions', 'supervision_reflections', 'supervision_case_items', 'supervision_comments', 'supervision_settings'],
  // Plumbing: the hash-chained audit log (platform/audit.ts) and the migration ledger
  // (platform/migrations.ts creates it in code, not in a .sql file).
  // The monthly pulse (migration 0019): anonymous answers, and apart from them who has answered.
  pulse: ['pulse_answers', 'pulse_responses'],
  // The national view (migration 0020): councils' de-identified returns and each import of them.
  national: ['national_returns', 'national_imports'],
  platform: ['audit_events', 'schema_migrations', 'files'],
} as const satisfies Record<string, readonly string[]>;

export type TableMode = 'read' | 'write';

export interface TableException {
  /** The area (or `platform`) whose store is allowed the table. */
  area: string;
  table: string;
  /** `read` allows selectFrom/joins/`select … from`; `write` allows everything. */
  mode: TableMode;
  reason: string;
}

/** Deliberate exceptions: each one says why. */
export const TABLE_EXCEPTIONS: readonly TableException[] = [
  {
    area: 'access',
    table: 'users',
    mode: 'read',
    reason: 'the break-glass review list and the grants review list join the names (and teams) of the people in the same query, so a list of 500 is one read, not 501',
  },
  {
    area: 'cases',
    table: 'practitioners',
    mode: 'read',
    reason: 'a child\'s allocation history names each worker in the same query (the case page and the subject access bundle)',
  },
  {
    area: 'cases',
    table: 'allocations',
    mode: 'read',
    reason: 'need-to-know turns "the case is held by you or your team" into SQL for every child list (the list filter joins allocations in the same query), and a child\'s access facts and allocation history are one read each; allocation owns the writes',
  },
  {
    area: 'cases',
    table: 'recorded_activities',
    mode: 'read',
    reason: 'a case\'s schedule and the subject access bundle read what was done on the case (one read each); recording owns the writes',
  },
  {
    area: 'exchange',
    table: 'children',
    mode: 'write',
    reason: 'an import applies its sync plan to the whole register (every workforce and cases table, named through kernel/register.ts REGISTER, so the checker sees them only as REGISTER[entity].table) in one transaction in foreign-key order (exchange/store.ts applyPlan); moving that write into the workforce and cases stores is the next step',
  },
]

/**
 * Helpers that take a table name as an argument, so the check can see the table:
 * `bulkInsert(db, 'children', …)` in src/platform/bulk.ts.
 */
export const TABLE_ARGUMENT_FUNCTIONS: Readonly<Record<string, { index: number; mode: TableMode }>> = {
  bulkInsert: { index: 1, mode: 'write' },
};

/**
 * Platform helpers that take the table as a parameter, so the table is checked at their call
 * sites (TABLE_ARGUMENT_FUNCTIONS) rather than inside them.
 */
export const GENERIC_TABLE_HELPERS: readonly { from: string; reason: string }[] = [
  { from: 'src/platform/bulk.ts', reason: 'bulkInsert(db, table, …) writes the table its caller names; the caller is checked' },
];
