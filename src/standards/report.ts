/**
 * The import report: what was read, what is wrong with it, and what the import would change.
 * Pure data, so the CLI prints it, the pages render it and the import history stores it.
 *
 * Severity decides what happens:
 * - `error`: a problem with a whole file (not readable, not well-formed, a table or column it
 *   cannot recognise, a missing key column, an XML document whose header fails its schema).
 *   The import stops and writes nothing.
 * - `rejected`: one row (a CSV line, a CIN census child, a workforce census worker) cannot be
 *   imported: no key, a key date that is not a date, a key shared with a different row, a child
 *   or worker the rest of the set does not hold, an element that fails the schema. That row is
 *   left out and reported; the rest of the set imports.
 * - `rule`: a content rule failed (a DfE validation rule where one exists). The record is
 *   imported and flagged so it can be fixed at source.
 * - `warning`: worth knowing (a file read as Windows-1252, an unmapped role) but not wrong.
 *
 * Reports list problems in that order of severity, then by file and line (`sortProblems`).
 */
export type Severity = 'error' | 'rejected' | 'rule' | 'warning';
export const SEVERITY_ORDER: readonly Severity[] = ['error', 'rejected', 'rule', 'warning'];
export type ImportFormat = 'ssd' | 'cin' | '903' | 'csww';

export interface Problem {
  severity: Severity;
  file: string;
  /** 1-based line in a CSV file (the header is line 1), or an XML line. */
  line?: number;
  /** XML element path, when the problem is in XML. */
  element?: string;
  field?: string;
  /** The row's own key in the source (CHILD and REVIEW, an SSD id, LAchildID, SWENo), when it has one. */
  key?: string;
  /** DfE validation rule code, when the problem is one of the DfE's rules. */
  code?: string;
  message: string;
  /** The register record the problem is flagged on (rules only). */
  record?: { table: string; id: string };
}

export interface FileInfo {
  name: string;
  bytes: number;
  sha256: string;
  /** What the file was recognised as: an SSD table, an SSDA903 table, 'cin', 'csww'. */
  recognisedAs?: string;
  rows?: number;
  /** Of `rows`, how many were left out (rejected) and how many imported with a rule flagged. */
  rejected?: number;
  flagged?: number;
  encoding?: string;
}

/** Rows across the files: read, imported (read less rejected; none when an error stopped the import), rejected, flagged. */
export interface RowTotals {
  read: number;
  imported: number;
  rejected: number;
  flagged: number;
}

/** A database an import read its tables from, in place of files: never the password. */
export interface SourceInfo {
  kind: 'postgresql';
  /** The address without its password, and the schema: what the history shows. */
  description: string;
  host: string;
  port: number;
  database: string;
  user: string;
  schema: string;
  rows: number;
  /** Hash over every table's rows in key order: two reads of unchanged tables give the same hash. */
  sha256: string;
}

export interface TableCounts {
  added: number;
  changed: number;
  closed: number;
  unchanged: number;
  rejected: number;
}

export interface ImportReport {
  format: ImportFormat;
  councilId: string;
  files: FileInfo[];
  /** Set when the tables were read from a database rather than files. */
  source?: SourceInfo;
  /** Rows imported, rejected and flagged: what the report states first. Absent in reports stored before it existed. */
  totals?: RowTotals;
  /** Errors, then rejected rows, then rule failures, then warnings; each by file and line. */
  problems: Problem[];
  /** Problems left out of `problems` to keep the report readable, by rule code or message. */
  omitted: number;
  /** Every problem counted by severity and rule code, those left out included. Absent in older stored reports. */
  problemCounts?: RuleCount[];
  /** Register rows the import adds, changes or closes, by register table. */
  counts: Record<string, TableCounts>;
  /** Involvement roles with no mapping: listed, never guessed. */
  unmappedRoles: { role: string; rows: number }[];
  /**
   * What the files left out and what the register then assumes, in plain words (an SSD extract
   * has no absences, posts or contracted hours). Absent from reports stored before it existed.
   */
  notes?: string[];
}

/** Caps how many problems of one kind a report lists; the rest are counted. */
export const MAX_PROBLEMS_PER_KIND = 200;

