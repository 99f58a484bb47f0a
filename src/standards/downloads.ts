import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { writeCsv } from './csv.ts';

/**
 * The downloads people open in Excel or print: a table of typed cells written as CSV or .xlsx,
 * and a tagged PDF of text already worded for the page. The rows come from the page's own view
 * model (each area's pages/*-export.ts), so a download cannot disagree with the page.
 */

/** How a column's values are written: numbers stay numbers, dates stay dates, the rest is text. */
export type ColumnKind = 'text' | 'integer' | 'decimal' | 'percent' | 'date' | 'datetime';
/** A cell: text, a number (a percent column holds a fraction: 0.85 is 85%), or a Date (UTC). */
export type Cell = string | number | Date | null;

export interface DataTable {
  /** The document's title (the workbook's title property). */
  title: string;
  /** The worksheet's name: 31 characters at most, none of [ ] : * ? / \ (Excel's rule). */
  sheetName: string;
  columns: readonly { header: string; kind: ColumnKind }[];
  rows: readonly (readonly Cell[])[];
  /** What the figures are (date, team, model version): a second sheet "About" in .xlsx; not in the CSV, which is one table. */
  about?: readonly { label: string; value: Cell; kind?: ColumnKind }[];
}

/** A printable page: every string as the web page words it. */
export interface PrintDocument {
  title: string;
  /** Lines under the heading (the date, what the figures mean). */
  intro: readonly string[];
  summary: readonly { label: string; value: string }[];
  table: PrintTable;
  /** Further tables, each under its own heading, after the first (the service view's PDF). */
  more?: readonly PrintTable[];
  footnote?: string;
}

export interface PrintTable { caption: string; head: readonly string[]; numeric: readonly boolean[]; rows: readonly (readonly string[])[] }

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const isoMinute = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

function csvCell(value: Cell, kind: ColumnKind): string | number | null {
  if (value === null) return null;
  if (value instanceof Date) return kind === 'datetime' ? isoMinute(value) : isoDate(value);
  // "85%" opens in Excel as the number 0.85 shown as a percentage, and reads plainly anywhere else.
  if (typeof value === 'number' && kind === 'percent') return `${Math.round(value * 100)}%`;
  return value;
}

/**
 * CSV with a header row, UTF-8 with a byte-order mark (without it Excel on Windows reads the
 * file as ANSI and breaks accented names). Every text cell goes through writeCsv's formula guard.
 */
export function tableCsv(table: DataTable): Buffer {
  const headers = table.columns.map((c) => c.header);
  const records = table.rows.map((row) => Object.fromEntries(headers.map((h, i) => [h, csvCell(row[i] ?? null, table.columns[i]!.kind)])));
  return Buffer.from(`\uFEFF${writeCsv(headers, records)}`, 'utf8');
}

const NUMBER_FORMATS: Record<ColumnKind, string> = {
  text: '@', integer: '#,##0', decimal: '#,##0.0', percent: '0%', date: 'dd/mm/yyyy', datetime: 'dd/mm/yyyy hh:mm',
};

const shownLength = (value: Cell, kind: ColumnKind) =>
  value === null ? 0 : value instanceof Date ? (kind === 'datetime' ? 16 : 10) : String(value).length;

/**
 * An .xlsx workbook: one sheet of the table (bold, frozen header row, a filter, widths that fit),
 * numbers and dates as typed cells, and no formulas: a string is written as a string even when
 * it begins with "=" (exceljs makes a formula only from a { formula } value, never from text).
 */
