import type { EpisodeRow, FactorRow } from '../cases/store.ts';
import type { RegisterRows } from '../kernel/register.ts';
import type { CouncilRow, PractitionerRow } from '../workforce/store.ts';
import { dayFromIso, isoFromDay, type Day } from '../kernel/calendar.ts';
import { inPostOn } from '../kernel/register.ts';
import type { CaseStatus } from '../workload/model/catalogue.ts';
import { FIRST_NAMES, SURNAMES } from './names.ts';
import { Random } from './random.ts';
import { simulateRecordedWork } from './recorded.ts';
import { REGIONS } from '../national/model/format.ts';

/**
 * A realistic demo council, deterministic from (seed, asOf). Distributions follow DOMAIN.md:
 * about 11% newly qualified, 1 in 6 part-time, agency about 13% of social worker FTE, vacancy
 * about 14%, sickness about 3.5%, turnover about 12%; statuses in national proportions.
 */
export interface CouncilData extends RegisterRows {
  council: CouncilRow;
  /** The day the council is generated as of (the seeder simulates supervision up to it). */
  asOf?: string;
}

export interface GenerateOptions {
  councilId: string;
  name: string;
  seed: number;
  asOf: string;
  /** Multiplies the number of teams of each kind (1 = the medium council: 15 teams, about 180 staff). */
  staffScale?: number;
  /** Multiplies each team's caseload (1 = about 3,500 open cases for the medium council). */
  caseScale?: number;
  /** Simulate visits and reviews done so far (slow for the national scale; off there). */
  recordHistory?: boolean;
  /** The council's English region (the national scale gives each one; the national view groups by it). */
  region?: string;
}

type Role = PractitionerRow['role'];
type StatusMix = readonly (readonly [CaseStatus, number])[];

interface TeamPlan {
  key: string;
  name: string;
  service: string;
  count: number;
  staff: readonly (readonly [Role, number])[];
  /** Open cases held by the team, with the share of each status. */
  cases: number;
  mix: StatusMix;
  familySize: readonly (readonly [number, number])[];
}

const SINGLE = [[1, 1]] as const;
const SIBLINGS = [[1, 45], [2, 30], [3, 15], [4, 7], [5, 3]] as const;

// The medium council: 15 teams, about 185 practitioners, about 3,000 open cases.
const MEDIUM_PLAN: TeamPlan[] = [
  { key: 'FD', name: 'Front Door (MASH)', service: 'front_door', count: 1, staff: [['team_manager', 1], ['senior_practitioner', 1], ['social_worker', 8]],
    cases: 125, mix: [['referral', 1]], familySize: SIBLINGS },
  { key: 'AS', name: 'Assessment', service: 'assessment', count: 2, staff: [['team_manager', 1], ['senior_practitioner', 1], ['social_worker', 9]],
    cases: 125, mix: [['referral', 0.65], ['s47', 0.35]], familySize: SIBLINGS },
  { key: 'SF', name: 'Safeguarding and Family Support', service: 'child_protection', count: 5,
    staff: [['team_manager', 1], ['senior_practitioner', 2], ['social_worker', 10]],
    cases: 165, mix: [['cin_plan', 0.62], ['cp_plan', 0.33], ['court_proceedings', 0.05]], familySize: SIBLINGS },
  { key: 'CC', name: 'Children in Care', service: 'children_in_care', count: 2, staff: [['team_manager', 1], ['senior_practitioner', 2], ['social_worker', 10]],
    cases: 185, mix: [['looked_after', 1]], familySize: [[1, 70], [2, 22], [3, 8]] },
  { key: 'AE', name: 'Adolescents and Exploitation', service: 'child_protection', count: 1,
    staff: [['team_manager', 1], ['senior_practitioner', 1], ['social_worker', 8]],
    cases: 115, mix: [['cin_plan', 0.5], ['cp_plan', 0.3], ['looked_after', 0.2]], familySize: SINGLE },
  { key: 'LC', name: 'Leaving Care', service: 'care_leavers', count: 1,
    staff: [['team_manager', 1], ['senior_practitioner', 1], ['social_worker', 4], ['family_help_practitioner', 11]],
    cases: 400, mix: [['care_leaver', 1]], familySize: SINGLE },
  { key: 'FH', name: 'Family Help', service: 'family_help', count: 2,
    staff: [['team_manager', 1], ['family_help_practitioner', 9], ['family_support_worker', 4]],
    cases: 320, mix: [['family_help', 1]], familySize: SIBLINGS },
  { key: 'DC', name: 'Disabled Children', service: 'disabled_children', count: 1, staff: [['team_manager', 1], ['senior_practitioner', 1], ['social_worker', 8]],
    cases: 140, mix: [['cin_plan', 0.8], ['looked_after', 0.2]], familySize: [[1, 80], [2, 20]] },
];

