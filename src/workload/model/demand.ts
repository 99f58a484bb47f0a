import { addMonths, type Day, type WorkingCalendar } from '../../kernel/calendar.ts';
import type { Activity, ActivityCategory, CaseStatus, Rule, WorkloadConfig } from './catalogue.ts';
import { activeEpisodes, isActiveOn, type ActiveEpisode, type CaseInput, type FactorInput } from './episodes.ts';
import { addInterval, describeInterval, nominalDays } from './intervals.ts';
import { scaleRange, sumRanges, ZERO, type Range } from '../../kernel/range.ts';

/** One activity's share of a case's demand over the horizon. */
export interface ActivityDemand {
  code: string;
  name: string;
  status: CaseStatus | 'open_case';
  category: ActivityCategory;
  /** Expected occurrences in the horizon (fractional: the work is spread over its window). */
  occurrences: number;
  /** Complexity factors' combined multiplier on this activity. */
  multiplier: number;
  /** 1 for the first child of a family on this allocation; the sibling share for later ones. */
  siblingShare: number;
  hours: Range;
  why: string[];
}

export interface CaseDemand {
  childId: string;
  familyId: string | null;
  statuses: CaseStatus[];
  activities: ActivityDemand[];
  total: Range;
}

export interface ModelContext {
  config: WorkloadConfig;
  calendar: WorkingCalendar;
}

/**
 * Expected hours a case needs over the horizon starting on `day` (about a month), with the
 * activities that make it up. Each occurrence's hours are spread evenly across the window in
 * which it falls due, so a six-monthly review adds a sixth of its hours to each month rather
 * than arriving as a cliff. Only what is known on `day` is used: episodes open on that day are
 * assumed to continue through the horizon.
 */
export function caseDemand(input: CaseInput, day: Day, ctx: ModelContext): CaseDemand {
  const { config } = ctx;
  const active = activeEpisodes(input.episodes, day);
  const statuses = [...active.keys()];
  if (statuses.length === 0) {
    return { childId: input.childId, familyId: input.familyId, statuses, activities: [], total: ZERO };
  }
  const superseded = new Set<CaseStatus>();
  for (const status of statuses) for (const s of config.supersedes[status] ?? []) superseded.add(s);

  const factors = activeFactors(input.factors, day, config);
  const horizonEnd = day + config.horizonDays;
  const activities: ActivityDemand[] = [];
  for (const activity of config.activities) {
    let occurrences: number;
    const why: string[] = [];
    if (activity.status === 'open_case') {
      occurrences = monthlyOccurrences(activity.rule, config.horizonDays);
    } else {
      const episode = active.get(activity.status);
      if (!episode || superseded.has(activity.status)) continue;
      occurrences = ruleOccurrences(activity, episode, day, horizonEnd, ctx, why);
    }
    if (occurrences <= 0) continue;

    let perOccurrence: Range = activity.hours;
    const episode = activity.status === 'open_case' ? undefined : active.get(activity.status);
    const distance = episode?.episode.placementDistanceMiles;
    if (activity.travel && distance != null && distance > activity.travel.beyondMiles) {
      perOccurrence = sumRanges([perOccurrence, activity.travel.extraHours]);
      why.push(`Placement ${distance} miles away: +${activity.travel.extraHours.central} h travel per visit`);
    }
    let multiplier = 1;
    for (const f of factors) {
      if (f.categories.includes(activity.category)) {
        multiplier *= f.multiplier;
        why.push(`${f.label} ×${f.multiplier}`);
      }
    }
    activities.push({
      code: activity.code,
      name: activity.name,
      status: activity.status,
      category: activity.category,
      occurrences,
      multiplier,
      siblingShare: 1,
      hours: scaleRange(perOccurrence, occurrences * multiplier),
      why,
    });
  }
  return { childId: input.childId, familyId: input.familyId, statuses, activities, total: sumRanges(activities.map((a) => a.hours)) };
}

function monthlyOccurrences(rule: Rule, horizonDays: number): number {
  return rule.kind === 'monthly' ? (rule.perMonth * horizonDays) / 30.4375 : 0;
}

function ruleOccurrences(activity: Activity, active: ActiveEpisode, day: Day, horizonEnd: number, ctx: ModelContext, why: string[]): number {
  const rule = activity.rule;
  if (rule.kind === 'monthly') {
    why.push(`${rule.perMonth} a month while ${activity.status.replace('_', ' ')}`);
    return monthlyOccurrences(rule, ctx.config.horizonDays);
  }
  const anchor = rule.anchor === 'period_start' ? active.periodStart : active.episode.start;
  if (rule.kind === 'once') {
    // Work that starts the episode happens on its first day.
    const due = rule.startsEpisode ? anchor + 1 : Math.max(addInterval(ctx.calendar, anchor, rule.within), anchor + 1);
    let probability = 1;
    if (rule.onlyIf) {
      const outcome = active.episode.s47Outcome;
      if (outcome === 'no_further_action') return 0;
      if (outcome !== 'conference') {
        probability = rule.onlyIf.probabilityWhilePending;
        why.push(`Outcome pending: counted at ${probability}`);
      }
    }
    const share = overlap(day, horizonEnd, anchor, due) / (due - anchor);
    if (share > 0) why.push(rule.startsEpisode ? 'Once, on the day it starts' : `Once, within ${describeInterval(rule.within)}`);
    return share * probability;
  }
  // Recurring: a piecewise-constant rate (one occurrence per interval) integrated over the horizon.
  const p1 = addInterval(ctx.calendar, anchor, rule.first);
  let total = overlap(day, horizonEnd, anchor, p1) / Math.max(p1 - anchor, 1);
  let steadyFrom = p1;
  if (rule.second) {
    const p2 = addInterval(ctx.calendar, p1, rule.second);
    total += overlap(day, horizonEnd, p1, p2) / Math.max(p2 - p1, 1);
    steadyFrom = p2;
  }
  const everyDays = nominalDays(rule.every);
  const later = rule.later && (!rule.later.onlyIfLongTermPlacement || active.episode.placementLongTerm === true) ? rule.later : undefined;
  if (later) {
    const switchAt = Math.max(steadyFrom, addInterval(ctx.calendar, anchor, later.after));
    total += overlap(day, horizonEnd, steadyFrom, switchAt) / everyDays;
    total += overlap(day, horizonEnd, switchAt, Infinity) / nominalDays(later.every);
    why.push(day >= switchAt ? `Every ${describeInterval(later.every)} (long-term placement after ${describeInterval(later.after)})` : `Every ${describeInterval(rule.every)}`);
  } else {
    total += overlap(day, horizonEnd, steadyFrom, Infinity) / everyDays;
    why.push(day < p1 ? `First within ${describeInterval(rule.first)}` : `Every ${describeInterval(rule.every)}`);
  }
  return total;
}