export async function tableXlsx(table: DataTable): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Caseweight';
  book.title = table.title;
  const sheet = book.addWorksheet(table.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c, i) => ({
    header: c.header,
    key: `c${i}`,
    // Characters, as Excel measures a column: the longest value or header, within reason.
    width: Math.min(60, Math.max(8, c.header.length, ...table.rows.map((r) => shownLength(r[i] ?? null, c.kind))) + 2),
    style: { numFmt: NUMBER_FORMATS[c.kind] },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((v) => v ?? null));
  if (table.rows.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };

  if (table.about?.length) {
    const about = book.addWorksheet('About');
    about.columns = [{ header: 'About these figures', key: 'label', width: 40 }, { header: '', key: 'value', width: 40 }];
    about.getRow(1).font = { bold: true };
    for (const { label, value, kind } of table.about) {
      const format = NUMBER_FORMATS[kind ?? (value instanceof Date ? 'date' : typeof value === 'number' ? 'decimal' : 'text')];
      about.addRow([label, value]).getCell(2).numFmt = format;
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * Noto Sans (SIL Open Font License), shipped through npm so every machine embeds the same font,
 * found through Node's resolver rather than a fixed node_modules path. The whole font, not a web
 * subset: @fontsource splits it into latin, latin-ext, greek… files with no letter in common, so
 * "Łukasz" would need two fonts in one table cell. This one holds Latin with its extensions,
 * Vietnamese, Greek and Cyrillic; pdfkit embeds only the letters a document uses.
 */
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts() {
  // Whole specifiers, so the unused-code check (knip) sees the package used.
  const file = (specifier: string) => readFileSync(new URL(specifier));
  fonts ??= {
    regular: file(import.meta.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf')),
    bold: file(import.meta.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf')),
  };
  return fonts;
}

/**
 * A tagged PDF 1.7 (A4 landscape): language en-GB, the title shown in the window, an embedded
 * font, and a structure a screen reader can follow: H1, paragraphs, the summary as a list, and
 * the table with header cells (TH, column scope) over data cells.
 */
/**
 * Text as pdfkit should lay it out: composed (NFC), and without the font's glyph composition
 * (ccmp), which splits "ị" into "i" and a dot placed apart, so a reader copying or speaking
 * the text gets its letters out of order. A new object each time: fontkit writes into it.
 */
const nfc = (text: string) => text.normalize('NFC');
const textFeatures = () => ({ ccmp: false }) as unknown as PDFKit.Mixins.TextOptions['features'];

export function documentPdf(doc: PrintDocument, createdAt: Date = new Date()): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const pdf = new PDFDocument({
    tagged: true, lang: 'en-GB', displayTitle: true, pdfVersion: '1.7', size: 'A4', layout: 'landscape', margin: 36,
    // The embedded font from the start, so no unembedded standard font is ever referenced.
    font: regular as unknown as string,
    info: { Title: doc.title, Author: 'Caseweight', Creator: 'Caseweight', CreationDate: createdAt },
  });
  pdf.registerFont('Body', regular);
  pdf.registerFont('Bold', bold);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const root = pdf.struct('Document');
  pdf.addStructure(root);
  const block = (tag: string, font: string, size: number, text: string, gap = 0.4) => {
    root.add(pdf.struct(tag, {}, () => pdf.font(font).fontSize(size).text(nfc(text), { features: textFeatures() })));
    pdf.moveDown(gap);
  };
  block('H1', 'Bold', 18, doc.title);
  for (const line of doc.intro) block('P', 'Body', 10, line);

  block('H2', 'Bold', 13, 'Summary', 0.2);
  const list = pdf.struct('L');
  root.add(list);
  for (const item of doc.summary) {
    list.add(pdf.struct('LI', {}, [pdf.struct('LBody', {}, () => pdf.font('Body').fontSize(10).text(nfc(`${item.label}: ${item.value}`), { features: textFeatures() }))]));
  }
  list.end();
  pdf.moveDown(0.6);

  for (const [n, t] of [doc.table, ...(doc.more ?? [])].entries()) {
    if (n > 0) {
      pdf.moveDown(0.6);
      pdf.x = pdf.page.margins.left;
    }
    block('H2', 'Bold', 13, t.caption, 0.2);
    const align = (i: number) => (t.numeric[i] ? 'right' : 'left') as 'right' | 'left';
    pdf.font('Body').fontSize(9);
    // structParent makes pdfkit tag the table (Table, TR, TH/TD); the typings do not list it yet.
    const table = pdf.table({
      structParent: root, defaultStyle: { border: 0.5, borderColor: '#b1b4b6', padding: 3, textOptions: { features: textFeatures() } },
    } as PDFKit.Mixins.TableOptions & { structParent: PDFKit.PDFStructureElement });
    table.row(t.head.map((text, i) => ({ text: nfc(text), type: 'TH', scope: 'column', font: { src: 'Bold' }, align: { x: align(i), y: 'top' } }) as PDFKit.Mixins.RowOptions));
    for (const row of t.rows) table.row(row.map((text, i) => ({ text: nfc(text), align: { x: align(i), y: 'top' } })));
    table.end();
  }

  if (doc.footnote) {
    pdf.moveDown(0.6);
    pdf.x = pdf.page.margins.left;
    block('P', 'Body', 9, doc.footnote);
  }
  root.end();
  pdf.end();
  return done;
}
