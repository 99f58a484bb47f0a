import { countsByRule, hasErrors, problemPlace, SEVERITY_ORDER, sortProblems, type ImportReport, type RowTotals } from '../../standards/report.ts';
import { ukDateTime } from '../../kernel/time.ts';
import type { ImportRecord } from '../service/index.ts';
import { formatLabel, words } from './wording.ts';

/** The report page lists at most this many problems; the counts above it cover them all. */
export const MAX_PROBLEMS_SHOWN = 500;
/** The error summary links at most this many errors; the list below has the rest. */
export const MAX_SUMMARY_LINKS = 20;

export interface FormatChoice {
  value: string;
  text: string;
  hint: string;
  available: boolean;
  checked: boolean;
}

/** The format radios: every format the council will send, the ones not yet readable marked so. */
export function formatChoices(available: (format: string) => boolean, chosen?: string): FormatChoice[] {
  const choices = words.formats.map((f) => ({ ...f, available: available(f.value), checked: f.value === chosen }));
  // With nothing chosen yet, pre-select the SSD extract (the main feed), or else the only readable format.
  const readable = choices.filter((c) => c.available);
  const preferred = readable.find((c) => c.value === 'ssd') ?? (readable.length === 1 ? readable[0] : undefined);
  if (!chosen && preferred) preferred.checked = true;
  return choices;
}

export interface UploadFormProblem {
  field: 'format' | 'files';
  message: string;
}

export function toUploadView(available: (format: string) => boolean, chosen?: string, problems: UploadFormProblem[] = []) {
  // The summary links to the chosen radio, or the first one offered.
  const target = words.formats.find((f) => f.value === chosen && available(f.value)) ?? words.formats.find((f) => available(f.value));
  const fieldId = { format: `format-${target?.value ?? 'ssd'}`, files: 'files' };
  return {
    title: words.uploadTitle,
    formats: formatChoices(available, chosen),
    unavailable: formatChoices(available, chosen).filter((f) => !f.available),
    errorSummary: problems.map((p) => ({ text: p.message, href: `#${fieldId[p.field]}` })),
    formatError: problems.find((p) => p.field === 'format')?.message,
    filesError: problems.find((p) => p.field === 'files')?.message,
  };
}


const bytes = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export interface ReportContext {
  status: 'validated' | 'stopped' | 'imported' | 'unchanged';
  /** Where the confirm form posts, when the import may go ahead. */
  confirmAction?: string;
  importedBy?: string;
  importedAt?: Date;
}

/** Rows read, imported, rejected and flagged; from the files for a report stored before totals were kept. */
function totalsOf(report: ImportReport): RowTotals {
  if (report.totals) return report.totals;
  const read = report.files.reduce((n, f) => n + (f.rows ?? 0), 0);
  return { read, imported: hasErrors(report) ? 0 : read, rejected: 0, flagged: 0 };
}

/**
 * The validation report as a page: the counts first (rows imported, rejected, flagged), then
 * the errors that stop the import (each linked from the error summary), the rows not imported,
 * the rules failed and the warnings, each group by file and line; then what each register table
 * gains or loses, unmapped roles and the files.
 */
export function toReportView(report: ImportReport, ctx: ReportContext) {
  const stopped = hasErrors(report);
  const problems = sortProblems(report.problems).slice(0, MAX_PROBLEMS_SHOWN).map((p, i) => ({
    id: `problem-${i + 1}`, severity: p.severity, severityText: words.severity[p.severity], code: p.code ?? '', where: problemPlace(p), message: p.message,
  }));
  const errors = problems.filter((p) => p.severity === 'error');
  const totals = totalsOf(report);
  const firstOf = (severity: string, code: string | null) => problems.find((p) => p.severity === severity && p.code === (code ?? ''))?.id;
  return {
    title: ctx.importedAt ? words.historyReportTitle : words.reportTitle,
    format: formatLabel(report.format),
    status: ctx.status,
    statusText: words.status[ctx.status] ?? ctx.status,
    stopped,
    canConfirm: !stopped && ctx.confirmAction !== undefined,
    confirmAction: ctx.confirmAction,
    importedBy: ctx.importedBy,
    importedAt: ctx.importedAt ? ukDateTime(ctx.importedAt) : undefined,
    totals,
    groups: SEVERITY_ORDER.map((severity) => ({ severity, heading: words.groups[severity], hint: words.severityHint[severity], problems: problems.filter((p) => p.severity === severity) }))
      .filter((g) => g.problems.length > 0),
    errorSummary: errors.slice(0, MAX_SUMMARY_LINKS).map((p) => ({ text: `${p.where}: ${p.message}`, href: `#${p.id}` })),
    moreErrors: Math.max(0, errors.length - MAX_SUMMARY_LINKS),
    ruleCounts: countsByRule(report).map((r) => ({
      severityText: words.severity[r.severity], hint: words.severityHint[r.severity], code: r.code ?? 'No code', count: r.count, href: firstOf(r.severity, r.code),
    })),
    tables: Object.entries(report.counts).map(([table, c]) => ({ table: words.tables[table] ?? table, ...c })),
    unmappedRoles: report.unmappedRoles,
    notes: report.notes ?? [],
    files: report.files.map((f) => ({
      name: f.name, recognisedAs: f.recognisedAs ?? 'Not recognised', rows: f.rows ?? null, rejected: f.rejected ?? 0, flagged: f.flagged ?? 0, size: bytes(f.bytes),
      encoding: f.encoding && f.encoding !== 'utf-8' ? f.encoding : '', sha256: f.sha256.slice(0, 12),
    })),
    problems,
    problemsHidden: Math.max(0, report.problems.length - MAX_PROBLEMS_SHOWN) + report.omitted,
  };
}

/** The import history as table rows, newest first (the store's order). */
export function toHistoryView(records: ImportRecord[], imported?: string) {
  return {
    title: words.historyTitle,
    imported: imported && records.some((r) => r.importId === imported) ? records.find((r) => r.importId === imported) : undefined,
    rows: records.map((r) => {
      const totals = Object.values(r.counts).reduce(
        (s, c) => ({ added: s.added + c.added, changed: s.changed + c.changed, closed: s.closed + c.closed, rejected: s.rejected + c.rejected }),
        { added: 0, changed: 0, closed: 0, rejected: 0 },
      );
      return {
        importId: r.importId, href: `/imports/history/${encodeURIComponent(r.importId)}`, format: formatLabel(r.format),
        status: r.status, statusText: words.status[r.status] ?? r.status, importedBy: r.importedBy,
        importedAt: ukDateTime(r.importedAt), extractDate: r.extractDate,
        files: r.files.map((f) => f.name).join(', '), ...totals,
        problems: r.problemCounts.reduce((s, p) => s + p.count, 0),
      };
    }),
  };
}
