import type { EpisodeRow, FactorRow, RecordedRow } from '../../../kernel/register.ts';
import type { TeamRow } from '../../../kernel/register.ts';
import type { SsdRow, SsdTables } from '../../../standards/ssd/read.ts';
import { parseFlag, parseNumber } from '../../../standards/values.ts';
import type { ReportBuilder } from '../../../standards/report.ts';
import { emptySnapshot, type IncomingPractitioner, type PractitionerField, type RegisterEntity, type Snapshot } from '../snapshot.ts';
import { withPrefix, type PrefixKind } from './ids.ts';
import { TEAM_SERVICES } from '../../../workforce/model.ts';
import { lookupRole, normaliseRole, roleFromJobTitle, serviceFromTeamName, type RoleMapping } from './roles.ts';
import { mapWorkforceExtensions } from './extensions.ts';
import { longTermFromPlacementType } from '../placements.ts';
import { coverageFrom, SSD_COMPLETION } from '../coverage.ts';
import { ssdNotes } from './notes.ts';

export interface SsdMapOptions {
  councilId: string;
  /** The day the extract describes: open rows the extract no longer lists are closed on it. */
  extractDate: string;
  roleMapping: Readonly<RoleMapping>;
  /** Full-time weekly hours, for a new worker's contracted hours when the source has none. */
  fullTimeWeeklyHours: number;
  /** Children the reader rejected rows of: their held rows stay open. */
  rejectedPeople?: ReadonlySet<string>;
}

/** Legal statuses that mean care proceedings are under way: an interim care order (SSDA903 C1). */
export const COURT_LEGAL_STATUSES = new Set(['C1']);

const SWE = /^[A-Z]{2}\d{10}$/;
const UNASSIGNED_TEAM = 'UNASSIGNED';

/**
 * SSD tables → the register rows they describe (pure). A row whose ids point nowhere (often
 * Excel removing leading zeros) is rejected and reported, and its child's held rows stay open;
 * content-rule failures are flagged and imported.
 */
