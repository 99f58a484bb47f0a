import { z } from 'zod';

/**
 * The workload model's configuration: the activity catalogue, factors, capacity rules and
 * safe bands. A council can change any of it; each change is a new version. Every default
 * names its source, and figures marked "estimate" are starting points to calibrate.
 */

export const CASE_STATUSES = [
  'family_help', 'referral', 's47', 'cin_plan', 'cp_plan', 'looked_after', 'care_leaver', 'court_proceedings',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const STATUS_NAMES: Record<CaseStatus, string> = {
  family_help: 'Family help',
  referral: 'Referral and assessment',
  s47: 'Section 47 enquiry',
  cin_plan: 'Child in need plan',
  cp_plan: 'Child protection plan',
  looked_after: 'Looked after',
  care_leaver: 'Care leaver',
  court_proceedings: 'Care proceedings',
};

export const ACTIVITY_CATEGORIES = ['direct', 'meeting', 'assessment', 'court', 'admin'] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

// The type's message goes on the type only: `z.number({ error })` would also replace the
// messages of every bound after it ("must be a number" for 99 hours a week).
const number = (what: string) => z.number({ error: (issue) => (issue.code === 'invalid_type' ? `${what} must be a number.` : undefined) });
const positive = (what: string) => number(what).positive(`${what} must be more than 0.`);
const nonNegative = (what: string) => number(what).min(0, `${what} cannot be negative.`);
const share = (what: string) => number(what).min(0, `${what} cannot be negative.`).max(1, `${what} cannot be more than 1 (100%).`);

/**
 * The casework share of time as a range. Central 1 keeps today's capacity until a council
 * calibrates it from recorded time (calibration-share.ts): moving it re-bands every worker, so it
 * is the council's decision. The low end is the evidence: about 73 % of paid hours are
 * client-related where this model leaves about 93 % of post-leave time, so casework may get as
 * little as 0.73 / 0.93 ≈ 0.78 of what the central assumes.
 */
const CASEWORK_TIME = {
  low: 0.78,
  central: 1,
  high: 1,
  source: 'Low: unit-cost evidence that about 73% of a children\'s social worker\'s paid hours are client-related (PSSRU-style unit costs, 2013/14 prices; indirect and old, to confirm), against the about 93% of post-leave time this model leaves for casework; central and high: the model as set. Calibrate from recorded time.',
};

export const intervalSchema = z.object({
  n: number('An interval').int('An interval must be a whole number.').positive('An interval must be at least 1.'),
  unit: z.enum(['working_days', 'days', 'weeks', 'months'], { error: 'An interval unit must be working_days, days, weeks or months.' }),
});
export type Interval = z.infer<typeof intervalSchema>;

/**
 * Low ≤ central ≤ high, each problem on the figure that breaks it. The order is checked even when
 * a figure is negative (a refinement after failed field checks would not run), so a form reports
 * every problem at once rather than in rounds.
 */
export const rangeSchema = z
  .object({ low: z.number({ error: 'Low hours must be a number.' }), central: z.number({ error: 'Central hours must be a number.' }), high: z.number({ error: 'High hours must be a number.' }) })
  .superRefine((r, ctx) => {
    for (const [key, what] of [['low', 'Low'], ['central', 'Central'], ['high', 'High']] as const) {
      if (r[key] < 0) ctx.addIssue({ code: 'too_small', origin: 'number', minimum: 0, inclusive: true, input: r[key], path: [key], message: `${what} hours cannot be negative.` });
    }
    if (r.low > r.central) ctx.addIssue({ code: 'custom', input: r, path: ['low'], message: 'Low hours must be no more than the central hours.' });
    if (r.central > r.high) ctx.addIssue({ code: 'custom', input: r, path: ['high'], message: 'High hours must be at least the central hours.' });
  });
type HoursEstimate = z.infer<typeof rangeSchema>;

const anchorSchema = z.enum(['period_start', 'episode_start']);

export const ruleSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('once'),
    anchor: anchorSchema,
    within: intervalSchema,
    /** For work that only happens on one outcome (an initial conference after a section 47 enquiry). */
    onlyIf: z.object({ s47Outcome: z.literal('conference'), probabilityWhilePending: share('Probability') }).optional(),
    /**
     * The activity starts the episode it belongs to (a strategy discussion starts the section 47
     * enquiry): due on the episode's first day, before the rest of it, and done on that day,
     * since the episode's start date is the activity's. `within` is then not used.
     */
    startsEpisode: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('recurring'),
    anchor: anchorSchema,
    first: intervalSchema,
    second: intervalSchema.optional(),
    every: intervalSchema,
    /** After `after` from the anchor, a different interval (looked-after visits after the first year). */
    later: z.object({ after: intervalSchema, every: intervalSchema, onlyIfLongTermPlacement: z.boolean() }).optional(),
  }),
  z.object({ kind: z.literal('monthly'), perMonth: positive('Occurrences a month') }),
]);
export type Rule = z.infer<typeof ruleSchema>;

