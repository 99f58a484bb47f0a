/**
 * The plan's search: a greedy placement, then local search (moves and swaps), one stage of the
 * lexicographic objective at a time. Internal to plan.ts; indices and typed arrays for speed
 * (1,000 cases × 500 workers in well under a second). Pure and deterministic: every loop runs
 * in index order and every phase has a step cap, so the same problem always gives the same plan.
 */

/** The problem compiled to arrays; `allowed` already holds the hard rules and the continuity stage. */
export interface Compiled {
  unitCount: number;
  workerCount: number;
  /** Central hours of each unit. */
  hours: Float64Array;
  capacity: Float64Array;
  /** Central hours each worker holds outside the problem. */
  fixed: Float64Array;
  /** Hours above which a worker is red (amberUpTo × capacity). */
  redAt: Float64Array;
  /** The ratio below which lowering the highest workload buys nothing (greenUpTo). */
  floor: number;
  /** May take work: not leaving, some casework time. */
  usable: Uint8Array;
  /** unit × worker, row-major: may this worker take this unit. */
  allowed: Uint8Array;
  allowedList: Int32Array[];
  /** The current holder's index when the unit may stay with them, else -1 (it must move). */
  home: Int32Array;
}

/** Where each unit goes (-1: unplaceable, left where it is), and each worker's central load. */
export interface State {
  assign: Int32Array;
  load: Float64Array;
  unitsOf: number[][];
}

const EPS = 1e-9;
// Shortfall may not rise by more than rounding while a later stage is improved.
const SHORTFALL_SLACK = 1e-12;

const shortfall = (c: Compiled, w: number, load: number): number => Math.max(0, load - c.redAt[w]!);

/** Change in total red shortfall when worker `w`'s load changes by `delta`. */
const shortfallDelta = (c: Compiled, s: State, w: number, delta: number): number =>
  shortfall(c, w, s.load[w]! + delta) - shortfall(c, w, s.load[w]!);

const moveCost = (c: Compiled, u: number, from: number, to: number): number =>
  Number(to !== c.home[u]) - Number(from !== c.home[u]);

function emptyState(c: Compiled): State {
  return { assign: new Int32Array(c.unitCount).fill(-1), load: Float64Array.from(c.fixed), unitsOf: Array.from({ length: c.workerCount }, () => []) };
}

function place(c: Compiled, s: State, u: number, w: number): void {
  s.assign[u] = w;
  s.load[w]! += c.hours[u]!;
  s.unitsOf[w]!.push(u);
}

function move(c: Compiled, s: State, u: number, to: number): void {
  const from = s.assign[u]!;
  const list = s.unitsOf[from]!;
  list.splice(list.indexOf(u), 1);
  s.load[from]! -= c.hours[u]!;
  place(c, s, u, to);
}

/**
 * The starting plan: units that may stay do (with `start` overriding where it names an allowed
 * worker); the rest, largest first, each to the allowed worker it pushes least over red, then
 * the one left with the lowest workload (longest-processing-time first, for unequal capacities).
 */
function initialState(c: Compiled, start?: Int32Array): State {
  const s = emptyState(c);
  const waiting: number[] = [];
  for (let u = 0; u < c.unitCount; u++) {
    const wanted = start?.[u] ?? -1;
    if (wanted >= 0 && c.allowed[u * c.workerCount + wanted]) place(c, s, u, wanted);
    else if (c.home[u]! >= 0) place(c, s, u, c.home[u]!);
    else if (c.allowedList[u]!.length > 0) waiting.push(u);
  }
  waiting.sort((a, b) => c.hours[b]! - c.hours[a]! || a - b);
  for (const u of waiting) {
    const h = c.hours[u]!;
    let best = -1;
    let bestRed = Infinity;
    let bestRatio = Infinity;
    for (const w of c.allowedList[u]!) {
      const red = shortfallDelta(c, s, w, h);
      const ratio = (s.load[w]! + h) / c.capacity[w]!;
      if (red < bestRed - EPS || (red <= bestRed + EPS && ratio < bestRatio - EPS)) {
        best = w;
        bestRed = red;
        bestRatio = ratio;
      }
    }
    place(c, s, u, best);
  }
  return s;
}