export function mapSsd(tables: SsdTables, options: SsdMapOptions, report: ReportBuilder): { snapshot: Snapshot; unmappedRoles: Map<string, number> } {
  const s = emptySnapshot();
  s.closes = ['episodes', 'allocations', 'factors'];
  s.keepOpen = [...(options.rejectedPeople ?? [])];
  const c = options.councilId;
  const rows = (t: string): SsdRow[] => tables.get(t) ?? [];
  const v = (r: SsdRow, col: string): string | null => r.values[col] ?? null;
  const reject = (e: RegisterEntity) => (s.rejected[e] = (s.rejected[e] ?? 0) + 1);
  const unmappedRoles = new Map<string, number>();

  // Children first: everything else points at them.
  const people = new Set(rows('ssd_person').map((r) => v(r, 'pers_person_id')!));
  const family = new Map(rows('ssd_family').map((r) => [v(r, 'fami_person_id') ?? '', v(r, 'fami_family_id')]));
  const restricted = new Map(rows('caseweight_children').map((r) => [v(r, 'pers_person_id')!, parseFlag(v(r, 'restricted') ?? 'N')]));
  for (const r of rows('ssd_person')) {
    const id = v(r, 'pers_person_id')!;
    const name = [v(r, 'pers_forename'), v(r, 'pers_surname')].filter(Boolean).join(' ') || `Child ${id}`;
    const flag = restricted.get(id);
    s.children.push({
      council_id: c, child_id: id, name, date_of_birth: v(r, 'pers_dob'), sex: sexCode(v(r, 'pers_sex') ?? v(r, 'pers_gender')),
      family_id: family.get(id) ?? null, restricted: flag?.ok ? flag.value : false,
      unknown: flag?.ok ? [] : ['restricted'],
    });
  }
  const personRef = (r: SsdRow, col: string): string | undefined => {
    const id = v(r, col);
    if (id === null) {
      report.reject(r.file, `Row has no ${col}; every row must name its child. The row was not imported.`, { line: r.line, field: col });
      return undefined;
    }
    if (people.has(id)) return id;
    dangling(report, r, col, id, people, 'ssd_person', options.rejectedPeople);
    s.keepOpen.push(id);
    return undefined;
  };

  // Teams.
  const teams = new Map<string, TeamRow>();
  const service = new Map<string, string>();
  for (const r of rows('caseweight_teams')) {
    const value = v(r, 'service');
    if (value === null || !(TEAM_SERVICES as readonly string[]).includes(value)) {
      // Still a file-level error: leaving the row out would re-guess a held team's service from its name.
      report.error(r.file, `Team service "${value ?? ''}" is not one Caseweight knows (${TEAM_SERVICES.join(', ')}).`, { line: r.line, field: 'service' });
      continue;
    }
    service.set(v(r, 'team_id')!, value);
  }
  for (const r of rows('ssd_department')) {
    const id = v(r, 'dept_team_id')!;
    const name = v(r, 'dept_team_name') ?? `Team ${id}`;
    teams.set(id, { council_id: c, team_id: id, name, service: service.get(id) ?? serviceFromTeamName(name), parent_team_id: v(r, 'dept_team_parent_id') });
  }
  for (const t of teams.values()) if (t.parent_team_id !== null && !teams.has(t.parent_team_id)) t.parent_team_id = null;
  const teamRef = (r: SsdRow, col: string): string => {
    const id = v(r, col);
    if (id === null) return UNASSIGNED_TEAM;
    if (!teams.has(id)) {
      report.warning(r.file, `Team "${id}" is not in ssd_department, so Caseweight added it as "Team ${id}". Add the team to the extract to give it its name.`, { line: r.line, field: col });
      teams.set(id, { council_id: c, team_id: id, name: `Team ${id}`, service: 'other', parent_team_id: null });
    }
    return id;
  };
  const teamByName = new Map([...teams.values()].map((t) => [t.name.toLowerCase(), t.team_id]));

  // Professionals: keyed by prof_professional_id, or prof_staff_id where Mosaic leaves the first empty.
  const profByKey = new Map<string, SsdRow>();
  const profByStaff = new Map<string, string>();
  for (const r of rows('ssd_professionals')) {
    const key = v(r, 'prof_professional_id') ?? v(r, 'prof_staff_id');
    if (key === null) continue;
    profByKey.set(key, r);
    const staff = v(r, 'prof_staff_id');
    if (staff !== null) profByStaff.set(staff, key);
  }
  const workerRef = (r: SsdRow, col: string): string | undefined => {
    const id = v(r, col);
    if (id === null) return undefined;
    if (profByKey.has(id)) return id;
    const viaStaff = profByStaff.get(id);
    if (viaStaff) return viaStaff;
    dangling(report, r, col, id, new Set(profByKey.keys()), 'ssd_professionals');
    return undefined;
  };

  // Involvements → allocations, through the council's role mapping.
  const involvementTeams = new Map<string, string>();
  for (const r of rows('ssd_involvements')) {
    const role = v(r, 'invo_professional_role_id');
    const target = role === null ? undefined : lookupRole(options.roleMapping, role);
    if (target === undefined) {
      const code = role === null ? '(blank)' : normaliseRole(role);
      unmappedRoles.set(code, (unmappedRoles.get(code) ?? 0) + 1);
      reject('allocations');
      continue;
    }
    if (target === 'ignore') continue;
    const child = personRef(r, 'invo_person_id');
    const worker = workerRef(r, 'invo_professional_id');
    if (!child) continue;
    if (!worker) {
      reject('allocations'); // a team-only involvement: no one holds the case yet
      continue;
    }
    const start = v(r, 'invo_involvement_start_date');
    const end = v(r, 'invo_involvement_end_date');
    if (start === null) {
      report.rule(r.file, undefined, 'The involvement has no start date, so it was not imported.', { line: r.line, field: 'invo_involvement_start_date' });
      reject('allocations');
      continue;
    }
    if (end !== null && end < start) {
      report.rule(r.file, undefined, `The involvement ends (${end}) before it starts (${start}), so it was not imported. Correct it in the case management system.`, { line: r.line, field: 'invo_involvement_end_date' });
      reject('allocations');
      continue;
    }
    const team = teamRef(r, 'invo_professional_team');
    involvementTeams.set(worker, team);
    s.allocations.push({ council_id: c, allocation_id: v(r, 'invo_involvements_id')!, child_id: child, practitioner_id: worker, team_id: team, role: target, start_date: start, end_date: end });
  }

  // Practitioners.
  const ext = mapWorkforceExtensions(tables, c, report);
  const firstInvolvement = new Map<string, string>();
  for (const a of s.allocations) {
    const f = firstInvolvement.get(a.practitioner_id);
    if (f === undefined || a.start_date < f) firstInvolvement.set(a.practitioner_id, a.start_date);
  }
  for (const [key, r] of profByKey) {
    const unknown: PractitionerField[] = [];
    const e = ext.practitioners.get(key);
    let swe = v(r, 'prof_social_worker_registration_no')?.replace(/\s+/g, '').toUpperCase() ?? null;
    if (swe !== null && !SWE.test(swe)) {
      report.rule(r.file, undefined, `"${swe}" is not a Social Work England number (two letters and ten digits, like SW1234567890). It was left out; correct it at source.`, { line: r.line, field: 'prof_social_worker_registration_no', record: { table: 'practitioners', id: key } });
      s.flags.push({ entity: 'practitioners', recordId: key, code: null, field: 'prof_social_worker_registration_no', message: `Invalid Social Work England number "${swe}".` });
      swe = null;
    }
    const fteText = v(r, 'prof_full_time_equivalency');
    const fte = fteText === null ? undefined : parseNumber(fteText, 0, 1);
    if (fte && !fte.ok) report.rule(r.file, undefined, `FTE ${fte.message} FTE is a share of full time from 0 to 1, like 0.8. The value held was kept.`, { line: r.line, field: 'prof_full_time_equivalency' });
    const agencyText = v(r, 'prof_agency_worker_flag');
    const agency = agencyText === null ? undefined : parseFlag(agencyText);
    if (!fte?.ok) unknown.push('fte');
    if (!agency?.ok) unknown.push('agency');
    const deptTeam = v(r, 'prof_professional_department') ? teamByName.get(v(r, 'prof_professional_department')!.toLowerCase()) : undefined;
    const team = e?.team_id ?? deptTeam ?? involvementTeams.get(key) ?? UNASSIGNED_TEAM;
    if (!e) unknown.push('contracted_weekly_hours', 'qualified_on', 'asye_start', 'working_pattern', 'started_on', 'left_on');
    const fteValue = fte?.ok ? fte.value : 1;
    const p: IncomingPractitioner = {
      council_id: c, practitioner_id: key, sourceKey: key, unknown,
      name: v(r, 'prof_professional_name') ?? `Worker ${key}`,
      team_id: team,
      role: e?.role ?? roleFromJobTitle(v(r, 'prof_professional_job_title')),
      swe_number: swe,
      staff_id: v(r, 'prof_staff_id'),
      qualified_on: e?.qualified_on ?? null,
      asye_start: e?.asye_start ?? null,
      agency: agency?.ok ? agency.value : false,
      fte: fteValue,
      contracted_weekly_hours: e?.contracted_weekly_hours ?? Math.round(options.fullTimeWeeklyHours * fteValue * 100) / 100,
      working_pattern: e?.working_pattern ?? (fteValue < 1 ? 'part_time' : 'full_time'),
      started_on: e?.started_on ?? firstInvolvement.get(key) ?? options.extractDate,
      left_on: e?.left_on ?? null,
    };
    if (team === UNASSIGNED_TEAM && !teams.has(UNASSIGNED_TEAM)) {
      teams.set(UNASSIGNED_TEAM, { council_id: c, team_id: UNASSIGNED_TEAM, name: 'Not yet in a team', service: 'other', parent_team_id: null });
    }
    s.practitioners.push(p);
  }
  if (s.allocations.some((a) => a.team_id === UNASSIGNED_TEAM) && !teams.has(UNASSIGNED_TEAM)) {
    teams.set(UNASSIGNED_TEAM, { council_id: c, team_id: UNASSIGNED_TEAM, name: 'Not yet in a team', service: 'other', parent_team_id: null });
  }
  s.teams = [...teams.values()];
  s.absences = ext.absences;
  s.posts = ext.posts;

  mapEpisodes(tables, s, c, personRef, report);
  mapFactorsAndActivities(tables, s, c, personRef, report);
  s.coverage = coverageFrom(SSD_COMPLETION, new Set(tables.keys()));
  ssdNotes(tables, s, s.coverage, options.fullTimeWeeklyHours, report);
  return { snapshot: s, unmappedRoles };
}