export const activitySchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/, 'An activity code is lower-case letters, digits and underscores.'),
  name: z.string().min(1),
  status: z.enum([...CASE_STATUSES, 'open_case']),
  category: z.enum(ACTIVITY_CATEGORIES),
  rule: ruleSchema,
  hours: rangeSchema,
  /** Extra travel per occurrence for placements beyond `beyondMiles`. */
  travel: z.object({ beyondMiles: nonNegative('Miles'), extraHours: rangeSchema }).optional(),
  ruleSource: z.string().min(1, 'Every rule needs its source.'),
  hoursSource: z.string().min(1, 'Every figure needs its source.'),
});
export type Activity = z.infer<typeof activitySchema>;

const factorSchema = z.object({
  multiplier: number('A complexity factor').min(1, 'A complexity factor cannot reduce time; use 1 for no effect.').max(5, 'A complexity factor cannot be more than 5.'),
  categories: z.array(z.enum(ACTIVITY_CATEGORIES)).min(1),
  source: z.string().min(1),
});

/** Work a practitioner or manager can hand to business support (issue 16): the codes the tasks area uses. */
export const TASK_TYPES = ['letter', 'minutes', 'room_booking', 'interpreter_booking', 'chase_information', 'court_bundle', 'other'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/**
 * Hours one task of a type takes, and the categories of the case's modelled time it comes out
 * of: a letter is case management (admin), minutes are the meeting's recording, a court bundle
 * is court work. Handing the task over moves these hours from the case's holder to business support.
 */
const taskHoursSchema = z.object({
  type: z.enum(TASK_TYPES),
  hours: rangeSchema,
  from: z.array(z.enum(ACTIVITY_CATEGORIES)).min(1, 'Say which of the case\'s time a task comes out of.'),
  source: z.string().min(1, 'Every figure needs its source.'),
});
export type TaskHours = z.infer<typeof taskHoursSchema>;

export const workloadConfigSchema = z
  .object({
    name: z.string().min(1),
    /** Demand is the expected hours over this many days from the date (an average month). */
    horizonDays: positive('Horizon'),
    activities: z.array(activitySchema).min(1),
    supersedes: z.partialRecord(z.enum(CASE_STATUSES), z.array(z.enum(CASE_STATUSES))),
    siblings: z.object({ share: share('Sibling share'), categories: z.array(z.enum(ACTIVITY_CATEGORIES)), source: z.string().min(1) }),
    factors: z.object({
      interpreter: factorSchema,
      disability: factorSchema,
      exploitationOrMissing: factorSchema.extend({ lookbackMonths: number('Months counted').int('Months counted must be a whole number.').min(0, 'Months counted cannot be negative.').max(24, 'Months counted cannot be more than 24.') }),
    }),
    capacity: z.object({
      fullTimeWeeklyHours: positive('Full-time weekly hours').max(60, 'Full-time weekly hours cannot be more than 60.'),
      annualLeaveDays: nonNegative('Annual leave days').max(60, 'Annual leave days cannot be more than 60.'),
      bankHolidayDays: nonNegative('Bank holiday days').max(20, 'Bank holiday days cannot be more than 20.'),
      leaveSource: z.string().min(1),
      protectedTime: z.array(z.object({
        code: z.string().min(1), name: z.string().min(1), hoursPerMonth: nonNegative('Protected hours'),
        scalesWithFte: z.boolean(), source: z.string().min(1),
      })),
      asye: z.object({
        policy: z.string().min(1),
        months: number('ASYE months').int('ASYE months must be a whole number.').positive('ASYE months must be at least 1.'),
        developmentShare: share('ASYE development time'),
        extraSupervisionHoursPerMonth: nonNegative('ASYE supervision hours'),
        source: z.string().min(1),
      }),
      /** Share of a role's available time that is casework (managers supervise, seniors mentor). */
      caseworkShareByRole: z.record(z.string(), share('Casework share')),
      caseworkShareSource: z.string().min(1),
      /**
       * Of the time left after leave, protected time and absence, the share that casework really
       * gets once duty, non-case admin and meetings are taken, as a low / central / high range
       * (DOMAIN.md §5). It is carried into the workload range. Versions saved before it existed
       * read as today's figure with the evidence's low end.
       */
      caseworkTime: z.object({
        low: share('Lowest share of time for casework'),
        central: share('Central share of time for casework'),
        high: share('Highest share of time for casework'),
        source: z.string().min(1),
      }).superRefine((r, ctx) => {
        if (r.low > r.central) ctx.addIssue({ code: 'custom', input: r, path: ['low'], message: 'The lowest share of time for casework must be no more than the central share.' });
        if (r.central > r.high) ctx.addIssue({ code: 'custom', input: r, path: ['high'], message: 'The highest share of time for casework must be at least the central share.' });
      }).default(() => ({ ...CASEWORK_TIME })),
      /** Absences that reduce the month's capacity; annual leave is already averaged in. */
      reducingAbsenceKinds: z.array(z.string()),
    }),
    /** Hours of each task handed to business support (versions saved before them read with the defaults). */
    taskHours: z.array(taskHoursSchema).default(() => DEFAULT_TASK_HOURS.map((t) => ({ ...t, hours: { ...t.hours }, from: [...t.from] }))),
    /**
     * Business support's own capacity: contracted hours as anyone's, less leave and protected
     * time; of what is left, the share that goes on tasks handed over (the rest is the phones,
     * post, diaries and the team's own admin).
     */
    businessSupport: z.object({ taskShare: share('Share of business support time for tasks'), source: z.string().min(1) })
      .default(() => ({ ...BUSINESS_SUPPORT })),
    bands: z
      .object({ greenUpTo: z.number({ error: 'Green band must be a number.' }), amberUpTo: z.number({ error: 'Amber band must be a number.' }), source: z.string().min(1) })
      .superRefine((b, ctx) => {
        // As with the hours: every check runs, so both bands' problems come at once.
        if (b.greenUpTo <= 0) ctx.addIssue({ code: 'too_small', origin: 'number', minimum: 0, inclusive: false, input: b.greenUpTo, path: ['greenUpTo'], message: 'Green band must be more than 0.' });
        if (b.amberUpTo <= 0) ctx.addIssue({ code: 'too_small', origin: 'number', minimum: 0, inclusive: false, input: b.amberUpTo, path: ['amberUpTo'], message: 'Amber band must be more than 0.' });
        if (b.greenUpTo >= b.amberUpTo) ctx.addIssue({ code: 'custom', input: b, path: [], message: 'The green band must end below the amber band.' });
      }),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    for (const [i, a] of config.activities.entries()) {
      if (seen.has(a.code)) ctx.addIssue({ code: 'custom', path: ['activities', i, 'code'], message: `Activity code "${a.code}" appears twice.` });
      seen.add(a.code);
    }
  });
export type WorkloadConfig = z.infer<typeof workloadConfigSchema>;

/** Which rule a number broke, for a form that words it in its own units (a share shown as a percentage). */
export type ConfigBound = { kind: 'min' | 'max'; value: number; inclusive: boolean } | { kind: 'whole' };
export interface ConfigIssue { field: string; message: string; bound?: ConfigBound }

/** Every problem with a configuration at once, each with where it is and, for a number, which bound it broke. */
export function checkWorkloadConfig(input: unknown): { ok: true; config: WorkloadConfig } | { ok: false; issues: ConfigIssue[] } {
  const result = workloadConfigSchema.safeParse(input);
  if (result.success) return { ok: true, config: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => {
      const field = issue.path.join('.') || '(whole configuration)';
      const bound: ConfigBound | undefined =
        issue.code === 'too_small' ? { kind: 'min', value: Number(issue.minimum), inclusive: issue.inclusive ?? true }
        : issue.code === 'too_big' ? { kind: 'max', value: Number(issue.maximum), inclusive: issue.inclusive ?? true }
        : issue.code === 'invalid_type' && issue.expected === 'int' ? { kind: 'whole' }
        : undefined;
      return bound ? { field, message: issue.message, bound } : { field, message: issue.message };
    }),
  };
}

