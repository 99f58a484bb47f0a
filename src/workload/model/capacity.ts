import { addMonths, DAYS_PER_MONTH, type Day, type WorkingCalendar } from '../../kernel/calendar.ts';
import type { WorkloadConfig } from './catalogue.ts';
import { scaleRange, type Range } from '../../kernel/range.ts';

export interface AbsenceInput {
  kind: string;
  start: Day;
  /** Last day of the absence (inclusive), as people write it. */
  end: Day;
}

/**
 * Supervision recorded for one person in the month to the date (hours a month, scaled to the
 * horizon like the estimates): received as supervisee, given as supervisor (DOMAIN.md §10:
 * supervision is workload for both).
 */
export interface SupervisionTime {
  receivedHours: number;
  receivedSessions: number;
  givenHours: number;
  givenSessions: number;
}

export interface CapacityInput {
  role: string;
  fte: number;
  contractedWeeklyHours: number;
  asyeStart: Day | null;
  leftOn: Day | null;
  absences: readonly AbsenceInput[];
  /** Recorded supervision, when the council records it in Caseweight; without it the flat estimate stands. */
  supervision?: SupervisionTime;
}

/** A line of protected time: the catalogue's estimate, or what was recorded (with how many sessions). */
export interface ProtectedLine {
  code: string;
  name: string;
  hours: number;
  basis?: { recordedSessions: number };
}

export interface Capacity {
  contractedHours: number;
  leaveHours: number;
  protectedTime: ProtectedLine[];
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
  // Recorded sessions, where there are any, stand in for the flat supervision estimate (and the
  // ASYE's extra supervision, which they include); supervising others is recorded time only.
  const sup = gone ? undefined : input.supervision;
  const received = sup !== undefined && sup.receivedSessions > 0 ? sup : undefined;
  const protectedTime: ProtectedLine[] = gone
    ? []
    : rules.protectedTime.map((p) => (p.code === 'supervision' && received
      ? { code: p.code, name: p.name, hours: received.receivedHours * months, basis: { recordedSessions: received.receivedSessions } }
      : { code: p.code, name: p.name, hours: p.hoursPerMonth * (p.scalesWithFte ? input.fte : 1) * months }));
  if (sup !== undefined && sup.givenSessions > 0) {
    protectedTime.push({ code: 'supervising', name: 'Supervising others', hours: sup.givenHours * months, basis: { recordedSessions: sup.givenSessions } });
  }

  const inAsye = !gone && input.asyeStart !== null && input.asyeStart <= day && day < addMonths(input.asyeStart, rules.asye.months);
  const asyeHours = inAsye ? contractedHours * rules.asye.developmentShare + (received ? 0 : rules.asye.extraSupervisionHoursPerMonth * months) : 0;

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
