/**
 * Suppression of small groups in a table of people (pure).
 *
 * Primary: a cell of 1 to 4 people is suppressed (shown as the DfE's `c`). A zero is shown: an
 * empty group says nothing about anyone.
 *
 * Secondary (complementary): a reader holds every published cell and every equation the table
 * declares (each subtotal and total is the sum of its parts, across rows and down columns). A
 * suppressed cell is recoverable when some combination of those equations pins it down. Over the
 * suppressed cells as unknowns, that is exactly when the cell's column of the reduced row echelon
 * form is a pivot whose row has no other unknown in it. Cells are added to the pattern until no
 * suppressed cell is recoverable: for a recoverable cell, the cell sharing one of its equations
 * that hides it and leaves the fewest cells recoverable, the cheapest of those (parts before
 * totals, then the smallest).
 */

/** `total = sum(parts)`, over cell ids. */
export interface Equation {
  total: string;
  parts: readonly string[];
}

export const isPrimary = (people: number): boolean => people >= 1 && people < 5;

const EPS = 1e-9;

/**
 * The suppressed cells a reader could work out exactly from the published ones: linear algebra
 * over the equations restricted to the unknowns (the published cells move to the right-hand side).
 */
export function recoverableCells(suppressed: ReadonlySet<string>, equations: readonly Equation[]): string[] {
  const unknowns = [...suppressed];
  if (unknowns.length === 0) return [];
  const index = new Map(unknowns.map((id, i) => [id, i]));
  const rows: number[][] = [];
  for (const eq of equations) {
    const row = new Array<number>(unknowns.length).fill(0);
    let any = false;
    const add = (id: string, k: number) => {
      const i = index.get(id);
      if (i !== undefined) {
        row[i]! += k;
        any = true;
      }
    };
    add(eq.total, 1);
    for (const p of eq.parts) add(p, -1);
    if (any) rows.push(row);
  }
  // Reduced row echelon form.
  const pivots: { row: number; col: number }[] = [];
  let r = 0;
  for (let c = 0; c < unknowns.length && r < rows.length; c++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i]![c]!) > Math.abs(rows[best]![c]!)) best = i;
    if (Math.abs(rows[best]![c]!) < EPS) continue;
    [rows[r], rows[best]] = [rows[best]!, rows[r]!];
    const pivot = rows[r]![c]!;
    for (let j = 0; j < unknowns.length; j++) rows[r]![j]! /= pivot;
    for (let i = 0; i < rows.length; i++) {
      if (i === r || Math.abs(rows[i]![c]!) < EPS) continue;
      const f = rows[i]![c]!;
      for (let j = 0; j < unknowns.length; j++) rows[i]![j]! -= f * rows[r]![j]!;
    }
    pivots.push({ row: r, col: c });
    r++;
  }
  return pivots
    .filter(({ row, col }) => rows[row]!.every((v, j) => j === col || Math.abs(v) < EPS))
    .map(({ col }) => unknowns[col]!);
}

/**
 * The cells to suppress: every primary cell, and enough complementary cells that none of them
 * (nor any complementary cell) can be recovered from the rest. `values` holds every cell's people.
 */
export function suppressionPattern(values: ReadonlyMap<string, number>, equations: readonly Equation[]): Set<string> {
  const suppressed = new Set([...values].filter(([, v]) => isPrimary(v)).map(([id]) => id));
  const totals = new Set(equations.map((e) => e.total));
  // Least information lost first: a part before a total, then the smallest (a zero hides a small
  // cell as well as any other: the reader cannot tell it is a zero).
  const cost = (id: string) => [totals.has(id) ? 1 : 0, values.get(id) ?? 0] as const;
  const cheaper = (a: string, b: string) => {
    const [x, y] = [cost(a), cost(b)];
    return x[0] - y[0] || x[1] - y[1] || (a < b ? -1 : a > b ? 1 : 0);
  };
  for (let guard = 0; guard <= values.size; guard++) {
    const recoverable = recoverableCells(suppressed, equations);
    if (recoverable.length === 0) return suppressed;
    const target = recoverable[0]!;
    // Any cell of the table may be the complement: a rectangle's fourth corner shares no equation with its first.
    const fallback = [...values.keys()].filter((id) => !suppressed.has(id)).sort(cheaper);
    if (fallback.length === 0) return suppressed;
    // The cell that hides the target and leaves the fewest cells recoverable, the cheapest of those
    // (looking one step ahead keeps a hidden cell from spreading along a row of zeros into the totals).
    let pick = fallback[0]!;
    let best: readonly [number, number] | undefined;
    for (const id of fallback) {
      const after = recoverableCells(new Set([...suppressed, id]), equations);
      const score = [after.includes(target) ? 1 : 0, after.length] as const;
      if (!best || score[0] < best[0] || (score[0] === best[0] && score[1] < best[1])) {
        best = score;
        pick = id;
      }
    }
    suppressed.add(pick);
  }
  return suppressed;
}