/** Length of [a1, a2) ∩ [b1, b2). */
function overlap(a1: number, a2: number, b1: number, b2: number): number {
  return Math.max(0, Math.min(a2, b2) - Math.max(a1, b1));
}

interface ActiveFactor {
  label: string;
  multiplier: number;
  categories: readonly ActivityCategory[];
}

function activeFactors(factors: readonly FactorInput[], day: Day, config: WorkloadConfig): ActiveFactor[] {
  if (factors.length === 0) return [];
  const result: ActiveFactor[] = [];
  const { interpreter, disability, exploitationOrMissing } = config.factors;
  if (factors.some((f) => f.factor === 'interpreter' && isActiveOn(f, day))) {
    result.push({ label: 'Interpreter needed', ...interpreter });
  }
  if (factors.some((f) => f.factor === 'disability' && isActiveOn(f, day))) {
    result.push({ label: 'Disability or complex health', ...disability });
  }
  const lookbackStart = addMonths(day, -exploitationOrMissing.lookbackMonths);
  const recent = factors.some(
    (f) => (f.factor === 'exploitation' || f.factor === 'missing') && f.start <= day && (f.end === null || f.end > lookbackStart),
  );
  if (recent) result.push({ label: `Exploitation or missing in the last ${exploitationOrMissing.lookbackMonths} months`, ...exploitationOrMissing });
  return result;
}

/** Hours of a case's demand in the categories siblings share (visits and meetings by default). */
function sharedHours(demand: CaseDemand, config: WorkloadConfig): Range {
  return sumRanges(demand.activities.filter((a) => config.siblings.categories.includes(a.category)).map((a) => a.hours));
}

type Component = keyof Range;
const COMPONENTS: Component[] = ['low', 'central', 'high'];

/**
 * A later sibling on the same allocation: its shared categories cost only the sibling share.
 * `later` says, per estimate component, whether this child is a later sibling (the first child
 * is chosen per component, which keeps "adding a case never lowers demand" true for any
 * configuration, not only for ones whose bands are proportional).
 */
export function asLaterSibling(demand: CaseDemand, config: WorkloadConfig, later: Record<Component, boolean> = { low: true, central: true, high: true }): CaseDemand {
  const { share, categories } = config.siblings;
  const activities = demand.activities.map((a) => {
    if (!categories.includes(a.category)) return a;
    const hours = {
      low: later.low ? a.hours.low * share : a.hours.low,
      central: later.central ? a.hours.central * share : a.hours.central,
      high: later.high ? a.hours.high * share : a.hours.high,
    };
    return later.central
      ? { ...a, siblingShare: share, hours, why: [...a.why, `Later sibling on the same allocation: ${share * 100}% of this visit or meeting time`] }
      : { ...a, hours };
  });
  return { ...demand, activities, total: sumRanges(activities.map((a) => a.hours)) };
}

export interface CaseloadDemand {
  cases: CaseDemand[];
  total: Range;
}

/**
 * Demand of everything one practitioner holds. Siblings from one family share visit and
 * meeting time: the child with the most such time counts in full, the others at the sibling
 * share. Adding a case therefore never lowers the total.
 */
export function caseloadDemand(cases: readonly CaseInput[], day: Day, ctx: ModelContext): CaseloadDemand {
  const demands = cases.map((c) => caseDemand(c, day, ctx));
  const families = new Map<string, number[]>();
  demands.forEach((d, i) => {
    if (d.familyId === null || d.statuses.length === 0) return;
    const members = families.get(d.familyId);
    if (members) members.push(i);
    else families.set(d.familyId, [i]);
  });
  const result = demands.slice();
  for (const members of families.values()) {
    if (members.length < 2) continue;
    const shared = members.map((i) => sharedHours(demands[i]!, ctx.config));
    const firstBy = {} as Record<Component, number>;
    for (const k of COMPONENTS) {
      let best = 0;
      for (let m = 1; m < members.length; m++) {
        const better = shared[m]![k] > shared[best]![k] ||
          (shared[m]![k] === shared[best]![k] && demands[members[m]!]!.childId < demands[members[best]!]!.childId);
        if (better) best = m;
      }
      firstBy[k] = best;
    }
    members.forEach((i, m) => {
      const later = { low: firstBy.low !== m, central: firstBy.central !== m, high: firstBy.high !== m };
      if (later.low || later.central || later.high) result[i] = asLaterSibling(demands[i]!, ctx.config, later);
    });
  }
  return { cases: result, total: sumRanges(result.map((d) => d.total)) };
}
