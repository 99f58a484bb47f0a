/**
 * The DfE's agency rules for child and family social workers (statutory guidance "Child and
 * family social workers: agency rules", DOMAIN.md §7), checked against the register's agency
 * engagements, and the quarterly agency data return's figures. Pure.
 *
 * In force for new assignments from 31 October 2024 and for every assignment from 1 October 2025.
 * Only the data return is a legal requirement; the rest must be followed unless there are
 * exceptional circumstances, so a finding is "not followed", for the head of service to explain.
 */
import { addMonths, dayFromIso, isoFromDay } from '../../kernel/calendar.ts';
import { dfeRound } from './workforce.ts';

export const RULES_NEW_ASSIGNMENTS_FROM = '2024-10-31';
export const RULES_ALL_ASSIGNMENTS_FROM = '2025-10-01';
export const MIN_PQE_YEARS = 3;
export const COOL_OFF_MONTHS = 3;

export type AgencyRuleCode = 'pqe' | 'cool_off' | 'references' | 'price_cap';

export const AGENCY_RULES: Record<AgencyRuleCode, { title: string; rule: string }> = {
  pqe: {
    title: 'Under 3 years’ post-qualified experience',
    rule: 'No agency child and family social worker with less than 3 years’ post-qualified experience in direct employment with an English council in child and family social work.',
  },
  cool_off: {
    title: 'Within the 3-month cool-off',
    rule: 'Do not engage as an agency worker, within 3 months, someone who left a permanent social work post in the same council (or region), unless an exemption such as redundancy applies.',
  },
  references: {
    title: 'References missing',
    rule: 'References are requested and provided before an agency worker starts.',
  },
  price_cap: {
    title: 'Above the price cap without sign-off',
    rule: 'Pay the regionally agreed price cap at most; above it needs sign-off by the director of children’s services and the chief executive.',
  },
};

/** One agency engagement with the facts the rules ask about (migration 0021); null is "not recorded". */
export interface AgencyEngagement {
  practitionerId: string;
  name: string;
  teamId: string;
  role: string;
  fte: number;
  engagedOn: string;
  endedOn: string | null;
  agencyName: string | null;
  /** Years of post-qualified experience in direct employment with an English council (child and family social work). */
  pqeDirectYears: number | null;
  /** When they qualified (the register): an upper bound on that experience where it is not recorded. */
  qualifiedOn: string | null;
  referencesRequestedOn: string | null;
  referencesReceivedOn: string | null;
  /** When they left a permanent post, and where: this council or another in the region. */
  previousPermanentLeftOn: string | null;
  previousPermanentEmployer: 'this_council' | 'same_region' | null;
  coolOffExemption: string | null;
  hourlyCharge: number | null;
  priceCap: number | null;
  capSignedOff: boolean;
  projectTeam: boolean;
  coversVacancy: boolean;
}

export interface RuleFinding {
  practitionerId: string;
  name: string;
  teamId: string;
  engagedOn: string;
  code: AgencyRuleCode;
  /** 'breach': the facts show the rule not followed; 'unknown': the facts to check it are not recorded. */
  status: 'breach' | 'unknown';
  detail: string;
}

/** Whole years from one date to another (to the day). */
export function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const years = ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
  return Math.max(0, years);
}

/** Whether the rules apply to an engagement on `date`: new ones from 31 Oct 2024, all from 1 Oct 2025. */
export const rulesApply = (engagedOn: string, date: string): boolean =>
  engagedOn >= RULES_NEW_ASSIGNMENTS_FROM || date >= RULES_ALL_ASSIGNMENTS_FROM;

const active = (e: AgencyEngagement, date: string) => e.engagedOn <= date && (e.endedOn === null || e.endedOn > date);

