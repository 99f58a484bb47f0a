import { sql, type Kysely } from 'kysely';
import type { Database, ImportsDatabase } from '../platform/tables.ts';
import type { FileInfo, ImportFormat, ImportReport, Severity, TableCounts } from '../standards/report.ts';
import type { CensusReturn, RecordFlag, RegisterEntity } from './model/snapshot.ts';
import type { Coverage } from './model/coverage.ts';
import type { RegisterState, SyncPlan } from './model/sync.ts';
import { REGISTER, REGISTER_ENTITIES, registerColumns } from '../kernel/register.ts';
import { bulkInsert, bulkUpdateRegisterRows } from '../platform/bulk.ts';

type Db = Kysely<Database>;
const imports = (db: Db) => db.withTables<ImportsDatabase>();

/** The council's register, and which rows earlier imports of `source` wrote. */
export async function loadRegisterState(db: Db, councilId: string, source: ImportFormat): Promise<RegisterState> {
  // Ordered by id: an update moves a row in the heap, and the register's state must not depend on that.
  const all = async (entity: RegisterEntity) => (await sql<Record<string, unknown>>`select * from ${sql.table(REGISTER[entity].table)} where council_id = ${councilId} order by ${sql.ref(REGISTER[entity].id)}`.execute(db)).rows;
  const [tables, sourcedRows] = await Promise.all([
    Promise.all(REGISTER_ENTITIES.map(all)),
    imports(db).selectFrom('import_records').select(['entity', 'register_id', 'external_id']).where('council_id', '=', councilId).where('source', '=', source).execute(),
  ]);
  const [teams, practitioners, absences, posts, children, episodes, factors, allocations, recorded] = tables;
  const sourced: RegisterState['sourced'] = {};
  for (const r of sourcedRows) {
    const map = (sourced[r.entity as RegisterEntity] ??= new Map());
    map.set(r.register_id, r.external_id);
  }
  return { teams, practitioners, absences, posts, children, episodes, factors, allocations, recorded, sourced } as unknown as RegisterState;
}

/** Writes a sync plan: inserts, updates and closes, in foreign-key order, a few statements per table. */
export async function applyPlan(db: Db, councilId: string, plan: SyncPlan, chunk = 20_000, onTable: (entity: RegisterEntity) => void = () => undefined): Promise<void> {
  for (const entity of REGISTER_ENTITIES) {
    onTable(entity);
    await bulkInsert(db, REGISTER[entity].table, registerColumns(entity), plan.inserts[entity], chunk);
    await bulkUpdateRegisterRows(db, councilId, entity, plan.updates[entity], chunk);
    const closes = plan.closes[entity];
    if (closes.length > 0) {
      await sql`update ${sql.table(REGISTER[entity].table)} as t set end_date = v.end_date
        from unnest(${closes.map((c) => c.id)}::text[], ${closes.map((c) => c.end_date)}::date[]) as v(id, end_date)
        where t.council_id = ${councilId} and t.${sql.ref(REGISTER[entity].id)} = v.id`.execute(db);
    }
  }
}

/** Records the rows this import vouches for (new ones only: the first import that wrote a row keeps it). */
export async function recordSourced(db: Db, councilId: string, source: ImportFormat, importId: string, rows: SyncPlan['sourced']): Promise<void> {
  for (let i = 0; i < rows.length; i += 20_000) {
    const part = rows.slice(i, i + 20_000);
    await sql`insert into import_records (council_id, source, entity, register_id, external_id, import_id)
      select ${councilId}, ${source}, e, r, x, ${importId}
      from unnest(${part.map((r) => r.entity)}::text[], ${part.map((r) => r.registerId)}::text[], ${part.map((r) => r.externalId)}::text[]) as v(e, r, x)
      on conflict (council_id, source, entity, register_id) do update set external_id = excluded.external_id`.execute(db);
  }
}