function dangling(report: ReportBuilder, r: SsdRow, col: string, id: string, known: ReadonlySet<string>, table: string, rejected?: ReadonlySet<string>): void {
  // Excel turns "00123" into 123: say so when the padded id exists.
  const padded = [...known].find((k) => k.replace(/^0+/, '') === id.replace(/^0+/, '') && k !== id);
  const hint = rejected?.has(id) ? ` Its own ${table} row was not imported (see the rows not imported).`
    : padded ? ` ${table} has "${padded}": Excel may have removed leading zeros. Export the files again without opening them in Excel.` : ` Check ${table} is complete and from the same extract.`;
  report.reject(r.file, `${col} "${id}" is not in ${table}, so this row was not imported.${hint}`, { line: r.line, field: col, key: `${col} ${id}` });
}

function sexCode(raw: string | null): string | null {
  if (raw === null) return null;
  const t = raw.trim().toUpperCase();
  if (t === 'M' || t === '1' || t === 'MALE') return 'M';
  if (t === 'F' || t === '2' || t === 'FEMALE') return 'F';
  if (t === 'U' || t === '0' || t === '9' || t === 'UNKNOWN') return 'U';
  return null;
}

type PersonRef = (r: SsdRow, col: string) => string | undefined;

function mapEpisodes(tables: SsdTables, s: Snapshot, c: string, personRef: PersonRef, report: ReportBuilder): void {
  const rows = (t: string): SsdRow[] => tables.get(t) ?? [];
  const v = (r: SsdRow, col: string): string | null => r.values[col] ?? null;
  const add = (r: SsdRow, prefix: PrefixKind, idCol: string, kind: string, personCol: string, startCol: string, endCol: string | null, extra: Partial<EpisodeRow> = {}): EpisodeRow | undefined => {
    const child = personRef(r, personCol);
    if (!child) return undefined;
    const start = v(r, startCol);
    const end = endCol ? v(r, endCol) : null;
    if (start === null) {
      report.reject(r.file, `${startCol} is empty, so this ${kind.replace('_', ' ')} was not imported.`, { line: r.line, field: startCol });
      s.rejected.episodes = (s.rejected.episodes ?? 0) + 1;
      return undefined;
    }
    if (end !== null && end < start) {
      report.reject(r.file, `It ends (${end}) before it starts (${start}), so it was not imported. Correct the dates in the case management system.`, { line: r.line, field: endCol!, ...(kind === 'referral' ? { code: '8630' } : {}) });
      s.rejected.episodes = (s.rejected.episodes ?? 0) + 1;
      return undefined;
    }
    const e: EpisodeRow = {
      council_id: c, episode_id: withPrefix(prefix, v(r, idCol)!), child_id: child, kind, start_date: start, end_date: end,
      placement_distance_miles: null, placement_long_term: null, s47_outcome: null, ...extra,
    };
    s.episodes.push(e);
    return e;
  };

  for (const r of rows('ssd_early_help_episodes')) add(r, 'early_help', 'earl_episode_id', 'family_help', 'earl_person_id', 'earl_episode_start_date', 'earl_episode_end_date');

  // The referral-and-assessment stretch: from the CIN episode's referral (for its first
  // assessment) to the assessment's authorisation. A CIN episode with no assessment is a
  // referral from its referral date to its closure.
  const cin = new Map(rows('ssd_cin_episodes').map((r) => [v(r, 'cine_referral_id')!, r]));
  const assessed = new Set<string>();
  const byEpisode = new Map<string, SsdRow[]>();
  for (const r of rows('ssd_cin_assessments')) {
    const ref = v(r, 'cina_referral_id');
    if (ref !== null) byEpisode.set(ref, [...(byEpisode.get(ref) ?? []), r]);
  }
  for (const r of rows('ssd_cin_assessments')) {
    const ref = v(r, 'cina_referral_id');
    const episode = ref === null ? undefined : cin.get(ref);
    let start = v(r, 'cina_assessment_start_date');
    if (episode && ref !== null) {
      assessed.add(ref);
      const first = byEpisode.get(ref)!.reduce((a, b) => ((v(b, 'cina_assessment_start_date') ?? '9') < (v(a, 'cina_assessment_start_date') ?? '9') ? b : a));
      const referral = v(episode, 'cine_referral_date');
      if (first === r && referral !== null && (start === null || referral < start)) start = referral;
    }
    const e = add({ ...r, values: { ...r.values, cina_assessment_start_date: start } }, 'assessment', 'cina_assessment_id', 'referral', 'cina_person_id', 'cina_assessment_start_date', 'cina_assessment_auth_date');
    if (e && episode) cinClosureRules(episode, e, report, s);
  }
  for (const [ref, r] of cin) {
    if (assessed.has(ref)) continue;
    const close = v(r, 'cine_close_date');
    const referral = v(r, 'cine_referral_date');
    if (close !== null && referral !== null && close < referral) {
      report.reject(r.file, 'CIN closure date is before the referral date, so this referral was not imported.', { line: r.line, field: 'cine_close_date', code: '8630' });
      s.rejected.episodes = (s.rejected.episodes ?? 0) + 1;
      continue;
    }
    add(r, 'referral', 'cine_referral_id', 'referral', 'cine_person_id', 'cine_referral_date', 'cine_close_date');
  }

  // Section 47: the outcome is a conference when an initial conference row points at it.
  const conferenced = new Set(rows('ssd_initial_cp_conference').map((r) => v(r, 'icpc_s47_enquiry_id')).filter((x): x is string => x !== null));
  for (const r of rows('ssd_s47_enquiry')) {
    const id = v(r, 's47e_s47_enquiry_id')!;
    const nfa = v(r, 's47e_s47_nfa');
    const outcome = conferenced.has(id) ? 'conference' : nfa !== null && parseFlag(nfa).ok && (parseFlag(nfa) as { value: boolean }).value ? 'no_further_action' : null;
    add(r, 's47', 's47e_s47_enquiry_id', 's47', 's47e_person_id', 's47e_s47_start_date', 's47e_s47_end_date', { s47_outcome: outcome });
  }

  for (const r of rows('ssd_cin_plans')) {
    const e = add(r, 'cin_plan', 'cinp_cin_plan_id', 'cin_plan', 'cinp_person_id', 'cinp_cin_plan_start_date', 'cinp_cin_plan_end_date');
    const episode = v(r, 'cinp_referral_id') ? cin.get(v(r, 'cinp_referral_id')!) : undefined;
    const referral = episode ? v(episode, 'cine_referral_date') : null;
    if (e && referral !== null && e.start_date < referral) {
      report.rule(r.file, '4015', 'The CIN plan starts before its referral date. It was imported and flagged.', { line: r.line, field: 'cinp_cin_plan_start_date', record: { table: 'episodes', id: e.episode_id } });
      s.flags.push({ entity: 'episodes', recordId: e.episode_id, code: '4015', field: 'cinp_cin_plan_start_date', message: 'The CIN plan start date cannot be before the referral date.' });
    }
  }
  for (const r of rows('ssd_cp_plans')) add(r, 'cp_plan', 'cppl_cp_plan_id', 'cp_plan', 'cppl_person_id', 'cppl_cp_plan_start_date', 'cppl_cp_plan_end_date');

  // Looked after: one register episode per placement (as SSDA903); the 903 episodes when an
  // extract has no placement table.
  const longTerm = new Map((tables.get('caseweight_placements') ?? []).map((r) => [v(r, 'clap_cla_placement_id')!, parseFlag(v(r, 'long_term') ?? '')]));
  const placements = rows('ssd_cla_placement');
  for (const r of placements) {
    const miles = v(r, 'clap_cla_placement_distance');
    const distance = miles === null ? null : parseNumber(miles, 0, 10_000);
    if (distance && !distance.ok) report.rule(r.file, undefined, `Placement distance ${distance.message} It was left empty.`, { line: r.line, field: 'clap_cla_placement_distance' });
    // Caseweight's own flag first (what a worker entered); else what the placement type says (as the 903 import reads it).
    const lt = longTerm.get(v(r, 'clap_cla_placement_id')!);
    const fromType = longTermFromPlacementType(v(r, 'clap_cla_placement_type'));
    add(r, 'placement', 'clap_cla_placement_id', 'looked_after', 'clap_person_id', 'clap_cla_placement_start_date', 'clap_cla_placement_end_date', {
      placement_distance_miles: distance?.ok ? distance.value : null, placement_long_term: lt?.ok ? lt.value : fromType ?? null,
    });
  }
  if (placements.length === 0) {
    for (const r of rows('ssd_cla_episodes')) add(r, 'cla_episode', 'clae_cla_episode_id', 'looked_after', 'clae_person_id', 'clae_cla_episode_start_date', 'clae_cla_episode_ceased_date');
  }

  // Care leavers: the SSD row has no dates; leaving care starts when the last looked-after
  // episode ended, and stays open while the extract lists the young person.
  const lastCare = new Map<string, string>();
  for (const e of s.episodes) {
    if (e.kind === 'looked_after' && e.end_date !== null && (lastCare.get(e.child_id) ?? '') < e.end_date) lastCare.set(e.child_id, e.end_date);
  }
  const dob = new Map(s.children.map((ch) => [ch.child_id, ch.date_of_birth]));
  // Caseweight's own export carries each period's real dates, ended ones included; they win.
  const dated = rows('caseweight_care_leaver_periods');
  const datedIds = new Set(dated.map((r) => v(r, 'clea_table_id')));
  for (const r of dated) add(r, 'care_leaver', 'clea_table_id', 'care_leaver', 'person_id', 'start_date', 'end_date');
  for (const r of rows('ssd_care_leavers')) {
    if (datedIds.has(v(r, 'clea_table_id'))) continue;
    const child = personRef(r, 'clea_person_id');
    if (!child) continue;
    const birth = dob.get(child);
    const start = lastCare.get(child) ?? (birth ? `${Number(birth.slice(0, 4)) + 18}${birth.slice(4)}`.replace('-02-29', '-02-28') : null);
    add({ ...r, values: { ...r.values, clea_start: start } }, 'care_leaver', 'clea_table_id', 'care_leaver', 'clea_person_id', 'clea_start', null);
  }

  for (const r of rows('ssd_legal_status')) {
    if (!COURT_LEGAL_STATUSES.has((v(r, 'lega_legal_status') ?? '').toUpperCase())) continue;
    add(r, 'legal_status', 'lega_legal_status_id', 'court_proceedings', 'lega_person_id', 'lega_legal_status_start_date', 'lega_legal_status_end_date');
  }
}

