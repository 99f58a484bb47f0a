import type { FileInfo, ReportBuilder } from '../report.ts';
import { fileInfo, readCsv } from '../csv.ts';
import type { InputFile } from '../files.ts';
import { isBlank, parseDate, parseNumber } from '../values.ts';
import { checkContentRules } from './checks.ts';
import { checkFutureDates } from './future.ts';
import { FIELD_RULES, RULES_903, type Rule903 } from './rules.ts';
import { acceptedColumns, currentSpec, type ColumnSpec, type Ssda903Spec } from './spec.ts';

/** A content-rule failure on one row: imported, and flagged on the record the row becomes. */
export interface RowIssue {
  code: Rule903 | null;
  field: string;
  message: string;
}

/** One 903 row: cells by column (null when blank), dates as YYYY-MM-DD, codes in upper case. */
export interface Row903 {
  table: string;
  file: string;
  line: number;
  values: Record<string, string | null>;
  issues: RowIssue[];
}

export type Tables903 = Map<string, Row903[]>;

/** Besides CHILD, the columns that tell one row from another in each table. */
export const ROW_KEYS: Record<string, string[]> = {
  episodes: ['DECOM'],
  reviews: ['REVIEW'],
  missing: ['MIS_START'],
  social_worker: ['SW_DECOM'],
  placed_adoption: ['DATE_PLACED'],
};

/**
 * Which table a header is: councils name the files as they like, so by columns alone. Each
 * table has columns no other table has (DECOM, REVIEW, DUC…); the one with most of the header's
 * columns wins, and a header matching none, or two equally, is not recognised.
 */
export function recognise903Table(spec: Ssda903Spec, header: readonly string[]): string | undefined {
  const owners = new Map<string, number>();
  for (const t of spec.tables.keys()) for (const c of acceptedColumns(spec, t)) owners.set(c.name, (owners.get(c.name) ?? 0) + 1);
  let best: string | undefined;
  let bestScore = 0;
  let tie = false;
  for (const t of spec.tables.keys()) {
    const cols = new Set(acceptedColumns(spec, t).map((c) => c.name));
    const distinctive = header.filter((h) => cols.has(h) && owners.get(h) === 1).length;
    if (distinctive === 0) continue;
    const score = distinctive * 100 + header.filter((h) => cols.has(h)).length - header.filter((h) => !cols.has(h)).length;
    if (score > bestScore) [best, bestScore, tie] = [t, score, false];
    else if (score === bestScore) tie = true;
  }
  return tie ? undefined : best;
}

/**
 * Reads a set of 903 CSV tables against the current specification. Problems with a whole file
 * (not CSV, a table it cannot recognise, an unknown or missing required column) are errors and
 * stop the import. A row with no key, a key date that is not a date, or a key another row shares
 * with different values is rejected (all the clashing rows, none guessed between) and the rest
 * is read, as the DfE's validator does. Bad values elsewhere are content rules, reported with
 * the DfE code where there is one, and the row is still read. `rejectedChildren`: the CHILD of
 * every row left out, so the mapping keeps those children's held rows open and can say why a
 * child whose header row went loses its other rows too. `asOf`, the day the extract describes:
 * dates after it are flagged (the export's own check, which has no such day, leaves it out).
 */
export function read903Files(files: readonly InputFile[], report: ReportBuilder, options: { spec?: Ssda903Spec; asOf?: string } = {}): { tables: Tables903; files: FileInfo[]; rejectedChildren: Set<string> } {
  const spec = options.spec ?? currentSpec();
  const tables: Tables903 = new Map();
  const rejectedChildren = new Set<string>();
  const infos: FileInfo[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const info = fileInfo(file);
    infos.push(info);
    if (!/\.(csv|txt)$/i.test(file.name)) {
      report.error(file.name, 'This is not a CSV file. An SSDA903 import takes the 903 tables as CSV files (or a zip of them).');
      continue;
    }
    const csv = readCsv(file, report, info);
    if (!csv) continue;
    const header = csv.header.map((h) => h.toUpperCase());
    const table = recognise903Table(spec, header);
    if (!table) {
      report.error(file.name, `Caseweight cannot tell which 903 table this is from its columns (${header.slice(0, 6).join(', ')}${header.length > 6 ? ', …' : ''}). Export the table with the DfE's column names as the header.`, { line: 1 });
      continue;
    }
    info.recognisedAs = table;
    const earlier = seen.get(table);
    if (earlier) {
      report.error(file.name, `This file and ${earlier} both hold the ${table} table. Send each table once.`);
      continue;
    }
    seen.set(table, file.name);
    const read = readTable(table, acceptedColumns(spec, table), csv.file, header, csv.rows, csv.lines, report);
    if (!read) continue;
    tables.set(table, read.rows);
    for (const child of read.rejectedChildren) rejectedChildren.add(child);
  }
  if (tables.size === 0 && !report.hasErrors) report.error('(upload)', 'No 903 tables were found. Upload the 903 CSV files (header, episodes, reviews…), or a zip of them.');
  if (!report.hasErrors) checkContentRules(tables, report);
  if (!report.hasErrors && options.asOf) {
    const dates = new Map([...tables.keys()].map((t) => [t, acceptedColumns(spec, t).filter((c) => c.kind === 'date').map((c) => c.name)]));
    checkFutureDates(tables, dates, options.asOf, (r) => ['CHILD', ...(ROW_KEYS[r.table] ?? [])].map((k) => `${k} ${r.values[k] ?? '(blank)'}`).join(', '), report);
  }
  return { tables, files: infos, rejectedChildren };
}

