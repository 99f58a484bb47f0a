// Shared fast-check arbitraries for the workload model's tests. Not a test file itself
// (it does not match *.test.ts); the *.test.ts files beside it import from here.
import fc from 'fast-check';
import type { AbsenceInput, CapacityInput } from './capacity.ts';
import { DAYS_PER_MONTH, dayFromIso, englandCalendar, type Day } from '../../kernel/calendar.ts';
import { ACTIVITY_CATEGORIES, CASE_STATUSES, DEFAULT_CONFIG, type Activity, type WorkloadConfig } from './catalogue.ts';
import type { ModelContext } from './demand.ts';
import type { CaseInput, EpisodeInput, FactorInput, FactorKind } from './episodes.ts';

export const FIRST_DAY: Day = dayFromIso('2018-01-01');
export const LAST_DAY: Day = dayFromIso('2030-12-31');

/** Any day from 2018 to 2030, well inside the England calendar (2000-2045). */
export const dayArb = fc.integer({ min: FIRST_DAY, max: LAST_DAY });

export const ctxFor = (config: WorkloadConfig = DEFAULT_CONFIG): ModelContext => ({ config, calendar: englandCalendar() });

/** Hundredths in [min, max]: decimal-like values without subnormals, which real configurations never hold. */
const hundredths = (min: number, max: number) => fc.integer({ min: Math.round(min * 100), max: Math.round(max * 100) }).map((n) => n / 100);

/**
 * An episode around `day`: most started before it (so are open on it, or ended), a few start
 * just after it (not yet active). Starts reach three years back so long-term placements pass
 * their first year and reviews reach their six-monthly rhythm.
 */
export function episodeArb(day: Day, id: string): fc.Arbitrary<EpisodeInput> {
  return fc
    .record({
      kind: fc.constantFrom(...CASE_STATUSES),
      start: fc.integer({ min: day - 3 * 365, max: day + 20 }),
      length: fc.option(fc.integer({ min: 1, max: 1200 }), { nil: null, freq: 2 }),
      placementDistanceMiles: fc.option(fc.integer({ min: 0, max: 250 }), { nil: null }),
      placementLongTerm: fc.option(fc.boolean(), { nil: null }),
      s47Outcome: fc.constantFrom(null, 'conference' as const, 'no_further_action' as const),
    })
    .map(({ length, ...e }) => ({ id, ...e, end: length === null ? null : e.start + length }));
}

const FACTOR_KINDS: FactorKind[] = ['interpreter', 'disability', 'exploitation', 'missing'];

export function factorArb(day: Day): fc.Arbitrary<FactorInput> {
  return fc
    .record({
      factor: fc.constantFrom(...FACTOR_KINDS),
      start: fc.integer({ min: day - 400, max: day + 10 }),
      length: fc.option(fc.integer({ min: 1, max: 300 }), { nil: null }),
    })
    .map(({ length, ...f }) => ({ ...f, end: length === null ? null : f.start + length }));
}

/** A few families so that siblings on one allocation are common. */
export const familyIdArb = fc.constantFrom(null, 'fam-a', 'fam-b', 'fam-c');

/** A child's case around `day`. With `open`, its first episode is open on the day, so the case is active. */
export function caseInputArb(day: Day, childId: string, opts: { familyId?: fc.Arbitrary<string | null>; open?: boolean } = {}): fc.Arbitrary<CaseInput> {
  const open = opts.open ?? false;
  return fc.record({
    childId: fc.constant(childId),
    familyId: opts.familyId ?? familyIdArb,
    episodes: fc
      .array(episodeArb(day, ''), { minLength: open ? 1 : 0, maxLength: 4 })
      .map((es) => es.map((e, i) => ({ ...e, id: `${childId}-e${i}`, ...(open && i === 0 ? { start: Math.min(e.start, day), end: null } : {}) }))),
    factors: fc.array(factorArb(day), { maxLength: 3 }),
  });
}

/** One practitioner's caseload on `day`: up to `max` children, each with its own id. */
export function caseloadArb(day: Day, max = 8): fc.Arbitrary<CaseInput[]> {
  return fc
    .array(caseInputArb(day, ''), { maxLength: max })
    .map((cases) => cases.map((c, i) => ({ ...c, childId: `child-${i}`, episodes: c.episodes.map((e, j) => ({ ...e, id: `child-${i}-e${j}` })) })));
}

export const ABSENCE_KINDS = ['sickness', 'parental', 'training', 'other', 'annual_leave', 'toil'] as const;

export function absenceArb(day: Day, kind: fc.Arbitrary<string> = fc.constantFrom(...ABSENCE_KINDS)): fc.Arbitrary<AbsenceInput> {
  return fc
    .record({ kind, start: fc.integer({ min: day - 20, max: day + 40 }), days: fc.integer({ min: 0, max: 25 }) })
    .map(({ days, ...a }) => ({ ...a, end: a.start + days }));
}