const AREAS = ['North', 'South', 'East', 'West', 'Central', 'Valley', 'Coast', 'City'];

/** How much of a full caseload each role holds (managers hold none; a few unallocated cases sit with them). */
const HOLDING_WEIGHT: Record<Role, number> = {
  social_worker: 1, senior_practitioner: 0.7, team_manager: 0, family_help_practitioner: 1, family_support_worker: 0.6,
};

/** DfE 2025 workforce figures the demo is built to (DOMAIN.md §1–2; FTE, registered social workers). */
const RATES = {
  vacancy: 0.142,
  agency: 0.13,
  /** Share of vacancy FTE covered by an agency worker (73.6 % in 2025); the other agency workers cover absence. */
  vacancyCoveredByAgency: 0.736,
  turnover: 0.118,
  /** Newly qualified (ASYE) share of social work staff (estimate). */
  newlyQualified: 0.11,
  partTime: 1 / 6,
} as const;

/**
 * Days of history the register needs for the back-filled weekly snapshots (eight weeks, and a
 * week to spare): cases closed in that time are generated too, so a past date sees as many open
 * cases as today does (a register with no closed cases climbs towards today).
 */
const HISTORY_DAYS = 63;

/** Sickness spells a year per person: short (1–5 days) and long (20–90 days), about 3.5 % of working days in all. */
const SICKNESS = { shortSpellsPerYear: 2.3, longSpellsPerYear: 0.1 };
/**
 * Shares of children in care, and on a protection plan, whose case went to court (care
 * proceedings open at any one time: about 5 % of the children social workers hold; see README).
 */
const LAC_PROCEEDINGS = 0.4;
const CP_PROCEEDINGS = 0.15;

/** Mean days a case stays open in each status, as caseHistory draws them: closures per day = open ÷ this. */
const MEAN_OPEN_DAYS: Partial<Record<CaseStatus, number>> = {
  referral: 56, s47: 56, cin_plan: 240, cp_plan: 210, looked_after: 900, care_leaver: 1460, family_help: 150,
};

