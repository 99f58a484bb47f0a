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
}

/**
 * Reads an SSD CSV set. Structural problems (not CSV, unknown table or column, a missing or
 * duplicated key, a date that is not a date) are errors; the mapping never sees such a set.
 */
export function readSsdFiles(files: readonly InputFile[], report: ReportBuilder): SsdReadResult {
  const tables: SsdTables = new Map();
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
    const rows = readSsdTable(spec, csv.file, header, csv.rows, csv.lines, report);
    if (rows) tables.set(spec.name, rows);
  }
  if (tables.size === 0 && !report.hasErrors) report.error('(upload)', 'No SSD tables were found. Upload the ssd_*.csv files, or a zip of them.');
  return { tables, files: infos };
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
export function readSsdTextTables(input: readonly SsdTextTable[], report: ReportBuilder): SsdTables {
  const tables: SsdTables = new Map();
  for (const t of input) {
    const spec = SSD_TABLES.get(t.table);
    if (!spec) {
      report.error(t.source, `${t.table} is not an SSD table Caseweight knows.`);
      continue;
    }
    const rows = readSsdTable(spec, t.source, t.header.map((h) => h.toLowerCase()), t.rows, t.lines, report);
    if (rows) tables.set(spec.name, rows);
  }
  if (tables.size === 0 && !report.hasErrors) report.error('(database)', 'No SSD tables were found.');
  return tables;
}

function readSsdTable(spec: SsdTableSpec, file: string, header: string[], cells: string[][], lines: number[], report: ReportBuilder): SsdRow[] | undefined {
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
  for (let i = 0; i < cells.length; i++) {
    const line = lines[i]!;
    const values: Record<string, string | null> = {};
    for (const c of spec.columns) values[c] = null;
    header.forEach((h, j) => {
      const raw = cells[i]![j]!;
      values[h] = isBlank(raw) ? null : raw.trim();
    });
    for (const d of spec.dates) {
      const v = values[d];
      if (v === null || v === undefined) continue;
      const parsed = parseDate(v);
      if (parsed.ok) values[d] = parsed.value;
      else {
        report.error(file, parsed.message, { line, field: d });
        structural = true;
      }
    }
    const key = values[spec.key];
    if (key === null || key === undefined) {
      report.error(file, `Row has no ${spec.key}. Every row needs its key.`, { line, field: spec.key });
      structural = true;
      continue;
    }
    const row: SsdRow = { file, line, values };
    const previous = byKey.get(key);
    if (previous) {
      if (sameValues(previous.values, values)) {
        report.warning(file, `Row repeats line ${previous.line} exactly; the copy was ignored.`, { line, field: spec.key });
        continue;
      }
      report.error(file, `${spec.key} "${key}" is on line ${previous.line} and again here with different values. Each key must be unique.`, { line, field: spec.key });
      structural = true;
      continue;
    }
    byKey.set(key, row);
    rows.push(row);
  }
  return structural ? undefined : rows;
}

const sameValues = (a: Record<string, string | null>, b: Record<string, string | null>) => Object.keys(a).every((k) => a[k] === b[k]);

export { SSD_TABLES };
