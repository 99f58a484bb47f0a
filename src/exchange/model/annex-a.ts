import { addMonths, dayFromIso, isoFromDay } from '../../kernel/calendar.ts';
import type { AllocationRow, ChildRow, EpisodeRow, RegisterRows } from '../../kernel/register.ts';
import { openOn } from '../../kernel/register.ts';
import { ANSWERS } from '../../standards/annex-a/lists.ts';
import type { AnnexARow } from '../../standards/annex-a/write.ts';

/**
 * The register as Ofsted's Annex A lists (pure: the register and the inspection's reference
 * date in, rows keyed by Ofsted's column headers out). The lists cover the six months before
 * the reference date (DOMAIN.md §9), that day included; "in the last 12 months" counts look
 * back a year from the row's own date. What the register does not hold is left empty, never
 * guessed: `ANNEX_A_GAPS` lists it for the About sheet.
 */

export type AnnexAState = Pick<RegisterRows, 'teams' | 'practitioners' | 'children' | 'episodes' | 'factors' | 'allocations' | 'recorded'>;

/** The window the lists cover: from `start` to `date`, both days included. */
export interface AnnexAPeriod {
  date: string;
  start: string;
}

export const annexAPeriod = (date: string): AnnexAPeriod => ({ date, start: isoFromDay(addMonths(dayFromIso(date), -6)) });
const monthsBefore = (iso: string, months: number) => isoFromDay(addMonths(dayFromIso(iso), -months));
const dayBefore = (iso: string) => isoFromDay(dayFromIso(iso) - 1);

/** Whole years at the date; -1 for a child not yet born (Ofsted's rule). */
export function ageOn(dob: string | null, date: string): number | null {
  if (dob === null) return null;
  if (dob > date) return -1;
  return Number(date.slice(0, 4)) - Number(dob.slice(0, 4)) - (date.slice(5) < dob.slice(5) ? 1 : 0);
}

/** The lists the register holds nothing for, and the columns it cannot fill, for the About sheet. */
export const ANNEX_A_GAPS = {
  emptyLists: [
    { number: 1, why: 'Caseweight holds referrals, not the contacts before them: a contact that did not become a referral is not in the register.' },
    { number: 10, why: 'Caseweight does not hold adoption decisions, placement orders or matching.' },
    { number: 11, why: 'Caseweight does not hold adopters.' },
  ],
  columns: 'Left empty because the register does not hold them: Ethnicity, contact and referral source, Referral NFA, whether the child was seen (or seen alone), categories of abuse, emergency protection orders, primary need, reasons for closure or for ceasing care, legal status, category of need, UASC, permanence plan, IRO visits, health and dental checks, placement type, provider, postcode, URN and location, absences and return interviews, personal advisers, eligibility category, whether the council is in touch, accommodation and activity. Fill them from the case management system before sending the workbook.',
} as const;

/** What each list's rows are read from, in plain words, for the About sheet. */
export const ANNEX_A_SOURCES: Record<number, string> = {
  2: 'Family help episodes open at some point in the period; start and end as the assessment dates, the council as the organisation.',
  3: 'Referral episodes that began in the period; the count is of the child\'s referrals in the 12 months before each one.',
  4: 'The assessment stage of each referral episode open at some point in the period, authorised on the day the stage ended; "requiring support" is Yes when a plan or care followed, No when the episode closed without one.',
  5: 'Section 47 enquiries that began in the period; a conference is the enquiry\'s end when it led to one, and its plan is a child protection plan starting that day.',
  6: 'Each child in need episode (a referral and the enquiries, plans and care that follow it) open at some point in the period, unless it was only a referral that closed; last seen is the latest recorded visit.',
  7: 'Child protection plans open on the date or ended in the period; the visit and review are the latest recorded.',
  8: 'Periods of care (placements end to end) open on the date or ended in the period; missing episodes are those that began in the 12 months to the date.',
  9: 'Care leavers open on the date; the review and contact are the latest recorded.',
};

