import type { CoverageEntry } from '../../workload/model/schedule.ts';
import { EVERY_ACTIVITY } from '../../workload/model/schedule.ts';

/**
 * Which scheduled activities' completion a source can show, and from where (pure). An import
 * records its source's coverage; an activity that no source the council imports can show as
 * done is "not in your data" on a schedule, never overdue (workload/model/schedule.ts).
 */
export interface Coverage extends CoverageEntry {
  /** The table and field the completion comes from, or why the source cannot show it. */
  basis: string;
}

/** Where a source shows an activity done: the table it needs, and the words for the import report. */
interface Completion {
  table: string | null;
  basis: string;
}

/**
 * The SSD tables and fields that record completed statutory work, per scheduled activity in the
 * default catalogue. Monthly work (court work, family help, case management) has no due date,
 * so it is not listed. `table: null`: the SSD has nowhere to record it.
 */
export const SSD_COMPLETION: Readonly<Record<string, Completion>> = {
  referral_decision: { table: null, basis: 'The SSD records the referral (ssd_cin_episodes) but not when the decision on it was made.' },
  assessment: { table: 'ssd_cin_assessments', basis: 'ssd_cin_assessments.cina_assessment_auth_date (the assessment is done when it is authorised)' },
  strategy_discussion: { table: 'ssd_s47_enquiry', basis: 'ssd_s47_enquiry.s47e_s47_start_date (the enquiry starts on the day of the strategy discussion)' },
  s47_enquiry: { table: 'ssd_s47_enquiry', basis: 'ssd_s47_enquiry.s47e_s47_end_date' },
  initial_cp_conference: { table: 'ssd_initial_cp_conference', basis: 'ssd_initial_cp_conference.icpc_icpc_date' },
  core_group: { table: null, basis: 'The SSD has no core group table.' },
  cp_visit: { table: 'ssd_cp_visits', basis: 'ssd_cp_visits.cppv_cp_visit_date' },
  review_conference: { table: 'ssd_cp_reviews', basis: 'ssd_cp_reviews.cppr_cp_review_date' },
  cin_visit: { table: 'ssd_cin_visits', basis: 'ssd_cin_visits.cinv_cin_visit_date' },
  cin_review: { table: null, basis: 'The SSD has no child in need plan review table.' },
  lac_visit: { table: 'ssd_cla_visits', basis: 'ssd_cla_visits.clav_cla_visit_date' },
  lac_review: { table: 'ssd_cla_reviews', basis: 'ssd_cla_reviews.clar_cla_review_date' },
  pathway_plan_review: { table: 'ssd_care_leavers', basis: 'ssd_care_leavers.clea_pathway_plan_review_date (the latest review only)' },
  care_leaver_contact: { table: 'ssd_care_leavers', basis: 'ssd_care_leavers.clea_care_leaver_latest_contact (the latest contact only)' },
};

/** The CIN census: assessments, enquiries and conferences; no visits, core groups or plan reviews. */
export const CIN_COMPLETION: Readonly<Record<string, Completion>> = {
  assessment: { table: 'cin', basis: 'CIN census AssessmentAuthorisationDate' },
  strategy_discussion: { table: 'cin', basis: 'CIN census S47ActualStartDate (the date of the strategy discussion that started the enquiry)' },
  s47_enquiry: { table: 'cin', basis: 'CIN census Section47 (closed by the conference or by no conference being needed)' },
  initial_cp_conference: { table: 'cin', basis: 'CIN census DateOfInitialCPC' },
  review_conference: { table: 'cin', basis: 'CIN census CPPreviewDate' },
};

/** SSDA903: looked-after reviews only (no visits). */
export const SSDA903_COMPLETION: Readonly<Record<string, Completion>> = {
  lac_review: { table: 'reviews', basis: 'SSDA903 reviews table (REVIEW)' },
};

/** The tables that Caseweight's own SSD export adds: the register's recorded work, every activity. */
export const CASEWEIGHT_RECORDED_TABLE = 'caseweight_recorded_activities';

/**
 * What one import can show, from the tables it actually carried. A table the source defines but
 * the files left out (a council whose extract has no ssd_cla_visits) shows nothing.
 */
export function coverageFrom(completion: Readonly<Record<string, Completion>>, carriedTables: ReadonlySet<string>): Coverage[] {
  const out: Coverage[] = Object.entries(completion).map(([activityCode, c]) => {
    if (c.table === null) return { activityCode, carried: false, basis: c.basis };
    if (!carriedTables.has(c.table)) return { activityCode, carried: false, basis: `${c.basis}: the files did not include ${c.table}.` };
    return { activityCode, carried: true, basis: c.basis };
  });
  if (carriedTables.has(CASEWEIGHT_RECORDED_TABLE)) {
    out.push({ activityCode: EVERY_ACTIVITY, carried: true, basis: `${CASEWEIGHT_RECORDED_TABLE}: the register's recorded work, every activity` });
  }
  return out;
}
