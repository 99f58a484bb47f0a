import type { EpisodeRow, FactorRow } from '../cases/store.ts';
import type { RegisterRows } from '../kernel/register.ts';
import type { CouncilRow, PractitionerRow } from '../workforce/store.ts';
import { dayFromIso, isoFromDay, type Day } from '../kernel/calendar.ts';
import type { CaseStatus } from '../workload/model/catalogue.ts';
import { FIRST_NAMES, SURNAMES } from './names.ts';
import { Random } from './random.ts';
import { simulateRecordedWork } from './recorded.ts';

/**
 * A realistic demo council, deterministic from (seed, asOf). Distributions follow DOMAIN.md:
 * about 11% newly qualified, 1 in 6 part-time, agency about 13% of social worker FTE, vacancy
 * about 14%, sickness about 3.5%, turnover about 12%; statuses in national proportions.
 */
export interface CouncilData extends RegisterRows {
  council: CouncilRow;
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
    cases: 165, mix: [['cin_plan', 0.6], ['cp_plan', 0.3], ['court_proceedings', 0.1]], familySize: SIBLINGS },
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

export function generateCouncil(options: GenerateOptions): CouncilData {
  const rnd = new Random(options.seed);
  const asOf = dayFromIso(options.asOf);
  const staffScale = options.staffScale ?? 1;
  const caseScale = options.caseScale ?? 1;
  const c = options.councilId;
  const data: CouncilData = {
    council: { council_id: c, name: options.name, la_code: null },
    teams: [], practitioners: [], absences: [], posts: [], children: [], episodes: [], factors: [], allocations: [], recorded: [],
  };
  const ids = { practitioner: 0, child: 0, family: 0, episode: 0, allocation: 0, absence: 0, post: 0, factor: 0 };
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const personName = () => `${rnd.pick(FIRST_NAMES)} ${rnd.pick(SURNAMES)}`;
  const iso = isoFromDay;

  for (const plan of MEDIUM_PLAN) {
    const teamCount = Math.max(1, Math.round(plan.count * staffScale));
    for (let t = 0; t < teamCount; t++) {
      const teamId = teamCount === 1 ? plan.key : `${plan.key}${t + 1}`;
      const name = teamCount === 1 ? plan.name : `${plan.name} ${AREAS[t % AREAS.length]}${t >= AREAS.length ? ` ${Math.floor(t / AREAS.length) + 1}` : ''}`;
      data.teams.push({ council_id: c, team_id: teamId, name, service: plan.service, parent_team_id: null });

      // Staff in post, and some who left in the last year (turnover about 12%).
      const members: PractitionerRow[] = [];
      for (const [role, n] of plan.staff) {
        for (let i = 0; i < n; i++) members.push(makePractitioner(role, teamId, false));
      }
      const leavers = members.filter(() => rnd.chance(0.12)).map((m) => makePractitioner(m.role, teamId, true));
      data.practitioners.push(...members, ...leavers);
      addPosts(teamId, members);
      for (const m of members) addAbsences(m);

      // Cases: families of children, each family held by one worker (siblings mostly together).
      const holders = members.filter((m) => HOLDING_WEIGHT[m.role]! > 0);
      const managers = members.filter((m) => m.role === 'team_manager');
      // Managers allocate to whoever has most room; some workers habitually carry more than others.
      const load = new Map(holders.map((m) => [m.practitioner_id, 0]));
      const room = new Map(holders.map((m) => [m.practitioner_id, HOLDING_WEIGHT[m.role]! * m.fte * (m.asye_start ? 0.8 : 1) * rnd.lognormal(1, 0.22)]));
      const target = Math.round(plan.cases * caseScale);
      let made = 0;
      while (made < target) {
        const size = Math.min(rnd.weighted(plan.familySize), target - made);
        const status = rnd.weighted(plan.mix);
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
        makeFamily(size, status, teamId, holder, holders, [...members, ...leavers]);
        made += size;
      }
    }
  }
  return data;

  function makePractitioner(role: Role, teamId: string, leaver: boolean): PractitionerRow {
    const id = `P${pad(++ids.practitioner, 5)}`;
    const registered = role === 'social_worker' || role === 'senior_practitioner' || role === 'team_manager';
    const newlyQualified = role === 'social_worker' && !leaver && rnd.chance(0.15); // about 11% of all social work staff
    const agency = (role === 'social_worker' || role === 'senior_practitioner') && !newlyQualified && rnd.chance(0.14);
    const partTime = !agency && rnd.chance(1 / 6);
    const fte = partTime ? rnd.pick([0.5, 0.6, 0.8, 0.8]) : 1;
    const leftOn = leaver ? asOf - rnd.int(10, 360) : null;
    const startedOn = newlyQualified ? asOf - rnd.int(20, 330) : (leftOn ?? asOf) - rnd.int(120, 365 * 15);
    const qualifiedOn = registered ? (newlyQualified ? startedOn - rnd.int(30, 120) : startedOn - rnd.int(0, 365 * 8)) : null;
    return {
      council_id: c,
      practitioner_id: id,
      name: personName(),
      team_id: teamId,
      role,
      swe_number: registered ? `SW${pad(rnd.int(0, 9_999_999_999), 10)}` : null,
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

  function addPosts(teamId: string, members: PractitionerRow[]): void {
    // A post covered by an agency worker still counts as vacant (DfE); about 74% of vacancy FTE is so covered.
    let permanentFte = 0;
    for (const m of members) {
      if (m.agency) {
        data.posts.push({ council_id: c, post_id: `POST${pad(++ids.post, 5)}`, team_id: teamId, role: m.role, fte: 1, status: 'vacant', held_by: null, covered_by: m.practitioner_id });
      } else {
        permanentFte += m.fte;
        data.posts.push({ council_id: c, post_id: `POST${pad(++ids.post, 5)}`, team_id: teamId, role: m.role, fte: m.fte, status: 'filled', held_by: m.practitioner_id, covered_by: null });
      }
    }
    // Vacancy rate about 14.2%: vacant FTE ÷ (vacant + permanent in post).
    const agencyFte = members.filter((m) => m.agency).length;
    const uncovered = Math.max(0, Math.round((0.142 / 0.858) * permanentFte * rnd.between(0.6, 1.4) - agencyFte));
    for (let i = 0; i < uncovered; i++) {
      data.posts.push({ council_id: c, post_id: `POST${pad(++ids.post, 5)}`, team_id: teamId, role: 'social_worker', fte: 1, status: 'vacant', held_by: null, covered_by: null });
    }
  }

  function addAbsences(p: PractitionerRow): void {
    const add = (kind: string, start: Day, days: number) =>
      data.absences.push({ council_id: c, absence_id: `A${pad(++ids.absence, 6)}`, practitioner_id: p.practitioner_id, kind, start_date: iso(start), end_date: iso(start + days - 1) });
    // Sickness about 3.5% of days: a few long-term absences, many short ones.
    if (rnd.chance(0.025)) add('sickness', asOf - rnd.int(5, 40), rnd.int(30, 90));
    else if (rnd.chance(0.25)) add('sickness', asOf + rnd.int(-20, 25), rnd.int(1, 5));
    if (rnd.chance(0.012)) add('parental', asOf - rnd.int(10, 200), rnd.int(180, 360));
    if (rnd.chance(0.45)) add('annual_leave', asOf + rnd.int(3, 60), rnd.pick([1, 2, 3, 5, 5, 10]));
    if (rnd.chance(0.2)) add('training', asOf + rnd.int(1, 45), rnd.int(1, 3));
  }

  function makeFamily(size: number, status: CaseStatus, teamId: string, holder: PractitionerRow, holders: readonly PractitionerRow[], everyone: readonly PractitionerRow[]): void {
    const familyId = size > 1 ? `F${pad(++ids.family, 6)}` : null;
    const surname = rnd.pick(SURNAMES);
    const history = caseHistory(status);
    const interpreter = rnd.chance(0.07);
    for (let s = 0; s < size; s++) {
      const childId = `C${pad(++ids.child, 7)}`;
      const age = childAge(status);
      data.children.push({
        council_id: c, child_id: childId, name: `${rnd.pick(FIRST_NAMES)} ${surname}`,
        // Born before their first involvement (a referral can come before birth, but care cannot).
        date_of_birth: iso(Math.min(asOf - Math.round(age * 365.25) - rnd.int(0, 364), history[0]!.start - rnd.int(1, 400))), sex: rnd.pick(['M', 'F', 'F', 'M', 'U'] as const).replace('U', rnd.chance(0.5) ? 'M' : 'F'),
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
      if (interpreter) factor('interpreter', firstStart, null);
      if (teamId.startsWith('DC') || rnd.chance(0.08)) factor('disability', firstStart, null);
      if (age >= 11 && rnd.chance(status === 'looked_after' || status === 'care_leaver' ? 0.15 : 0.06)) {
        const start = asOf - rnd.int(5, 150);
        factor(rnd.chance(0.5) ? 'missing' : 'exploitation', start, rnd.chance(0.5) ? start + rnd.int(1, 10) : null);
      }
      // Most siblings stay with one worker; the current allocation began at or after the period start.
      const worker = s === 0 || rnd.chance(0.85) ? holder : rnd.pick(holders);
      const periodStart = history[history.length - 1]!.periodStart;
      const current = Math.max(periodStart, dayFromIso(worker.started_on), asOf - rnd.int(0, 540));
      if (current > periodStart + 7 && rnd.chance(0.6)) {
        const previous = rnd.pick(everyone);
        if (previous.practitioner_id !== worker.practitioner_id) {
          const prevEnd = previous.left_on ? Math.min(dayFromIso(previous.left_on), current) : current;
          if (prevEnd > periodStart) allocate(childId, previous, teamId, periodStart, prevEnd);
        }
      }
      allocate(childId, worker, teamId, current, null);
      data.factors.push(...childFactors);
      if (options.recordHistory !== false) {
        data.recorded.push(...simulateRecordedWork(c, childId, worker.practitioner_id, childEpisodes, childFactors, asOf, rnd));
      }
    }
  }

  function allocate(childId: string, p: PractitionerRow, teamId: string, start: Day, end: Day | null): void {
    data.allocations.push({ council_id: c, allocation_id: `AL${pad(++ids.allocation, 7)}`, child_id: childId, practitioner_id: p.practitioner_id, team_id: teamId, role: 'lead', start_date: iso(start), end_date: end === null ? null : iso(end) });
  }

  function childAge(status: CaseStatus): number {
    if (status === 'care_leaver') return rnd.int(17, 21);
    if (status === 'looked_after') return rnd.weighted([[rnd.int(0, 4), 20], [rnd.int(5, 9), 20], [rnd.int(10, 15), 38], [rnd.int(16, 17), 22]]);
    return rnd.weighted([[rnd.int(0, 4), 30], [rnd.int(5, 9), 28], [rnd.int(10, 15), 30], [rnd.int(16, 17), 12]]);
  }

  interface Ep { kind: CaseStatus; start: Day; end: Day | null; periodStart: Day; miles?: number; longTerm?: boolean; outcome?: 'conference' | 'no_further_action' }

  /** A plausible status history ending in an open episode of `status` (siblings share it). */
  function caseHistory(status: CaseStatus): Ep[] {
    const ago = (mean: number, cap: number) => asOf - Math.min(Math.max(1, Math.round(rnd.exponential(mean))), cap);
    const referralBefore = (start: Day): Ep => {
      const s = start - rnd.int(15, 60);
      return { kind: 'referral', start: s, end: start, periodStart: s };
    };
    switch (status) {
      case 'referral':
      case 's47': {
        const s = asOf - rnd.int(0, 55);
        const eps: Ep[] = [{ kind: 'referral', start: s, end: null, periodStart: s }];
        if (status === 's47') {
          const s47 = Math.min(asOf, s + rnd.int(0, 10));
          const decided = asOf - s47 > 15;
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
        if (rnd.chance(0.12)) {
          const court = Math.max(s, asOf - rnd.int(5, 180));
          eps.push({ kind: 'court_proceedings', start: court, end: null, periodStart: court });
        }
        return eps;
      }
      case 'looked_after': {
        const s = ago(900, 365 * 12);
        const eps: Ep[] = [referralBefore(s)];
        const placements = 1 + Math.min(4, Math.floor(rnd.exponential(0.9)));
        let start = s;
        const long = asOf - s > 365 && rnd.chance(0.6);
        for (let i = 0; i < placements; i++) {
          const planned = i === placements - 1 ? null : Math.min(asOf - 1, start + rnd.int(20, Math.max(21, Math.floor((asOf - start) / (placements - i)))));
          // A placement lasts at least a day (SSDA903 cannot hold one that ends as it starts):
          // with no room left for another move, this placement is the current one.
          const final = planned === null || planned <= start;
          const end = final ? null : planned;
          const far = rnd.chance(0.22);
          eps.push({ kind: 'looked_after', start, end, periodStart: s, miles: far ? Math.round(rnd.between(21, 140)) : Math.round(rnd.between(0.5, 19) * 10) / 10, longTerm: final ? long : false });
          if (end === null) break;
          start = end;
        }
        if (asOf - s < 270 && rnd.chance(0.5)) eps.push({ kind: 'court_proceedings', start: Math.max(s - 7, asOf - 250), end: null, periodStart: s - 7 });
        return eps;
      }
      case 'care_leaver': {
        const s = asOf - rnd.int(1, 365 * 4);
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
        const base = caseHistory(rnd.chance(0.6) ? 'looked_after' : 'cp_plan').filter((e) => e.kind !== 'court_proceedings');
        const open = base[base.length - 1]!;
        const court = Math.max(open.periodStart, asOf - rnd.int(5, 200));
        return [...base, { kind: 'court_proceedings', start: court, end: null, periodStart: court }];
      }
    }
  }
}

/** National scale for benchmarks: 152 councils, about 33,000 FTE and 400,000 open cases. */
export function nationalCouncilOptions(seed: number, asOf: string): GenerateOptions[] {
  const rnd = new Random(seed);
  const sizes = Array.from({ length: 152 }, () => rnd.lognormal(1, 0.42));
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
  }));
}