/** Checks a configuration and returns it, or a list of plain-English problems with where they are. */
export function parseWorkloadConfig(input: unknown): { ok: true; config: WorkloadConfig } | { ok: false; problems: { field: string; message: string }[] } {
  const result = checkWorkloadConfig(input);
  if (result.ok) return result;
  return { ok: false, problems: result.issues.map(({ field, message }) => ({ field, message })) };
}

const ESTIMATE = 'Caseweight estimate (no published time study gives this figure): central value including preparation, travel within the council and recording; low 0.7×, high 1.4×. Calibrate locally.';
/** The estimates' rule (DOMAIN.md §4): low = 0.7 × central, high = 1.4 × central unless better evidence is found. */
const est = (central: number): HoursEstimate => ({ low: round2(central * 0.7), central, high: round2(central * 1.4) });
const round2 = (x: number) => Math.round(x * 100) / 100;
const wd = (n: number): Interval => ({ n, unit: 'working_days' });
const weeks = (n: number): Interval => ({ n, unit: 'weeks' });
const months = (n: number): Interval => ({ n, unit: 'months' });

const WT2023 = 'Working Together to Safeguard Children 2023';
const CPPCR = 'Care Planning, Placement and Case Review (England) Regulations 2010';

export const DEFAULT_ACTIVITIES: Activity[] = [
  { code: 'referral_decision', name: 'Referral decision', status: 'referral', category: 'assessment',
    rule: { kind: 'once', anchor: 'period_start', within: wd(1) }, hours: est(1.5),
    ruleSource: `${WT2023}: decision on the response within 1 working day of the referral.`, hoursSource: ESTIMATE },
  { code: 'assessment', name: 'Child and family assessment', status: 'referral', category: 'assessment',
    rule: { kind: 'once', anchor: 'period_start', within: wd(45) }, hours: est(16),
    ruleSource: `${WT2023}: assessment completed within 45 working days of the referral.`,
    hoursSource: `${ESTIMATE} Holmes, Munro & Soper (2010) found about 10 hours for the older initial assessment.` },
  { code: 'strategy_discussion', name: 'Strategy discussion', status: 's47', category: 'meeting',
    rule: { kind: 'once', anchor: 'period_start', within: wd(1), startsEpisode: true }, hours: est(1.5),
    ruleSource: `${WT2023}: as soon as possible when there is reasonable cause to suspect significant harm; the strategy discussion decides to start the section 47 enquiry, so it comes before it, on the day the enquiry starts.`, hoursSource: ESTIMATE },
  { code: 's47_enquiry', name: 'Section 47 enquiry', status: 's47', category: 'assessment',
    rule: { kind: 'once', anchor: 'period_start', within: wd(15) }, hours: est(10),
    ruleSource: `${WT2023}: the enquiry informs an initial conference within 15 working days of the strategy discussion.`, hoursSource: ESTIMATE },
  { code: 'initial_cp_conference', name: 'Initial child protection conference', status: 's47', category: 'meeting',
    rule: { kind: 'once', anchor: 'period_start', within: wd(15), onlyIf: { s47Outcome: 'conference', probabilityWhilePending: 0.4 } },
    hours: est(8),
    ruleSource: `${WT2023}: within 15 working days of the strategy discussion. While the enquiry's outcome is pending, 0.4 of it is counted (estimate: roughly two in five section 47 enquiries lead to a conference in DfE Children in need statistics; confirm).`,
    hoursSource: `${ESTIMATE} Report and attendance.` },
  { code: 'core_group', name: 'Core group meeting', status: 'cp_plan', category: 'meeting',
    rule: { kind: 'recurring', anchor: 'period_start', first: wd(10), every: months(1) }, hours: est(2.5),
    ruleSource: `${WT2023}: first within 10 working days of the initial conference; then set locally, commonly monthly to 6-weekly (estimate: monthly).`, hoursSource: ESTIMATE },
  { code: 'cp_visit', name: 'Child protection visit', status: 'cp_plan', category: 'direct',
    rule: { kind: 'recurring', anchor: 'period_start', first: wd(10), every: wd(10) }, hours: est(3),
    ruleSource: 'No national minimum: set locally, commonly every 10 working days (estimate).', hoursSource: ESTIMATE },
  { code: 'review_conference', name: 'Review child protection conference', status: 'cp_plan', category: 'meeting',
    rule: { kind: 'recurring', anchor: 'period_start', first: months(3), every: months(6) }, hours: est(6),
    ruleSource: `${WT2023}: first review within 3 months of the initial conference, then at most every 6 months.`, hoursSource: ESTIMATE },
  { code: 'cin_visit', name: 'Child in need visit', status: 'cin_plan', category: 'direct',
    rule: { kind: 'recurring', anchor: 'period_start', first: wd(20), every: wd(20) }, hours: est(2.5),
    ruleSource: 'Set locally, commonly every 20 working days (estimate).', hoursSource: ESTIMATE },
  { code: 'cin_review', name: 'Child in need plan review', status: 'cin_plan', category: 'meeting',
    rule: { kind: 'recurring', anchor: 'period_start', first: months(3), every: months(3) }, hours: est(3),
    ruleSource: 'Set locally, commonly every 3 months (estimate).', hoursSource: ESTIMATE },
  { code: 'lac_visit', name: 'Looked-after child visit', status: 'looked_after', category: 'direct',
    rule: { kind: 'recurring', anchor: 'episode_start', first: weeks(1), every: weeks(6),
      later: { after: months(12), every: months(3), onlyIfLongTermPlacement: true } },
    hours: est(3.5), travel: { beyondMiles: 20, extraHours: est(2) },
    ruleSource: `${CPPCR}, reg. 28: within 1 week of a placement starting, then at most every 6 weeks in the first year; after that at most every 3 months where the placement is intended to last until 18, otherwise every 6 weeks.`,
    hoursSource: `${ESTIMATE} Out-of-area placements: +2 hours travel per visit beyond 20 miles (estimate).` },
  { code: 'lac_review', name: 'Looked-after review', status: 'looked_after', category: 'meeting',
    rule: { kind: 'recurring', anchor: 'period_start', first: wd(20), second: months(3), every: months(6) }, hours: est(6),
    ruleSource: `${CPPCR}, reg. 33: first review within 20 working days, second within 3 months of the first, then at most every 6 months.`, hoursSource: ESTIMATE },
  { code: 'court_work', name: 'Court work in care proceedings', status: 'court_proceedings', category: 'court',
    rule: { kind: 'monthly', perMonth: 1 }, hours: est(20),
    ruleSource: 'Children Act 1989 s32: proceedings completed within 26 weeks of issue; statements, hearings and parenting assessments meanwhile.', hoursSource: `${ESTIMATE} 20 hours a month while in proceedings.` },
  { code: 'pathway_plan_review', name: 'Pathway plan review', status: 'care_leaver', category: 'meeting',
    rule: { kind: 'recurring', anchor: 'period_start', first: months(6), every: months(6) }, hours: est(5),
    ruleSource: 'Care Leavers (England) Regulations 2010: pathway plan reviewed at least every 6 months.', hoursSource: ESTIMATE },
  { code: 'care_leaver_contact', name: 'Care leaver contact', status: 'care_leaver', category: 'direct',
    rule: { kind: 'recurring', anchor: 'period_start', first: weeks(1), every: months(2) }, hours: est(2),
    ruleSource: 'Care Leavers (England) Regulations 2010, reg. 8: where the council provides the accommodation, a visit within 7 days of it starting, then at least every two months; otherwise set locally.', hoursSource: ESTIMATE },
  { code: 'family_help_support', name: 'Family help support', status: 'family_help', category: 'direct',
    rule: { kind: 'monthly', perMonth: 1 }, hours: est(4),
    ruleSource: 'Set by the family help plan (estimate).', hoursSource: `${ESTIMATE} 4 hours a month.` },
  { code: 'case_management', name: 'Case management, calls, emails and recording', status: 'open_case', category: 'admin',
    rule: { kind: 'monthly', perMonth: 1 }, hours: est(2),
    ruleSource: 'Every open case.', hoursSource: `${ESTIMATE} 2 hours per case per month not tied to a visit; CCN/ACCE/Newton (about 2021) put recording and admin near half of all time.` },
];