/** This source's flags now are the ones this import found. */
export async function replaceFlags(db: Db, councilId: string, source: ImportFormat, importId: string, flags: readonly RecordFlag[]): Promise<void> {
  await imports(db).deleteFrom('record_flags').where('council_id', '=', councilId).where('source', '=', source).execute();
  if (flags.length === 0) return;
  await sql`insert into record_flags (council_id, source, entity, record_id, rule_code, field, message, import_id)
    select ${councilId}, ${source}, e, r, c, f, m, ${importId}
    from unnest(${flags.map((f) => f.entity)}::text[], ${flags.map((f) => f.recordId)}::text[], ${flags.map((f) => f.code)}::text[],
      ${flags.map((f) => f.field)}::text[], ${flags.map((f) => f.message)}::text[]) as v(e, r, c, f, m)`.execute(db);
}

export interface ImportRecord {
  importId: string;
  format: ImportFormat;
  status: 'imported' | 'unchanged' | 'stopped';
  importedBy: string;
  importedAt: Date;
  extractDate: string;
  files: FileInfo[];
  counts: Record<string, TableCounts>;
  problemCounts: { severity: Severity; code: string | null; count: number }[];
}

export async function insertImport(db: Db, councilId: string, record: Omit<ImportRecord, 'importedAt'>, report: ImportReport): Promise<void> {
  await imports(db).insertInto('imports').values({
    council_id: councilId, import_id: record.importId, format: record.format, status: record.status, imported_by: record.importedBy,
    extract_date: record.extractDate, files: JSON.stringify(record.files), counts: JSON.stringify(record.counts),
    problem_counts: JSON.stringify(record.problemCounts), report: JSON.stringify(report),
  }).execute();
}

export async function listImports(db: Db, councilId: string, limit = 50): Promise<ImportRecord[]> {
  const rows = await imports(db).selectFrom('imports')
    .select(['import_id', 'format', 'status', 'imported_by', 'imported_at', 'extract_date', 'files', 'counts', 'problem_counts'])
    .where('council_id', '=', councilId).orderBy('imported_at', 'desc').orderBy('import_id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    importId: r.import_id, format: r.format as ImportFormat, status: r.status as ImportRecord['status'], importedBy: r.imported_by,
    importedAt: r.imported_at, extractDate: r.extract_date, files: r.files as FileInfo[], counts: r.counts as Record<string, TableCounts>,
    problemCounts: r.problem_counts as ImportRecord['problemCounts'],
  }));
}

export async function listFlags(db: Db, councilId: string, entity?: RegisterEntity) {
  let q = imports(db).selectFrom('record_flags').selectAll().where('council_id', '=', councilId);
  if (entity) q = q.where('entity', '=', entity);
  return q.orderBy('record_id').execute();
}

export async function getRoleMapping(db: Db, councilId: string): Promise<Record<string, string> | undefined> {
  const row = await imports(db).selectFrom('import_settings').select('role_mapping').where('council_id', '=', councilId).executeTakeFirst();
  return row?.role_mapping as Record<string, string> | undefined;
}

/** One import's history entry with its full report, as shown at the time. */
export async function getImport(db: Db, councilId: string, importId: string): Promise<(ImportRecord & { report: ImportReport }) | undefined> {
  const r = await imports(db).selectFrom('imports').selectAll().where('council_id', '=', councilId).where('import_id', '=', importId).executeTakeFirst();
  if (!r) return undefined;
  return {
    importId: r.import_id, format: r.format as ImportFormat, status: r.status as ImportRecord['status'], importedBy: r.imported_by,
    importedAt: r.imported_at, extractDate: r.extract_date, files: r.files as FileInfo[], counts: r.counts as Record<string, TableCounts>,
    problemCounts: r.problem_counts as ImportRecord['problemCounts'], report: r.report as ImportReport,
  };
}

// ---- What an import carried beyond the register (migration 0013) ---------------------------