/** CIN rule 8630 on the episode that holds the assessment: closure before referral. */
function cinClosureRules(episode: SsdRow, e: EpisodeRow, report: ReportBuilder, s: Snapshot): void {
  const close = episode.values.cine_close_date ?? null;
  const referral = episode.values.cine_referral_date ?? null;
  if (close !== null && referral !== null && close < referral) {
    report.rule(episode.file, '8630', 'CIN closure date is before the CIN referral date. The episode was imported and flagged.', { line: episode.line, field: 'cine_close_date', record: { table: 'episodes', id: e.episode_id } });
    s.flags.push({ entity: 'episodes', recordId: e.episode_id, code: '8630', field: 'cine_close_date', message: 'CIN Closure Date is before CIN Referral Date for the same CIN episode.' });
  }
}

function mapFactorsAndActivities(tables: SsdTables, s: Snapshot, c: string, personRef: PersonRef, report: ReportBuilder): void {
  const rows = (t: string): SsdRow[] => tables.get(t) ?? [];
  const v = (r: SsdRow, col: string): string | null => r.values[col] ?? null;

  const factor = (r: SsdRow, id: string, personCol: string, kind: string, start: string | null, end: string | null) => {
    const child = personRef(r, personCol);
    if (!child || start === null) return;
    if (end !== null && end < start) {
      report.reject(r.file, `It ends (${end}) before it starts (${start}), so it was not imported.`, { line: r.line });
      s.rejected.factors = (s.rejected.factors ?? 0) + 1;
      return;
    }
    s.factors.push({ council_id: c, factor_id: id, child_id: child, factor: kind, start_date: start, end_date: end } satisfies FactorRow);
  };
  for (const r of rows('ssd_missing')) {
    factor(r, withPrefix('missing', v(r, 'miss_table_id')!), 'miss_person_id', 'missing', v(r, 'miss_missing_episode_start_date'), v(r, 'miss_missing_episode_end_date'));
  }
  const extFactors = rows('caseweight_complexity_factors');
  const extDisabled = new Set(extFactors.filter((r) => v(r, 'factor') === 'disability').map((r) => v(r, 'person_id')));
  for (const r of extFactors) {
    const kind = v(r, 'factor');
    if (!kind || !['interpreter', 'disability', 'exploitation', 'missing'].includes(kind)) {
      report.reject(r.file, `Factor "${kind}" is not one Caseweight knows (interpreter, disability, exploitation, missing), so it was not imported.`, { line: r.line, field: 'factor' });
      continue;
    }
    factor(r, v(r, 'factor_id')!, 'person_id', kind, v(r, 'start_date'), v(r, 'end_date'));
  }
  // ssd_disability has no dates: the factor runs from the child's first episode.
  const firstEpisode = new Map<string, string>();
  for (const e of s.episodes) if ((firstEpisode.get(e.child_id) ?? '9') > e.start_date) firstEpisode.set(e.child_id, e.start_date);
  for (const r of rows('ssd_disability')) {
    const code = (v(r, 'disa_disability_code') ?? '').toUpperCase();
    const child = v(r, 'disa_person_id');
    if (code === '' || code === 'NONE' || extDisabled.has(child)) continue;
    factor(r, withPrefix('disability', v(r, 'disa_table_id')!), 'disa_person_id', 'disability', child ? firstEpisode.get(child) ?? null : null, null);
  }

  const recorded = (r: SsdRow, id: string, personCol: string, code: string, on: string | null) => {
    const child = personRef(r, personCol);
    if (!child || on === null) return;
    s.recorded.push({ council_id: c, recorded_id: id, child_id: child, activity_code: code, occurred_on: on, practitioner_id: null, hours: null } satisfies RecordedRow);
  };
  for (const r of rows('ssd_cin_visits')) recorded(r, withPrefix('cin_visit', v(r, 'cinv_cin_visit_id')!), 'cinv_person_id', 'cin_visit', v(r, 'cinv_cin_visit_date'));
  for (const r of rows('ssd_cp_visits')) recorded(r, withPrefix('cp_visit', v(r, 'cppv_cp_visit_id')!), 'cppv_person_id', 'cp_visit', v(r, 'cppv_cp_visit_date'));
  for (const r of rows('ssd_cla_visits')) recorded(r, withPrefix('cla_visit', v(r, 'clav_cla_visit_id')!), 'clav_person_id', 'lac_visit', v(r, 'clav_cla_visit_date'));
  for (const r of rows('ssd_cla_reviews')) {
    if (v(r, 'clar_cla_review_cancelled') && parseFlag(v(r, 'clar_cla_review_cancelled')!).ok && (parseFlag(v(r, 'clar_cla_review_cancelled')!) as { value: boolean }).value) continue;
    recorded(r, withPrefix('cla_review', v(r, 'clar_cla_review_id')!), 'clar_cla_person_id', 'lac_review', v(r, 'clar_cla_review_date'));
  }
  for (const r of rows('ssd_cp_reviews')) recorded(r, withPrefix('cp_review', v(r, 'cppr_cp_review_id')!), 'cppr_person_id', 'review_conference', v(r, 'cppr_cp_review_date'));
  for (const r of rows('ssd_initial_cp_conference')) recorded(r, withPrefix('icpc', v(r, 'icpc_icpc_id')!), 'icpc_person_id', 'initial_cp_conference', v(r, 'icpc_icpc_date'));
  for (const r of rows('caseweight_recorded_activities')) {
    const hours = v(r, 'hours');
    const child = personRef(r, 'person_id');
    if (!child || v(r, 'occurred_on') === null || v(r, 'activity_code') === null) continue;
    s.recorded.push({ council_id: c, recorded_id: v(r, 'recorded_id')!, child_id: child, activity_code: v(r, 'activity_code')!, occurred_on: v(r, 'occurred_on')!, practitioner_id: null, hours: hours === null ? null : Number(hours) });
  }
  // Care leavers: the latest pathway plan review and the latest contact, each a piece of work
  // done on that day. Only the latest is in the SSD, so the schedule runs from it. A day already
  // recorded (Caseweight's own extension table carries the full history) is not added twice.
  const held = new Set(s.recorded.map((x) => `${x.child_id}|${x.activity_code}|${x.occurred_on}`));
  const latest = (r: SsdRow, kind: PrefixKind, code: string, col: string) => {
    const child = v(r, 'clea_person_id');
    const on = v(r, col);
    if (child === null || on === null || held.has(`${child}|${code}|${on}`)) return;
    held.add(`${child}|${code}|${on}`);
    // The day is in the id: a later extract's newer date is a second piece of work, not a change to this one.
    recorded(r, withPrefix(kind, `${v(r, 'clea_table_id')!}-${on}`), 'clea_person_id', code, on);
  };
  for (const r of rows('ssd_care_leavers')) {
    latest(r, 'pathway_review', 'pathway_plan_review', 'clea_pathway_plan_review_date');
    latest(r, 'care_leaver_contact', 'care_leaver_contact', 'clea_care_leaver_latest_contact');
  }
  attributeRecorded(s);
}

/** Visits carry no worker in any SSD extract: the lead allocation open on the day holds them. */
export function attributeRecorded(s: Pick<Snapshot, 'allocations' | 'recorded'>): void {
  const leads = new Map<string, { start: string; end: string | null; practitioner: string }[]>();
  for (const a of s.allocations) {
    if (a.role !== 'lead') continue;
    leads.set(a.child_id, [...(leads.get(a.child_id) ?? []), { start: a.start_date, end: a.end_date, practitioner: a.practitioner_id }]);
  }
  for (const r of s.recorded) {
    const held = (leads.get(r.child_id) ?? []).filter((a) => a.start <= r.occurred_on && (a.end === null || a.end > r.occurred_on));
    // Two leads on the day (a handover): the one who took the case most recently.
    held.sort((a, b) => b.start.localeCompare(a.start));
    r.practitioner_id = held[0]?.practitioner ?? null;
  }
}
