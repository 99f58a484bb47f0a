// The plan problem as a mixed-integer programme (CPLEX LP format) for HiGHS, the exact referee.
//
// The lexicographic objective is solved stage by stage, each earlier stage fixed as a
// constraint (no big-M weights: with hours and ratios on such different scales, weights large
// enough to be safe make the LP badly conditioned):
//  1. Hard rules and 2. continuity are the variables themselves: x[u][w] exists only where the
//     worker may take the unit, and for a unit that must move and has a preferred worker who may
//     take it, only for those (worked out here afresh from the problem, not from the product).
//  3. Red hours: minimise Σ s[w] with s[w] ≥ load[w] − amberUpTo × capacity[w].
//  4. Highest workload: minimise z with load[w] ≤ z × capacity[w], z ≥ greenUpTo (the product's
//     floor), red hours at most the product's own (so both are judged at the same stage-3 value).
// The LP relaxation (x continuous in [0, 1]) of stage 4 gives a lower bound for any plan.
import type { PlanProblem } from '../src/allocation/model/index.ts';

export interface MipShape {
  /** Allowed workers per unit (empty: nobody may take it). */
  allowed: number[][];
  /** The worker a unit may stay with, or -1. */
  home: number[];
  usable: boolean[];
  /** Central hours each worker holds outside the choice (their fixed hours, and units nobody may take). */
  fixed: number[];
}

export function mipShape(problem: PlanProblem): MipShape {
  const { workers, units } = problem;
  const index = new Map(workers.map((w, i) => [w.id, i]));
  const usable = workers.map((w) => !w.leaving && w.caseworkHours > 0);
  const fixed = workers.map((w) => w.fixedHours.central);
  const home: number[] = [];
  const allowed = units.map((u) => {
    const may = [...new Set(u.eligible)].filter((w) => usable[w]);
    const holder = u.current === null ? -1 : index.get(u.current) ?? -1;
    home.push(may.includes(holder) ? holder : -1);
    if (may.length === 0 && holder >= 0) fixed[holder]! += u.hours.central;
    if (may.includes(holder)) return may;
    const preferred = may.filter((w) => u.preferred.includes(workers[w]!.id));
    return preferred.length > 0 ? preferred : may;
  });
  return { allowed, home, usable, fixed };
}

const num = (x: number) => (Math.abs(x) < 1e-12 ? '0' : Number(x.toPrecision(12)).toString());
const x = (u: number, w: number) => `x${u}_${w}`;

/** `a + b + …`, a few terms to a line (HiGHS reads long rows, but a model stays readable). */
function expr(terms: readonly string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < terms.length; i += 8) lines.push(terms.slice(i, i + 8).join(' + '));
  return lines.join('\n   + ').replace(/\+ -/g, '- ');
}

const row = (name: string, terms: readonly string[], op: string, rhs: number) => ` ${name}: ${expr(terms)} ${op} ${num(rhs)}`;

function assignmentRows(problem: PlanProblem, shape: MipShape): { rows: string[]; byWorker: string[][] } {
  const rows: string[] = [];
  const byWorker: string[][] = problem.workers.map(() => []);
  shape.allowed.forEach((ws, u) => {
    if (ws.length === 0) return;
    rows.push(row(`a${u}`, ws.map((w) => x(u, w)), '=', 1));
    for (const w of ws) byWorker[w]!.push(`${num(problem.units[u]!.hours.central)} ${x(u, w)}`);
  });
  return { rows, byWorker };
}

const binaries = (shape: MipShape) => shape.allowed.flatMap((ws, u) => ws.map((w) => x(u, w)));

function section(name: string, items: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += 10) lines.push(` ${items.slice(i, i + 10).join(' ')}`);
  return `${name}\n${lines.join('\n')}`;
}

/** Stage 3: the fewest hours over red (`relaxed`: its LP bound). */
export function redHoursModel(problem: PlanProblem, shape: MipShape, relaxed: boolean): string {
  const { rows, byWorker } = assignmentRows(problem, shape);
  const s: string[] = [];
  problem.workers.forEach((w, i) => {
    if (!shape.usable[i]) return;
    s.push(`s${i}`);
    rows.push(row(`r${i}`, [...byWorker[i]!, `-1 s${i}`], '<=', problem.bands.amberUpTo * w.caseworkHours - shape.fixed[i]!));
  });
  const integers = relaxed ? [] : [section('Binaries', binaries(shape))];
  return ['Minimize', ` obj: ${expr(s)}`, 'Subject To', ...rows, ...integers, 'End'].join('\n');
}

/** Stage 4: the lowest highest workload, red hours at most `redHours`; `relaxed` drops integrality (the bound). */
export function highestModel(problem: PlanProblem, shape: MipShape, redHours: number, relaxed: boolean): string {
  const { rows, byWorker } = assignmentRows(problem, shape);
  const s: string[] = [];
  problem.workers.forEach((w, i) => {
    if (!shape.usable[i]) return;
    s.push(`s${i}`);
    rows.push(row(`l${i}`, [...byWorker[i]!, `-${num(w.caseworkHours)} z`], '<=', -shape.fixed[i]!));
    rows.push(row(`r${i}`, [...byWorker[i]!, `-1 s${i}`], '<=', problem.bands.amberUpTo * w.caseworkHours - shape.fixed[i]!));
  });
  rows.push(row('red', s, '<=', redHours + 1e-6));
  const bounds = `Bounds\n z >= ${num(problem.bands.greenUpTo)}`;
  const integers = relaxed ? [] : [section('Binaries', binaries(shape))];
  return ['Minimize', ' obj: z', 'Subject To', ...rows, bounds, ...integers, 'End'].join('\n');
}

/** Stage 5: the fewest moves with nobody above `highest` and red hours at most `redHours`. */
export function fewestMovesModel(problem: PlanProblem, shape: MipShape, highest: number, redHours: number): string {
  const { rows, byWorker } = assignmentRows(problem, shape);
  const s: string[] = [];
  problem.workers.forEach((w, i) => {
    if (!shape.usable[i]) return;
    s.push(`s${i}`);
    if (byWorker[i]!.length > 0) rows.push(row(`l${i}`, byWorker[i]!, '<=', (highest + 1e-7) * w.caseworkHours - shape.fixed[i]!));
    rows.push(row(`r${i}`, [...byWorker[i]!, `-1 s${i}`], '<=', problem.bands.amberUpTo * w.caseworkHours - shape.fixed[i]!));
  });
  rows.push(row('red', s, '<=', redHours + 1e-6));
  const moves = shape.allowed.flatMap((ws, u) => ws.filter((w) => w !== shape.home[u]).map((w) => x(u, w)));
  return ['Minimize', ` obj: ${expr(moves)}`, 'Subject To', ...rows, section('Binaries', binaries(shape)), 'End'].join('\n');
}

/** The plan HiGHS chose, as a worker index per unit (-1: nobody may take it). */
export function decode(shape: MipShape, columns: Record<string, number>): number[] {
  return shape.allowed.map((ws, u) => {
    let best = -1;
    let value = 0.5;
    for (const w of ws) if ((columns[x(u, w)] ?? 0) > value) [best, value] = [w, columns[x(u, w)]!];
    return best;
  });
}
