import type { FileInfo } from '../report.ts';
import { ReportBuilder } from '../report.ts';
import { fileInfo, readCsv } from '../csv.ts';
import type { InputFile } from '../files.ts';
import { isBlank, parseDate } from '../values.ts';
import { recogniseSsdTable, SSD_TABLES, type SsdTableSpec } from './spec.ts';

/** One row of an SSD table: text cells (null when empty), dates already as YYYY-MM-DD. */
export interface SsdRow {
  file: string;
  line: number;
  values: Record<string, string | null>;
}

export type SsdTables = Map<string, SsdRow[]>;

export interface SsdReadResult {
  tables: SsdTables;
  files: FileInfo[];
  /** The children (any *_person_id) of rows left out: the mapping keeps their held rows open. */
  rejectedPeople: Set<string>;
}

/**
 * Reads an SSD CSV set. Problems with a whole file (not CSV, an unknown table or column, no key
 * column) are errors and stop the import. A row with no key or a date that is not a date, and
 * both rows of a key two rows share with different values, are rejected: left out, reported,
 * and the rest is read.
 */
export function readSsdFiles(files: readonly InputFile[], report: ReportBuilder): SsdReadResult {
  const tables: SsdTables = new Map();
  const rejectedPeople = new Set<string>();
  const infos: FileInfo[] = [];
  const seenTables = new Map<string, string>();
  for (const file of files) {
    const info = fileInfo(file);
    infos.push(info);
    if (!/\.(csv|txt)$/i.test(file.name)) {
      report.error(file.name, 'This is not a CSV file. An SSD import takes one CSV file per ssd_ table (or a zip of them).');
      continue;
    }
    const csv = readCsv(file, report, info);
    if (!csv) continue;
    const header = csv.header.map((h) => h.toLowerCase());
    const spec = recogniseSsdTable(file.name, header);
    if (!spec) {
      report.error(file.name, 'This file is not an SSD table Caseweight knows. Name each file after its table (for example ssd_person.csv) with the SSD column names as the header.');
      continue;
    }
    info.recognisedAs = spec.name;
    const earlier = seenTables.get(spec.name);
    if (earlier) {
      report.error(file.name, `This file and ${earlier} both hold ${spec.name}. Send each table once.`);
      continue;
    }
    seenTables.set(spec.name, file.name);
    const rows = readSsdTable(spec, csv.file, header, csv.rows, csv.lines, report, rejectedPeople);
    if (rows) tables.set(spec.name, rows);
  }
  if (tables.size === 0 && !report.hasErrors) report.error('(upload)', 'No SSD tables were found. Upload the ssd_*.csv files, or a zip of them.');
  return { tables, files: infos, rejectedPeople };
}

/** One table's rows as text cells (empty for NULL), however they were read: a CSV file or a database. */
export interface SsdTextTable {
  /** Where the rows came from, for the report: a file name, or `schema.table`. */
  source: string;
  table: string;
  header: string[];
  rows: string[][];
  /** Where each row is in its source (a CSV line, or the row's number in key order). */
  lines: number[];
}

/**
 * Reads tables that arrive as text cells rather than files (SSD tables read straight from a
 * database), through the same checks a CSV file gets: known columns, keys, dates, duplicates.
 */
export function readSsdTextTables(input: readonly SsdTextTable[], report: ReportBuilder, rejectedPeople = new Set<string>()): SsdTables {
  const tables: SsdTables = new Map();
  for (const t of input) {
    const spec = SSD_TABLES.get(t.table);
    if (!spec) {
      report.error(t.source, `${t.table} is not an SSD table Caseweight knows.`);
      continue;
    }
    const rows = readSsdTable(spec, t.source, t.header.map((h) => h.toLowerCase()), t.rows, t.lines, report, rejectedPeople);
    if (rows) tables.set(spec.name, rows);
  }
  if (tables.size === 0 && !report.hasErrors) report.error('(database)', 'No SSD tables were found.');
  return tables;
}

function readSsdTable(spec: SsdTableSpec, file: string, header: string[], cells: string[][], lines: number[], report: ReportBuilder, rejectedPeople: Set<string>): SsdRow[] | undefined {
  const known = new Set(spec.columns);
  let structural = false;
  const seenCols = new Set<string>();
  for (const h of header) {
    if (!known.has(h)) {
      report.error(file, `Column "${h}" is not in ${spec.name}. Remove it, or check the header matches the SSD column names.`, { field: h, line: 1 });
      structural = true;
    }
    if (seenCols.has(h)) {
      report.error(file, `Column "${h}" appears twice in the header.`, { field: h, line: 1 });
      structural = true;
    }
    seenCols.add(h);
  }
  if (!seenCols.has(spec.key)) {
    report.error(file, `The key column ${spec.key} is missing, so rows cannot be matched. Add it to the export.`, { field: spec.key, line: 1 });
    return undefined;
  }
  if (structural) return undefined;
  const rows: SsdRow[] = [];
  const byKey = new Map<string, SsdRow>();
  const conflicted = new Set<SsdRow>();
  for (let i = 0; i < cells.length; i++) {
    const line = lines[i]!;
    const values: Record<string, string | null> = {};
    for (const c of spec.columns) values[c] = null;
    header.forEach((h, j) => {
      const raw = cells[i]![j]!;
      values[h] = isBlank(raw) ? null : raw.trim();
    });
    const key = values[spec.key];
    const at = (field: string) => ({ line, field, key: `${spec.key} ${key ?? '(blank)'}` });
    let rejected = false;
    const reject = (field: string, message: string) => {
      rejected = true;
      report.reject(file, `${message} The row was not imported.`, at(field));
      for (const [col, v] of Object.entries(values)) if (v !== null && col.endsWith('_person_id')) rejectedPeople.add(v);
    };
    if (key === null || key === undefined) {
      reject(spec.key, `The row has no ${spec.key}, so it cannot be matched: every row needs its key.`);
      continue;
    }
    for (const d of spec.dates) {
      const v = values[d];
      if (v === null || v === undefined) continue;
      const parsed = parseDate(v);
      if (parsed.ok) values[d] = parsed.value;
      else reject(d, `${d}: ${parsed.message}`);
    }
    if (rejected) continue;
    const row: SsdRow = { file, line, values };
    const previous = byKey.get(key);
    if (previous) {
      if (sameValues(previous.values, values)) {
        report.warning(file, `Row repeats line ${previous.line} exactly; the copy was ignored.`, at(spec.key));
        continue;
      }
      // Neither row is guessed between: both are left out and both reported.
      const differ = Object.keys(values).filter((k) => values[k] !== previous.values[k]).join(', ');
      const clash = (otherLine: number) => `${spec.key} "${key}" is also on line ${otherLine}, with a different ${differ}. Neither row was imported: keep the right one at source and remove the other.`;
      if (!conflicted.has(previous)) report.reject(file, clash(line), { ...at(spec.key), line: previous.line });
      report.reject(file, clash(previous.line), at(spec.key));
      conflicted.add(previous);
      for (const r of [previous.values, values]) for (const [col, v] of Object.entries(r)) if (v !== null && col.endsWith('_person_id')) rejectedPeople.add(v);
      continue;
    }
    byKey.set(key, row);
    rows.push(row);
  }
  return rows.filter((r) => !conflicted.has(r));
}

const sameValues = (a: Record<string, string | null>, b: Record<string, string | null>) => Object.keys(a).every((k) => a[k] === b[k]);

export { SSD_TABLES };