/** One step: a unit to a worker, or two units exchanged. */
type Step = { kind: 'move'; u: number; to: number } | { kind: 'swap'; u: number; v: number };

function apply(c: Compiled, s: State, step: Step): void {
  if (step.kind === 'move') {
    move(c, s, step.u, step.to);
  } else {
    const a = s.assign[step.u]!;
    const b = s.assign[step.v]!;
    move(c, s, step.u, b);
    move(c, s, step.v, a);
  }
}

/**
 * Stage 3: lower the total hours over red. Each unit on a red worker goes where (alone, or
 * exchanged with a unit elsewhere) the total falls most; passes repeat until none helps.
 */
function reduceRedShortfall(c: Compiled, s: State, maxPasses = 50): void {
  const W = c.workerCount;
  for (let pass = 0; pass < maxPasses; pass++) {
    let improved = false;
    for (let a = 0; a < W; a++) {
      if (!c.usable[a]) continue;
      for (const u of [...s.unitsOf[a]!]) {
        if (s.load[a]! <= c.redAt[a]! + EPS) break;
        const h = c.hours[u]!;
        let best: Step | null = null;
        let bestDelta = -EPS;
        for (const b of c.allowedList[u]!) {
          if (b === a) continue;
          const d = shortfallDelta(c, s, a, -h) + shortfallDelta(c, s, b, h);
          if (d < bestDelta) {
            bestDelta = d;
            best = { kind: 'move', u, to: b };
          }
        }
        for (let v = 0; v < c.unitCount; v++) {
          const b = s.assign[v]!;
          if (b < 0 || b === a || !c.allowed[u * W + b] || !c.allowed[v * W + a]) continue;
          const diff = c.hours[v]! - h;
          if (diff >= 0) continue;
          const d = shortfallDelta(c, s, a, diff) + shortfallDelta(c, s, b, -diff);
          if (d < bestDelta) {
            bestDelta = d;
            best = { kind: 'swap', u, v };
          }
        }
        if (best) {
          apply(c, s, best);
          improved = true;
        }
      }
    }
    if (!improved) return;
  }
}

/** The usable worker with the highest workload (the first, on a tie), and that workload. */
function highest(c: Compiled, s: State): { worker: number; ratio: number } {
  let worker = -1;
  let ratio = -Infinity;
  for (let w = 0; w < c.workerCount; w++) {
    if (!c.usable[w]) continue;
    const r = s.load[w]! / c.capacity[w]!;
    if (r > ratio) {
      ratio = r;
      worker = w;
    }
  }
  return { worker, ratio };
}

/**
 * Stage 4: lower the highest workload without adding red hours. Take work off the worker with
 * the highest workload M, by a move or a swap that leaves both workers below M: M falls, or one
 * fewer worker is at M, so the search cannot cycle. Among such steps the one leaving the lower
 * peak of the two wins (fewer moves on a tie). Stops at the green edge: below it, a lower
 * highest workload is not worth moving anyone's case.
 */