export function generateCouncil(options: GenerateOptions): CouncilData {
  const rnd = new Random(options.seed);
  const asOf = dayFromIso(options.asOf);
  const staffScale = options.staffScale ?? 1;
  const caseScale = options.caseScale ?? 1;
  const c = options.councilId;
  const data: CouncilData = {
    council: { council_id: c, name: options.name, la_code: null }, asOf: options.asOf,
    teams: [], practitioners: [], absences: [], posts: [], children: [], episodes: [], factors: [], allocations: [], recorded: [],
  };
  const ids = { practitioner: 0, child: 0, family: 0, episode: 0, allocation: 0, absence: 0, post: 0, factor: 0 };
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const personName = () => `${rnd.pick(FIRST_NAMES)} ${rnd.pick(SURNAMES)}`;
  const iso = isoFromDay;

  // 1. Teams and the people in them. Who is newly qualified, part-time or agency, and who left
  // in the year, is drawn council-wide to the DfE's rates, so one seed cannot land five points
  // off them by chance; which team each falls in stays random.
  interface TeamDraft { plan: TeamPlan; teamId: string; slots: Slot[]; caseFactor: number }
  interface Slot { role: Role; asye: boolean; partTime: boolean; agency: boolean; coversVacancy: boolean }
  const drafts: TeamDraft[] = [];
  for (const plan of MEDIUM_PLAN) {
    const teamCount = Math.max(1, Math.round(plan.count * staffScale));
    for (let t = 0; t < teamCount; t++) {
      const teamId = teamCount === 1 ? plan.key : `${plan.key}${t + 1}`;
      const name = teamCount === 1 ? plan.name : `${plan.name} ${AREAS[t % AREAS.length]}${t >= AREAS.length ? ` ${Math.floor(t / AREAS.length) + 1}` : ''}`;
      data.teams.push({ council_id: c, team_id: teamId, name, service: plan.service, parent_team_id: null });
      const slots: Slot[] = plan.staff.flatMap(([role, n]) => Array.from({ length: n }, () => ({ role, asye: false, partTime: false, agency: false, coversVacancy: false })));
      // Teams differ: some carry far more cases per worker than others (the DfE's council figures run from about 10 to 21).
      drafts.push({ plan, teamId, slots, caseFactor: Math.min(1.35, Math.max(0.75, rnd.lognormal(1, 0.2))) });
    }
  }
  const allSlots = drafts.flatMap((d) => d.slots);
  const registered = (r: Role) => r === 'social_worker' || r === 'senior_practitioner' || r === 'team_manager';
  // Newly qualified: at least one in every team with four or more social workers (councils spread
  // them, and the demo's ASYE account needs one in SF1 on any date), the rest anywhere.
  const socialWorkerSlots = (d: TeamDraft) => d.slots.filter((s) => s.role === 'social_worker');
  for (const d of drafts) if (socialWorkerSlots(d).length >= 4) rnd.pick(socialWorkerSlots(d)).asye = true;
  const nqTarget = Math.round(RATES.newlyQualified * allSlots.filter((s) => registered(s.role)).length);
  for (const s of rnd.shuffle(allSlots.filter((x) => x.role === 'social_worker' && !x.asye))) {
    if (allSlots.filter((x) => x.asye).length >= nqTarget) break;
    s.asye = true;
  }
  for (const s of rnd.shuffle(allSlots).slice(0, Math.round(RATES.partTime * allSlots.length))) s.partTime = true;
  // Agency: a full-time registered social worker or senior practitioner, never newly qualified;
  // agency FTE ÷ all registered FTE is the agency rate.
  const fteOf = (s: Slot) => (s.partTime ? 0.7 : 1);
  const registeredFte = allSlots.filter((s) => registered(s.role)).reduce((n, s) => n + fteOf(s), 0);
  const agencySlots = rnd.shuffle(allSlots.filter((s) => (s.role === 'social_worker' || s.role === 'senior_practitioner') && !s.asye && !s.partTime))
    .slice(0, Math.round(RATES.agency * registeredFte));
  for (const s of agencySlots) s.agency = true;
  // Vacancy FTE = rate ÷ (1 − rate) × employed FTE; 73.6 % of it covered by agency workers.
  const employedFte = registeredFte - agencySlots.length;
  const vacancyFte = (RATES.vacancy / (1 - RATES.vacancy)) * employedFte;
  const covered = Math.min(agencySlots.length, Math.round(vacancyFte * RATES.vacancyCoveredByAgency));
  for (const s of agencySlots.slice(0, covered)) s.coversVacancy = true;
  const uncovered = Math.max(0, Math.round(vacancyFte - covered));

  const teamsOf = new Map<string, { members: PractitionerRow[]; leavers: PractitionerRow[] }>();
  // Registered staff and the rest carried apart: the DfE rate counts only social workers.
  const leaverDue = { registered: rnd.float(), other: rnd.float() };
  const spellsDue = { short: rnd.float(), long: rnd.float(), training: rnd.float() };
  for (const d of drafts) {
    const members = d.slots.map((s) => makePractitioner(s, d.teamId, false));
    // Leavers in the year to today: the turnover rate of employed FTE, carried across teams.
    const leavers: PractitionerRow[] = [];
    for (const m of members) {
      if (m.agency) continue;
      const group = registered(m.role) ? 'registered' : 'other';
      leaverDue[group] += RATES.turnover * m.fte;
      if (leaverDue[group] >= m.fte) {
        leaverDue[group] -= m.fte;
        leavers.push(makePractitioner({ role: m.role, asye: false, partTime: m.fte < 1, agency: false, coversVacancy: false }, d.teamId, true, m.fte));
      }
    }
    data.practitioners.push(...members, ...leavers);
    for (const [i, m] of members.entries()) {
      if (m.agency && d.slots[i]!.coversVacancy) addPost(d.teamId, m.role, 1, 'vacant', null, m.practitioner_id);
      else if (!m.agency) addPost(d.teamId, m.role, m.fte, 'filled', m.practitioner_id, null);
    }
    for (const p of [...members, ...leavers]) addAbsences(p);
    teamsOf.set(d.teamId, { members, leavers });
  }
  // Posts with nobody in them: in the case-holding social work teams, more in the bigger ones.
  const vacancyTeams = drafts.filter((d) => socialWorkerSlots(d).length >= 4).map((d) => [d.teamId, socialWorkerSlots(d).length] as const);
  for (let i = 0; i < uncovered && vacancyTeams.length > 0; i++) addPost(rnd.weighted(vacancyTeams), 'social_worker', 1, 'vacant', null, null);

  // 2. Cases: families of children, each family held by one worker (siblings mostly together),
  // open today or closed in the weeks the snapshots go back over.
  for (const d of drafts) {
    const { members, leavers } = teamsOf.get(d.teamId)!;
    const holders = members.filter((m) => HOLDING_WEIGHT[m.role]! > 0);
    const pastHolders = leavers.filter((m) => HOLDING_WEIGHT[m.role]! > 0);
    const managers = members.filter((m) => m.role === 'team_manager');
    // Managers allocate to whoever has most room; some workers habitually carry more than others.
    const load = new Map(holders.map((m) => [m.practitioner_id, 0]));
    const room = new Map(holders.map((m) => [m.practitioner_id, HOLDING_WEIGHT[m.role]! * m.fte * (m.asye_start ? 0.8 : 1) * rnd.lognormal(1, 0.22)]));
    const target = Math.round(d.plan.cases * caseScale * d.caseFactor);
    const team: TeamCases = { teamId: d.teamId, holders, pastHolders };
    let made = 0;
    while (made < target) {
      const size = Math.min(rnd.weighted(d.plan.familySize), target - made);
      const status = rnd.weighted(d.plan.mix);
      // About 2% of work waits for allocation, held in the team manager's name.
      let holder: PractitionerRow;
      if (holders.length === 0 || (managers.length > 0 && rnd.chance(0.02))) holder = rnd.pick(managers.length > 0 ? managers : members);
      else {
        holder = holders[0]!;
        let best = Infinity;
        for (const m of holders) {
          const score = (load.get(m.practitioner_id)! + rnd.float() * 2) / room.get(m.practitioner_id)!;
          if (score < best) {
            best = score;
            holder = m;
          }
        }
        load.set(holder.practitioner_id, load.get(holder.practitioner_id)! + size);
      }
      makeFamily(size, status, team, holder, null);
      made += size;
    }
    // Closed in the last weeks: as many as the open ones' mean time open implies.
    for (const [status, share] of d.plan.mix) {
      const meanDays = MEAN_OPEN_DAYS[status];
      if (!meanDays) continue;
      const closing = Math.round((target * share * HISTORY_DAYS) / meanDays);
      let closed = 0;
      while (closed < closing) {
        const size = Math.min(rnd.weighted(d.plan.familySize), closing - closed);
        const on = asOf - rnd.int(1, HISTORY_DAYS);
        const inPost = [...holders, ...pastHolders].filter((p) => inPostOn(p, iso(on - 1)));
        if (inPost.length === 0) break;
        makeFamily(size, status, team, rnd.pick(inPost), on);
        closed += size;
      }
    }
  }
  return data;

  function makePractitioner(slot: Slot, teamId: string, leaver: boolean, fteOverride?: number): PractitionerRow {
    const { role, asye: newlyQualified, agency, partTime } = slot;
    const id = `P${pad(++ids.practitioner, 5)}`;
    const isRegistered = registered(role);
    const drawn = partTime ? rnd.pick([0.5, 0.6, 0.8, 0.8]) : 1;
    const fte = fteOverride ?? drawn;
    const leftOn = leaver ? asOf - rnd.int(10, 360) : null;
    const startedOn = newlyQualified ? asOf - rnd.int(20, 330) : (leftOn ?? asOf) - rnd.int(120, 365 * 15);
    const qualifiedOn = isRegistered ? (newlyQualified ? startedOn - rnd.int(30, 120) : startedOn - rnd.int(0, 365 * 8)) : null;
    return {
      council_id: c,
      practitioner_id: id,
      name: personName(),
      team_id: teamId,
      role,
      swe_number: isRegistered ? `SW${pad(rnd.int(0, 9_999_999_999), 10)}` : null,
      staff_id: agency ? null : `E${pad(ids.practitioner, 6)}`,
      qualified_on: qualifiedOn === null ? null : iso(qualifiedOn),
      asye_start: newlyQualified ? iso(startedOn) : null,
      agency,
      fte,
      contracted_weekly_hours: Math.round(37 * fte * 100) / 100,
      working_pattern: partTime ? 'part_time' : rnd.chance(0.05) ? 'compressed_hours' : 'full_time',
      started_on: iso(startedOn),
      left_on: leftOn === null ? null : iso(leftOn),
    };
  }

  function addPost(teamId: string, role: Role, fte: number, status: 'filled' | 'vacant', heldBy: string | null, coveredBy: string | null): void {
    data.posts.push({ council_id: c, post_id: `POST${pad(++ids.post, 5)}`, team_id: teamId, role, fte, status, held_by: heldBy, covered_by: coveredBy });
  }

  /**
   * Absences over the last year and the next two months, while the person is in post: sickness
   * about 3.5 % of working days (DfE 2025), as many short spells and a few long ones.
   */
  function addAbsences(p: PractitionerRow): void {
    const from = Math.max(dayFromIso(p.started_on), asOf - 365);
    const to = Math.min(p.left_on === null ? asOf + 60 : dayFromIso(p.left_on) - 1, asOf + 60);
    if (to <= from) return;
    const years = (to - from) / 365;
    // Spells carried across people, so the council's total stays near the rate whatever the seed.
    const count = (kind: keyof typeof spellsDue, perYear: number) => {
      spellsDue[kind] += perYear * years;
      const n = Math.floor(spellsDue[kind]);
      spellsDue[kind] -= n;
      return n;
    };
    const add = (kind: string, start: Day, days: number) => {
      const end = Math.min(start + days - 1, to);
      if (end >= start) data.absences.push({ council_id: c, absence_id: `A${pad(++ids.absence, 6)}`, practitioner_id: p.practitioner_id, kind, start_date: iso(start), end_date: iso(end) });
    };
    const at = () => rnd.int(from, to);
    for (let i = count('short', SICKNESS.shortSpellsPerYear); i > 0; i--) add('sickness', at(), rnd.int(1, 5));
    for (let i = count('long', SICKNESS.longSpellsPerYear); i > 0; i--) add('sickness', at(), rnd.int(20, 90));
    if (rnd.chance(0.012)) add('parental', asOf - rnd.int(10, 200), rnd.int(180, 360));
    if (rnd.chance(0.45)) add('annual_leave', asOf + rnd.int(3, 60), rnd.pick([1, 2, 3, 5, 5, 10]));
    for (let i = count('training', 2); i > 0; i--) add('training', at(), rnd.int(1, 3));
  }

  /**
   * One family of `size` children in `status`, held by `holder`: open today, or (closedOn) a case
   * that closed on that day, its history drawn as of then. Earlier holders back to the start of
   * the current period come from the team as it stood (leavers' cases went to someone when they left).
   */
  function makeFamily(size: number, status: CaseStatus, team: TeamCases, holder: PractitionerRow, closedOn: Day | null): void {
    const at = closedOn ?? asOf;
    const familyId = size > 1 ? `F${pad(++ids.family, 6)}` : null;
    const surname = rnd.pick(SURNAMES);
    const history = caseHistory(status, at, closedOn !== null).map((e) => (closedOn !== null && (e.end === null || e.end > closedOn) ? { ...e, end: closedOn } : e));
    const interpreter = rnd.chance(0.07);
    for (let s = 0; s < size; s++) {
      const childId = `C${pad(++ids.child, 7)}`;
      const age = childAge(status);
      data.children.push({
        council_id: c, child_id: childId, name: `${rnd.pick(FIRST_NAMES)} ${surname}`,
        // Born before their first involvement (a referral can come before birth, but care cannot).
        date_of_birth: iso(Math.min(at - Math.round(age * 365.25) - rnd.int(0, 364), history[0]!.start - rnd.int(1, 400))), sex: rnd.pick(['M', 'F', 'F', 'M', 'U'] as const).replace('U', rnd.chance(0.5) ? 'M' : 'F'),
        family_id: familyId, restricted: rnd.chance(0.004),
      });
      const childEpisodes: EpisodeRow[] = [];
      const childFactors: FactorRow[] = [];
      for (const e of history) {
        childEpisodes.push({
          council_id: c, episode_id: `E${pad(++ids.episode, 7)}`, child_id: childId, kind: e.kind, start_date: iso(e.start),
          end_date: e.end === null ? null : iso(e.end), placement_distance_miles: e.miles ?? null, placement_long_term: e.longTerm ?? null,
          s47_outcome: e.outcome ?? null,
        });
      }
      data.episodes.push(...childEpisodes);
      const factor = (kind: FactorRow['factor'], start: Day, end: Day | null) =>
        childFactors.push({ council_id: c, factor_id: `X${pad(++ids.factor, 7)}`, child_id: childId, factor: kind, start_date: iso(start), end_date: end === null ? null : iso(end) });
      const firstStart = history[0]!.start;
      if (interpreter) factor('interpreter', firstStart, closedOn);
      if (team.teamId.startsWith('DC') || rnd.chance(0.08)) factor('disability', firstStart, closedOn);
      if (age >= 11 && rnd.chance(status === 'looked_after' || status === 'care_leaver' ? 0.15 : 0.06)) {
        const start = at - rnd.int(5, 150);
        const end = rnd.chance(0.5) ? start + rnd.int(1, 10) : null;
        factor(rnd.chance(0.5) ? 'missing' : 'exploitation', start, closedOn !== null && (end === null || end > closedOn) ? closedOn : end);
      }
      // Most siblings stay with one worker; the current allocation began at or after the period start.
      const worker = s === 0 || team.holders.length === 0 || rnd.chance(0.85) ? holder : rnd.pick(team.holders);
      // Allocated since the start of the current status; proceedings come and go within it.
      const periodStart = history.filter((e) => e.kind !== 'court_proceedings').at(-1)!.periodStart;
      allocationHistory(childId, team, worker, periodStart, at, closedOn);
      data.factors.push(...childFactors);
      if (options.recordHistory !== false && closedOn === null) {
        data.recorded.push(...simulateRecordedWork(c, childId, worker.practitioner_id, childEpisodes, childFactors, asOf, rnd));
      }
    }
  }

  /**
   * The child's lead allocations from `periodStart` to `at`: the worker now, and before them
   * whoever in the team held the case (in post then). A leaver's cases passed on the day they
   * left; a short gap at the very start is the case waiting for allocation.
   */
  function allocationHistory(childId: string, team: TeamCases, worker: PractitionerRow, periodStart: Day, at: Day, closedOn: Day | null): void {
    const leaver = team.pastHolders.length > 0 && rnd.chance(0.15) ? rnd.pick(team.pastHolders) : null;
    const leftOn = leaver?.left_on ? dayFromIso(leaver.left_on) : null;
    let start = Math.max(periodStart, dayFromIso(worker.started_on), at - rnd.int(0, 540));
    if (leaver && leftOn !== null && leftOn > periodStart && leftOn < at && leftOn >= dayFromIso(worker.started_on)) start = Math.max(periodStart, leftOn);
    if (closedOn !== null && start >= closedOn) start = Math.max(periodStart, closedOn - rnd.int(1, 90));
    allocate(childId, worker, team.teamId, start, closedOn);
    let after = worker;
    // A year back is history enough (the snapshots go back eight weeks).
    for (let k = 0; k < 6 && start > Math.max(periodStart + 7, asOf - 365); k++) {
      const then = iso(start - 1);
      const candidates = (leaver && leftOn === start && inPostOn(leaver, then) ? [leaver] : [...team.holders, ...team.pastHolders].filter((p) => p !== after && inPostOn(p, then)));
      if (candidates.length === 0) break;
      const previous = rnd.pick(candidates);
      const from = Math.max(periodStart, dayFromIso(previous.started_on), start - rnd.int(30, 400));
      if (from >= start) break;
      allocate(childId, previous, team.teamId, from, start);
      start = from;
      after = previous;
    }
  }

  interface TeamCases { teamId: string; holders: readonly PractitionerRow[]; pastHolders: readonly PractitionerRow[] }

  function allocate(childId: string, p: PractitionerRow, teamId: string, start: Day, end: Day | null): void {
    data.allocations.push({ council_id: c, allocation_id: `AL${pad(++ids.allocation, 7)}`, child_id: childId, practitioner_id: p.practitioner_id, team_id: teamId, role: 'lead', start_date: iso(start), end_date: end === null ? null : iso(end) });
  }

  function childAge(status: CaseStatus): number {
    if (status === 'care_leaver') return rnd.int(17, 21);
    if (status === 'looked_after') return rnd.weighted([[rnd.int(0, 4), 20], [rnd.int(5, 9), 20], [rnd.int(10, 15), 38], [rnd.int(16, 17), 22]]);
    return rnd.weighted([[rnd.int(0, 4), 30], [rnd.int(5, 9), 28], [rnd.int(10, 15), 30], [rnd.int(16, 17), 12]]);
  }

  interface Ep { kind: CaseStatus; start: Day; end: Day | null; periodStart: Day; miles?: number; longTerm?: boolean; outcome?: 'conference' | 'no_further_action' }

  /**
   * A plausible status history as of `at`, ending in an open episode of `status` (siblings share
   * it). Care proceedings last 26 to 60 weeks (Cafcass: 43 weeks on average, 2023-24), so some
   * children in care or on a plan had proceedings that have already ended.
   */
  function caseHistory(status: CaseStatus, at: Day, closing = false): Ep[] {
    const ago = (mean: number, cap: number) => at - Math.min(Math.max(1, Math.round(rnd.exponential(mean))), cap);
    const referralBefore = (start: Day): Ep => {
      const s = start - rnd.int(15, 60);
      return { kind: 'referral', start: s, end: start, periodStart: s };
    };
    const proceedings = (start: Day): Ep[] => {
      if (start >= at) return [];
      const end = start + rnd.int(180, 420);
      return [{ kind: 'court_proceedings', start, end: end > at ? null : end, periodStart: start }];
    };
    switch (status) {
      case 'referral':
      case 's47': {
        // Open today: anywhere in its eight weeks. Closing: at the end of them (a referral or enquiry
        // that closes has had its whole time; other statuses' times open are memoryless).
        const s = at - (closing ? rnd.int(50, 60) : rnd.int(0, 55));
        const eps: Ep[] = [{ kind: 'referral', start: s, end: null, periodStart: s }];
        if (status === 's47') {
          const s47 = Math.min(at, s + rnd.int(0, 10));
          const decided = at - s47 > 15;
          const outcome = decided ? (rnd.chance(0.45) ? 'conference' : 'no_further_action') : undefined;
          eps.push({ kind: 's47', start: s47, end: null, periodStart: s47, ...(outcome ? { outcome } : {}) });
        }
        return eps;
      }
      case 'cin_plan': {
        const s = ago(240, 900);
        return [referralBefore(s), { kind: 'cin_plan', start: s, end: null, periodStart: s }];
      }
      case 'cp_plan': {
        const s = ago(210, 720);
        const ref = referralBefore(s - 10);
        const eps: Ep[] = [ref, { kind: 's47', start: s - rnd.int(12, 20), end: s, periodStart: s - 15, outcome: 'conference' }, { kind: 'cp_plan', start: s, end: null, periodStart: s }];
        if (rnd.chance(CP_PROCEEDINGS)) eps.push(...proceedings(s + rnd.int(20, 300)));
        return eps;
      }
      case 'looked_after': {
        const s = ago(900, 365 * 12);
        const eps: Ep[] = [referralBefore(s)];
        const placements = 1 + Math.min(4, Math.floor(rnd.exponential(0.9)));
        let start = s;
        const long = at - s > 365 && rnd.chance(0.6);
        for (let i = 0; i < placements; i++) {
          const planned = i === placements - 1 ? null : Math.min(at - 1, start + rnd.int(20, Math.max(21, Math.floor((at - start) / (placements - i)))));
          // A placement lasts at least a day (SSDA903 cannot hold one that ends as it starts):
          // with no room left for another move, this placement is the current one.
          const final = planned === null || planned <= start;
          const end = final ? null : planned;
          const far = rnd.chance(0.22);
          eps.push({ kind: 'looked_after', start, end, periodStart: s, miles: far ? Math.round(rnd.between(21, 140)) : Math.round(rnd.between(0.5, 19) * 10) / 10, longTerm: final ? long : false });
          if (end === null) break;
          start = end;
        }
        // Proceedings issued about when the child came into care (the rest came in by agreement, s20).
        if (rnd.chance(LAC_PROCEEDINGS)) eps.push(...proceedings(s - 7));
        return eps;
      }
      case 'care_leaver': {
        const s = at - rnd.int(1, 365 * 4);
        const lac = s - rnd.int(365 * 2, 365 * 6);
        return [
          { kind: 'looked_after', start: lac, end: s, periodStart: lac, miles: Math.round(rnd.between(1, 30)), longTerm: true },
          { kind: 'care_leaver', start: s, end: null, periodStart: s },
        ];
      }
      case 'family_help': {
        const s = ago(150, 540);
        return [{ kind: 'family_help', start: s, end: null, periodStart: s }];
      }
      case 'court_proceedings': {
        const base = caseHistory(rnd.chance(0.6) ? 'looked_after' : 'cp_plan', at).filter((e) => e.kind !== 'court_proceedings');
        const open = base[base.length - 1]!;
        const court = Math.max(open.periodStart, at - rnd.int(5, 300));
        return [...base, { kind: 'court_proceedings', start: court, end: null, periodStart: court }];
      }
    }
  }
}

/** National scale for benchmarks: 152 councils, about 33,000 FTE and 400,000 open cases. */
export function nationalCouncilOptions(seed: number, asOf: string): GenerateOptions[] {
  const rnd = new Random(seed);
  const sizes = Array.from({ length: 152 }, () => rnd.lognormal(1, 0.42));
  // As many councils in each region as England had before 2023 (London 33, … North East 12), in a seeded order.
  const regions = new Random(seed + 7).shuffle(REGIONS.flatMap(([name, n]) => Array.from({ length: n }, () => name)));
  const mean = sizes.reduce((s, x) => s + x, 0) / sizes.length;
  // The medium plan has about 175 FTE and 2,900 cases; national averages are about 217 FTE and 2,630 open cases per council
  // (about 400,000 open cases in all, early help and care leavers included).
  return sizes.map((size, i) => ({
    councilId: `LA${String(i + 1).padStart(3, '0')}`,
    name: `Council ${i + 1}`,
    seed: seed * 1000 + i + 1,
    asOf,
    staffScale: (size / mean) * 1.27,
    caseScale: 0.72,
    recordHistory: false,
    region: regions[i]!,
  }));
}

