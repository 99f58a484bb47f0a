import { checkDecisionsAfterImport, type DecisionCheck } from '../../allocation/service/index.ts';
import type { Db } from '../../platform/database.ts';
import { randomUUID } from 'node:crypto';
import { authorise } from '../../access/service.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { recordAudit, type AuditEvent } from '../../platform/audit.ts';
import type { InputFile } from '../../standards/files.ts';
import { getCouncil, insertCouncil } from '../../workforce/store.ts';
import { countsByRule, hasErrors, ReportBuilder, sortProblems, type FileInfo, type ImportFormat, type ImportReport } from '../../standards/report.ts';
import { REGISTER_ENTITIES, type RegisterEntity, type Snapshot } from '../model/snapshot.ts';
import { noProgress, stepper, type Progress } from '../../kernel/progress.ts';
import { ukDay } from '../../kernel/time.ts';
import type { DatabaseRead } from './ssd-postgres.ts';
import * as store from '../store.ts';
import { canRead, NEEDS_REGISTER, READERS, roleMappingFor, type ReaderContext } from './readers.ts';

import { exportAnnexA } from './annex-a.ts';
import { exportCin } from './cin.ts';
import { exportCsww } from './csww.ts';
import { exportSsd } from './exports.ts';
import { export903 } from './ssda903.ts';
import { planSync, touchedCounts, type SyncPlan } from '../model/sync.ts';

export interface ImportRequest {
  councilId: string;
  format: ImportFormat;
  files: InputFile[];
  /** Who is importing: the signed-in user, or the OS user on the CLI. */
  importedBy: string;
  /** The day the extract describes; today when omitted. */
  extractDate?: string;
  /** The council's name, if the import creates it. */
  councilName?: string;
  /** SSD tables already read from a database (`import ssd --from`): used instead of files. */
  database?: DatabaseRead;
  /** Hears each step (checking, comparing, writing each table) as it starts. */
  progress?: Progress;
}

export interface ImportResult {
  importId: string | null;
  status: 'imported' | 'unchanged' | 'stopped' | 'validated';
  report: ImportReport;
  /** Allocation decisions made in Caseweight, checked against what this import shows (after a confirmed import). */
  decisions?: DecisionCheck;
}


interface Prepared {
  report: ImportReport;
  snapshot: Snapshot | undefined;
  plan: SyncPlan | undefined;
  extractDate: string;
}

/** The register's tables as the progress bar names them. */
const TABLE_WORDS: Record<RegisterEntity, string> = {
  teams: 'teams', practitioners: 'staff', absences: 'absences', posts: 'posts', children: 'children', episodes: 'case episodes',
  factors: 'complexity factors', allocations: 'allocations', recorded: 'recorded time',
};
/** Checking, comparing, one step per register table, recording: what `confirm` reports. */
export const IMPORT_STEPS = 2 + REGISTER_ENTITIES.length + 1;

async function prepare(db: Db, request: ImportRequest, steps = stepper(noProgress, 2)): Promise<Prepared> {
  // Today as the council's day, not UTC's (which is yesterday just after midnight in summer).
  const extractDate = request.extractDate ?? ukDay(new Date());
  const builder = new ReportBuilder();
  const reader = READERS[request.format];
  if (!reader) throw new Error(`No reader for ${request.format}.`);
  const ctx: ReaderContext = { councilId: request.councilId, extractDate, roleMapping: await roleMappingFor(db, request.councilId) };
  if (request.database) {
    if (request.format !== 'ssd') throw new Error(`Only the SSD can be read from a database, not ${request.format}.`);
    ctx.database = request.database;
  }
  if (NEEDS_REGISTER.has(request.format)) ctx.register = await store.loadRegisterState(db, request.councilId, request.format);
  let snapshot: Snapshot | undefined;
  let files: FileInfo[] = [];
  let unmapped = new Map<string, number>();
  steps.next(request.database ? `Checking ${request.database.files.length} tables` : `Checking ${request.files.length === 1 ? request.files[0]!.name : `${request.files.length} files`}`);
  try {
    const out = await reader(request.files, ctx, builder);
    snapshot = out.snapshot;
    files = out.files;
    unmapped = out.unmappedRoles ?? unmapped;
  } catch (error) {
    // A reader that throws has met input it does not understand: report it, write nothing.
    builder.error('(upload)', `The files could not be read (${(error as Error).message}). Check they are the right files and export them again.`);
  }
  // Counts first, then errors, rejected rows, rule failures and warnings, each by file and line.
  const report: ImportReport = {
    format: request.format, councilId: request.councilId, totals: builder.totals(files), files, ...(request.database ? { source: request.database.source } : {}),
    problems: sortProblems(builder.problems), omitted: builder.omitted, problemCounts: builder.problemCounts, counts: {},
    unmappedRoles: [...unmapped].map(([role, rows]) => ({ role, rows })).sort((a, b) => b.rows - a.rows),
    notes: builder.notes,
  };
  if (builder.hasErrors || !snapshot) return { report, snapshot: undefined, plan: undefined, extractDate };
  steps.next('Comparing with the register');
  const state = ctx.register ?? await store.loadRegisterState(db, request.councilId, request.format);
  const plan = planSync(snapshot, state, extractDate);
  report.counts = touchedCounts(plan);
  return { report, snapshot, plan, extractDate };
}

