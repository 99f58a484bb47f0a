import type { CaseStatus, WorkloadConfig } from '../../workload/model/catalogue.ts';
import type { CaseDemand } from '../../workload/model/demand.ts';
import { sumRanges, ZERO, type Range } from '../../kernel/range.ts';

/**
 * The council's case mix as the sufficiency figures read it: every open case's modelled demand
 * (siblings' shared time already applied), grouped by the case's headline type, with what the
 * sensitivity analysis needs to move one parameter at a time without re-running the model.
 */

/** The case types in the order pages list them. */
export const CASE_TYPES = ['family_help', 'referral', 's47', 'cin_plan', 'cp_plan', 'looked_after', 'court_proceedings', 'care_leaver'] as const satisfies readonly CaseStatus[];
export type CaseType = (typeof CASE_TYPES)[number];

/**
 * A case open in several statuses at once counts once, under its heaviest: proceedings over care
 * or a plan, a plan over an enquiry, an enquiry over a referral (a Caseweight choice: the status
 * that drives most of the work names the case).
 */
const PRIORITY: readonly CaseType[] = ['court_proceedings', 'looked_after', 'cp_plan', 's47', 'cin_plan', 'referral', 'care_leaver', 'family_help'];

export function primaryType(statuses: readonly CaseStatus[]): CaseType | null {
  for (const t of PRIORITY) if (statuses.includes(t)) return t;
  return null;
}

export interface CaseMix {
  cases: number;
  /** Demand of every open case, hours a month. */
  demand: Range;
  byType: Record<CaseType, { cases: number; demand: Range }>;
  /**
   * Per activity: occurrences a month × complexity factors × sibling share, summed over every
   * case. Central demand moves by exactly units × the change in the activity's hours.
   */
  activityUnits: Record<string, number>;
  /** Central hours that later siblings carry at the sibling share: they scale with the share. */
  laterSiblingHours: number;
}

export function emptyByType(): Record<CaseType, { cases: number; demand: Range }> {
  return Object.fromEntries(CASE_TYPES.map((t) => [t, { cases: 0, demand: ZERO }])) as Record<CaseType, { cases: number; demand: Range }>;
}

/**
 * The case mix of these cases' demands (cases with no open status are left out), less the hours
 * handed to business support on them (each taken from its case's type).
 */
export function caseMix(demands: readonly CaseDemand[], config: WorkloadConfig, handedOff: readonly { childId: string; hours: Range }[] = []): CaseMix {
  const typeOf = new Map<string, CaseType>();
  const byType = emptyByType();
  const units: Record<string, number> = {};
  let laterSiblingHours = 0;
  let cases = 0;
  const totals: Range[] = [];
  for (const d of demands) {
    const type = primaryType(d.statuses);
    if (type === null) continue;
    cases += 1;
    typeOf.set(d.childId, type);
    totals.push(d.total);
    byType[type] = { cases: byType[type].cases + 1, demand: sumRanges([byType[type].demand, d.total]) };
    for (const a of d.activities) {
      units[a.code] = (units[a.code] ?? 0) + a.occurrences * a.multiplier * a.siblingShare;
      if (a.siblingShare < 1 && config.siblings.categories.includes(a.category)) laterSiblingHours += a.hours.central;
    }
  }
  for (const h of handedOff) {
    const type = typeOf.get(h.childId);
    if (type === undefined) continue;
    const moved = { low: -h.hours.low, central: -h.hours.central, high: -h.hours.high };
    byType[type] = { ...byType[type], demand: sumRanges([byType[type].demand, moved]) };
    totals.push(moved);
  }
  return { cases, demand: sumRanges(totals), byType, activityUnits: units, laterSiblingHours };
}
