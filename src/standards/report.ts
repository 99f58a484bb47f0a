/**
 * The import report: what was read, what is wrong with it, and what the import would change.
 * Pure data, so the CLI prints it, the pages render it and the import history stores it.
 *
 * Severity decides what happens:
 * - `error`: structural (not well-formed, fails its schema, a missing key, an unknown table or
 *   column). The import stops and writes nothing.
 * - `rule`: a content rule failed (a DfE validation rule where one exists). The record is
 *   imported and flagged so it can be fixed at source.
 * - `warning`: worth knowing (a file read as Windows-1252, an unmapped role) but not wrong.
 */
export type Severity = 'error' | 'rule' | 'warning';
export type ImportFormat = 'ssd' | 'cin' | '903' | 'csww';

export interface Problem {
  severity: Severity;
  file: string;
  /** 1-based line in a CSV file (the header is line 1), or an XML line. */
  line?: number;
  /** XML element path, when the problem is in XML. */
  element?: string;
  field?: string;
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
  encoding?: string;
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
  problems: Problem[];
  /** Problems left out of `problems` to keep the report readable, by rule code or message. */
  omitted: number;
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

  add(problem: Problem): void {
    const kind = `${problem.severity}|${problem.file}|${problem.code ?? ''}|${problem.field ?? ''}|${problem.message.slice(0, 40)}`;
    const n = (this.perKind.get(kind) ?? 0) + 1;
    this.perKind.set(kind, n);
    if (n > MAX_PROBLEMS_PER_KIND) this.omitted++;
    else this.problems.push(problem);
  }

  error(file: string, message: string, at: Partial<Problem> = {}): void {
    this.add({ ...at, severity: 'error', file, message });
  }

  warning(file: string, message: string, at: Partial<Problem> = {}): void {
    this.add({ ...at, severity: 'warning', file, message });
  }

  rule(file: string, code: string | undefined, message: string, at: Partial<Problem> = {}): void {
    this.add({ ...at, severity: 'rule', file, message, ...(code ? { code } : {}) });
  }

  note(message: string): void {
    if (!this.notes.includes(message)) this.notes.push(message);
  }

  get hasErrors(): boolean {
    return this.problems.some((p) => p.severity === 'error');
  }
}

export const emptyCounts = (): TableCounts => ({ added: 0, changed: 0, closed: 0, unchanged: 0, rejected: 0 });

export const hasErrors = (report: Pick<ImportReport, 'problems'>): boolean => report.problems.some((p) => p.severity === 'error');

/** Counts by rule code (or "no code") and severity: the summary the pages and CLI show first. */
export function countsByRule(report: Pick<ImportReport, 'problems'>): { severity: Severity; code: string | null; count: number }[] {
  const map = new Map<string, { severity: Severity; code: string | null; count: number }>();
  for (const p of report.problems) {
    const key = `${p.severity}|${p.code ?? ''}`;
    const entry = map.get(key) ?? { severity: p.severity, code: p.code ?? null, count: 0 };
    entry.count++;
    map.set(key, entry);
  }
  const order: Record<Severity, number> = { error: 0, rule: 1, warning: 2 };
  return [...map.values()].sort((a, b) => order[a.severity] - order[b.severity] || (a.code ?? '').localeCompare(b.code ?? ''));
}

/** Plain-text rendering for the CLI. */
export function formatReport(report: ImportReport, outcome: string): string {
  const lines: string[] = [outcome, ''];
  if (report.source) lines.push(`Read from ${report.source.description}: ${report.source.rows} rows, sha256 ${report.source.sha256.slice(0, 16)}…`, '');
  lines.push(report.source ? 'Tables:' : 'Files:');
  for (const f of report.files) {
    lines.push(`  ${f.name}${f.recognisedAs ? ` (${f.recognisedAs})` : ''}: ${f.rows ?? '?'} rows, sha256 ${f.sha256.slice(0, 16)}…${f.encoding && f.encoding !== 'utf-8' ? `, read as ${f.encoding}` : ''}`);
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
  const summary = countsByRule(report);
  if (summary.length > 0) {
    lines.push('', 'Problems:');
    for (const s of summary) lines.push(`  ${s.severity}${s.code ? ` ${s.code}` : ''}: ${s.count}`);
    lines.push('');
    for (const p of report.problems) {
      const where = [p.file, p.line !== undefined ? `line ${p.line}` : '', p.element ?? '', p.field ?? ''].filter(Boolean).join(', ');
      lines.push(`  [${p.severity}${p.code ? ` ${p.code}` : ''}] ${where}: ${p.message}`);
    }
    if (report.omitted > 0) lines.push(`  … and ${report.omitted} more like these.`);
  }
  return lines.join('\n');
}
