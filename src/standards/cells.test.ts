import { fc, test } from '@fast-check/vitest';
import { parse } from 'csv-parse/sync';
import { describe, expect } from 'vitest';
import { guardCell, unguardCell } from './cells.ts';
import { readCsv, writeCsv } from './csv.ts';
import { ReportBuilder } from './report.ts';

const FORMULA = /^[=+\-@\t\r]/;
const dangerous = fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'=", "''+", "'"), fc.string()).map(([a, b]) => a + b);
const cell = fc.oneof(fc.string(), dangerous, fc.double({ noNaN: true, noDefaultInfinity: true }).map(String));

describe('cells that cannot start a formula', () => {
  test.prop([cell])('a guarded cell never starts a formula, unless it is a plain number', (value) => {
    const out = guardCell(value);
    if (!/^-?\d+(\.\d+)?$/.test(value)) expect(FORMULA.test(out)).toBe(false);
    else expect(out).toBe(value);
  });

  test.prop([cell])('reading a guarded cell gives back exactly what was written', (value) => {
    expect(unguardCell(guardCell(value))).toBe(value);
  });

  test.prop([fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 20 })])('a CSV file Caseweight writes holds no formula and reads back cell for cell', (pairs) => {
    const rows = pairs.map(([a, b]) => ({ name: a, note: b }));
    const text = writeCsv(['name', 'note'], rows);
    // What a spreadsheet sees: the raw cells of the file.
    const raw = parse(text, { relax_column_count: false }) as string[][];
    for (const r of raw.slice(1)) for (const c of r) if (!/^-?\d+(\.\d+)?$/.test(c)) expect(FORMULA.test(c)).toBe(false);
    const table = readCsv({ name: 'x.csv', bytes: new TextEncoder().encode(text) }, new ReportBuilder(), { name: 'x.csv', bytes: 0, sha256: '' });
    expect(table!.rows).toEqual(rows.map((r) => [r.name, r.note]));
  });
});
