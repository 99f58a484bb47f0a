/**
 * One plan for many cases: a leaver's caseload, a day's unallocated cases, or a whole team
 * brought under the band. Each case unit (a child, or siblings going together) goes to a worker,
 * and every worker's hours and band are shown before and after. Pure: the service computes each
 * unit's demand and who is eligible (eligibility.ts), this decides.
 *
 * The objective is lexicographic (issue 14):
 *  1. Hard rules, never broken: a unit goes only to a worker in its `eligible` list who is not
 *     leaving and has casework time. A unit with no such worker is `unplaceable`, with a reason.
 *  2. Siblings together (each unit is one family's children, so by construction) and continuity:
 *     a unit that must move (waiting, or its holder is leaving or no longer eligible) goes to one
 *     of its `preferred` workers (holds a sibling, held the child before) whenever one may take
 *     it. A unit that may stay keeps its continuity by staying, which stage 5 counts: were
 *     staying ranked here, above the red band, "bring everyone under the band" could move nothing.
 *     With no hard caps on anyone's hours this stage is always met, so it narrows those units'
 *     choice to their preferred workers and the rest of the search works inside that.
 *  3. Nobody pushed over red (ratio above `amberUpTo`) unless unavoidable: the least total of
 *     hours over red, and whoever is still over it named with their shortfall.
 *  4. The highest workload (central hours ÷ casework hours) as low as possible, down to the green
 *     edge (`greenUpTo`): below it everyone is in the safe band and moving a case buys nothing,
 *     so a team already green keeps its cases where they are.
 *  5. The fewest moves (units whose worker is not their current holder).
 */
import { bandFor, type Band, type BandThresholds } from '../../kernel/bands.ts';
import { sumRanges, type Range } from '../../kernel/range.ts';
import { better, fromHomeUnder, search, score, type Compiled, type Preference, type State } from './plan-search.ts';

const PREFERENCES: readonly Preference[] = ['balance', 'fewest_moves'];

export interface PlanUnit {
  /** The service's key for the unit, e.g. its first child's id. */
  id: string;
  /** Demand (the central figure is planned on; low and high are carried for display). */
  hours: Range;
  /** The holder's worker id; null when waiting. A holder who is leaving or not eligible means it must move. */
  current: string | null;
  /** Workers who hold a sibling or held the child before. */
  preferred: readonly string[];
  /** Indices into `workers` of everyone the council's rules allow to take it. */
  eligible: readonly number[];
}

export interface PlanWorker {
  id: string;
  caseworkHours: number;
  /** Demand of what they hold outside the problem. */
  fixedHours: Range;
  /** Receives nothing; everything they hold should be in the problem. */
  leaving?: boolean;
}

export interface PlanProblem {
  units: readonly PlanUnit[];
  workers: readonly PlanWorker[];
  bands: BandThresholds;
}

export interface WorkerLoad {
  hours: Range;
  ratio: number | null;
  band: Band;
}

export interface PlanWorkerRow {
  workerId: string;
  before: WorkerLoad;
  after: WorkerLoad;
  /** Units the plan gives them, and takes from them. */
  gains: number;
  losses: number;
}

export interface PlanRow {
  unitId: string;
  from: string | null;
  /** Null only for an unplaceable unit (it stays where it is). */
  to: string | null;
  moved: boolean;
  /** Stays with its holder, or goes to someone who holds a sibling or held the child before. */
  continuity: boolean;
}

export interface PlanObjective {
  /** Units that must move and could go to a preferred worker, but do not. */
  continuityBroken: number;
  redShortfallHours: number;
  /** Over everyone who may take work; null when nobody may. */
  highestRatio: number | null;
  moves: number;
}

export interface Plan {
  rows: PlanRow[];
  workers: PlanWorkerRow[];
  objective: PlanObjective;
  overRed: { workerId: string; shortfallHours: number }[];
  unplaceable: { unitId: string; reason: string }[];
}

const usableWorker = (w: PlanWorker) => !w.leaving && w.caseworkHours > 0;

/** The allowed workers of a unit: eligible and usable; for one that must move, its preferred ones if any qualify. */
function allowedWorkers(problem: PlanProblem, unit: PlanUnit, index: ReadonlyMap<string, number>): { allowed: number[]; home: number; restricted: boolean } {
  const allowed = [...new Set(unit.eligible)].filter((w) => problem.workers[w] !== undefined && usableWorker(problem.workers[w])).sort((a, b) => a - b);
  const holder = unit.current === null ? undefined : index.get(unit.current);
  const home = holder !== undefined && allowed.includes(holder) ? holder : -1;
  if (home >= 0) return { allowed, home, restricted: false };
  const preferred = new Set(unit.preferred.map((id) => index.get(id)));
  const continuing = allowed.filter((w) => preferred.has(w));
  return continuing.length > 0 ? { allowed: continuing, home, restricted: true } : { allowed, home, restricted: false };
}

