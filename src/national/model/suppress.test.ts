import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCouncilReturn, type ReturnInputs, type ReturnPerson } from './figures.ts';
import { RETURN_ROLES, type Figure, type ReturnTable } from './format.ts';
import { isPrimary, recoverableCells, suppressionPattern } from './suppress.ts';
import { publishTable, tableEquations, type RawTable } from './tables.ts';

/**
 * The attacker, written apart from the suppression code: it knows only the published table and
 * the sums its layout declares, and tries to recover each `c` by subtracting published cells from
 * totals and margins, then by combining equations (exact fractions, Gaussian elimination).
 */
type Frac = [bigint, bigint];
const norm = ([n, d]: Frac): Frac => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : g(b, a % b));
  const k = g(n, d) || 1n;
  return [n / k, d / k];
};
const sub = (a: Frac, b: Frac): Frac => norm([a[0] * b[1] - b[0] * a[1], a[1] * b[1]]);
const mul = (a: Frac, b: Frac): Frac => norm([a[0] * b[0], a[1] * b[1]]);
const div = (a: Frac, b: Frac): Frac => norm([a[0] * b[1], a[1] * b[0]]);
const isZero = (a: Frac) => a[0] === 0n;

interface Eq { coef: Map<string, Frac>; rhs: Frac }

function attack(table: ReturnTable): Map<string, number> {
  const id = (r: number, c: number) => `${r},${c}`;
  const value = new Map<string, Figure>();
  table.headcount.forEach((row, r) => row.forEach((v, c) => value.set(id(r, c), v)));
  const rowIndex = (k: string) => table.rows.findIndex((a) => a.key === k);
  const colIndex = (k: string) => table.columns.findIndex((a) => a.key === k);
  // Each declared sum as "total − parts = 0", published cells moved to the right-hand side.
  const equations: Eq[] = [];
  const addEq = (total: string, parts: string[]) => {
    const coef = new Map<string, Frac>();
    let rhs: Frac = [0n, 1n];
    for (const [cell, k] of [[total, 1n], ...parts.map((p) => [p, -1n] as const)] as const) {
      const v = value.get(cell)!;
      if (typeof v === 'number') rhs = sub(rhs, [k * BigInt(v), 1n]);
      else coef.set(cell, norm([(coef.get(cell)?.[0] ?? 0n) + k, 1n]));
    }
    equations.push({ coef, rhs });
  };
  table.rows.forEach((row, r) => row.sumOf && table.columns.forEach((_, c) => addEq(id(r, c), row.sumOf!.map((k) => id(rowIndex(k), c)))));
  table.columns.forEach((col, c) => col.sumOf && table.rows.forEach((_, r) => addEq(id(r, c), col.sumOf!.map((k) => id(r, colIndex(k))))));

  const recovered = new Map<string, number>();
  // Gauss–Jordan elimination: a row left with one unknown is a recovered cell (one subtraction is the simplest case).
  const rows = equations.map((e) => ({ coef: new Map([...e.coef].filter(([, k]) => !isZero(k))), rhs: e.rhs }));
  for (let i = 0; i < rows.length; i++) {
    const pivotCell = [...rows[i]!.coef.keys()][0];
    if (pivotCell === undefined) continue;
    const p = rows[i]!.coef.get(pivotCell)!;
    for (const [cell, k] of rows[i]!.coef) rows[i]!.coef.set(cell, div(k, p));
    rows[i]!.rhs = div(rows[i]!.rhs, p);
    for (let j = 0; j < rows.length; j++) {
      if (j === i || !rows[j]!.coef.has(pivotCell)) continue;
      const f = rows[j]!.coef.get(pivotCell)!;
      for (const [cell, k] of rows[i]!.coef) {
        const next = sub(rows[j]!.coef.get(cell) ?? [0n, 1n], mul(f, k));
        if (isZero(next)) rows[j]!.coef.delete(cell);
        else rows[j]!.coef.set(cell, next);
      }
      rows[j]!.rhs = sub(rows[j]!.rhs, mul(f, rows[i]!.rhs));
    }
  }
  for (const row of rows) {
    if (row.coef.size !== 1) continue;
    const [cell, k] = [...row.coef][0]!;
    const v = div(row.rhs, k);
    recovered.set(`${table.rows[Number(cell.split(',')[0])]!.key} × ${table.columns[Number(cell.split(',')[1])]!.key}`, Number(v[0]) / Number(v[1]));
  }
  return recovered;
}

const BANDS = ['green', 'amber', 'red', 'cover'] as const;
const person = fc.record({
  role: fc.constantFrom(...RETURN_ROLES),
  fte: fc.constantFrom(1, 1, 1, 0.8, 0.6, 0.5),
  agency: fc.boolean(),
  cases: fc.nat({ max: 32 }),
  band: fc.constantFrom(...BANDS),
  daysLost: fc.nat({ max: 12 }),
}) as fc.Arbitrary<ReturnPerson>;
/** Small councils (mostly small cells) to large ones. */
const inputs: fc.Arbitrary<ReturnInputs> = fc.record({
  inPost: fc.array(person, { minLength: 0, maxLength: 90 }),
  movers: fc.array(fc.record({ role: fc.constantFrom(...RETURN_ROLES), fte: fc.constantFrom(1, 0.6), agency: fc.constant(false), kind: fc.constantFrom('leaver' as const, 'starter' as const) }), { maxLength: 25 }),
  posts: fc.constant([]),
});
const META = { code: 'T1', name: 'Test', region: 'London' as const, censusDate: '2025-09-30', producedBy: 'test' };

