import type { WorkloadConfig } from '../../workload/model/catalogue.ts';
import { capacity } from '../../workload/model/capacity.ts';
import type { Day, WorkingCalendar } from '../../kernel/calendar.ts';
import type { Range } from '../../kernel/range.ts';
import { CASE_TYPES, type CaseMix, type CaseType } from './case-mix.ts';

/**
 * The safe range (DESIGN.md, the workload model 5): for the council's own case mix, how many
 * cases one full-time practitioner can hold and stay in the green band, as an interval, and
 * which of the model's parameters move it most.
 */

/** Casework hours a month of a full-time, experienced social worker with no absence (low / central / high share of casework time). */
export function fullTimeCasework(config: WorkloadConfig, day: Day, calendar: WorkingCalendar): Range {
  const input = { role: 'social_worker', fte: 1, contractedWeeklyHours: config.capacity.fullTimeWeeklyHours, asyeStart: null, leftOn: null, absences: [] };
  return capacity(input, day, config, calendar).caseworkRange;
}

/**
 * Cases per full-time worker that stay green: the fewest with the most hours per case over the
 * least time, the most with the fewest hours over the most time. Zero with no time; no limit
 * (infinity) at an end where a case takes no time.
 */
export function safeCasesPerFte(perCase: Range, fullTime: Range, greenUpTo: number): Range {
  // A case that takes no time at all never fills a caseload: no limit (an estimate of zero hours).
  const fit = (hours: number, per: number) => (hours <= 0 ? 0 : per > 0 ? (greenUpTo * hours) / per : Number.POSITIVE_INFINITY);
  return { low: fit(fullTime.low, perCase.high), central: fit(fullTime.central, perCase.central), high: fit(fullTime.high, perCase.low) };
}

/**
 * Average demand of one case of the mix (or of one type), hours a month, its ends kept in order:
 * which sibling of a family counts in full is chosen per estimate (demand.ts), so when siblings
 * are of different types one type's low can exceed its central.
 */
export function perCase(demand: Range, cases: number): Range {
  if (cases <= 0) return { low: 0, central: 0, high: 0 };
  const central = demand.central / cases;
  return { low: Math.min(demand.low / cases, central), central, high: Math.max(demand.high / cases, central) };
}

export interface SafeRange {
  fullTime: Range;
  greenUpTo: number;
  /** The whole case mix. */
  mix: { cases: number; perCase: Range; safe: Range };
  /** A caseload of one type only, for each type the council holds. */
  byType: { type: CaseType; cases: number; share: number; perCase: Range; safe: Range }[];
}

export function safeRange(mix: CaseMix, config: WorkloadConfig, day: Day, calendar: WorkingCalendar): SafeRange {
  const fullTime = fullTimeCasework(config, day, calendar);
  const g = config.bands.greenUpTo;
  const all = perCase(mix.demand, mix.cases);
  return {
    fullTime,
    greenUpTo: g,
    mix: { cases: mix.cases, perCase: all, safe: mix.cases > 0 ? safeCasesPerFte(all, fullTime, g) : { low: 0, central: 0, high: 0 } },
    byType: CASE_TYPES.filter((t) => mix.byType[t].cases > 0).map((t) => {
      const { cases, demand } = mix.byType[t];
      const per = perCase(demand, cases);
      return { type: t, cases, share: cases / mix.cases, perCase: per, safe: safeCasesPerFte(per, fullTime, g) };
    }),
  };
}

export interface Sensitivity {
  /** What moves: "Child protection visit: hours per visit". */
  parameter: string;
  kind: 'activity' | 'casework_time' | 'band' | 'siblings';
  /** The parameter's value at each end, in words ("2.1 hours", "78%"). */
  lowValue: string;
  highValue: string;
  /** Central safe cases per FTE with the parameter at its low and at its high value. */
  atLow: number;
  atHigh: number;
  /** |atLow − atHigh|: how far it moves the safe range. */
  swing: number;
}

/** How far the safe-band threshold is moved either way: a policy choice, not an estimate (Caseweight's choice). */
export const BAND_STEP = 0.05;
/** How far the sibling share is moved either way: an estimate with no evidence behind it (DOMAIN.md §4). */
export const SIBLING_STEP = 0.25;

const hours = (x: number) => `${Math.round(x * 100) / 100} hours`;
const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * One-at-a-time sensitivity of the central safe range (cases per FTE): each activity's hours
 * at its low and its high estimate, the share of time casework gets at its low and high, the
 * green band's end 5 points either way, and the sibling share a quarter either way. Demand is
 * linear in each activity's hours, so a case's demand moves by its activity units × the change,
 * without re-running the model (which sibling counts in full is kept as it is). Largest swing first.
 */
export function sensitivities(mix: CaseMix, config: WorkloadConfig, day: Day, calendar: WorkingCalendar): Sensitivity[] {
  if (mix.cases === 0 || mix.demand.central <= 0) return [];
  const g = config.bands.greenUpTo;
  const fullTime = fullTimeCasework(config, day, calendar).central;
  const demand = mix.demand.central;
  const safeAt = (d: number, hoursFt = fullTime, green = g) => (d > 0 ? (green * hoursFt * mix.cases) / d : Number.POSITIVE_INFINITY);
  const rows: Sensitivity[] = [];
  const push = (parameter: string, kind: Sensitivity['kind'], lowValue: string, highValue: string, atLow: number, atHigh: number) =>
    rows.push({ parameter, kind, lowValue, highValue, atLow, atHigh, swing: Math.abs(atLow - atHigh) });

  for (const a of config.activities) {
    const units = mix.activityUnits[a.code] ?? 0;
    if (units <= 0 || a.hours.low === a.hours.high) continue;
    push(`${a.name}: hours each time`, 'activity', hours(a.hours.low), hours(a.hours.high),
      safeAt(demand + units * (a.hours.low - a.hours.central)), safeAt(demand + units * (a.hours.high - a.hours.central)));
  }
  const ct = config.capacity.caseworkTime;
  if (ct.low !== ct.high && ct.central > 0) {
    push('Share of time casework really gets', 'casework_time', pct(ct.low), pct(ct.high), safeAt(demand, (fullTime * ct.low) / ct.central), safeAt(demand, (fullTime * ct.high) / ct.central));
  }
  const greenLow = Math.max(0.01, g - BAND_STEP);
  const greenHigh = Math.min(config.bands.amberUpTo - 0.001, g + BAND_STEP);
  if (greenLow < greenHigh) push('Where the safe (green) band ends', 'band', pct(greenLow), pct(greenHigh), safeAt(demand, fullTime, greenLow), safeAt(demand, fullTime, greenHigh));
  const s = config.siblings.share;
  if (s > 0 && mix.laterSiblingHours > 0) {
    const lo = Math.max(0, s - SIBLING_STEP);
    const hi = Math.min(1, s + SIBLING_STEP);
    push('Share of visit and meeting time a later sibling adds', 'siblings', pct(lo), pct(hi),
      safeAt(demand + mix.laterSiblingHours * (lo / s - 1)), safeAt(demand + mix.laterSiblingHours * (hi / s - 1)));
  }
  return rows.sort((x, y) => y.swing - x.swing || x.parameter.localeCompare(y.parameter));
}
