import { censusPeriod, type CinCensus } from './model.ts';

/**
 * DfE CIN census validation rules that a schema cannot check (pure). Codes and messages follow
 * the DfE's published CIN validation rules as implemented in data-to-insight's CIN validator;
 * 8590 (child with no CIN episode) and most code-set rules are enforced by the schema itself.
 */
export type RuleTarget =
  | { kind: 'child' }
  | { kind: 'episode'; episode: number }
  | { kind: 'assessment' | 'cin_plan' | 's47' | 'cp_plan'; episode: number; index: number };

export interface CinRuleFailure {
  code: string;
  message: string;
  /** LAchildID, '' when missing. */
  child: string;
  childIndex: number;
  line: number;
  element: string;
  field: string;
  on: RuleTarget;
}

export const CIN_RULE_CODES = ['8500', '8520', '8525', '8565', '8600', '8608', '8615', '8620', '8630', '8925', '4010', '4011', '4015'] as const;

export function checkCinRules(census: CinCensus): CinRuleFailure[] {
  const out: CinRuleFailure[] = [];
  const period = censusPeriod(census.referenceDate);
  census.children.forEach((child, ci) => {
    const base = { child: child.id, childIndex: ci, line: child.line };
    const at = `Child[${ci + 1}]`;
    const fail = (code: string, message: string, element: string, field: string, on: RuleTarget, line = child.line) =>
      out.push({ ...base, code, message, element, field, on, line });

    if (child.id === '') fail('8500', 'LA Child ID missing: this child has no LAchildID, so it cannot be matched or imported. Add the id at source.', `${at}/ChildIdentifiers`, 'LAchildID', { kind: 'child' });
    if (child.birthDate !== null && child.birthDate > period.end) {
      fail('8520', `Date of birth ${child.birthDate} is after the census period (it must be on or before ${period.end}).`, `${at}/ChildIdentifiers`, 'PersonBirthDate', { kind: 'child' });
    }
    if ((child.birthDate === null) === (child.expectedBirthDate === null)) {
      fail('8525', child.birthDate === null ? 'Neither a date of birth nor an expected date of birth is given: give one of them.' : 'Both a date of birth and an expected date of birth are given: give only one.', `${at}/ChildIdentifiers`, 'PersonBirthDate', { kind: 'child' });
    }

    child.episodes.forEach((e, ei) => {
      const ep = `${at}/CINdetails[${ei + 1}]`;
      const onEpisode = { kind: 'episode', episode: ei } as const;
      if (e.referralDate > period.end) {
        fail('8600', `Child referral date ${e.referralDate} is after the data collection period (it must be on or before ${period.end}).`, ep, 'CINreferralDate', onEpisode, e.line);
      }
      // Dates after the census date describe work that had not happened when the return was made.
      for (const d of laterDates(e, ei, period.end)) {
        fail('', `${d.field} ${d.date} is after the census date ${period.end}: a return cannot record what has not happened yet. Check the date at source.`, ep, d.field, d.on, e.line);
      }
      if (e.closureDate !== null) {
        if (e.closureDate < e.referralDate) {
          fail('8630', `CIN closure date ${e.closureDate} is before the referral date ${e.referralDate} of the same CIN episode.`, ep, 'CINclosureDate', onEpisode, e.line);
        }
        if (e.closureDate < period.start || e.closureDate > period.end) {
          fail('8620', `CIN closure date ${e.closureDate} is not within the census year (${period.start} to ${period.end}).`, ep, 'CINclosureDate', onEpisode, e.line);
        }
        const later = activityDates(e).filter((d) => d.date > e.closureDate!);
        if (later.length > 0) {
          const first = later.sort((a, b) => b.date.localeCompare(a.date))[0]!;
          fail('8565', `Activity shown after the case was closed: ${first.field} ${first.date} is after the closure date ${e.closureDate}.`, ep, 'CINclosureDate', onEpisode, e.line);
        }
      }
      e.assessments.forEach((a, i) => {
        if (a.authorised !== null && a.start > a.authorised) {
          fail('8608', `Assessment start date ${a.start} is later than its authorisation (end) date ${a.authorised}.`, `${ep}/Assessments[${i + 1}]`, 'AssessmentAuthorisationDate', { kind: 'assessment', episode: ei, index: i }, e.line);
        }
      });
      e.cinPlans.forEach((p, i) => {
        const on = { kind: 'cin_plan', episode: ei, index: i } as const;
        if (p.end !== null && p.end < p.start) fail('4011', `CIN plan end date ${p.end} is earlier than its start date ${p.start}.`, `${ep}/CINPlanDates[${i + 1}]`, 'CINPlanEndDate', on, e.line);
        if (p.start > period.end) fail('4010', `CIN plan start date ${p.start} is out of the data collection period (after ${period.end}).`, `${ep}/CINPlanDates[${i + 1}]`, 'CINPlanStartDate', on, e.line);
        if (p.start < e.referralDate) fail('4015', `The CIN plan starts (${p.start}) before the referral date (${e.referralDate}).`, `${ep}/CINPlanDates[${i + 1}]`, 'CINPlanStartDate', on, e.line);
      });
      e.section47s.forEach((s, i) => {
        if (s.icpcDate !== null && s.start > s.icpcDate) {
          fail('8615', `The section 47 enquiry starts (${s.start}) after the initial child protection conference it led to (${s.icpcDate}).`, `${ep}/Section47[${i + 1}]`, 'S47ActualStartDate', { kind: 's47', episode: ei, index: i }, e.line);
        }
      });
      e.cpPlans.forEach((p, i) => {
        if (p.end !== null && p.end < p.start) {
          fail('8925', `Child protection plan end date ${p.end} is earlier than its start date ${p.start}.`, `${ep}/ChildProtectionPlans[${i + 1}]`, 'CPPendDate', { kind: 'cp_plan', episode: ei, index: i }, e.line);
        }
      });
    });
  });
  return out;
}

