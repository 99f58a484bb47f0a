import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { pdfMissingGlyphs, pdfText } from '../../test/support/pdf-text.ts';
import { documentPdf, tableCsv, tableXlsx, type DataTable } from './downloads.ts';

const table: DataTable = {
  title: 'Example: team workload',
  sheetName: 'Team workload',
  columns: [
    { header: 'Name', kind: 'text' }, { header: 'Cases', kind: 'integer' }, { header: 'Hours', kind: 'decimal' },
    { header: 'Workload', kind: 'percent' }, { header: 'On', kind: 'date' }, { header: 'At', kind: 'datetime' },
  ],
  rows: [
    ['=HYPERLINK("http://example.com","Click")', 12, 101.5, 0.92, new Date('2026-11-23T00:00:00Z'), new Date('2026-11-23T09:05:00Z')],
    ['+44 7700 900000', 0, -1.5, null, null, null],
    ['@SUM(A1:A9)', 3, 7, 1.2, null, null],
    ['Zoë Ní Bhriain', 1, 2, 0.5, null, null],
  ],
  about: [{ label: 'Figures on', value: new Date('2026-11-23T00:00:00Z') }, { label: 'Workload model version', value: 3 }],
};

describe('downloads: CSV', () => {
  it('has a header row, a byte-order mark for Excel, typed values in plain form, and no cell that starts a formula', () => {
    const bytes = tableCsv(table);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true }) as string[][];
    expect(rows[0]).toEqual(['Name', 'Cases', 'Hours', 'Workload', 'On', 'At']);
    expect(rows[1]).toEqual([`'=HYPERLINK("http://example.com","Click")`, '12', '101.5', '92%', '2026-11-23', '2026-11-23 09:05']);
    expect(rows[2]).toEqual([`'+44 7700 900000`, '0', '-1.5', '', '', '']);
    expect(rows[3]![0]).toBe(`'@SUM(A1:A9)`);
    expect(rows[4]![0]).toBe('Zoë Ní Bhriain');
    for (const cell of rows.flat()) if (!/^-?\d+(\.\d+)?$/.test(cell)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('downloads: Excel', () => {
  it('reads back with a named sheet, a bold frozen header, widths, numbers as numbers, dates as dates, and text that begins with = as text', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await tableXlsx(table)) as unknown as ArrayBuffer); // exceljs types a Buffer as an ArrayBuffer
    const sheet = book.getWorksheet('Team workload')!;
    expect(sheet).toBeDefined();
    expect(sheet.getRow(1).values).toEqual([undefined, 'Name', 'Cases', 'Hours', 'Workload', 'On', 'At']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const first = sheet.getRow(2);
    expect(first.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(first.getCell(1).value).toBe('=HYPERLINK("http://example.com","Click")');
    expect(first.getCell(1).formula).toBeUndefined();
    expect(first.getCell(2).value).toBe(12);
    expect(first.getCell(3).value).toBe(101.5);
    expect(first.getCell(4).value).toBe(0.92);
    expect(first.getCell(4).numFmt).toBe('0%');
    expect(first.getCell(5).value).toEqual(new Date('2026-11-23T00:00:00Z'));
    expect(first.getCell(6).value).toEqual(new Date('2026-11-23T09:05:00Z'));
    expect(first.getCell(6).numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(sheet.getRow(3).getCell(3).value).toBe(-1.5);
    // No formula anywhere in the workbook.
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    for (const column of sheet.columns) expect(column.width).toBeGreaterThanOrEqual(8);
    expect(sheet.getColumn(1).width).toBeGreaterThan('=HYPERLINK("http://example.com","Click")'.length);
    const about = book.getWorksheet('About')!;
    expect(about.getRow(2).getCell(2).value).toEqual(new Date('2026-11-23T00:00:00Z'));
    expect(about.getRow(3).getCell(2).value).toBe(3);
  });
});

describe('downloads: PDF', () => {
  it('is a tagged PDF 1.7 in en-GB with its title shown, an embedded font, a heading, the summary and a table with header cells', async () => {
    const pdf = await documentPdf({
      title: 'Safeguarding 1: team workload',
      intro: ['Team workload on 23 November 2026.'],
      summary: [{ label: 'Cases held', value: '42' }, { label: 'Team workload', value: '97%' }],
      table: { caption: 'Everyone in the team', head: ['Name', 'Workload (range)', 'Band'], numeric: [false, true, false], rows: [['Ann Able', '70% (49% to 98%)', 'Within safe band'], ['Zoë Brown', '110% (77% to 154%)', 'Over capacity']] },
    });
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    for (const marker of ['/StructTreeRoot', '/MarkInfo', '/Marked true', '/Lang (en-GB)', '/DisplayDocTitle true', '/FontFile2', '/H1', '/Table', '/TH', '/TD', '/LI']) {
      expect(raw, marker).toContain(marker);
    }
    // Only the embedded font: no standard font a reader would have to substitute.
    expect(raw).not.toContain('/Helvetica');
    const text = pdfText(pdf);
    for (const line of ['Safeguarding 1: team workload', 'Cases held: 42', 'Team workload: 97%', 'Name', 'Ann Able', '70% (49% to 98%)', 'Zoë Brown', 'Over capacity']) {
      expect(text).toContain(line);
    }
  });

  // Names a council's staff and children have: Polish, Vietnamese, Greek, Ukrainian, Turkish, Romanian.
  const NAMES = ['Łukasz Żółć', 'Nguyễn Thị Ánh Tuyết', 'Αθηνά Παπαδοπούλου', 'Олександр Шевченко', 'Ayşe Yılmaz', 'Ștefan Căpățână', 'Bartłomiej Gęsiński-Ó’Neill'];

  it('keeps names outside basic Latin: each comes back from the PDF as written, in headings, the summary, header cells and cells', async () => {
    const pdf = await documentPdf({
      title: `${NAMES[0]}: caseload`,
      intro: [`Team manager ${NAMES[2]}.`],
      summary: [{ label: 'Manager', value: NAMES[3]! }],
      table: { caption: `Team of ${NAMES[5]}`, head: ['Name', NAMES[4]!], numeric: [false, false], rows: NAMES.map((n) => [n, n.toUpperCase()]) },
    });
    const text = pdfText(pdf);
    const squeezed = text.replace(/\s+/g, '');
    for (const name of [...NAMES, ...NAMES.map((n) => n.toUpperCase())]) expect(squeezed, name).toContain(name.replace(/\s+/g, ''));
    expect(text).toContain(`${NAMES[0]}: caseload`);
    expect(text).toContain(`Manager: ${NAMES[3]}`);
    // No letter fell back to the font's empty box (.notdef) or a replacement character.
    expect(pdfMissingGlyphs(pdf)).toBe(0);
    expect(text).not.toContain('\uFFFD');
  });
});
