import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { ReportBuilder } from './report.ts';
import { decodeText, sha256, type InputFile } from './files.ts';
import type { FileInfo } from './report.ts';
import { guardCell, unguardCell } from './cells.ts';

/** A CSV file read into a header and rows of text cells (empty string for an empty cell). */
export interface CsvTable {
  file: string;
  header: string[];
  rows: string[][];
  /** 1-based line of each row in the file (a quoted cell can span lines). */
  lines: number[];
}

/**
 * Decodes and parses one CSV file. A file that is not text, is not valid CSV, or has rows with
 * the wrong number of cells is a structural error: nothing from it can be trusted.
 */
export function readCsv(file: InputFile, report: ReportBuilder, info: FileInfo): CsvTable | undefined {
  const decoded = decodeText(file.bytes);
  if (!decoded) {
    report.error(file.name, 'This file is not text (it may be a spreadsheet or a damaged file). Save it as CSV (UTF-8) and try again.');
    return undefined;
  }
  info.encoding = decoded.encoding;
  if (decoded.encoding === 'windows-1252') {
    report.warning(file.name, 'The file is not UTF-8, so it was read as Windows-1252 (Excel on Windows). Check names with accents came through; save as "CSV UTF-8" to avoid this.');
  }
  if (decoded.text.trim() === '') {
    report.error(file.name, 'The file is empty. Export the table again.');
    return undefined;
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(decoded.text, { info: true, relax_column_count: false, skip_empty_lines: true, bom: true, trim: false }) as unknown as typeof records;
  } catch (error) {
    const e = error as Error & { lines?: number; code?: string };
    report.error(file.name, csvMessage(e), e.lines !== undefined ? { line: e.lines } : {});
    return undefined;
  }
  const [head, ...body] = records;
  if (!head) {
    report.error(file.name, 'The file has no header row. The first line must name the columns.');
    return undefined;
  }
  const header = head.record.map((h) => h.trim());
  info.rows = body.length;
  // A cell Caseweight quoted against formula injection reads back as it was (standards/cells.ts).
  return { file: file.name, header, rows: body.map((r) => r.record.map(unguardCell)), lines: body.map((r) => r.info.lines) };
}

function csvMessage(e: Error & { code?: string }): string {
  switch (e.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_DONT_MATCH_COLUMNS_LENGTH':
      return 'A row has a different number of cells from the header. The file may be cut short or have an unquoted comma; export it again.';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'A quoted cell is never closed, so the file is probably cut short. Export it again.';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return 'A cell has a stray quote mark. Export the file again with quoting on.';
    default:
      return `The file is not valid CSV (${e.message}). Export it again as CSV.`;
  }
}

export function fileInfo(file: InputFile): FileInfo {
  return { name: file.name, bytes: file.bytes.length, sha256: sha256(file.bytes) };
}

/** CSV text with a header row; empty cells for null. Ids stay text; no cell can start a formula. */
export function writeCsv(columns: readonly string[], rows: readonly Record<string, string | number | boolean | null | undefined>[]): string {
  return stringify(rows.map((r) => columns.map((c) => {
    const v = r[c];
    return v === null || v === undefined ? '' : guardCell(String(v));
  })), { header: true, columns: [...columns], record_delimiter: '\n' });
}