function compile(problem: PlanProblem): { c: Compiled; restricted: Uint8Array; index: Map<string, number> } {
  const { units, workers, bands } = problem;
  const U = units.length;
  const W = workers.length;
  const index = new Map(workers.map((w, i) => [w.id, i]));
  const c: Compiled = {
    unitCount: U, workerCount: W,
    hours: Float64Array.from(units, (u) => u.hours.central),
    capacity: Float64Array.from(workers, (w) => w.caseworkHours),
    fixed: Float64Array.from(workers, (w) => w.fixedHours.central),
    redAt: Float64Array.from(workers, (w) => bands.amberUpTo * w.caseworkHours),
    floor: bands.greenUpTo,
    usable: Uint8Array.from(workers, (w) => Number(usableWorker(w))),
    allowed: new Uint8Array(U * W),
    allowedList: [],
    home: new Int32Array(U),
  };
  const restricted = new Uint8Array(U);
  units.forEach((unit, u) => {
    const { allowed, home, restricted: r } = allowedWorkers(problem, unit, index);
    c.allowedList.push(Int32Array.from(allowed));
    for (const w of allowed) c.allowed[u * W + w] = 1;
    c.home[u] = home;
    restricted[u] = Number(r);
    // A unit nobody may take stays with its holder, and its hours with them.
    const holder = unit.current === null ? undefined : index.get(unit.current);
    if (allowed.length === 0 && holder !== undefined) c.fixed[holder]! += unit.hours.central;
  });
  return { c, restricted, index };
}

function unplaceableReason(unit: PlanUnit): string {
  if (unit.eligible.length === 0) return 'No one in this plan may take this case under the council’s rules.';
  return 'Everyone the council’s rules allow to take this case is leaving or has no casework time this month.';
}

/**
 * The suggested plan. `start` (unit id → worker id), when given, is a second starting point:
 * the plan returned is never worse than it. Re-planning after adding a worker, started from the
 * plan without them, therefore never leaves more hours over red, nor (with the same red hours)
 * a higher highest workload.
 */
export function suggestPlan(problem: PlanProblem, options: { start?: ReadonlyMap<string, string> } = {}): Plan {
  const { c, restricted, index } = compile(problem);
  const start = options.start && Int32Array.from(problem.units, (u) => index.get(options.start!.get(u.id) ?? '') ?? -1);
  let best: { state: State; score: number[] } | null = null;
  for (const from of start ? [undefined, start] : [undefined]) {
    for (const prefer of PREFERENCES) {
      const state = search(c, from, prefer);
      const s = score(c, state);
      if (!best || better(s, best.score)) best = { state, score: s };
    }
  }
  // Fewer moves at the same highest workload, when cases may stay with their holders.
  const repaired = c.home.some((h) => h >= 0) ? fromHomeUnder(c, best!.score[1]!) : null;
  if (repaired && better(score(c, repaired), best!.score)) best = { state: repaired, score: score(c, repaired) };
  return describe(problem, best!.state, restricted);
}

const loadOf = (hours: Range, w: PlanWorker, bands: BandThresholds): WorkerLoad => ({
  hours, ratio: w.caseworkHours > 0 ? hours.central / w.caseworkHours : null, band: bandFor(hours.central, w.caseworkHours, bands),
});

function describe(problem: PlanProblem, state: Pick<State, 'assign'>, restricted: Uint8Array): Plan {
  const { units, workers, bands } = problem;
  const before = workers.map((w) => [w.fixedHours]);
  const after = workers.map((w) => [w.fixedHours]);
  const gains = new Array<number>(workers.length).fill(0);
  const losses = new Array<number>(workers.length).fill(0);
  const index = new Map(workers.map((w, i) => [w.id, i]));
  const rows: PlanRow[] = [];
  const unplaceable: Plan['unplaceable'] = [];
  units.forEach((unit, u) => {
    const holder = unit.current === null ? undefined : index.get(unit.current);
    if (holder !== undefined) before[holder]!.push(unit.hours);
    const to = state.assign[u]!;
    if (to < 0) {
      // Nothing decided: it stays where it is (with a leaver, until a manager finds someone).
      if (holder !== undefined) after[holder]!.push(unit.hours);
      unplaceable.push({ unitId: unit.id, reason: unplaceableReason(unit) });
      rows.push({ unitId: unit.id, from: unit.current, to: null, moved: false, continuity: false });
      return;
    }
    after[to]!.push(unit.hours);
    const moved = to !== holder;
    if (moved) {
      gains[to]!++;
      if (holder !== undefined) losses[holder]!++;
    }
    rows.push({ unitId: unit.id, from: unit.current, to: workers[to]!.id, moved, continuity: !moved || unit.preferred.includes(workers[to]!.id) });
  });
  const workerRows = workers.map((w, i): PlanWorkerRow => ({
    workerId: w.id, before: loadOf(sumRanges(before[i]!), w, bands), after: loadOf(sumRanges(after[i]!), w, bands), gains: gains[i]!, losses: losses[i]!,
  }));
  const continuityBroken = rows.filter((r, u) => restricted[u] && !r.continuity).length;
  return summarise(problem, rows, workerRows, unplaceable, continuityBroken);
}

