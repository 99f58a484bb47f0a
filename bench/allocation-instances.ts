// Plan problems for the allocation bench: random ones, and realistic teams (capacities 60–110 h a
// month, cases 2–25 h with a long tail, about 15 % ASYE workers who may not lead child protection,
// declared conflicts, siblings' holders and former workers as preferred, a leaver). Seeded, so
// every run plans the same problems.
import type { PlanProblem, PlanUnit, PlanWorker } from '../src/allocation/model/index.ts';
import type { Range } from '../src/kernel/range.ts';

const BANDS = { greenUpTo: 0.85, amberUpTo: 1 };

/** mulberry32: small, fast and plenty for generating test data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const range = (central: number): Range => ({ low: central * 0.75, central, high: central * 1.35 });
const between = (r: () => number, lo: number, hi: number) => lo + (hi - lo) * r();
/** 2–25 h: most cases a few hours a month, a long tail of court and child protection work. */
const caseHours = (r: () => number) => 2 + 23 * r() ** 3;

interface Staff {
  workers: PlanWorker[];
  asye: boolean[];
  /** Which locality (group of teams) each worker serves; cases stay within theirs. */
  locality: number[];
}

function staff(r: () => number, count: number, fixedShare: [number, number], localities = 1): Staff {
  const workers: PlanWorker[] = [];
  const asye: boolean[] = [];
  const locality: number[] = [];
  for (let i = 0; i < count; i++) {
    const caseworkHours = Math.round(between(r, 60, 110));
    workers.push({ id: `w${i}`, caseworkHours, fixedHours: range(caseworkHours * between(r, ...fixedShare)) });
    asye.push(r() < 0.15);
    locality.push(i % localities);
  }
  return { workers, asye, locality };
}

/** Who may take a case: its locality, not an ASYE worker for child protection, no declared conflict (1 in 20). */
function eligibleFor(r: () => number, s: Staff, loc: number, childProtection: boolean): number[] {
  const out: number[] = [];
  s.workers.forEach((_, w) => {
    if (s.locality[w] !== loc || (childProtection && s.asye[w]) || r() < 0.05) return;
    out.push(w);
  });
  return out;
}

function units(r: () => number, s: Staff, count: number, options: { current?: (u: number) => string | null; localities?: number; preferredShare?: number } = {}): PlanUnit[] {
  const out: PlanUnit[] = [];
  for (let u = 0; u < count; u++) {
    const loc = u % (options.localities ?? 1);
    const eligible = eligibleFor(r, s, loc, r() < 0.2);
    // A sibling held by someone, or a former worker: one of the eligible, now and then.
    const preferred = r() < (options.preferredShare ?? 0) && eligible.length > 0 ? [s.workers[eligible[Math.floor(r() * eligible.length)]!]!.id] : [];
    out.push({ id: `u${u}`, hours: range(caseHours(r)), current: options.current?.(u) ?? null, preferred, eligible });
  }
  return out;
}

export interface Instance {
  name: string;
  size: 'small' | 'large';
  problem: PlanProblem;
}

/** 100 waiting cases, 40 workers, eligibility at random (each pair allowed with 85 % chance). */
function smallRandom(seed: number): Instance {
  const r = random(seed);
  const s = staff(r, 40, [0.5, 0.85]);
  const list = Array.from({ length: 100 }, (_, u): PlanUnit => ({
    id: `u${u}`, hours: range(caseHours(r)), current: null, preferred: [],
    eligible: s.workers.map((_, w) => w).filter(() => r() < 0.85),
  }));
  return { name: `small random (seed ${seed})`, size: 'small', problem: { bands: BANDS, workers: s.workers, units: list } };
}

/** A team of 40 with a leaver: their 25 cases must move (a fifth to someone who knows the family), and 75 cases wait. */
function smallLeaver(seed: number): Instance {
  const r = random(seed);
  const s = staff(r, 40, [0.5, 0.8]);
  s.workers[0] = { ...s.workers[0]!, leaving: true, fixedHours: range(0) };
  const list = units(r, s, 100, { current: (u) => (u < 25 ? 'w0' : null), preferredShare: 0.2 });
  return { name: `small team with a leaver (seed ${seed})`, size: 'small', problem: { bands: BANDS, workers: s.workers, units: list } };
}

/** "Bring everyone under the band": 100 cases held unevenly by a team of 40, each free to stay or move. */
function smallTeam(seed: number): Instance {
  const r = random(seed);
  const s = staff(r, 40, [0.45, 0.7]);
  // A quarter of the team holds half the cases: the usual picture before a rebalance.
  const list = units(r, s, 100, { current: () => `w${r() < 0.5 ? Math.floor(r() * 10) : 10 + Math.floor(r() * 30)}` });
  // Everyone may keep what they hold: the question is only whether it should move.
  const held = list.map((u) => {
    const holder = Number(u.current!.slice(1));
    return u.eligible.includes(holder) ? u : { ...u, eligible: [...u.eligible, holder] };
  });
  return { name: `small team brought under the band (seed ${seed})`, size: 'small', problem: { bands: BANDS, workers: s.workers, units: held } };
}

/** 1,000 waiting cases across a 500-person service in 5 localities (cases go to their locality's workers). */
function largeService(seed: number): Instance {
  const r = random(seed);
  const s = staff(r, 500, [0.5, 0.85], 5);
  s.workers[3] = { ...s.workers[3]!, leaving: true, fixedHours: range(0) };
  const list = units(r, s, 1000, { localities: 5, current: (u) => (u < 20 ? 'w3' : null), preferredShare: 0.1 });
  return { name: `large service (seed ${seed})`, size: 'large', problem: { bands: BANDS, workers: s.workers, units: list } };
}

/** 1,000 cases × 500 workers, each case eligible for a random tenth of them. */
function largeRandom(seed: number): Instance {
  const r = random(seed);
  const s = staff(r, 500, [0.5, 0.85]);
  const list = Array.from({ length: 1000 }, (_, u): PlanUnit => ({
    id: `u${u}`, hours: range(caseHours(r)), current: null, preferred: [],
    eligible: s.workers.map((_, w) => w).filter(() => r() < 0.1),
  }));
  return { name: `large random (seed ${seed})`, size: 'large', problem: { bands: BANDS, workers: s.workers, units: list } };
}

export const instances = (): Instance[] => [
  smallRandom(1), smallRandom(2), smallLeaver(3), smallLeaver(4), smallTeam(5), smallTeam(6),
  largeService(7), largeRandom(8),
];