const GENDER: Record<string, string> = { M: ANSWERS.male, F: ANSWERS.female };
const yesNo = (b: boolean) => (b ? ANSWERS.yes : ANSWERS.no);
const CIN_KINDS: Record<string, number> = { referral: 0, s47: 1, cin_plan: 2, cp_plan: 3, looked_after: 4 };
const VISITS = ['cin_visit', 'cp_visit', 'lac_visit'];

/** The register indexed once for the lists: by child, by kind, with the reference date applied. */
export function indexAnnexA(state: AnnexAState, date: string) {
  const period = annexAPeriod(date);
  const byChild = <T extends { child_id: string }>(rows: readonly T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const list = m.get(r.child_id);
      if (list) list.push(r);
      else m.set(r.child_id, [r]);
    }
    return m;
  };
  // Nothing after the reference date exists for the inspection.
  const episodes = state.episodes.filter((e) => e.start_date <= date)
    .sort((a, b) => a.child_id.localeCompare(b.child_id) || a.start_date.localeCompare(b.start_date) || (CIN_KINDS[a.kind] ?? 9) - (CIN_KINDS[b.kind] ?? 9) || a.episode_id.localeCompare(b.episode_id));
  const kind = (k: string) => episodes.filter((e) => e.kind === k);
  const recorded = byChild(state.recorded.filter((r) => r.occurred_on <= date));
  const leads = byChild(state.allocations.filter((a) => a.role === 'lead'));
  const children = new Map(state.children.map((c) => [c.child_id, c]));
  const teams = new Map(state.teams.map((t) => [t.team_id, t.name]));
  const workers = new Map(state.practitioners.map((p) => [p.practitioner_id, p.name]));
  const disabled = new Set(state.factors.filter((f) => f.factor === 'disability' && f.start_date <= date).map((f) => f.child_id));
  const missing = byChild(state.factors.filter((f) => f.factor === 'missing' && f.start_date <= date && f.start_date > monthsBefore(date, 12)));

  /** Touches the period: begun by the date, and not ended before the period began. */
  const touches = (start: string, end: string | null) => start <= date && (end === null || end >= period.start);
  /** An end the inspection can know of (on or before the date). */
  const known = (end: string | null) => (end !== null && end <= date ? end : null);
  /** The day a row's team and worker are read on: the date while open, else its last day. */
  const asAt = (start: string, end: string | null) => (end === null || end > date ? date : end > start ? dayBefore(end) : start);
  const latest = (childId: string, codes: readonly string[], from: string, to: string) =>
    (recorded.get(childId) ?? []).filter((r) => codes.includes(r.activity_code) && r.occurred_on >= from && r.occurred_on <= to).map((r) => r.occurred_on).sort().at(-1) ?? null;
  const allocated = (childId: string, day: string): Record<string, string | null> => {
    const a: AllocationRow | undefined = (leads.get(childId) ?? []).filter((x) => openOn(x, day)).sort((x, y) => y.start_date.localeCompare(x.start_date))[0];
    return { 'Allocated Team': a ? teams.get(a.team_id) ?? a.team_id : null, 'Allocated Worker': a ? workers.get(a.practitioner_id) ?? null : null };
  };
  const child = (childId: string, withDisability = true): AnnexARow => {
    const c: ChildRow | undefined = children.get(childId);
    return {
      'Child Unique ID': childId, Gender: GENDER[c?.sex ?? ''] ?? ANSWERS.notStated, Ethnicity: null, 'Date of Birth': c?.date_of_birth ?? null,
      'Age of Child (Years)': ageOn(c?.date_of_birth ?? null, date),
      ...(withDisability ? { 'Does the Child have a Disability': yesNo(disabled.has(childId)) } : {}),
    };
  };
  return { period, date, episodes, kind, byChild, touches, known, asAt, latest, allocated, child, missing };
}
export type AnnexAIndex = ReturnType<typeof indexAnnexA>;