/** Reads and checks the files and works out what an import would change; writes nothing. */
export async function validate(db: Db, request: ImportRequest): Promise<ImportResult> {
  const steps = stepper(request.progress ?? noProgress, 2);
  const { report } = await prepare(db, request, steps);
  steps.finish('Checked');
  return { importId: null, status: hasErrors(report) ? 'stopped' : 'validated', report };
}

/**
 * Validates, then writes everything in one transaction: the register changes, the rows this
 * source vouches for, its rule flags and the import record. A structural error writes nothing
 * to the register (the stopped attempt is still recorded in the history).
 */
export async function confirm(db: Db, request: ImportRequest, ctx?: RequestContext): Promise<ImportResult> {
  const importId = `${request.format}-${new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`;
  return db.transaction().execute(async (trx) => {
    const steps = stepper(request.progress ?? noProgress, IMPORT_STEPS);
    const exists = (await getCouncil(trx, request.councilId)) !== undefined;
    const prepared = await prepare(trx, request, steps);
    const { report, plan, snapshot } = prepared;
    const record = {
      importId, format: request.format, importedBy: request.importedBy, extractDate: prepared.extractDate, files: report.files,
      counts: report.counts, problemCounts: countsByRule(report),
    };
    if (!plan || !snapshot) {
      // A stopped import into a council that does not exist yet leaves no trace at all.
      if (exists) {
        await store.insertImport(trx, request.councilId, { ...record, status: 'stopped' }, report);
        if (ctx) await auditImport(trx, ctx, importId, `confirm: ${request.format} import, stopped`);
      }
      steps.finish('Stopped: nothing was written');
      return { importId, status: 'stopped' as const, report };
    }
    if (!exists) await insertCouncil(trx, { council_id: request.councilId, name: request.councilName ?? `Council ${request.councilId}`, la_code: null });
    await store.applyPlan(trx, request.councilId, plan, undefined, (entity) => steps.next(`Writing ${TABLE_WORDS[entity]}`));
    steps.next('Recording the import');
    await store.recordSourced(trx, request.councilId, request.format, importId, plan.sourced);
    await store.replaceFlags(trx, request.councilId, request.format, importId, plan.flags);
    // What the import carried beyond the register: which activities it can show done, and the census as received.
    if (snapshot.coverage) await store.replaceCoverage(trx, request.councilId, request.format, importId, snapshot.coverage);
    if (snapshot.census) await store.replaceCensus(trx, request.councilId, importId, snapshot.census);
    const changed = Object.values(plan.counts).some((c) => c.added + c.changed + c.closed > 0);
    const status = changed ? ('imported' as const) : ('unchanged' as const);
    await store.insertImport(trx, request.councilId, { ...record, status }, report);
    // The audit event goes in the import's own transaction: an import that fails half-way leaves neither.
    if (ctx) await auditImport(trx, ctx, importId, `confirm: ${request.format} import, ${status}`);
    // Decisions made here and entered in the case management system are confirmed by the extract that shows them.
    const decisions = await checkDecisionsAfterImport(trx, request.councilId, importId, prepared.extractDate, ctx);
    steps.finish(status === 'imported' ? 'Imported' : 'Nothing changed');
    return { importId, status, report, decisions };
  });
}

async function auditImport(db: Db, ctx: RequestContext, importId: string, fields: string): Promise<void> {
  await recordAudit(db, { councilId: ctx.actor.councilId, actorUserId: ctx.actor.userId, actorRoles: ctx.actor.roles, action: 'write', recordType: 'import', recordId: importId, fields, ip: ctx.origin.ip });
}

