import type { Interval, WorkloadConfig } from '../model/index.ts';
import { ROLE_NAMES } from '../../workforce/model.ts';

/**
 * Every other number in the model a system administrator can change from the settings page:
 * how often each activity recurs, the complexity factors, the sibling share, and the capacity
 * rules. Each names the path the model's validation reports, so an error lands on its field.
 */
export interface ScalarField {
  id: string;
  path: string;
  label: string;
  suffix: string;
  /** What the number is, in the field's error messages: "the repeat interval", "the share". */
  subject: string;
  /** Whole numbers only (intervals, months). */
  whole: boolean;
  /** Shown value = model value × scale (percentages are shown as 0–100). */
  scale: number;
  group: 'rule' | 'factor' | 'capacity';
  activityCode?: string;
  get(config: WorkloadConfig): number;
  set(config: WorkloadConfig, value: number): void;
}

const UNIT_WORDS: Record<Interval['unit'], string> = { working_days: 'working days', days: 'days', weeks: 'weeks', months: 'months' };
const INTERVAL_SUBJECTS: Record<string, string> = {
  within: 'the deadline', first: 'the first deadline', second: 'the second deadline', every: 'the repeat interval',
  'later-after': 'when the later interval starts', 'later-every': 'the later repeat interval',
};
/** The words for a number from its unit: "the share" of a percentage, "the factor" of a multiplier. */
function subjectFor(suffix: string): { subject: string; whole: boolean } {
  if (suffix.startsWith('%')) return { subject: 'the share', whole: false };
  if (suffix.startsWith('×')) return { subject: 'the factor', whole: false };
  if (suffix.startsWith('hours')) return { subject: 'the hours', whole: false };
  if (suffix.startsWith('days')) return { subject: 'the days', whole: false };
  return { subject: 'the months', whole: suffix === 'months' };
}