function lowerHighest(c: Compiled, s: State, maxSteps: number, prefer: Preference = 'balance'): void {
  const W = c.workerCount;
  for (let step = 0; step < maxSteps; step++) {
    const { worker: a, ratio: M } = highest(c, s);
    if (a < 0 || M <= c.floor + EPS) return;
    const la = s.load[a]!;
    const ca = c.capacity[a]!;
    let best: Step | null = null;
    let bestPeak = M - EPS;
    let bestCost = Infinity;
    // Every step considered must leave both workers below M.
    const limit = M - EPS;
    const consider = (candidate: Step, peak: number, redDelta: number, cost: number) => {
      if (redDelta > SHORTFALL_SLACK) return;
      const wins = prefer === 'balance'
        ? peak < bestPeak - EPS || (peak <= bestPeak + EPS && cost < bestCost)
        : cost < bestCost || (cost === bestCost && peak < bestPeak - EPS);
      if (wins) {
        best = candidate;
        bestPeak = prefer === 'balance' ? Math.min(peak, bestPeak) : peak;
        bestCost = cost;
      }
    };
    for (const u of s.unitsOf[a]!) {
      const h = c.hours[u]!;
      const ra = (la - h) / ca;
      for (const b of c.allowedList[u]!) {
        if (b === a) continue;
        const peak = Math.max(ra, (s.load[b]! + h) / c.capacity[b]!);
        if (peak >= limit || (prefer === 'balance' && peak >= bestPeak + EPS)) continue;
        consider({ kind: 'move', u, to: b }, peak, shortfallDelta(c, s, a, -h) + shortfallDelta(c, s, b, h), moveCost(c, u, a, b));
      }
      for (let v = 0; v < c.unitCount; v++) {
        const b = s.assign[v]!;
        if (b < 0 || b === a) continue;
        const diff = c.hours[v]! - h;
        if (diff >= 0 || !c.allowed[u * W + b] || !c.allowed[v * W + a]) continue;
        const peak = Math.max((la + diff) / ca, (s.load[b]! - diff) / c.capacity[b]!);
        if (peak >= limit || (prefer === 'balance' && peak >= bestPeak + EPS)) continue;
        consider({ kind: 'swap', u, v }, peak, shortfallDelta(c, s, a, diff) + shortfallDelta(c, s, b, -diff), moveCost(c, u, a, b) + moveCost(c, v, b, a));
      }
    }
    if (!best) return;
    apply(c, s, best);
  }
}

/**
 * Stage 5: fewer moves. A unit moved away goes back to its holder (or two units trade back)
 * wherever that keeps the highest workload (above the green edge) and the red hours as they are.
 */
function returnHome(c: Compiled, s: State, maxPasses = 20): void {
  const W = c.workerCount;
  const ceiling = Math.max(highest(c, s).ratio, c.floor) + EPS;
  for (let pass = 0; pass < maxPasses; pass++) {
    let changed = false;
    for (let u = 0; u < c.unitCount; u++) {
      const home = c.home[u]!;
      const a = s.assign[u]!;
      if (home < 0 || a === home || a < 0) continue;
      const h = c.hours[u]!;
      if ((s.load[home]! + h) / c.capacity[home]! <= ceiling && shortfallDelta(c, s, a, -h) + shortfallDelta(c, s, home, h) <= SHORTFALL_SLACK) {
        move(c, s, u, home);
        changed = true;
        continue;
      }
      // Two units that traded places trade back, if the exchange fits where one alone would not.
      const partner = s.unitsOf[home]!.find((v) => c.home[v] === a && c.allowed[v * W + a]);
      if (partner !== undefined) {
        const diff = c.hours[partner]! - h;
        const fits = (s.load[home]! - diff) / c.capacity[home]! <= ceiling && (s.load[a]! + diff) / c.capacity[a]! <= ceiling;
        if (fits && shortfallDelta(c, s, a, diff) + shortfallDelta(c, s, home, -diff) <= SHORTFALL_SLACK) {
          apply(c, s, { kind: 'swap', u, v: partner });
          changed = true;
          continue;
        }
      }
      if (makeRoomAtHome(c, s, u, ceiling)) changed = true;
    }
    if (!changed) return;
  }
}

/**
 * Unit u goes home by sending on a unit parked there that is away from its own holder too (to a
 * third worker, or to its own holder): one move fewer, nobody above the ceiling, no red added.
 */
function makeRoomAtHome(c: Compiled, s: State, u: number, ceiling: number): boolean {
  const home = c.home[u]!;
  const a = s.assign[u]!;
  const h = c.hours[u]!;
  for (const v of s.unitsOf[home]!) {
    if (c.home[v] === home) continue;
    const hv = c.hours[v]!;
    if ((s.load[home]! + h - hv) / c.capacity[home]! > ceiling) continue;
    for (const d of c.allowedList[v]!) {
      if (d === home) continue;
      // When v goes to a, a loses u and gains v.
      const gainD = d === a ? hv - h : hv;
      if ((s.load[d]! + gainD) / c.capacity[d]! > ceiling) continue;
      const red = d === a
        ? shortfallDelta(c, s, home, h - hv) + shortfallDelta(c, s, a, hv - h)
        : shortfallDelta(c, s, home, h - hv) + shortfallDelta(c, s, a, -h) + shortfallDelta(c, s, d, hv);
      if (red > SHORTFALL_SLACK) continue;
      move(c, s, v, d);
      move(c, s, u, home);
      return true;
    }
  }
  return false;
}