/** Who is importing, as the import history names them. */
export const importerName = (ctx: RequestContext) => `${ctx.actor.name} (${ctx.actor.userId})`;

/**
 * Imports and returns, gated: every use case asks access first ('imports': data officers and
 * system administrators) and audits what it read or wrote, page and command line alike.
 */
export function createExchangeService(deps: { db: Db }) {
  const { db } = deps;
  const gate = (ctx: RequestContext, action: 'read' | 'write', page: string) =>
    authorise(db, ctx.actor, action, { kind: 'imports', councilId: ctx.actor.councilId }, page, ctx.origin);
  const audit = (ctx: RequestContext, event: Pick<AuditEvent, 'action' | 'recordType' | 'recordId' | 'fields'>) =>
    recordAudit(db, { councilId: ctx.actor.councilId, actorUserId: ctx.actor.userId, actorRoles: ctx.actor.roles, ip: ctx.origin.ip, ...event });
  return {
    canRead,
    gate,
    audit,
    async validate(ctx: RequestContext, request: Omit<ImportRequest, 'councilId' | 'importedBy'>, uploadId?: string): Promise<ImportResult> {
      await gate(ctx, 'write', 'import check');
      const result = await validate(db, { ...request, councilId: ctx.actor.councilId, importedBy: importerName(ctx) });
      await audit(ctx, { action: 'read', recordType: uploadId ? 'import_upload' : 'import', recordId: uploadId ?? null, fields: `validate ${request.format}: ${result.status}` });
      return result;
    },
    async confirm(ctx: RequestContext, request: Omit<ImportRequest, 'councilId' | 'importedBy'> & { councilId?: string }): Promise<ImportResult> {
      await gate(ctx, 'write', 'import confirm');
      return confirm(db, { ...request, councilId: request.councilId ?? ctx.actor.councilId, importedBy: importerName(ctx) }, ctx);
    },
    async history(ctx: RequestContext) {
      await gate(ctx, 'read', 'import history');
      return listImportHistory(db, ctx.actor.councilId);
    },
    /**
     * A return written from the register, gated like imports and audited as one 'export' event
     * naming what was written, in the same transaction as the read.
     */
    async export<T>(ctx: RequestContext, what: string, write: (trx: Db) => Promise<T>): Promise<T> {
      await gate(ctx, 'read', `export ${what}`);
      return db.transaction().execute(async (trx) => {
        const out = await write(trx);
        await recordAudit(trx, { councilId: ctx.actor.councilId, actorUserId: ctx.actor.userId, actorRoles: ctx.actor.roles, action: 'export', recordType: 'council', recordId: ctx.actor.councilId, fields: `export ${what}`, ip: ctx.origin.ip });
        return out;
      });
    },
    exportSsd(ctx: RequestContext, progress?: Progress) {
      return this.export(ctx, 'SSD extract', (trx) => exportSsd(trx, ctx.actor.councilId, progress));
    },
    export903(ctx: RequestContext, options: { withDistance?: boolean }, progress?: Progress) {
      return this.export(ctx, 'SSDA903 return', (trx) => export903(trx, ctx.actor.councilId, options, progress));
    },
    exportCin(ctx: RequestContext, censusDate: string, progress?: Progress) {
      return this.export(ctx, `CIN census to ${censusDate}`, (trx) => exportCin(trx, ctx.actor.councilId, censusDate, progress));
    },
    exportCsww(ctx: RequestContext, censusDate: string, progress?: Progress) {
      return this.export(ctx, `workforce census on ${censusDate}`, (trx) => exportCsww(trx, ctx.actor.councilId, censusDate, progress));
    },
    /** Ofsted's Annex A workbook for an inspection on `date`: child-level, so gated and audited like the returns. */
    exportAnnexA(ctx: RequestContext, date: string, progress?: Progress) {
      return this.export(ctx, `Ofsted Annex A to ${date}`, (trx) => exportAnnexA(trx, ctx.actor.councilId, date, progress));
    },
    async historyItem(ctx: RequestContext, importId: string) {
      await gate(ctx, 'read', 'import history');
      return store.getImport(db, ctx.actor.councilId, importId);
    },
  };
}
export type ExchangeService = ReturnType<typeof createExchangeService>;

export async function listImportHistory(db: Db, councilId: string, limit?: number) {
  return store.listImports(db, councilId, limit);
}
export type { ImportRecord } from '../store.ts';