function readTable(table: string, columns: ColumnSpec[], file: string, header: string[], cells: string[][], lines: number[], report: ReportBuilder): { rows: Row903[]; rejectedChildren: Set<string> } | undefined {
  const byName = new Map(columns.map((c) => [c.name, c]));
  let structural = false;
  const present = new Set<string>();
  for (const h of header) {
    if (!byName.has(h)) {
      report.error(file, `Column "${h}" is not in the 903 ${table} table. Remove it, or check the header uses the DfE's column names.`, { line: 1, field: h });
      structural = true;
    }
    if (present.has(h)) {
      report.error(file, `Column "${h}" appears twice in the header.`, { line: 1, field: h });
      structural = true;
    }
    present.add(h);
  }
  for (const c of columns) {
    if (!c.canBeBlank && !present.has(c.name)) {
      report.error(file, `The ${table} table must have a ${c.name} column. Add it to the export.`, { line: 1, field: c.name });
      structural = true;
    }
  }
  if (structural) return undefined;
  const keys = ['CHILD', ...(ROW_KEYS[table] ?? [])];
  // Key columns first, so every problem on a row can name the row's key.
  const ordered = [...columns.filter((c) => keys.includes(c.name)), ...columns.filter((c) => !keys.includes(c.name))];
  const rows: Row903[] = [];
  const byKey = new Map<string, Row903>();
  /** Rows whose key another row shares with different values: all of them are left out. */
  const conflicted = new Set<Row903>();
  const isoWarned = new Set<string>();
  const rejectedChildren = new Set<string>();
  for (let i = 0; i < cells.length; i++) {
    const line = lines[i]!;
    const row: Row903 = { table, file, line, values: Object.fromEntries(columns.map((c) => [c.name, null])), issues: [] };
    let rejected = false;
    const keyText = () => keys.map((k) => `${k} ${row.values[k] ?? '(blank)'}`).join(', ');
    const reject = (field: string, message: string) => {
      rejected = true;
      report.reject(file, `${message} The row was not imported.`, { line, field, key: keyText() });
    };
    const rule = (field: string, message: string) => {
      const code = FIELD_RULES[`${table}.${field}`] ?? null;
      row.issues.push({ code, field, message });
      report.rule(file, code ?? undefined, message, { line, field, key: keyText() });
    };
    header.forEach((h, j) => {
      const raw = cells[i]![j]!;
      row.values[h] = isBlank(raw) ? null : raw.trim();
    });
    for (const c of ordered) {
      const v = row.values[c.name];
      const key = keys.includes(c.name);
      if (v === null || v === undefined) {
        if (key) reject(c.name, `This row has no ${c.name}, which identifies it: every ${table} row needs one.`);
        else if (!c.canBeBlank) rule(c.name, `${c.name} is blank but must be given.${codeHint(table, c.name)}`);
        continue;
      }
      if (c.kind === 'date') {
        const parsed = parseDate(v);
        if (!parsed.ok) {
          if (key) reject(c.name, `${c.name} identifies the row, but ${parsed.message.charAt(0).toLowerCase()}${parsed.message.slice(1)}`);
          else rule(c.name, parsed.message);
          row.values[c.name] = null;
          continue;
        }
        if (!/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(v) && !isoWarned.has(c.name)) {
          isoWarned.add(c.name);
          report.warning(file, `${c.name} holds dates like "${v}"; the 903 specification uses dd/mm/yyyy. They were read, but the DfE's tools will reject them.`, { line, field: c.name });
        }
        row.values[c.name] = parsed.value;
      } else if (c.kind === 'category') {
        const up = v.toUpperCase();
        const code = c.codes!.find((x) => x.toUpperCase() === up) ?? c.aliases?.get(up);
        if (code === undefined) rule(c.name, `"${v}" is not a ${c.name} code. Use one of ${c.codes!.join(', ')}.`);
        row.values[c.name] = code ?? up;
      } else if (c.kind === 'numeric') {
        const n = parseNumber(v, c.min ?? -1e9, c.max ?? 1e9);
        if (!n.ok || (c.integer && !Number.isInteger(n.value))) {
          rule(c.name, `${c.name} ${n.ok ? `${v} is not a whole number.` : n.message}`);
          row.values[c.name] = null;
        }
      }
    }
    if (rejected) {
      if (row.values.CHILD) rejectedChildren.add(row.values.CHILD);
      continue;
    }
    const key = keys.map((k) => row.values[k]).join('|');
    const previous = byKey.get(key);
    if (previous) {
      if (Object.keys(row.values).every((k) => row.values[k] === previous.values[k])) {
        report.warning(file, `This row repeats line ${previous.line} exactly; the copy was ignored.`, { line, key: keyText() });
        continue;
      }
      // Neither row is guessed between: both are left out and both reported.
      const field = keys[keys.length - 1]!;
      const differ = Object.keys(row.values).filter((k) => row.values[k] !== previous.values[k]);
      const clash = (other: Row903) => `${keyText()} is also on line ${other.line}, with a different ${differ.join(', ')}. Neither row was imported: keep the right one at source and remove the other.`;
      if (!conflicted.has(previous)) report.reject(file, clash(row), { line: previous.line, field, key: keyText() });
      report.reject(file, clash(previous), { line, field, key: keyText() });
      conflicted.add(previous);
      rejectedChildren.add(row.values.CHILD!);
      continue;
    }
    byKey.set(key, row);
    rows.push(row);
  }
  return { rows: rows.filter((r) => !conflicted.has(r)), rejectedChildren };
}

const codeHint = (table: string, field: string) => {
  const code = FIELD_RULES[`${table}.${field}`];
  return code ? ` (DfE rule ${code}: ${RULES_903[code]})` : '';
};