/**
 * Stage 5 again, from the other end: everyone keeps what they may keep, and only the workers
 * above `target` (the highest workload the search reached) give up cases, each the fewest it
 * can (the smallest one case that is enough, else the largest, again), to whoever has room
 * under the target. Null when some case finds no room: the searched plan stands.
 */
export function fromHomeUnder(c: Compiled, target: number): State | null {
  const s = emptyState(c);
  const waiting: number[] = [];
  for (let u = 0; u < c.unitCount; u++) {
    if (c.home[u]! >= 0) place(c, s, u, c.home[u]!);
    else if (c.allowedList[u]!.length > 0) waiting.push(u);
  }
  const limit = (w: number) => target * c.capacity[w]! + EPS;
  // The room left under the target, after what it holds; the tightest fit keeps room elsewhere for bigger cases.
  const roomFor = (u: number, except: number): number => {
    let best = -1;
    let bestRoom = Infinity;
    for (const w of c.allowedList[u]!) {
      const room = limit(w) - s.load[w]! - c.hours[u]!;
      if (w !== except && room >= 0 && room < bestRoom) [best, bestRoom] = [w, room];
    }
    return best;
  };
  waiting.sort((a, b) => c.hours[b]! - c.hours[a]! || a - b);
  for (const u of waiting) {
    const w = roomFor(u, -1);
    if (w < 0) return null;
    place(c, s, u, w);
  }
  for (let a = 0; a < c.workerCount; a++) {
    if (!c.usable[a]) continue;
    while (s.load[a]! > limit(a)) {
      const excess = s.load[a]! - limit(a);
      const movable = s.unitsOf[a]!.filter((u) => roomFor(u, a) >= 0);
      if (movable.length === 0) return null;
      const enough = movable.filter((u) => c.hours[u]! >= excess);
      const pick = enough.length > 0
        ? enough.reduce((x, y) => (c.hours[y]! < c.hours[x]! ? y : x))
        : movable.reduce((x, y) => (c.hours[y]! > c.hours[x]! ? y : x));
      move(c, s, pick, roomFor(pick, a));
    }
  }
  returnHome(c, s);
  return s;
}

/** The search's own score, lexicographic: red hours, highest workload (floored at green), moves. */
export function score(c: Compiled, s: State): [number, number, number] {
  let red = 0;
  let moves = 0;
  for (let w = 0; w < c.workerCount; w++) if (c.usable[w]) red += shortfall(c, w, s.load[w]!);
  for (let u = 0; u < c.unitCount; u++) if (s.assign[u]! >= 0 && s.assign[u] !== c.home[u]) moves++;
  return [red, Math.max(highest(c, s).ratio, c.floor), moves];
}

export function better(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const tol = 1e-9 * Math.max(1, Math.abs(a[i]!), Math.abs(b[i]!));
    if (a[i]! < b[i]! - tol) return true;
    if (a[i]! > b[i]! + tol) return false;
  }
  return false;
}

/**
 * How stage 4 picks among steps that all lower the highest workload: the most balanced pair
 * (usually the lower highest workload at the end) or the fewest moves (often as low, with fewer
 * cases moved). Both are run and the better plan kept.
 */
export type Preference = 'balance' | 'fewest_moves';

/** Greedy start (or the given one), then the three stages in order. */
export function search(c: Compiled, start: Int32Array | undefined, prefer: Preference): State {
  const s = initialState(c, start);
  reduceRedShortfall(c, s);
  lowerHighest(c, s, 20 * (c.unitCount + c.workerCount) + 100, prefer);
  returnHome(c, s);
  return s;
}
