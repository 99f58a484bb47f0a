import ExcelJS from 'exceljs';
import { guardCell } from '../cells.ts';
import { ANNEX_A_LISTS, type AnnexAKind } from './lists.ts';

/** A value as the builder gives it: text, a whole number, an ISO day for a date column, or empty. */
export type AnnexAValue = string | number | null;
export type AnnexARow = Readonly<Record<string, AnnexAValue>>;

export interface AnnexAWorkbook {
  title: string;
  /** Rows of each list by its number; a list with no entry is written with its headers only. */
  rows: ReadonlyMap<number, readonly AnnexARow[]>;
  /** The About sheet: what the lists cover and what the register cannot fill, as label and text (or an ISO day). */
  about: readonly { label: string; value: string }[];
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const FORMATS: Record<AnnexAKind, string> = { text: '@', integer: '0', date: 'dd/mm/yyyy' };

/** A cell as exceljs writes it: dates as Date cells (UTC midnight, so the day never shifts), text guarded. */
function cell(value: AnnexAValue, kind: AnnexAKind, where: string): string | number | Date | null {
  if (value === null || value === '') return null;
  if (kind === 'date') {
    if (typeof value !== 'string' || !ISO_DAY.test(value)) throw new Error(`${where}: a date column holds "${String(value)}", not a YYYY-MM-DD day.`);
    return new Date(`${value}T00:00:00Z`);
  }
  if (kind === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`${where}: a whole-number column holds "${String(value)}".`);
    return value;
  }
  // exceljs never makes a formula from a string, but Excel users copy cells out to CSV and back: guard anyway.
  return guardCell(String(value));
}

/**
 * Ofsted's Annex A as an .xlsx workbook: one sheet per list, in Ofsted's order and with its
 * names, the header row exactly Ofsted's columns (bold and frozen), dates as date cells, whole
 * numbers as numbers, every text cell through the formula guard, no formulas; then an About
 * sheet. A row naming a column the list does not have is a programming error and throws.
 */
export async function writeAnnexA(book: AnnexAWorkbook): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Caseweight';
  workbook.title = book.title;
  for (const list of ANNEX_A_LISTS) {
    const sheet = workbook.addWorksheet(list.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    const rows = book.rows.get(list.number) ?? [];
    const known = new Set(list.columns.map((c) => c.header));
    sheet.columns = list.columns.map((c, i) => ({
      header: c.header, key: `c${i}`, style: { numFmt: FORMATS[c.kind] },
      width: Math.min(40, Math.max(12, c.kind === 'date' ? 12 : Math.ceil(c.header.length / 2))),
    }));
    const head = sheet.getRow(1);
    head.font = { bold: true };
    head.alignment = { wrapText: true, vertical: 'top' };
    rows.forEach((row, r) => {
      for (const key of Object.keys(row)) if (!known.has(key)) throw new Error(`${list.sheet} has no column "${key}".`);
      sheet.addRow(list.columns.map((c) => cell(row[c.header] ?? null, c.kind, `${list.sheet} row ${r + 2}, ${c.header}`)));
    });
    if (rows.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: list.columns.length } };
  }
  const about = workbook.addWorksheet('About');
  about.columns = [{ header: 'About this workbook', key: 'label', width: 36 }, { header: '', key: 'value', width: 110 }];
  about.getRow(1).font = { bold: true };
  for (const { label, value } of book.about) {
    const row = about.addRow([guardCell(label), ISO_DAY.test(value) ? new Date(`${value}T00:00:00Z`) : guardCell(value)]);
    row.getCell(2).numFmt = ISO_DAY.test(value) ? FORMATS.date : FORMATS.text;
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(1).alignment = { vertical: 'top' };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
