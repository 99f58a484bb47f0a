import { fc, test } from '@fast-check/vitest';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { guardCell } from '../cells.ts';
import { ANNEX_A_LISTS } from './lists.ts';
import { writeAnnexA, type AnnexARow } from './write.ts';

async function read(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer); // exceljs types a Buffer as an ArrayBuffer
  return book;
}
const write = (rows: Map<number, AnnexARow[]>) => writeAnnexA({ title: 'Test', rows, about: [{ label: 'Reference date', value: '2026-11-23' }] });

// Text a council's records might hold, with the starts a spreadsheet runs as a formula weighted in.
const text = fc.tuple(fc.constantFrom('', '=', '+', '-', '@', "'", "'=", '=HYPERLINK('), fc.string({ unit: 'grapheme-ascii', maxLength: 20 })).map(([a, b]) => `${a}${b}`);
const isoDay = fc.date({ min: new Date('1990-01-01'), max: new Date('2045-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('the Annex A workbook', () => {
  test.prop([fc.array(fc.record({ team: text, worker: text, referred: isoDay, count: fc.nat(40) }), { maxLength: 8 })], { numRuns: 25 })(
    'text comes back guarded and never as a formula, dates as the same day, counts as numbers', async (given) => {
      const rows = given.map((g) => ({ 'Child Unique ID': g.worker, 'Date of referral': g.referred, 'Number of Referrals in Last 12 Months': g.count, 'Allocated Team': g.team, 'Allocated Worker': g.worker }));
      const book = await read(await write(new Map([[3, rows]])));
      const sheet = book.getWorksheet('List 3 - Referrals')!;
      const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
      const at = (h: string) => headers.indexOf(h) + 1;
      expect(sheet.rowCount).toBe(rows.length + 1);
      rows.forEach((r, i) => {
        const row = sheet.getRow(i + 2);
        for (const h of ['Allocated Team', 'Allocated Worker', 'Child Unique ID']) {
          const cell = row.getCell(at(h));
          expect(cell.formula).toBeUndefined();
          expect(cell.value ?? '').toBe(guardCell(r[h as 'Allocated Team']));
        }
        const date = row.getCell(at('Date of referral')).value;
        expect(date).toBeInstanceOf(Date);
        expect((date as Date).toISOString().slice(0, 10)).toBe(r['Date of referral']);
        expect(row.getCell(at('Number of Referrals in Last 12 Months')).value).toBe(r['Number of Referrals in Last 12 Months']);
      });
    });

  it('writes every list in Ofsted’s order with its headers, then About, even with no rows', async () => {
    const book = await read(await write(new Map()));
    expect(book.worksheets.map((w) => w.name)).toEqual([...ANNEX_A_LISTS.map((l) => l.sheet), 'About']);
    for (const list of ANNEX_A_LISTS) {
      const sheet = book.getWorksheet(list.sheet)!;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(list.columns.map((c) => c.header));
      expect(sheet.rowCount).toBe(1);
    }
    expect(book.getWorksheet('About')!.getRow(2).getCell(2).value).toEqual(new Date('2026-11-23T00:00:00Z'));
  });

  it('refuses a column the list does not have, a date that is not a day and a count that is not whole', async () => {
    await expect(write(new Map([[3, [{ 'Referral date': '2026-01-01' }]]]))).rejects.toThrow(/has no column "Referral date"/);
    await expect(write(new Map([[3, [{ 'Date of referral': '01/02/2026' }]]]))).rejects.toThrow(/not a YYYY-MM-DD day/);
    await expect(write(new Map([[3, [{ 'Number of Referrals in Last 12 Months': 1.5 }]]]))).rejects.toThrow(/whole-number/);
  });

  it('keeps every sheet name within Excel’s rules', () => {
    for (const l of ANNEX_A_LISTS) expect(l.sheet).toMatch(/^[^[\]:*?/\\]{1,31}$/);
  });
});