/** A child's CIN episodes as the CIN census export reads them: a referral and what follows it, until the next referral. */
function cinGroups(ix: AnnexAIndex) {
  const groups: { childId: string; members: EpisodeRow[] }[] = [];
  let last: { childId: string; members: EpisodeRow[] } | undefined;
  for (const e of ix.episodes) {
    if (!(e.kind in CIN_KINDS)) continue;
    if (!last || last.childId !== e.child_id || e.kind === 'referral') {
      last = { childId: e.child_id, members: [] };
      groups.push(last);
    }
    last.members.push(e);
  }
  return groups.map((g) => {
    const ends = g.members.map((e) => e.end_date);
    return { ...g, start: g.members[0]!.start_date, end: ends.includes(null) ? null : ends.sort().at(-1)! };
  });
}

/** Periods of care: placements that run end to end are one period of being looked after. */
function carePeriods(ix: AnnexAIndex) {
  const periods: { childId: string; placements: EpisodeRow[]; start: string; end: string | null }[] = [];
  for (const e of ix.kind('looked_after')) {
    const last = periods.at(-1);
    if (last && last.childId === e.child_id && last.end !== null && last.end === e.start_date) {
      last.placements.push(e);
      last.end = e.end_date;
    } else periods.push({ childId: e.child_id, placements: [e], start: e.start_date, end: e.end_date });
  }
  return periods;
}