export class ReportBuilder {
  readonly problems: Problem[] = [];
  /** What the files left out, and what the register assumes instead (see ImportReport.notes). */
  readonly notes: string[] = [];
  omitted = 0;
  private readonly perKind = new Map<string, number>();
  /** Rows rejected and flagged per file, counted before the per-kind cap so totals stay exact. */
  private readonly byRule = new Map<string, RuleCount>();
  private readonly rows = { rejected: new Map<string, Set<string>>(), rule: new Map<string, Set<string>>() };

  /**
   * `row` names the source row the problem is on, for the counts: by default its line, which is
   * one row in a CSV file; XML readers pass the child's or worker's own position.
   */
  add(problem: Problem, row?: string): void {
    const ruleKey = `${problem.severity}|${problem.code ?? ''}`;
    const counted = this.byRule.get(ruleKey) ?? { severity: problem.severity, code: problem.code ?? null, count: 0 };
    counted.count++;
    this.byRule.set(ruleKey, counted);
    if (problem.severity === 'rejected' || problem.severity === 'rule') {
      const id = row ?? (problem.line !== undefined ? `line ${problem.line}` : problem.key);
      if (id !== undefined) {
        const sets = this.rows[problem.severity];
        const set = sets.get(problem.file) ?? new Set<string>();
        set.add(id);
        sets.set(problem.file, set);
      }
    }
    const kind = `${problem.severity}|${problem.file}|${problem.code ?? ''}|${problem.field ?? ''}|${problem.message.slice(0, 40)}`;
    const n = (this.perKind.get(kind) ?? 0) + 1;
    this.perKind.set(kind, n);
    if (n > MAX_PROBLEMS_PER_KIND) this.omitted++;
    else this.problems.push(problem);
  }

  error(file: string, message: string, at: Partial<Problem> = {}): void {
    this.add({ ...at, severity: 'error', file, message });
  }

  /** A row left out of the import: the rest of the file still imports. */
  reject(file: string, message: string, at: Partial<Problem> = {}, row?: string): void {
    this.add({ ...at, severity: 'rejected', file, message }, row);
  }

  warning(file: string, message: string, at: Partial<Problem> = {}): void {
    this.add({ ...at, severity: 'warning', file, message });
  }

  rule(file: string, code: string | undefined, message: string, at: Partial<Problem> = {}, row?: string): void {
    this.add({ ...at, severity: 'rule', file, message, ...(code ? { code } : {}) }, row);
  }

  /** Every problem by severity and rule code, in report order (those over the cap included). */
  get problemCounts(): RuleCount[] {
    return sortCounts([...this.byRule.values()].map((c) => ({ ...c })));
  }

  /** How many rows of a file were rejected, and how many others imported with a flag. */
  rowCounts(file: string): { rejected: number; flagged: number } {
    const rejected = this.rows.rejected.get(file) ?? new Set<string>();
    const flagged = [...(this.rows.rule.get(file) ?? [])].filter((id) => !rejected.has(id)).length;
    return { rejected: rejected.size, flagged };
  }

  /** Puts each file's row counts on it and totals them; nothing is imported when an error stops the import. */
  totals(files: FileInfo[]): RowTotals {
    const totals: RowTotals = { read: 0, imported: 0, rejected: 0, flagged: 0 };
    for (const f of files) {
      const c = this.rowCounts(f.name);
      f.rejected = c.rejected;
      f.flagged = c.flagged;
      totals.read += f.rows ?? 0;
      totals.rejected += c.rejected;
      totals.flagged += c.flagged;
    }
    totals.imported = this.hasErrors ? 0 : Math.max(0, totals.read - totals.rejected);
    if (this.hasErrors) totals.flagged = 0;
    return totals;
  }

  note(message: string): void {
    if (!this.notes.includes(message)) this.notes.push(message);
  }

  get hasErrors(): boolean {
    return this.problems.some((p) => p.severity === 'error');
  }
}

/** Errors, rejected rows, rule failures, warnings; within each, by file, then line (stable otherwise). */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const rank = (p: Problem) => SEVERITY_ORDER.indexOf(p.severity);
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.p.file.localeCompare(b.p.file) || (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}

export const emptyCounts = (): TableCounts => ({ added: 0, changed: 0, closed: 0, unchanged: 0, rejected: 0 });