/** Every finding for the engagements active on `date`, in the order of the rules, then by start. */
export function checkAgencyRules(engagements: readonly AgencyEngagement[], date: string): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const sorted = [...engagements].filter((e) => active(e, date) && rulesApply(e.engagedOn, date))
    .sort((a, b) => a.engagedOn.localeCompare(b.engagedOn) || a.practitionerId.localeCompare(b.practitionerId));
  for (const e of sorted) {
    const add = (code: AgencyRuleCode, status: RuleFinding['status'], detail: string) =>
      findings.push({ practitionerId: e.practitionerId, name: e.name, teamId: e.teamId, engagedOn: e.engagedOn, code, status, detail });

    // Experience at the start of the assignment: the rule is about whom a council engages.
    if (e.pqeDirectYears !== null) {
      if (e.pqeDirectYears < MIN_PQE_YEARS) add('pqe', 'breach', `${e.pqeDirectYears} years’ post-qualified experience in council employment when engaged.`);
    } else if (e.qualifiedOn !== null) {
      const since = yearsBetween(e.qualifiedOn, e.engagedOn);
      // Years since qualifying bound the experience from above: under 3 is a breach whatever the employment.
      if (since < MIN_PQE_YEARS) add('pqe', 'breach', `Qualified ${since} years before being engaged (${e.qualifiedOn}).`);
      else add('pqe', 'unknown', `Qualified ${since} years before being engaged; how much of that was in direct council employment is not recorded.`);
    } else add('pqe', 'unknown', 'Neither the qualification date nor the post-qualified experience is recorded.');

    if (e.previousPermanentLeftOn !== null && e.previousPermanentEmployer !== null && e.coolOffExemption === null) {
      const coolOffEnds = isoFromDay(addMonths(dayFromIso(e.previousPermanentLeftOn), COOL_OFF_MONTHS));
      if (e.engagedOn < coolOffEnds) {
        const where = e.previousPermanentEmployer === 'this_council' ? 'this council' : 'another council in the region';
        add('cool_off', 'breach', `Left a permanent post in ${where} on ${e.previousPermanentLeftOn}; engaged on ${e.engagedOn}, before the cool-off ended on ${coolOffEnds}.`);
      }
    }

    if (e.referencesReceivedOn === null) {
      add('references', 'breach', e.referencesRequestedOn === null ? 'No references were requested.' : `References requested on ${e.referencesRequestedOn} but not received.`);
    } else if (e.referencesReceivedOn > e.engagedOn) {
      add('references', 'breach', `References received on ${e.referencesReceivedOn}, after the assignment started.`);
    }

    if (e.hourlyCharge !== null && e.priceCap !== null && e.hourlyCharge > e.priceCap && !e.capSignedOff) {
      add('price_cap', 'breach', `£${e.hourlyCharge.toFixed(2)} an hour against a cap of £${e.priceCap.toFixed(2)}, without sign-off.`);
    }
  }
  const order: AgencyRuleCode[] = ['pqe', 'cool_off', 'references', 'price_cap'];
  return findings.sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code) || (a.status === b.status ? 0 : a.status === 'breach' ? -1 : 1));
}

/** The quarter (April–June is Q1 of the financial year) ending on or before `date`, as ISO dates. */
export function quarterOf(date: string): { from: string; to: string; label: string } {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const startMonth = Math.floor((m - 1) / 3) * 3 + 1;
  const from = `${y}-${String(startMonth).padStart(2, '0')}-01`;
  const to = new Date(Date.UTC(y, startMonth - 1 + 3, 0)).toISOString().slice(0, 10);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return { from, to, label: `${months[startMonth - 1]} to ${months[startMonth + 1]} ${y}` };
}

export interface QuarterlyReturn {
  quarter: { from: string; to: string; label: string };
  /** On the last day of the quarter (or `date` if the quarter has not ended). */
  onDate: string;
  headcount: number;
  fte: number;
  startedInQuarter: number;
  endedInQuarter: number;
  coveringVacancies: number;
  inProjectTeams: number;
  /** People on the date for whom each rule was not followed (breaches only). */
  breaches: Record<AgencyRuleCode, number>;
  /** People for whom a rule could not be checked. */
  unknown: number;
}

/**
 * The figures of the quarterly agency data return (the guidance's one legal requirement) that
 * the register can source: agency workers on the quarter's last day, starts and ends in it,
 * project teams, and the rules not followed.
 */
export function quarterlyReturn(engagements: readonly AgencyEngagement[], date: string): QuarterlyReturn {
  const quarter = quarterOf(date);
  const onDate = quarter.to < date ? quarter.to : date;
  const on = engagements.filter((e) => active(e, onDate));
  const findings = checkAgencyRules(engagements, onDate);
  const people = (code: AgencyRuleCode) => new Set(findings.filter((f) => f.code === code && f.status === 'breach').map((f) => f.practitionerId)).size;
  return {
    quarter, onDate,
    headcount: on.length,
    fte: dfeRound(on.reduce((s, e) => s + e.fte, 0)),
    startedInQuarter: engagements.filter((e) => e.engagedOn >= quarter.from && e.engagedOn <= onDate).length,
    endedInQuarter: engagements.filter((e) => e.endedOn !== null && e.endedOn >= quarter.from && e.endedOn <= onDate).length,
    coveringVacancies: on.filter((e) => e.coversVacancy).length,
    inProjectTeams: on.filter((e) => e.projectTeam).length,
    breaches: { pqe: people('pqe'), cool_off: people('cool_off'), references: people('references'), price_cap: people('price_cap') },
    unknown: new Set(findings.filter((f) => f.status === 'unknown').map((f) => f.practitionerId)).size,
  };
}