/** The rows of one list (1 to 11); the lists the register cannot fill have none. */
export function annexAList(ix: AnnexAIndex, number: number, councilName: string): AnnexARow[] {
  const { date, period } = ix;
  switch (number) {
    case 2:
      return ix.kind('family_help').filter((e) => ix.touches(e.start_date, e.end_date)).map((e) => ({
        ...ix.child(e.child_id, false), 'Assessment start date': e.start_date, 'Assessment completion date': ix.known(e.end_date), 'Organisation completing assessment': councilName,
      }));
    case 3: {
      const referrals = ix.byChild(ix.kind('referral'));
      return ix.kind('referral').filter((e) => e.start_date >= period.start).map((e) => ({
        ...ix.child(e.child_id, false), 'Date of referral': e.start_date, 'Referral Source': null, 'Referral NFA?': null,
        'Number of Referrals in Last 12 Months': referrals.get(e.child_id)!.filter((r) => r.start_date < e.start_date && r.start_date >= monthsBefore(e.start_date, 12)).length,
        ...ix.allocated(e.child_id, ix.asAt(e.start_date, e.end_date)),
      }));
    }
    case 4: {
      const groups = cinGroups(ix);
      const followed = new Map(groups.flatMap((g) => g.members.filter((m) => m.kind === 'referral').map((r) => [r.episode_id, g] as const)));
      return ix.kind('referral').filter((e) => ix.touches(e.start_date, e.end_date)).map((e) => {
        const g = followed.get(e.episode_id)!;
        const plan = g.members.some((m) => m.kind === 'cin_plan' || m.kind === 'cp_plan' || m.kind === 'looked_after');
        return {
          ...ix.child(e.child_id), 'Continuous Assessment Start Date': e.start_date, 'Child Seen During Continuous Assessment': null,
          'Continuous Assessment Date of Authorisation': ix.known(e.end_date),
          "Was the child assessed as requiring LA children's social care support?": plan ? ANSWERS.yes : ix.known(g.end) !== null ? ANSWERS.no : null,
          ...ix.allocated(e.child_id, ix.asAt(e.start_date, e.end_date)),
        };
      });
    }
    case 5: {
      const s47s = ix.byChild(ix.kind('s47'));
      const plans = ix.byChild(ix.kind('cp_plan'));
      const conference = (e: EpisodeRow) => (e.s47_outcome === 'conference' ? ix.known(e.end_date) : null);
      return ix.kind('s47').filter((e) => e.start_date >= period.start).map((e) => {
        const icpc = conference(e);
        const yearBefore = monthsBefore(e.start_date, 12);
        const earlier = s47s.get(e.child_id)!.filter((s) => s.start_date < e.start_date && s.start_date >= yearBefore);
        return {
          ...ix.child(e.child_id), 'Strategy discussion initiating Section 47 Enquiry Start Date': e.start_date,
          'Was an Initial Child Protection Conference deemed unnecessary?': e.s47_outcome === 'no_further_action' ? ANSWERS.yes : icpc ? ANSWERS.no : null,
          'Date of Initial Child Protection Conference': icpc,
          'Did the Initial Child Protection Conference Result in a Child Protection Plan': icpc ? yesNo((plans.get(e.child_id) ?? []).some((p) => p.start_date === icpc)) : null,
          'Number of Section 47 Enquiries in the last 12 months': earlier.length,
          'Number of ICPCs in the last 12 months': earlier.filter((s) => conference(s) !== null).length,
          ...ix.allocated(e.child_id, ix.asAt(e.start_date, e.end_date)),
        };
      });
    }
    case 6:
      return cinGroups(ix).filter((g) => ix.touches(g.start, g.end) && g.members.some((m) => m.kind !== 'referral' || openOn(m, date))).map((g) => {
        const open = (k: string) => g.members.some((m) => m.kind === k && openOn(m, date));
        const status = open('looked_after') ? ANSWERS.status.lookedAfter : open('cp_plan') ? ANSWERS.status.cpPlan : open('cin_plan') ? ANSWERS.status.cinPlan
          : open('referral') || open('s47') ? ANSWERS.status.openAssessment : ANSWERS.status.closed;
        const closed = ix.known(g.end);
        return {
          ...ix.child(g.childId), 'CIN Start Date': g.start, 'Primary Need Code': null, 'Date Child Was Last Seen': ix.latest(g.childId, VISITS, g.start, closed ?? date),
          'CIN Closure Date': closed, 'Reason for Closure': null, 'Case Status': status, ...ix.allocated(g.childId, ix.asAt(g.start, g.end)),
        };
      });
    case 7: {
      const plans = ix.byChild(ix.kind('cp_plan'));
      return ix.kind('cp_plan').filter((e) => ix.touches(e.start_date, e.end_date)).map((e) => {
        const until = ix.known(e.end_date) ?? date;
        return {
          ...ix.child(e.child_id), 'Child Protection Plan Start Date': e.start_date, 'Date of the Last Statutory Visit': ix.latest(e.child_id, ['cp_visit'], e.start_date, until),
          'Date of latest review conference': ix.latest(e.child_id, ['review_conference'], e.start_date, until), 'Child Protection Plan End Date': ix.known(e.end_date),
          'Number of Previous Child Protection Plans': plans.get(e.child_id)!.filter((p) => p.start_date < e.start_date).length,
          ...ix.allocated(e.child_id, ix.asAt(e.start_date, e.end_date)),
        };
      });
    }
    case 8: {
      const periods = carePeriods(ix);
      const yearAgo = monthsBefore(date, 12);
      return periods.filter((p) => ix.touches(p.start, p.end)).map((p) => {
        const until = ix.known(p.end) ?? date;
        const before = periods.filter((q) => q.childId === p.childId && q.end !== null && q.end <= p.start && q.end >= monthsBefore(p.start, 12));
        return {
          ...ix.child(p.childId), 'Date Started to be Looked After': p.start,
          'Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)': yesNo(before.length > 0),
          'Date of Latest Statutory Review': ix.latest(p.childId, ['lac_review'], p.start, until), 'Date of Last Social Work Visit': ix.latest(p.childId, ['lac_visit'], p.start, until),
          'Number of Placements in the Last 12 months': p.placements.filter((e) => e.end_date === null || e.end_date > yearAgo).length,
          'Date Ceased to be Looked After': ix.known(p.end), 'Start Date of Most Recent Placement': p.placements.at(-1)!.start_date,
          "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months": (ix.missing.get(p.childId) ?? []).length,
          ...ix.allocated(p.childId, ix.asAt(p.start, p.end)),
        };
      });
    }
    case 9:
      return ix.kind('care_leaver').filter((e) => openOn(e, date)).map((e) => ({
        ...ix.child(e.child_id), ...ix.allocated(e.child_id, date),
        'Latest Pathway Plan Review Date': ix.latest(e.child_id, ['pathway_plan_review'], e.start_date, date),
        'Latest Date of Contact': ix.latest(e.child_id, ['care_leaver_contact'], e.start_date, date),
      }));
    default:
      return [];
  }
}
