import type { EpisodeRow, RecordedRow } from '../../../kernel/register.ts';
import { openOn } from '../../../kernel/register.ts';
import type { RegisterState } from '../sync.ts';
import { withoutPrefix, type PrefixKind } from './ids.ts';
import { JOB_TITLES, roleCodeFor, type RoleMapping } from './roles.ts';

export type SsdOut = Map<string, Record<string, string | null>[]>;

const yn = (b: boolean | null) => (b === null ? null : b ? 'Y' : 'N');
const num = (n: number | null) => (n === null ? null : String(Number(n)));

/**
 * The register as an SSD CSV set (pure): what the SSD can carry goes in its own tables, the rest
 * in Caseweight's extension tables, so importing the set into an empty council gives back the
 * same register. Closed care-leaver episodes are left out: the SSD lists current care leavers.
 */
export function registerToSsd(state: Omit<RegisterState, 'sourced'>, roleMapping: Readonly<RoleMapping>): SsdOut {
  const out: SsdOut = new Map();
  const put = (table: string, row: Record<string, string | null>) => {
    const list = out.get(table);
    if (list) list.push(row);
    else out.set(table, [row]);
  };
  const teamName = new Map(state.teams.map((t) => [t.team_id, t.name]));
  for (const t of state.teams) {
    put('ssd_department', { dept_team_id: t.team_id, dept_team_name: t.name, dept_team_parent_id: t.parent_team_id, dept_team_parent_name: t.parent_team_id ? teamName.get(t.parent_team_id) ?? null : null });
    put('caseweight_teams', { team_id: t.team_id, service: t.service });
  }
  for (const p of state.practitioners) {
    put('ssd_professionals', {
      prof_professional_id: p.practitioner_id, prof_staff_id: p.staff_id, prof_professional_name: p.name, prof_social_worker_registration_no: p.swe_number,
      prof_agency_worker_flag: yn(p.agency), prof_professional_job_title: JOB_TITLES[p.role] ?? p.role, prof_professional_caseload: null,
      prof_professional_department: teamName.get(p.team_id) ?? null, prof_full_time_equivalency: num(p.fte),
    });
    put('caseweight_practitioners', {
      prof_professional_id: p.practitioner_id, team_id: p.team_id, role: p.role, qualified_on: p.qualified_on, asye_start: p.asye_start,
      contracted_weekly_hours: num(p.contracted_weekly_hours), working_pattern: p.working_pattern, started_on: p.started_on, left_on: p.left_on,
    });
  }
  for (const a of state.absences) put('caseweight_absences', { absence_id: a.absence_id, prof_professional_id: a.practitioner_id, kind: a.kind, start_date: a.start_date, end_date: a.end_date });
  for (const p of state.posts) put('caseweight_posts', { post_id: p.post_id, team_id: p.team_id, role: p.role, fte: num(p.fte), status: p.status, held_by: p.held_by, covered_by: p.covered_by });

  for (const ch of state.children) {
    const space = ch.name.indexOf(' ');
    put('ssd_person', {
      pers_person_id: ch.child_id, pers_forename: space < 0 ? ch.name : ch.name.slice(0, space), pers_surname: space < 0 ? null : ch.name.slice(space + 1),
      pers_sex: ch.sex, pers_dob: ch.date_of_birth,
    });
    if (ch.family_id) put('ssd_family', { fami_table_id: ch.child_id, fami_family_id: ch.family_id, fami_person_id: ch.child_id });
    put('caseweight_children', { pers_person_id: ch.child_id, restricted: yn(ch.restricted) });
  }

  const byChild = new Map<string, EpisodeRow[]>();
  for (const e of state.episodes) byChild.set(e.child_id, [...(byChild.get(e.child_id) ?? []), e]);
  const icpcs = new Map<string, RecordedRow[]>();
  for (const r of state.recorded) if (r.activity_code === 'initial_cp_conference') icpcs.set(r.child_id, [...(icpcs.get(r.child_id) ?? []), r]);
  for (const list of icpcs.values()) list.sort((a, b) => a.occurred_on.localeCompare(b.occurred_on));
  const usedIcpc = new Set<string>();
  const latestDone = new Map<string, string>(); // child|activity → the latest day it was done
  for (const r of state.recorded) {
    const k = `${r.child_id}|${r.activity_code}`;
    if (r.occurred_on > (latestDone.get(k) ?? '')) latestDone.set(k, r.occurred_on);
  }
  const periods = new Map<string, string>(); // looked_after episode id → period id

  for (const [child, episodes] of byChild) {
    episodes.sort((a, b) => a.start_date.localeCompare(b.start_date) || a.episode_id.localeCompare(b.episode_id));
    let period: EpisodeRow | undefined;
    let previous: EpisodeRow | undefined;
    for (const e of episodes) {
      const id = (k: PrefixKind) => withoutPrefix(k, e.episode_id);
      switch (e.kind) {
        case 'family_help':
          put('ssd_early_help_episodes', { earl_episode_id: id('early_help'), earl_person_id: child, earl_episode_start_date: e.start_date, earl_episode_end_date: e.end_date });
          break;
        case 'referral':
          if (e.episode_id.startsWith('REF-')) {
            put('ssd_cin_episodes', { cine_referral_id: id('referral'), cine_person_id: child, cine_referral_date: e.start_date, cine_close_date: e.end_date });
          } else {
            put('ssd_cin_episodes', { cine_referral_id: id('assessment'), cine_person_id: child, cine_referral_date: e.start_date, cine_close_date: e.end_date });
            put('ssd_cin_assessments', { cina_assessment_id: id('assessment'), cina_person_id: child, cina_referral_id: id('assessment'), cina_assessment_start_date: e.start_date, cina_assessment_auth_date: e.end_date });
          }
          break;
        case 's47': {
          put('ssd_s47_enquiry', { s47e_s47_enquiry_id: id('s47'), s47e_person_id: child, s47e_s47_start_date: e.start_date, s47e_s47_end_date: e.end_date, s47e_s47_nfa: e.s47_outcome === 'no_further_action' ? 'Y' : e.s47_outcome === 'conference' ? 'N' : null });
          if (e.s47_outcome === 'conference') {
            // The conference that followed, when one is recorded; otherwise a conference still to come.
            const held = (icpcs.get(child) ?? []).find((r) => !usedIcpc.has(r.recorded_id) && r.occurred_on >= e.start_date);
            if (held) usedIcpc.add(held.recorded_id);
            put('ssd_initial_cp_conference', {
              icpc_icpc_id: held ? withoutPrefix('icpc', held.recorded_id) : `${id('s47')}-ICPC`, icpc_s47_enquiry_id: id('s47'), icpc_person_id: child,
              icpc_icpc_date: held?.occurred_on ?? null,
            });
          }
          break;
        }
        case 'cin_plan':
          put('ssd_cin_plans', { cinp_cin_plan_id: id('cin_plan'), cinp_person_id: child, cinp_cin_plan_start_date: e.start_date, cinp_cin_plan_end_date: e.end_date });
          break;
        case 'cp_plan':
          put('ssd_cp_plans', { cppl_cp_plan_id: id('cp_plan'), cppl_person_id: child, cppl_cp_plan_start_date: e.start_date, cppl_cp_plan_end_date: e.end_date });
          break;
        case 'looked_after': {
          // Placements that follow on without a gap share a period of care (clae_cla_id).
          if (!period || !previous || previous.end_date === null || previous.end_date < e.start_date) period = e;
          previous = e;
          const placement = withoutPrefix('placement', withoutPrefix('cla_episode', e.episode_id));
          const periodId = withoutPrefix('placement', withoutPrefix('cla_episode', period.episode_id));
          periods.set(e.episode_id, periodId);
          put('ssd_cla_placement', { clap_cla_placement_id: placement, clap_cla_id: periodId, clap_person_id: child, clap_cla_placement_start_date: e.start_date, clap_cla_placement_end_date: e.end_date, clap_cla_placement_distance: num(e.placement_distance_miles) });
          put('ssd_cla_episodes', { clae_cla_episode_id: placement, clae_person_id: child, clae_cla_placement_id: placement, clae_cla_episode_start_date: e.start_date, clae_cla_episode_ceased_date: e.end_date, clae_cla_id: periodId });
          if (e.placement_long_term !== null) put('caseweight_placements', { clap_cla_placement_id: placement, long_term: yn(e.placement_long_term) });
          break;
        }
        case 'care_leaver':
          // The SSD holds only the latest review and contact; the full history goes in caseweight_recorded_activities.
          if (e.end_date === null) {
            put('ssd_care_leavers', {
              clea_table_id: id('care_leaver'), clea_person_id: child,
              clea_pathway_plan_review_date: latestDone.get(`${child}|pathway_plan_review`) ?? null,
              clea_care_leaver_latest_contact: latestDone.get(`${child}|care_leaver_contact`) ?? null,
            });
          }
          put('caseweight_care_leaver_periods', { clea_table_id: id('care_leaver'), person_id: child, start_date: e.start_date, end_date: e.end_date });
          break;
        case 'court_proceedings':
          put('ssd_legal_status', { lega_legal_status_id: id('legal_status'), lega_person_id: child, lega_legal_status: 'C1', lega_legal_status_start_date: e.start_date, lega_legal_status_end_date: e.end_date });
          break;
      }
    }
  }

  for (const f of state.factors) {
    if (f.factor === 'missing') put('ssd_missing', { miss_table_id: withoutPrefix('missing', f.factor_id), miss_person_id: f.child_id, miss_missing_episode_start_date: f.start_date, miss_missing_episode_end_date: f.end_date, miss_missing_episode_type: 'M' });
    else put('caseweight_complexity_factors', { factor_id: f.factor_id, person_id: f.child_id, factor: f.factor, start_date: f.start_date, end_date: f.end_date });
  }

  for (const a of state.allocations) {
    put('ssd_involvements', {
      invo_involvements_id: a.allocation_id, invo_professional_id: a.practitioner_id, invo_professional_role_id: roleCodeFor(roleMapping, a.role),
      invo_professional_team: a.team_id, invo_person_id: a.child_id, invo_involvement_start_date: a.start_date, invo_involvement_end_date: a.end_date,
    });
  }

  const lookedAfterOn = (child: string, day: string) =>
    (byChild.get(child) ?? []).find((e) => e.kind === 'looked_after' && openOn(e, day));
  for (const r of state.recorded) {
    const visit = r.hours === null;
    if (r.activity_code === 'cin_visit' && visit) put('ssd_cin_visits', { cinv_cin_visit_id: withoutPrefix('cin_visit', r.recorded_id), cinv_person_id: r.child_id, cinv_cin_visit_date: r.occurred_on });
    else if (r.activity_code === 'cp_visit' && visit) put('ssd_cp_visits', { cppv_cp_visit_id: withoutPrefix('cp_visit', r.recorded_id), cppv_person_id: r.child_id, cppv_cp_visit_date: r.occurred_on });
    else if (r.activity_code === 'lac_visit' && visit) {
      const e = lookedAfterOn(r.child_id, r.occurred_on);
      put('ssd_cla_visits', { clav_cla_visit_id: withoutPrefix('cla_visit', r.recorded_id), clav_person_id: r.child_id, clav_cla_id: e ? periods.get(e.episode_id) ?? null : null, clav_cla_visit_date: r.occurred_on });
    } else if (r.activity_code === 'lac_review' && visit) put('ssd_cla_reviews', { clar_cla_review_id: withoutPrefix('cla_review', r.recorded_id), clar_cla_person_id: r.child_id, clar_cla_review_date: r.occurred_on });
    else if (r.activity_code === 'review_conference' && visit) put('ssd_cp_reviews', { cppr_cp_review_id: withoutPrefix('cp_review', r.recorded_id), cppr_person_id: r.child_id, cppr_cp_review_date: r.occurred_on });
    else if (r.activity_code === 'initial_cp_conference' && visit) {
      if (!usedIcpc.has(r.recorded_id)) put('ssd_initial_cp_conference', { icpc_icpc_id: withoutPrefix('icpc', r.recorded_id), icpc_person_id: r.child_id, icpc_icpc_date: r.occurred_on });
    } else put('caseweight_recorded_activities', { recorded_id: r.recorded_id, person_id: r.child_id, activity_code: r.activity_code, occurred_on: r.occurred_on, hours: num(r.hours) });
  }
  return out;
}
