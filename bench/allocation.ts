// Allocation benchmarks: the plan optimiser against HiGHS (the exact referee, in a worker thread
// with a time limit) on random and realistic instances, its solve times, hard-rule violations,
// and the suggestions for one case in a 200-person service.
import { Worker } from 'node:worker_threads';
import { DEFAULT_POLICY, suggest, suggestPlan, type Candidate, type Plan, type PlanProblem } from '../src/allocation/model/index.ts';
import { caseloadDemand, DEFAULT_CONFIG, dayFromIso, englandCalendar, type CaseInput, type CaseStatus, type ModelContext } from '../src/workload/model/index.ts';
import { instances, type Instance } from './allocation-instances.ts';
import { decode, fewestMovesModel, highestModel, mipShape, redHoursModel, type MipShape } from './allocation-mip.ts';
import type { HighsAnswer, HighsRequest } from './highs-worker.ts';
import { medianTimes, round, type BenchEnv, type Results } from './report.ts';

const SMALL_TIME_LIMIT_S = 30;
const LARGE_TIME_LIMIT_S = 120;

/** One HiGHS thread, reused; each request a fresh solver inside it. */
class Referee {
  private readonly worker: Worker;

  constructor() {
    // tsx's loader is not inherited by worker threads on Node 20: register it in the thread first.
    const entry = new URL('./highs-worker.ts', import.meta.url).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    this.worker = new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`, { eval: true });
  }

  solve(request: HighsRequest): Promise<HighsAnswer> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.worker.once('error', onError);
      this.worker.once('message', (answer: HighsAnswer) => {
        this.worker.off('error', onError);
        resolve(answer);
      });
      this.worker.postMessage(request);
    });
  }

  close = () => this.worker.terminate();
}

/** Hard rules, checked from the problem itself: the worker is eligible, not leaving, has casework time. */
function violations(problem: PlanProblem, plan: Plan): number {
  const index = new Map(problem.workers.map((w, i) => [w.id, i]));
  return plan.rows.filter((r, u) => {
    if (r.to === null) return false;
    const w = index.get(r.to)!;
    const worker = problem.workers[w]!;
    return !problem.units[u]!.eligible.includes(w) || worker.leaving === true || worker.caseworkHours <= 0;
  }).length;
}

/** Highest workload of a plan given as worker indices, down to the green edge (the product's stage 4). */
function highestOf(problem: PlanProblem, shape: MipShape, assignment: readonly number[]): number {
  const load = [...shape.fixed];
  assignment.forEach((w, u) => {
    if (w >= 0) load[w]! += problem.units[u]!.hours.central;
  });
  let highest = problem.bands.greenUpTo;
  problem.workers.forEach((w, i) => {
    if (shape.usable[i]) highest = Math.max(highest, load[i]! / w.caseworkHours);
  });
  return highest;
}

const gapPct = (product: number, referee: number) => round((100 * (product - referee)) / referee, 3);

async function compare(instance: Instance, referee: Referee): Promise<Record<string, unknown>> {
  const { problem, size } = instance;
  const times = await medianTimes(() => suggestPlan(problem), size === 'small' ? { warmUp: 3, runs: 9 } : { warmUp: 1, runs: 5 });
  const plan = suggestPlan(problem);
  const shape = mipShape(problem);
  const index = new Map(problem.workers.map((w, i) => [w.id, i]));
  const productAssignment = plan.rows.map((r) => (r.to === null ? -1 : index.get(r.to)!));
  const productHighest = highestOf(problem, shape, productAssignment);
  const productRed = plan.objective.redShortfallHours;
  const timeLimitSeconds = size === 'small' ? SMALL_TIME_LIMIT_S : LARGE_TIME_LIMIT_S;
  const out: Record<string, unknown> = {
    name: instance.name, units: problem.units.length, workers: problem.workers.length,
    product_ms: round(times.ms, 2), eligibility_violations: violations(problem, plan),
    product_red_hours: round(productRed, 3), product_highest: round(productHighest, 5), product_moves: plan.objective.moves,
    unplaceable: plan.unplaceable.length,
  };
  // Stage 3 first: if HiGHS finds fewer red hours the plans differ there, before the highest workload.
  const red = await referee.solve({ model: redHoursModel(problem, shape, size === 'large'), timeLimitSeconds, columns: [] });
  out.highs_red_status = red.status;
  out.highs_red_hours = red.objective === null ? null : round(red.objective, 3);
  // Stage 4 at the product's red hours: the LP bound always, the MIP on small instances.
  const bound = await referee.solve({ model: highestModel(problem, shape, productRed, true), timeLimitSeconds, columns: [] });
  out.lp_bound_status = bound.status;
  out.lp_bound = bound.objective === null ? null : round(bound.objective, 5);
  if (bound.objective !== null) out.gap_to_lp_bound_pct = gapPct(productHighest, bound.objective);
  if (size === 'small') {
    const best = await referee.solve({ model: highestModel(problem, shape, productRed, false), timeLimitSeconds, columns: ['x'] });
    out.highs_status = best.status;
    out.highs_ms = round(best.ms);
    if (best.objective !== null) {
      const theirs = decode(shape, best.columns);
      out.highs_highest = round(highestOf(problem, shape, theirs), 5);
      out.gap_pct = gapPct(productHighest, best.objective);
      out.units_placed_differently = theirs.filter((w, u) => w !== productAssignment[u]).length;
      // Moves, the last stage: the fewest with nobody above the product's highest workload.
      if (shape.home.some((h) => h >= 0)) {
        const moves = await referee.solve({ model: fewestMovesModel(problem, shape, productHighest, productRed), timeLimitSeconds, columns: [] });
        out.highs_moves_status = moves.status;
        out.highs_fewest_moves = moves.objective === null ? moves.status : Math.round(moves.objective);
      }
    }
  }
  return out;
}

/** Suggestions for one case in a 200-person service: one holds a sibling (re-computed in full), the rest are now + the case. */
function suggestBenchmark(): Promise<{ ms: number }> {
  const day = dayFromIso('2026-11-23');
  const ctx: ModelContext = { config: DEFAULT_CONFIG, calendar: englandCalendar() };
  const kinds: CaseStatus[] = ['cin_plan', 'cp_plan', 'looked_after', 'family_help', 'care_leaver', 'court_proceedings'];
  const kase = (childId: string, familyId: string | null, kind: CaseStatus): CaseInput =>
    ({ childId, familyId, episodes: [{ id: `e-${childId}`, kind, start: day - 90, end: null }], factors: [] });
  const candidates: Candidate[] = Array.from({ length: 200 }, (_, i) => {
    const held = Array.from({ length: 12 + (i % 7) }, (_, k) => kase(`c${i}-${k}`, `f${i}-${k}`, kinds[(i + k) % kinds.length]!));
    if (i === 17) held.push(kase('sibling', 'family-new', 'cp_plan'));
    return {
      practitionerId: `p${i}`, name: `Practitioner ${i}`, teamId: `t${i % 25}`,
      role: i % 9 === 0 ? 'family_help_practitioner' : 'social_worker',
      asyeStart: i % 7 === 0 ? day - 100 : null, leftOn: i % 50 === 0 ? day + 10 : null, absences: [],
      caseworkHours: 80 + (i % 30), grantedChildIds: new Set(), conflicts: [],
      held, hours: caseloadDemand(held, day, ctx).total, formerChildIds: new Set(), recentAllocations: i % 3,
    };
  });
  const cases = [kase('new', 'family-new', 'cp_plan')];
  const unit = { cases, facts: { childIds: ['new'], familyIds: ['family-new'], statuses: ['cp_plan' as const], restrictedChildIds: [] }, alone: caseloadDemand(cases, day, ctx).total };
  return medianTimes(() => suggest(unit, candidates, DEFAULT_POLICY, day, ctx), { warmUp: 5, runs: 25 });
}

const worst = (rows: Record<string, unknown>[], key: string) => Math.max(...rows.map((r) => (typeof r[key] === 'number' ? r[key] : Number.NaN)));

export async function allocationBenchmarks(env: BenchEnv): Promise<Results> {
  const referee = new Referee();
  const rows: Record<string, unknown>[] = [];
  try {
    for (const instance of instances()) {
      env.log(`allocation: ${instance.name}`);
      rows.push(await compare(instance, referee));
    }
  } finally {
    await referee.close();
  }
  const small = rows.filter((r) => r.units === 100);
  const large = rows.filter((r) => r.units !== 100);
  const highsSmall = small.map((r) => r.highs_ms as number).sort((a, b) => a - b);
  return {
    allocation: {
      // Against HiGHS' best plan within its time limit (negative: the product's is better).
      small_gap_pct: worst(small, 'gap_pct'),
      // Against the LP bound, which no plan can beat: a proven ceiling on the gap.
      small_gap_to_lp_bound_pct: worst(small, 'gap_to_lp_bound_pct'),
      small_ms: worst(small, 'product_ms'),
      large_gap_pct: worst(large, 'gap_to_lp_bound_pct'),
      large_ms: worst(large, 'product_ms'),
      highs_small_ms: highsSmall[Math.floor(highsSmall.length / 2)] ?? null,
      eligibility_violations: rows.reduce((s, r) => s + (r.eligibility_violations as number), 0),
      suggest_ms: round((await suggestBenchmark()).ms, 2),
      instances: rows,
    },
  };
}