function summarise(problem: PlanProblem, rows: PlanRow[], workerRows: PlanWorkerRow[], unplaceable: Plan['unplaceable'], continuityBroken: number): Plan {
  const { workers, bands } = problem;
  let highestRatio: number | null = null;
  let redShortfallHours = 0;
  const overRed: Plan['overRed'] = [];
  workerRows.forEach((row, i) => {
    const w = workers[i]!;
    if (!usableWorker(w)) return;
    const ratio = row.after.hours.central / w.caseworkHours;
    highestRatio = highestRatio === null ? ratio : Math.max(highestRatio, ratio);
    const over = row.after.hours.central - bands.amberUpTo * w.caseworkHours;
    if (over > 1e-9) {
      redShortfallHours += over;
      overRed.push({ workerId: w.id, shortfallHours: over });
    }
  });
  overRed.sort((a, b) => b.shortfallHours - a.shortfallHours || a.workerId.localeCompare(b.workerId));
  const moves = rows.filter((r) => r.moved).length;
  return { rows, workers: workerRows, objective: { continuityBroken, redShortfallHours, highestRatio, moves }, overRed, unplaceable };
}

const addRange = (a: Range, b: Range, k: number): Range => ({ low: a.low + k * b.low, central: a.central + k * b.central, high: a.high + k * b.high });

/**
 * A manager's edit: one unit to another worker. Only the two workers touched are re-computed,
 * so the page shows the effect at once. Refused, with a reason, when the rules do not allow it
 * (the service rebuilds `eligible` first when a manager overrides a rule with a reason).
 */
export function editPlan(problem: PlanProblem, plan: Plan, unitId: string, workerId: string): { ok: true; plan: Plan } | { ok: false; reason: string } {
  const u = problem.units.findIndex((x) => x.id === unitId);
  const to = problem.workers.findIndex((w) => w.id === workerId);
  const unit = problem.units[u];
  const worker = problem.workers[to];
  if (!unit || !worker) return { ok: false, reason: 'That case or worker is not in this plan.' };
  if (!usableWorker(worker)) return { ok: false, reason: worker.leaving ? 'This worker is leaving and cannot take new work.' : 'This worker has no casework time this month.' };
  if (!unit.eligible.includes(to)) return { ok: false, reason: 'The council’s rules do not allow this worker to take this case.' };
  const row = plan.rows[u]!;
  const from = problem.workers.findIndex((w) => w.id === (row.to ?? row.from));
  if (row.to === workerId) return { ok: true, plan };

  const workerRows = plan.workers.slice();
  const shift = (i: number, k: number, gain: number, loss: number) => {
    const w = problem.workers[i]!;
    const old = workerRows[i]!;
    workerRows[i] = { ...old, after: loadOf(addRange(old.after.hours, unit.hours, k), w, problem.bands), gains: old.gains + gain, losses: old.losses + loss };
  };
  const holder = unit.current;
  const wasMoved = row.moved;
  const moved = workerId !== holder;
  if (from >= 0) shift(from, -1, wasMoved && row.to !== null ? -1 : 0, 0);
  shift(to, 1, moved ? 1 : 0, 0);
  // The holder's losses count the unit once, whoever it goes to.
  const holderIndex = problem.workers.findIndex((w) => w.id === holder);
  if (holderIndex >= 0 && wasMoved !== moved) workerRows[holderIndex] = { ...workerRows[holderIndex]!, losses: workerRows[holderIndex]!.losses + (moved ? 1 : -1) };

  const rows = plan.rows.slice();
  rows[u] = { ...row, to: workerId, moved, continuity: !moved || unit.preferred.includes(workerId) };
  const index = new Map(problem.workers.map((w, i) => [w.id, i]));
  const restricted = allowedWorkers(problem, unit, index).restricted;
  const continuityBroken = plan.objective.continuityBroken + (restricted ? Number(!rows[u].continuity) - Number(row.to !== null && !row.continuity) : 0);
  const unplaceable = plan.unplaceable.filter((x) => x.unitId !== unitId);
  return { ok: true, plan: summarise(problem, rows, workerRows, unplaceable, continuityBroken) };
}