export function capacityInputArb(day: Day): fc.Arbitrary<CapacityInput> {
  return fc
    .record({
      // An unknown role falls back to a casework share of 1.
      role: fc.constantFrom(...Object.keys(DEFAULT_CONFIG.capacity.caseworkShareByRole), 'unlisted_role'),
      fte: hundredths(0.1, 1),
      fullTime: fc.constantFrom(35, 36, 37, 37.5),
      asyeStart: fc.option(fc.integer({ min: day - 500, max: day + 30 }), { nil: null }),
      leftOn: fc.option(fc.integer({ min: day - 60, max: day + 60 }), { nil: null, freq: 6 }),
      absences: fc.array(absenceArb(day), { maxLength: 3 }),
    })
    .map(({ fullTime, ...p }) => ({ ...p, contractedWeeklyHours: Math.round(p.fte * fullTime * 100) / 100 }));
}

/** An hours range scaled from a default central value, always low <= central <= high. */
export function hoursArb(defaultCentral: number): fc.Arbitrary<{ low: number; central: number; high: number }> {
  return fc
    .record({ scale: hundredths(0, 3), lowShare: hundredths(0, 1), highFactor: hundredths(1, 2.5) })
    .map(({ scale, lowShare, highFactor }) => {
      const central = Math.round(defaultCentral * scale * 100) / 100;
      // Multiplying by a factor <= 1 (>= 1) cannot round past central, so the order holds.
      return { low: central * lowShare, central, high: central * highFactor };
    });
}

function activityArb(a: Activity): fc.Arbitrary<Activity> {
  return fc.record({
    hours: hoursArb(a.hours.central),
    travel: a.travel
      ? fc.record({ beyondMiles: fc.integer({ min: 0, max: 60 }), extraHours: hoursArb(a.travel.extraHours.central) })
      : fc.constant(undefined),
  }).map(({ hours, travel }) => (travel ? { ...a, hours, travel } : { ...a, hours }));
}

const multiplierArb = hundredths(1, 2);

/**
 * DEFAULT_CONFIG with its figures perturbed: every activity's hours (each its own low/central/high
 * shape, so estimates need not be proportional), travel, sibling share and categories, factor
 * multipliers, ASYE and leave rules, the horizon, and the bands (green below amber). Rules and
 * intervals stay the statutory ones.
 */
export const configArb: fc.Arbitrary<WorkloadConfig> = fc
  .record({
    activities: fc.tuple(...DEFAULT_CONFIG.activities.map(activityArb)),
    share: hundredths(0, 1),
    siblingCategories: fc.subarray([...ACTIVITY_CATEGORIES]),
    interpreter: multiplierArb,
    disability: multiplierArb,
    exploitation: multiplierArb,
    annualLeaveDays: fc.integer({ min: 20, max: 35 }),
    developmentShare: hundredths(0, 0.4),
    extraSupervision: hundredths(0, 4),
    // Mostly a month, as councils use it; sometimes a week, a fortnight or a quarter.
    horizonDays: fc.constantFrom(DAYS_PER_MONTH, DAYS_PER_MONTH, DAYS_PER_MONTH, 7, 14, 3 * DAYS_PER_MONTH),
    greenUpTo: hundredths(0.3, 1.2),
    amberGap: hundredths(0.01, 0.5),
  })
  .map((g) => {
    const d = DEFAULT_CONFIG;
    return {
      ...d,
      name: 'generated',
      horizonDays: g.horizonDays,
      activities: g.activities,
      siblings: { ...d.siblings, share: g.share, categories: g.siblingCategories },
      factors: {
        interpreter: { ...d.factors.interpreter, multiplier: g.interpreter },
        disability: { ...d.factors.disability, multiplier: g.disability },
        exploitationOrMissing: { ...d.factors.exploitationOrMissing, multiplier: g.exploitation },
      },
      capacity: {
        ...d.capacity,
        annualLeaveDays: g.annualLeaveDays,
        asye: { ...d.capacity.asye, developmentShare: g.developmentShare, extraSupervisionHoursPerMonth: g.extraSupervision },
      },
      bands: { ...d.bands, greenUpTo: g.greenUpTo, amberUpTo: g.greenUpTo + g.amberGap },
    };
  });

/** The defaults half the time (the configuration councils start from), a generated variant otherwise. */
export const anyConfigArb: fc.Arbitrary<WorkloadConfig> = fc.oneof(fc.constant(DEFAULT_CONFIG), configArb);

/** A day and something generated around it (episodes, absences), kept together for shrinking reports. */
export function onADay<T>(make: (day: Day) => fc.Arbitrary<T>): fc.Arbitrary<{ day: Day; value: T }> {
  return dayArb.chain((day) => make(day).map((value) => ({ day, value })));
}
