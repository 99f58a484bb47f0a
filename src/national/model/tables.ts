/** The return's tables as cells and equations, and their suppression (pure). */
import type { Axis, Figure, ReturnTable } from './format.ts';
import { suppressionPattern, type Equation } from './suppress.ts';

/** A table before suppression and rounding: people and FTE summed from the register. */
export interface RawTable {
  key: string;
  title: string;
  rows: readonly Axis[];
  columns: readonly Axis[];
  headcount: number[][];
  fte?: number[][];
}

export const cellId = (table: string, row: string, column: string): string => `${table}:${row}:${column}`;

/** Every equation a table's layout declares: a subtotal row is the sum of its rows in each column, and likewise across. */
export function tableEquations(t: { key: string; rows: readonly Axis[]; columns: readonly Axis[] }): Equation[] {
  const out: Equation[] = [];
  for (const row of t.rows) {
    if (!row.sumOf) continue;
    for (const col of t.columns) out.push({ total: cellId(t.key, row.key, col.key), parts: row.sumOf.map((r) => cellId(t.key, r, col.key)) });
  }
  for (const col of t.columns) {
    if (!col.sumOf) continue;
    for (const row of t.rows) out.push({ total: cellId(t.key, row.key, col.key), parts: col.sumOf.map((c) => cellId(t.key, row.key, c)) });
  }
  return out;
}

export const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * The published table: headcount cells of 1–4 people and their complements become `c`, and the
 * FTE cells follow the same pattern (an FTE beside a hidden headcount would give it away). FTE is
 * rounded to one decimal place after summing, so a total is the rounded sum, not the sum of rounded parts.
 */
export function publishTable(raw: RawTable): { table: ReturnTable; suppressed: Set<string> } {
  const values = new Map<string, number>();
  raw.rows.forEach((row, r) => raw.columns.forEach((col, c) => values.set(cellId(raw.key, row.key, col.key), raw.headcount[r]![c]!)));
  const suppressed = suppressionPattern(values, tableEquations(raw));
  const mask = <T>(grid: number[][], f: (v: number) => T): (T | 'c')[][] =>
    grid.map((cells, r) => cells.map((v, c) => (suppressed.has(cellId(raw.key, raw.rows[r]!.key, raw.columns[c]!.key)) ? 'c' : f(v))));
  const table: ReturnTable = {
    key: raw.key, title: raw.title, rows: raw.rows, columns: raw.columns,
    headcount: mask(raw.headcount, (v) => v),
    ...(raw.fte ? { fte: mask(raw.fte, round1) } : {}),
  };
  return { table, suppressed };
}

/** The published figure at (row, column) of a table. */
export function cellOf(table: ReturnTable, grid: 'headcount' | 'fte', row: string, column: string): Figure {
  const r = table.rows.findIndex((a) => a.key === row);
  const c = table.columns.findIndex((a) => a.key === column);
  const g = grid === 'fte' ? table.fte : table.headcount;
  if (r < 0 || c < 0 || !g) return 'x';
  return g[r]![c]!;
}
