/**
 * The national view's tables (migration 0020): councils' returns as a national tenant received
 * them, and each import. `councilId` is always the receiving tenant.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/tables.ts';
import type { CouncilReturn } from './model/format.ts';

type Db = Kysely<Database>;

export interface ImportReportRow {
  file: string;
  outcome: 'accepted' | 'replaced' | 'rejected';
  council?: string;
  censusYear?: number;
  reasons?: string[];
}

/**
 * Writes the accepted returns (a council's return for a year replaces the one held) in one
 * statement each way, with the import's record, inside the caller's transaction.
 */
export async function saveReturns(trx: Db, councilId: string, importId: string, by: string, returns: readonly CouncilReturn[], report: readonly ImportReportRow[]): Promise<void> {
  if (!trx.isTransaction) throw new Error('saveReturns runs inside the transaction that also writes its audit event.');
  if (returns.length > 0) {
    await trx.insertInto('national_returns').values(returns.map((r) => ({
      council_id: councilId, return_council: r.council.code, census_year: r.censusYear, census_date: r.censusDate, council_name: r.council.name,
      region: r.council.region, format_version: r.version, document: JSON.stringify(r), import_id: importId,
    }))).onConflict((oc) => oc.columns(['council_id', 'census_year', 'return_council']).doUpdateSet((eb) => ({
      census_date: eb.ref('excluded.census_date'), council_name: eb.ref('excluded.council_name'), region: eb.ref('excluded.region'),
      format_version: eb.ref('excluded.format_version'), document: eb.ref('excluded.document'), import_id: eb.ref('excluded.import_id'), imported_at: new Date(),
    }))).execute();
  }
  await trx.insertInto('national_imports').values({
    council_id: councilId, import_id: importId, imported_by: by, files: report.length,
    accepted: report.filter((r) => r.outcome !== 'rejected').length, rejected: report.filter((r) => r.outcome === 'rejected').length, report: JSON.stringify(report),
  }).execute();
}

/** Which (council, year) pairs are held already, so an import can say "replaced". */
export async function listHeldKeys(db: Db, councilId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('national_returns').select(['return_council', 'census_year']).where('council_id', '=', councilId).execute();
  return new Set(rows.map((r) => `${r.return_council}:${r.census_year}`));
}

/** Every return held, all years (a few hundred rows: the national figures are summed in the model). */
export async function listReturns(db: Db, councilId: string): Promise<CouncilReturn[]> {
  const rows = await db.selectFrom('national_returns').select('document').where('council_id', '=', councilId).orderBy('census_year').orderBy('return_council').execute();
  return rows.map((r) => (typeof r.document === 'string' ? JSON.parse(r.document) : r.document) as CouncilReturn);
}

export async function listImports(db: Db, councilId: string, limit = 20) {
  return db.selectFrom('national_imports').select(['import_id', 'imported_at', 'imported_by', 'files', 'accepted', 'rejected'])
    .where('council_id', '=', councilId).orderBy('imported_at', 'desc').limit(limit).execute();
}