function twoWayOf(parts: number[][]): RawTable {
  const rows = [...parts.map((_, i) => ({ key: `r${i}`, label: `Row ${i}` })), { key: 'total', label: 'Total', sumOf: parts.map((_, i) => `r${i}`) }];
  const columns = [...parts[0]!.map((_, j) => ({ key: `c${j}`, label: `Column ${j}` })), { key: 'total', label: 'Total', sumOf: parts[0]!.map((_, j) => `c${j}`) }];
  const withTotals = parts.map((r) => [...r, r.reduce((s, v) => s + v, 0)]);
  withTotals.push(withTotals[0]!.map((_, j) => withTotals.reduce((s, r) => s + r[j]!, 0)));
  return { key: 't', title: 'T', rows, columns, headcount: withTotals };
}

/** A random table of m × n parts with row, column and grand totals: the shape of every return table. */
const twoWay = fc.record({ m: fc.integer({ min: 1, max: 6 }), n: fc.integer({ min: 1, max: 4 }) }).chain(({ m, n }) =>
  fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 40 })), { minLength: n, maxLength: n }), { minLength: m, maxLength: m }).map(twoWayOf));

describe('suppression of small groups in a council return', () => {
  it('no suppressed cell of any table can be recovered from the published cells and the sums the table declares', () => {
    fc.assert(fc.property(inputs, (i) => {
      const doc = buildCouncilReturn(i, META);
      for (const t of doc.tables) expect([...attack(t).keys()], t.key).toEqual([]);
    }), { numRuns: 300 });
  });

  it('no suppressed cell of a random two-way table with margins can be recovered', () => {
    fc.assert(fc.property(twoWay, (raw) => {
      expect([...attack(publishTable(raw).table).keys()]).toEqual([]);
    }), { numRuns: 500 });
  });

  it('every group of 1 to 4 people is suppressed, and FTE is hidden wherever headcount is', () => {
    fc.assert(fc.property(inputs, (i) => {
      const doc = buildCouncilReturn(i, META);
      for (const t of doc.tables) {
        t.headcount.forEach((row, r) => row.forEach((v, c) => {
          if (typeof v === 'number') expect(isPrimary(v), `${t.key} ${r},${c}`).toBe(false);
          if (t.fte) expect(t.fte[r]![c] === 'c').toBe(v === 'c');
        }));
      }
    }), { numRuns: 200 });
  });

  it('suppresses nothing in a table with no small groups', () => {
    fc.assert(fc.property(twoWay.filter((t) => t.headcount.flat().every((v) => !isPrimary(v))), (raw) => {
      expect(publishTable(raw).suppressed.size).toBe(0);
    }), { numRuns: 100 });
  });

  it('a rate whose input is suppressed is suppressed too (it would give the input back)', () => {
    fc.assert(fc.property(inputs, (i) => {
      const m = buildCouncilReturn(i, META).measures;
      if (m.inPostFte === 'c') for (const r of [m.vacancyRate, m.agencyRate, m.turnoverRate, m.absenceRate]) expect(r).toBe('c');
      if (m.leaverFte === 'c') expect(m.turnoverRate).toBe('c');
      if (m.cases === 'c') expect(m.caseload).toBe('c');
    }), { numRuns: 200 });
  });

  // The attacker is not a formality: on primary suppression alone it recovers cells.
  it('the attacker recovers cells when only the primary cells are suppressed', () => {
    const raw: RawTable = {
      key: 't', title: 'T',
      rows: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }, { key: 'total', label: 'Total', sumOf: ['a', 'b'] }],
      columns: [{ key: 'employed', label: 'Employed' }, { key: 'agency', label: 'Agency' }, { key: 'total', label: 'Total', sumOf: ['employed', 'agency'] }],
      headcount: [[20, 3], [30, 9], [50, 12]].map((r) => [...r, r[0]! + r[1]!]),
    };
    const primaryOnly: ReturnTable = { ...raw, headcount: raw.headcount.map((r) => r.map((v) => (isPrimary(v) ? 'c' : v))) };
    expect(attack(primaryOnly)).toEqual(new Map([['a × agency', 3]]));
    expect(attack(publishTable(raw).table).size).toBe(0);
  });

  it('the attacker and the suppressor both find a cell no single sum gives away (a bridge between two hidden rectangles)', () => {
    const parts = [[9, 8, 7, 6], [8, 9, 6, 7], [7, 6, 9, 8], [6, 7, 8, 9]];
    const hidden = new Set(['0,0', '0,1', '1,0', '1,1', '2,2', '2,3', '3,2', '3,3', '0,2']);
    const raw = twoWayOf(parts);
    const published: ReturnTable = { ...raw, headcount: raw.headcount.map((r, i) => r.map((v, j) => (hidden.has(`${i},${j}`) ? 'c' : v))) };
    expect(attack(published)).toEqual(new Map([['r0 × c2', 7]]));
    const ids = [...hidden].map((h) => `t:r${h.split(',')[0]}:c${h.split(',')[1]}`);
    expect(recoverableCells(new Set(ids), tableEquations(raw))).toEqual(['t:r0:c2']);
  });

  it('complements are the smallest parts that hide the cell, not totals', () => {
    const values = new Map([['r1', 3], ['r2', 10], ['r3', 40], ['t', 53]]);
    expect([...suppressionPattern(values, [{ total: 't', parts: ['r1', 'r2', 'r3'] }])].sort()).toEqual(['r1', 'r2']);
  });
});