const TASK_ESTIMATE = 'Caseweight estimate (no published time study gives this figure): business support time per task, including finding what is needed and recording it; low 0.7×, high 1.4×. Calibrate locally.';

/** Task hours (estimates, DOMAIN.md §6: business support takes delegated tasks, not case responsibility). */
export const DEFAULT_TASK_HOURS: TaskHours[] = [
  { type: 'letter', hours: est(1.5), from: ['admin'], source: `${TASK_ESTIMATE} A letter drafted from the worker's instructions, checked, sent and filed.` },
  { type: 'minutes', hours: est(1.5), from: ['meeting'], source: `${TASK_ESTIMATE} Writing up and circulating the minutes of a core group, review or network meeting: the worker still attends, so only the write-up moves (a core group is 2.5 h in all).` },
  { type: 'room_booking', hours: est(0.5), from: ['admin'], source: TASK_ESTIMATE },
  { type: 'interpreter_booking', hours: est(0.75), from: ['admin'], source: TASK_ESTIMATE },
  { type: 'chase_information', hours: est(1), from: ['admin', 'assessment'], source: `${TASK_ESTIMATE} Chasing a school, GP or other agency for information an assessment needs.` },
  { type: 'court_bundle', hours: est(6), from: ['court'], source: `${TASK_ESTIMATE} Paginating, indexing and serving a court bundle.` },
  { type: 'other', hours: est(1), from: ['admin'], source: TASK_ESTIMATE },
];

