/**
 * Allocation's tables: who holds which case (`allocations`, written by imports and by the
 * decisions made here), the decisions themselves, declared conflicts of interest and the
 * council's allocation rules.
 */
import type { Kysely, Selectable } from 'kysely';
import { OPEN_PERIOD, type AllocationRow } from '../kernel/register.ts';
import { coversDaySql, insertRegisterRows } from '../platform/bulk.ts';
import type { AllocationDecisionsTable, Database } from '../platform/tables.ts';

type Db = Kysely<Database>;
export type { AllocationRow };
export type DecisionRow = Selectable<AllocationDecisionsTable>;

export const insertAllocations = (db: Db, rows: readonly AllocationRow[]) => insertRegisterRows(db, 'allocations', rows);

/** Ends an open allocation on `end` (its last day is the day before). */
export async function endAllocation(db: Db, councilId: string, allocationId: string, end: string): Promise<void> {
  await db.updateTable('allocations').set({ end_date: end })
    .where('council_id', '=', councilId).where('allocation_id', '=', allocationId).execute();
}

/** Lead allocations open on `date` for these children (all of the council's when omitted). */
export async function listOpenLeads(db: Db, councilId: string, date: string, childIds?: readonly string[]): Promise<AllocationRow[]> {
  if (childIds && childIds.length === 0) return [];
  let q = db.selectFrom('allocations').selectAll().where('council_id', '=', councilId).where('role', '=', 'lead')
    .where((eb) => coversDaySql(eb, OPEN_PERIOD, date));
  if (childIds) q = q.where('child_id', 'in', [...new Set(childIds)]);
  return q.orderBy('child_id').execute();
}

/** Lead allocations that ended on or before `date` (the history): who held each child before. */
export async function listEndedLeads(db: Db, councilId: string, date: string, childIds?: readonly string[]): Promise<AllocationRow[]> {
  if (childIds && childIds.length === 0) return [];
  let q = db.selectFrom('allocations').selectAll().where('council_id', '=', councilId).where('role', '=', 'lead')
    .where('end_date', 'is not', null).where('end_date', '<=', date);
  if (childIds) q = q.where('child_id', 'in', [...new Set(childIds)]);
  return q.orderBy('end_date').execute();
}

/** How many lead allocations each practitioner was given in [from, to]. */
export async function countLeadsStartedBetween(db: Db, councilId: string, from: string, to: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('allocations').select(['practitioner_id']).select((eb) => eb.fn.countAll<string>().as('n'))
    .where('council_id', '=', councilId).where('role', '=', 'lead').where('start_date', '>=', from).where('start_date', '<=', to)
    .groupBy('practitioner_id').execute();
  return new Map(rows.map((r) => [r.practitioner_id, Number(r.n)]));
}

export async function insertDecisions(db: Db, rows: readonly Omit<DecisionRow, 'decided_at' | 'status' | 'checked_import_id' | 'mismatch'>[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('allocation_decisions').values(rows.map((r) => ({ ...r }))).execute();
}

export async function listDecisions(db: Db, councilId: string, options: { status?: string; since?: string; childIds?: readonly string[] } = {}): Promise<DecisionRow[]> {
  let q = db.selectFrom('allocation_decisions').selectAll().where('council_id', '=', councilId);
  if (options.status) q = q.where('status', '=', options.status);
  if (options.since) q = q.where('effective_date', '>=', options.since);
  if (options.childIds) {
    if (options.childIds.length === 0) return [];
    q = q.where('child_id', 'in', [...options.childIds]);
  }
  return q.orderBy('decided_at', 'desc').orderBy('decision_id').execute();
}

export async function markDecision(db: Db, councilId: string, decisionId: string, status: 'confirmed' | 'mismatch', importId: string, mismatch: string | null): Promise<void> {
  await db.updateTable('allocation_decisions').set({ status, checked_import_id: importId, mismatch })
    .where('council_id', '=', councilId).where('decision_id', '=', decisionId).execute();
}

export interface ConflictRow {
  conflict_id: string;
  practitioner_id: string;
  child_id: string | null;
  family_id: string | null;
  reason: string;
}

/** Conflicts of interest not ended. */
export async function listConflicts(db: Db, councilId: string): Promise<ConflictRow[]> {
  return db.selectFrom('allocation_conflicts').select(['conflict_id', 'practitioner_id', 'child_id', 'family_id', 'reason'])
    .where('council_id', '=', councilId).where('ended_at', 'is', null).execute();
}

export async function insertConflict(db: Db, row: { council_id: string; conflict_id: string; practitioner_id: string; child_id: string | null; family_id: string | null; reason: string; declared_by: string }): Promise<void> {
  await db.insertInto('allocation_conflicts').values(row).execute();
}

export async function getLatestSettings(db: Db, councilId: string): Promise<{ version: number; settings: unknown } | undefined> {
  return db.selectFrom('allocation_settings').select(['version', 'settings']).where('council_id', '=', councilId)
    .orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function insertSettings(db: Db, row: { council_id: string; version: number; settings: unknown; note: string; created_by: string; created_by_name: string | null }): Promise<void> {
  await db.insertInto('allocation_settings').values({ ...row, settings: JSON.stringify(row.settings) }).execute();
}
