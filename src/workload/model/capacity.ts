import { addMonths, DAYS_PER_MONTH, type Day, type WorkingCalendar } from '../../kernel/calendar.ts';
import type { WorkloadConfig } from './catalogue.ts';
import { scaleRange, type Range } from '../../kernel/range.ts';

export interface AbsenceInput {
  kind: string;
  start: Day;
  /** Last day of the absence (inclusive), as people write it. */
  end: Day;
}

export interface CapacityInput {
  role: string;
  fte: number;
  contractedWeeklyHours: number;
  asyeStart: Day | null;
  leftOn: Day | null;
  absences: readonly AbsenceInput[];
}

export interface Capacity {
  contractedHours: number;
  leaveHours: number;
  protectedTime: { code: string; name: string; hours: number }[];
  asyeHours: number;
  absenceHours: number;
  absenceWorkingDays: number;
  /** Time left for work after leave, protected time and absence. */
  availableHours: number;
  caseworkShare: number;
  /** The hours against which case demand is measured (the central of the range below). */
  caseworkHours: number;
  /** Casework hours as a range: the share of time casework really gets, low / central / high. */
  caseworkRange: Range;
  inAsye: boolean;
}

const WEEKS_PER_MONTH = 52 / 12;
const WEEKDAYS_PER_YEAR = 260;

/**
 * Hours a practitioner has for casework over the horizon starting on `day`: contracted hours,
 * less average leave (annual leave and bank holidays), protected time, the ASYE allowance and
 * absence recorded in the horizon. Annual leave is averaged over the year rather than taken
 * from the calendar, so a fortnight's holiday does not make someone look overloaded.
 */
export function capacity(input: CapacityInput, day: Day, config: WorkloadConfig, calendar: WorkingCalendar): Capacity {
  const rules = config.capacity;
  const gone = input.leftOn !== null && input.leftOn <= day;
  // Capacity covers the same horizon as demand (config.horizonDays; by default exactly one
  // average month, so this is 1): measuring a month of capacity against a fortnight of demand
  // would halve every ratio.
  const months = config.horizonDays / DAYS_PER_MONTH;
  const contractedHours = gone ? 0 : input.contractedWeeklyHours * WEEKS_PER_MONTH * months;
  const leaveHours = (contractedHours * (rules.annualLeaveDays + rules.bankHolidayDays)) / WEEKDAYS_PER_YEAR;
  const protectedTime = gone
    ? []
    : rules.protectedTime.map((p) => ({ code: p.code, name: p.name, hours: p.hoursPerMonth * (p.scalesWithFte ? input.fte : 1) * months }));

  const inAsye = !gone && input.asyeStart !== null && input.asyeStart <= day && day < addMonths(input.asyeStart, rules.asye.months);
  const asyeHours = inAsye ? contractedHours * rules.asye.developmentShare + rules.asye.extraSupervisionHoursPerMonth * months : 0;

  const horizonEnd = Math.ceil(day + config.horizonDays);
  const absenceWorkingDays = gone ? 0 : absentWorkingDays(input.absences, rules.reducingAbsenceKinds, day, horizonEnd, calendar);
  const absenceHours = (absenceWorkingDays * input.contractedWeeklyHours) / 5;

  const protectedHours = protectedTime.reduce((s, p) => s + p.hours, 0);
  const availableHours = Math.max(0, contractedHours - leaveHours - protectedHours - asyeHours - absenceHours);
  const caseworkShare = rules.caseworkShareByRole[input.role] ?? 1;
  return {
    contractedHours,
    leaveHours,
    protectedTime,
    asyeHours,
    absenceHours,
    absenceWorkingDays,
    availableHours,
    caseworkShare,
    caseworkHours: availableHours * caseworkShare * rules.caseworkTime.central,
    caseworkRange: scaleRange({ low: rules.caseworkTime.low, central: rules.caseworkTime.central, high: rules.caseworkTime.high }, availableHours * caseworkShare),
    inAsye,
  };
}

/** Working days in [from, to) covered by at least one reducing absence (overlaps counted once). */
function absentWorkingDays(absences: readonly AbsenceInput[], kinds: readonly string[], from: Day, to: Day, calendar: WorkingCalendar): number {
  const spans = absences
    .filter((a) => kinds.includes(a.kind) && a.start < to && a.end >= from)
    .map((a) => [Math.max(a.start, from), Math.min(a.end + 1, to)] as const)
    .sort((a, b) => a[0] - b[0]);
  let days = 0;
  let cursor = from;
  for (const [start, end] of spans) {
    const s = Math.max(start, cursor);
    if (end > s) {
      days += calendar.workingDaysBetween(s, end);
      cursor = end;
    }
  }
  return days;
}