const BUSINESS_SUPPORT = {
  taskShare: 0.6,
  source: 'Caseweight estimate: business support officers also answer the team\'s phones and post, keep diaries and minute non-case meetings, so about 60% of their available time is for tasks handed over. Set locally.',
};

export const DEFAULT_CONFIG: WorkloadConfig = {
  name: 'Caseweight defaults (November 2026)',
  horizonDays: 30.4375,
  activities: DEFAULT_ACTIVITIES,
  // A child protection plan or care replaces child in need visits; a plan replaces family help.
  supersedes: {
    cp_plan: ['cin_plan', 'family_help'],
    looked_after: ['cin_plan', 'family_help'],
    cin_plan: ['family_help'],
    referral: ['family_help'],
  },
  siblings: {
    share: 0.5, categories: ['direct', 'meeting', 'court'],
    source: 'Caseweight estimate: a second and later sibling on the same allocation adds 50% of the visit and meeting time of the first child. Court work is shared too: care proceedings for a sibling group are one set of proceedings, with shared hearings and statements (Caseweight’s own choice; calibrate).',
  },
  factors: {
    interpreter: { multiplier: 1.3, categories: ['direct'], source: 'Caseweight estimate: interpreter needed ×1.3 on direct work.' },
    disability: { multiplier: 1.2, categories: ['direct'], source: 'Caseweight estimate: disability or complex health ×1.2 on direct work.' },
    exploitationOrMissing: { multiplier: 1.3, categories: ['direct'], lookbackMonths: 3,
      source: 'Caseweight estimate: exploitation or missing episodes in the last 3 months ×1.3 on direct work.' },
  },
  capacity: {
    fullTimeWeeklyHours: 37,
    annualLeaveDays: 27,
    bankHolidayDays: 8,
    leaveSource: 'National Joint Council (Green Book) full-time week of 37 hours (confirm your council\'s contract); about 27 days\' annual leave and 8 bank holidays a year.',
    protectedTime: [
      { code: 'supervision', name: 'Supervision', hoursPerMonth: round2((1.5 * 30.4375) / 28), scalesWithFte: false,
        source: 'Caseweight estimate: 1.5 hours every 4 weeks, in line with the employer standards\' regular supervision.' },
      { code: 'training', name: 'Training and CPD', hoursPerMonth: 4, scalesWithFte: true, source: 'Caseweight estimate: 4 hours a month.' },
      { code: 'team_meetings', name: 'Team meetings', hoursPerMonth: 4, scalesWithFte: false, source: 'Caseweight estimate: 4 hours a month.' },
    ],
    asye: {
      policy: 'ASYE (England), 10% development time',
      months: 12,
      developmentShare: 0.1,
      extraSupervisionHoursPerMonth: 1.5,
      source: 'Skills for Care, ASYE framework for child and family social work: it requires protected development time and a reduced workload but sets no percentage; common convention 10% (about 90% of an experienced worker). Extra supervision in the first months (estimate).',
    },
    caseworkShareByRole: {
      social_worker: 1,
      senior_practitioner: 0.7,
      team_manager: 0.2,
      family_help_practitioner: 1,
      family_support_worker: 1,
    },
    caseworkTime: { ...CASEWORK_TIME },
    caseworkShareSource: 'Estimate: senior and advanced practitioners hold a reduced caseload to mentor and consult; team managers mostly supervise, and those who hold cases do so in about a fifth of their time. Set locally.',
    reducingAbsenceKinds: ['sickness', 'parental', 'training', 'other'],
  },
  taskHours: DEFAULT_TASK_HOURS,
  businessSupport: { ...BUSINESS_SUPPORT },
  bands: { greenUpTo: 0.85, amberUpTo: 1, source: 'Caseweight defaults: green up to 85% of capacity, amber to 100%, red beyond. Set locally.' },
};