export function scalarFields(config: WorkloadConfig): ScalarField[] {
  const fields: ScalarField[] = [];
  config.activities.forEach((activity, i) => {
    const rule = activity.rule;
    const code = activity.code;
    const interval = (key: string, label: string, pick: (c: WorkloadConfig) => Interval | undefined, path: string) => {
      const current = pick(config);
      if (!current) return;
      fields.push({
        id: `rule-${code}-${key}`, path: `activities.${i}.rule.${path}`, label, suffix: UNIT_WORDS[current.unit], subject: INTERVAL_SUBJECTS[key] ?? 'the interval', whole: true, scale: 1, group: 'rule', activityCode: code,
        get: (c) => pick(c)!.n, set: (c, v) => { pick(c)!.n = v; },
      });
    };
    const ruleOf = (c: WorkloadConfig) => c.activities[i]!.rule;
    // Work that starts its episode is held on its first day: no interval to set.
    if (rule.kind === 'once' && !rule.startsEpisode) interval('within', 'Within', (c) => (ruleOf(c) as typeof rule).within, 'within');
    if (rule.kind === 'recurring') {
      interval('first', 'First within', (c) => (ruleOf(c) as typeof rule).first, 'first');
      interval('second', 'Second within', (c) => (ruleOf(c) as typeof rule).second, 'second');
      interval('every', 'Then every', (c) => (ruleOf(c) as typeof rule).every, 'every');
      interval('later-after', 'Change after', (c) => (ruleOf(c) as typeof rule).later?.after, 'later.after');
      interval('later-every', 'Then every', (c) => (ruleOf(c) as typeof rule).later?.every, 'later.every');
    }
    if (rule.kind === 'monthly') {
      fields.push({
        id: `rule-${code}-per-month`, path: `activities.${i}.rule.perMonth`, label: 'Times a month', suffix: '', subject: 'the times a month', whole: false, scale: 1, group: 'rule', activityCode: code,
        get: (c) => (ruleOf(c) as typeof rule).perMonth, set: (c, v) => { (ruleOf(c) as typeof rule).perMonth = v; },
      });
    }
  });

  const scalar = (id: string, path: string, label: string, suffix: string, scale: number, group: ScalarField['group'], get: (c: WorkloadConfig) => number, set: (c: WorkloadConfig, v: number) => void) =>
    fields.push({ id, path, label, suffix, scale, group, get, set, ...subjectFor(suffix) });
  scalar('siblings-share', 'siblings.share', 'Time a later sibling on the same allocation adds, as a share of visit, meeting and court time', '%', 100, 'factor', (c) => c.siblings.share, (c, v) => { c.siblings.share = v; });
  scalar('factor-interpreter', 'factors.interpreter', 'Interpreter needed', '× direct work', 1, 'factor', (c) => c.factors.interpreter.multiplier, (c, v) => { c.factors.interpreter.multiplier = v; });
  scalar('factor-disability', 'factors.disability', 'Disability or complex health', '× direct work', 1, 'factor', (c) => c.factors.disability.multiplier, (c, v) => { c.factors.disability.multiplier = v; });
  scalar('factor-exploitation', 'factors.exploitationOrMissing.multiplier', 'Exploitation or missing episodes', '× direct work', 1, 'factor', (c) => c.factors.exploitationOrMissing.multiplier, (c, v) => { c.factors.exploitationOrMissing.multiplier = v; });
  scalar('factor-exploitation-lookback', 'factors.exploitationOrMissing.lookbackMonths', 'Counting episodes in the last', 'months', 1, 'factor', (c) => c.factors.exploitationOrMissing.lookbackMonths, (c, v) => { c.factors.exploitationOrMissing.lookbackMonths = v; });

  scalar('capacity-weekly-hours', 'capacity.fullTimeWeeklyHours', 'Full-time hours a week', 'hours', 1, 'capacity', (c) => c.capacity.fullTimeWeeklyHours, (c, v) => { c.capacity.fullTimeWeeklyHours = v; });
  scalar('capacity-leave', 'capacity.annualLeaveDays', 'Annual leave', 'days a year', 1, 'capacity', (c) => c.capacity.annualLeaveDays, (c, v) => { c.capacity.annualLeaveDays = v; });
  scalar('capacity-bank-holidays', 'capacity.bankHolidayDays', 'Bank holidays', 'days a year', 1, 'capacity', (c) => c.capacity.bankHolidayDays, (c, v) => { c.capacity.bankHolidayDays = v; });
  config.capacity.protectedTime.forEach((p, i) => {
    scalar(`capacity-protected-${p.code}`, `capacity.protectedTime.${i}`, p.name, 'hours a month', 1, 'capacity', (c) => c.capacity.protectedTime[i]!.hoursPerMonth, (c, v) => { c.capacity.protectedTime[i]!.hoursPerMonth = v; });
  });
  scalar('capacity-asye-share', 'capacity.asye.developmentShare', 'ASYE development time', '% of contracted hours', 100, 'capacity', (c) => c.capacity.asye.developmentShare, (c, v) => { c.capacity.asye.developmentShare = v; });
  scalar('capacity-asye-supervision', 'capacity.asye.extraSupervisionHoursPerMonth', 'ASYE extra supervision', 'hours a month', 1, 'capacity', (c) => c.capacity.asye.extraSupervisionHoursPerMonth, (c, v) => { c.capacity.asye.extraSupervisionHoursPerMonth = v; });
  scalar('capacity-asye-months', 'capacity.asye.months', 'ASYE lasts', 'months', 1, 'capacity', (c) => c.capacity.asye.months, (c, v) => { c.capacity.asye.months = v; });
  for (const k of ['low', 'central', 'high'] as const) {
    scalar(`capacity-casework-time-${k}`, `capacity.caseworkTime.${k}`, `Share of time for casework (${k})`, '% of available time, after duty, non-case admin and meetings', 100, 'capacity',
      (c) => c.capacity.caseworkTime[k], (c, v) => { c.capacity.caseworkTime[k] = v; });
  }
  // Tasks handed to business support: each type's central hours, its low and high moving in proportion (kept in order).
  config.taskHours.forEach((t, i) => {
    scalar(`task-hours-${t.type}`, `taskHours.${i}.hours`, `Business support task: ${TASK_LABELS[t.type]}`, 'hours each (low and high move with it)', 1, 'capacity',
      (c) => c.taskHours[i]!.hours.central,
      (c, v) => {
        const h = c.taskHours[i]!.hours;
        const k = h.central > 0 ? v / h.central : 1;
        c.taskHours[i]!.hours = h.central > 0 ? { low: round4(h.low * k), central: v, high: round4(h.high * k) } : { low: v, central: v, high: v };
      });
  });
  scalar('business-support-task-share', 'businessSupport.taskShare', 'Business support time for tasks handed over', '% of available time', 100, 'capacity',
    (c) => c.businessSupport.taskShare, (c, v) => { c.businessSupport.taskShare = v; });
  for (const role of Object.keys(config.capacity.caseworkShareByRole)) {
    scalar(`capacity-casework-${role}`, `capacity.caseworkShareByRole.${role}`, `Casework share: ${ROLE_NAMES[role] ?? role}`, '% of available time', 100, 'capacity',
      (c) => c.capacity.caseworkShareByRole[role] ?? 1, (c, v) => { c.capacity.caseworkShareByRole[role] = v; });
  }
  return fields;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
/** The task types' names as a form label reads them. */
const TASK_LABELS: Record<string, string> = {
  letter: 'a letter', minutes: 'minutes of a meeting', room_booking: 'booking a room', interpreter_booking: 'booking an interpreter',
  chase_information: 'chasing information', court_bundle: 'a court bundle', other: 'other tasks',
};