export const hasErrors = (report: Pick<ImportReport, 'problems'>): boolean => report.problems.some((p) => p.severity === 'error');

export interface RuleCount {
  severity: Severity;
  code: string | null;
  count: number;
}

const sortCounts = (counts: RuleCount[]) =>
  counts.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || (a.code ?? '').localeCompare(b.code ?? ''));

/** Counts by rule code (or "no code") and severity: the summary the pages and CLI show first. */
export function countsByRule(report: Pick<ImportReport, 'problems' | 'problemCounts'>): RuleCount[] {
  if (report.problemCounts) return report.problemCounts;
  const map = new Map<string, RuleCount>();
  for (const p of report.problems) {
    const key = `${p.severity}|${p.code ?? ''}`;
    const entry = map.get(key) ?? { severity: p.severity, code: p.code ?? null, count: 0 };
    entry.count++;
    map.set(key, entry);
  }
  return sortCounts([...map.values()]);
}

/** The headings the report's groups go under, in the order they are listed. */
export const GROUP_HEADINGS: Record<Severity, string> = {
  error: 'Errors that stop the import',
  rejected: 'Rows not imported',
  rule: 'Rules failed (imported and flagged)',
  warning: 'Warnings',
};

/** Where a problem is, as the CLI and the pages write it: file, line, key, element, field. */
export function problemPlace(p: Problem): string {
  return [p.file, p.line !== undefined ? `line ${p.line}` : '', p.key ?? '', p.element ?? '', p.field ? `field ${p.field}` : ''].filter(Boolean).join(', ');
}

/** Plain-text rendering for the CLI: the counts, then errors, rejected rows, rules and warnings. */
export function formatReport(report: ImportReport, outcome: string): string {
  const lines: string[] = [outcome, ''];
  const t = report.totals;
  if (t) lines.push(`Rows: ${t.read} read, ${t.imported} imported, ${t.rejected} rejected, ${t.flagged} imported with a rule flagged.`, '');
  const summary = countsByRule(report);
  if (summary.length > 0) {
    lines.push('Problems:');
    for (const s of summary) lines.push(`  ${s.severity}${s.code ? ` ${s.code}` : ''}: ${s.count}`);
    lines.push('');
  }
  if (report.source) lines.push(`Read from ${report.source.description}: ${report.source.rows} rows, sha256 ${report.source.sha256.slice(0, 16)}…`, '');
  lines.push(report.source ? 'Tables:' : 'Files:');
  for (const f of report.files) {
    const rows = `${f.rows ?? '?'} rows${f.rejected ? `, ${f.rejected} rejected` : ''}${f.flagged ? `, ${f.flagged} flagged` : ''}`;
    lines.push(`  ${f.name}${f.recognisedAs ? ` (${f.recognisedAs})` : ''}: ${rows}, sha256 ${f.sha256.slice(0, 16)}…${f.encoding && f.encoding !== 'utf-8' ? `, read as ${f.encoding}` : ''}`);
  }
  const tables = Object.entries(report.counts);
  if (tables.length > 0) {
    lines.push('', 'Changes to the register:');
    for (const [table, c] of tables) {
      lines.push(`  ${table}: ${c.added} added, ${c.changed} changed, ${c.closed} closed, ${c.unchanged} unchanged, ${c.rejected} rejected`);
    }
  }
  if (report.notes && report.notes.length > 0) {
    lines.push('', 'What the files left out:');
    for (const n of report.notes) lines.push(`  ${n}`);
  }
  if (report.unmappedRoles.length > 0) {
    lines.push('', 'Involvement roles with no mapping (not imported; add them to the role mapping):');
    for (const r of report.unmappedRoles) lines.push(`  ${r.role}: ${r.rows} rows`);
  }
  const sorted = sortProblems(report.problems);
  for (const severity of SEVERITY_ORDER) {
    const group = sorted.filter((p) => p.severity === severity);
    if (group.length === 0) continue;
    lines.push('', `${GROUP_HEADINGS[severity]} (${group.length}):`);
    for (const p of group) lines.push(`  [${p.severity}${p.code ? ` ${p.code}` : ''}] ${problemPlace(p)}: ${p.message}`);
  }
  if (report.omitted > 0) lines.push('', `… and ${report.omitted} more problems like those listed, counted in the totals.`);
  return lines.join('\n');
}