/** Dates after the census date that no DfE rule code covers (8520, 8600, 4010 and 8620 cover theirs). */
function laterDates(e: CinCensus['children'][number]['episodes'][number], episode: number, end: string): { field: string; date: string; on: RuleTarget }[] {
  const out: { field: string; date: string; on: RuleTarget }[] = [];
  const add = (field: string, date: string | null, on: RuleTarget) => {
    if (date !== null && date > end) out.push({ field, date, on });
  };
  e.assessments.forEach((a, index) => {
    add('AssessmentActualStartDate', a.start, { kind: 'assessment', episode, index });
    add('AssessmentAuthorisationDate', a.authorised, { kind: 'assessment', episode, index });
  });
  e.section47s.forEach((x, index) => {
    add('S47ActualStartDate', x.start, { kind: 's47', episode, index });
    add('DateOfInitialCPC', x.icpcDate, { kind: 's47', episode, index });
  });
  e.cpPlans.forEach((p, index) => {
    add('CPPstartDate', p.start, { kind: 'cp_plan', episode, index });
    add('CPPendDate', p.end, { kind: 'cp_plan', episode, index });
    for (const r of p.reviews) add('CPPreviewDate', r, { kind: 'cp_plan', episode, index });
  });
  e.cinPlans.forEach((p, index) => add('CINPlanEndDate', p.end, { kind: 'cin_plan', episode, index }));
  return out;
}

/** The dates rule 8565 compares with the closure date. */
function activityDates(e: CinCensus['children'][number]['episodes'][number]): { field: string; date: string }[] {
  const out: { field: string; date: string }[] = [];
  const add = (field: string, date: string | null) => {
    if (date !== null) out.push({ field, date });
  };
  add('DateOfInitialCPC', e.initialCpcDate);
  for (const a of e.assessments) {
    add('AssessmentActualStartDate', a.start);
    add('AssessmentAuthorisationDate', a.authorised);
  }
  for (const s of e.section47s) {
    add('S47ActualStartDate', s.start);
    add('DateOfInitialCPC', s.icpcDate);
  }
  for (const p of e.cpPlans) add('CPPendDate', p.end);
  for (const p of e.cinPlans) {
    add('CINPlanStartDate', p.start);
    add('CINPlanEndDate', p.end);
  }
  return out;
}