/** This source's coverage now is what its latest import could show (case-data sources only). */
export async function replaceCoverage(db: Db, councilId: string, source: ImportFormat, importId: string, coverage: readonly Coverage[]): Promise<void> {
  await imports(db).deleteFrom('import_coverage').where('council_id', '=', councilId).where('source', '=', source).execute();
  if (coverage.length === 0) return;
  await imports(db).insertInto('import_coverage').values(coverage.map((c) => ({
    council_id: councilId, source, activity_code: c.activityCode, carried: c.carried, basis: c.basis, import_id: importId,
  }))).execute();
}

/** Every source's coverage for the council: empty when no case-data import has said what it carries. */
export async function listCoverage(db: Db, councilId: string): Promise<(Coverage & { source: string })[]> {
  const rows = await imports(db).selectFrom('import_coverage').select(['source', 'activity_code', 'carried', 'basis'])
    .where('council_id', '=', councilId).orderBy('source').orderBy('activity_code').execute();
  return rows.map((r) => ({ source: r.source, activityCode: r.activity_code, carried: r.carried, basis: r.basis }));
}

/** The census for its date, replacing an earlier import of the same date; other dates are kept. */
export async function replaceCensus(db: Db, councilId: string, importId: string, census: CensusReturn): Promise<void> {
  // census_workers go with their return (on delete cascade).
  await imports(db).deleteFrom('census_returns').where('council_id', '=', councilId).where('census_date', '=', census.censusDate).execute();
  await imports(db).insertInto('census_returns').values({
    council_id: councilId, census_date: census.censusDate, vacancies_fte: census.vacancies.fte, agency_fte: census.vacancies.agencyFte,
    agency_headcount: census.vacancies.agencyHeadcount, workers: census.workers.length, import_id: importId,
  }).execute();
  for (let i = 0; i < census.workers.length; i += 2_000) {
    await imports(db).insertInto('census_workers').values(census.workers.slice(i, i + 2_000).map((w) => ({
      council_id: councilId, census_date: census.censusDate, swe_number: w.swe, practitioner_id: w.practitionerId, agency: w.agency,
      fte: w.fte, fte30: w.fte30, org_role: w.orgRole, role_start: w.roleStart, role_end: w.roleEnd, start_origin: w.startOrigin,
      leaver_destination: w.leaverDestination, reason_leave: w.reasonLeave, cases30: w.cases30, working_days_lost: w.workingDaysLost,
      absent_on_30_sept: w.absentOn30Sept, reason_absence: w.reasonAbsence,
    }))).execute();
  }
}

/** The latest census on or before `date`, with its workers in SWE number order; undefined if none. */
export async function getCensusOnOrBefore(db: Db, councilId: string, date: string): Promise<CensusReturn | undefined> {
  const head = await imports(db).selectFrom('census_returns').selectAll().where('council_id', '=', councilId).where('census_date', '<=', date)
    .orderBy('census_date', 'desc').limit(1).executeTakeFirst();
  if (!head) return undefined;
  const workers = await imports(db).selectFrom('census_workers').selectAll().where('council_id', '=', councilId).where('census_date', '=', head.census_date)
    .orderBy('swe_number').execute();
  return {
    censusDate: head.census_date,
    vacancies: { fte: head.vacancies_fte, agencyFte: head.agency_fte, agencyHeadcount: head.agency_headcount },
    workers: workers.map((w) => ({
      swe: w.swe_number, practitionerId: w.practitioner_id, agency: w.agency, fte: w.fte, fte30: w.fte30, orgRole: w.org_role,
      roleStart: w.role_start, roleEnd: w.role_end, startOrigin: w.start_origin, leaverDestination: w.leaver_destination, reasonLeave: w.reason_leave,
      cases30: w.cases30, workingDaysLost: w.working_days_lost, absentOn30Sept: w.absent_on_30_sept, reasonAbsence: w.reason_absence,
    })),
  };
}
