import type { ChildRow } from '../../kernel/register.ts';
import type { PractitionerRow } from '../../kernel/register.ts';
import {
  activeEpisodes, HEADROOM_TYPES, isoFromDay, roundRange, STATUS_NAMES,
  type Band, type CaseInput, type Day, type Headroom, type HeadroomType, type PractitionerWorkload, type Range, type ScheduleItem,
} from './index.ts';

/** Plain JSON shapes for the API and pages: rounded, dates as YYYY-MM-DD, no Infinity. */
const r2 = (x: number) => Math.round(x * 100) / 100;
const finite = (x: number) => (Number.isFinite(x) ? x : null);

export interface PractitionerSummaryView {
  practitionerId: string;
  name: string;
  teamId: string;
  role: string;
  fte: number;
  agency: boolean;
  inAsye: boolean;
  cases: number;
  demandHours: Range;
  capacityHours: number;
  ratio: Range | null;
  band: Band;
  headroom: Record<HeadroomType, { fewest: number | null; central: number | null; most: number | null }>;
}

function headroomView(h: Record<HeadroomType, Headroom>) {
  return Object.fromEntries(
    HEADROOM_TYPES.map((t) => [t, { fewest: finite(h[t].fewest), central: finite(h[t].central), most: finite(h[t].most) }]),
  ) as PractitionerSummaryView['headroom'];
}

export function toSummaryView(p: PractitionerRow, w: PractitionerWorkload): PractitionerSummaryView {
  return {
    practitionerId: p.practitioner_id,
    name: p.name,
    teamId: p.team_id,
    role: p.role,
    fte: p.fte,
    agency: p.agency,
    inAsye: w.capacity.inAsye,
    cases: w.caseCount,
    demandHours: roundRange(w.demand.total),
    capacityHours: r2(w.capacity.caseworkHours),
    ratio: w.ratio ? roundRange(w.ratio, 3) : null,
    band: w.band,
    headroom: headroomView(w.headroom),
  };
}

export interface BreakdownView extends PractitionerSummaryView {
  date: string;
  configVersion: number;
  capacity: {
    contractedHours: number;
    leaveHours: number;
    protectedTime: { code: string; name: string; hours: number; basis?: { recordedSessions: number } }[];
    asyeHours: number;
    absenceHours: number;
    availableHours: number;
    caseworkShare: number;
    caseworkHours: number;
    /** The fewest casework hours the capacity range allows (duty and non-case work taking their most). */
    caseworkHoursLow?: number;
  };
  caseList: {
    childId: string;
    childName: string;
    statuses: string[];
    hours: Range;
    activities: { code: string; name: string; category: string; occurrences: number; multiplier: number; siblingShare: number; hours: Range; why: string[] }[];
  }[];
  /** The cases' hours before any task was handed to business support. */
  casesHours?: Range;
  /** Each task handed to business support this month: its hours leave the demand above. */
  handedOff?: { taskId: string; childId: string; text: string; hours: Range }[];
}

export function toBreakdownView(p: PractitionerRow, w: PractitionerWorkload, date: string, configVersion: number, childNames: Map<string, string>): BreakdownView {
  const c = w.capacity;
  return {
    ...toSummaryView(p, w),
    date,
    configVersion,
    capacity: {
      contractedHours: r2(c.contractedHours),
      leaveHours: r2(c.leaveHours),
      protectedTime: c.protectedTime.map((t) => ({ ...t, hours: r2(t.hours) })),
      asyeHours: r2(c.asyeHours),
      absenceHours: r2(c.absenceHours),
      availableHours: r2(c.availableHours),
      caseworkShare: c.caseworkShare,
      caseworkHours: r2(c.caseworkHours),
      caseworkHoursLow: r2(c.caseworkRange.low),
    },
    caseList: w.demand.cases
      .filter((d) => d.statuses.length > 0)
      .sort((a, b) => b.total.central - a.total.central)
      .map((d) => ({
        childId: d.childId,
        childName: childNames.get(d.childId) ?? d.childId,
        statuses: d.statuses.map((s) => STATUS_NAMES[s]),
        hours: roundRange(d.total),
        activities: d.activities.map((a) => ({
          code: a.code, name: a.name, category: a.category, occurrences: r2(a.occurrences), multiplier: r2(a.multiplier),
          siblingShare: a.siblingShare, hours: roundRange(a.hours), why: a.why,
        })),
      })),
    casesHours: roundRange(w.demand.beforeHandOff),
    handedOff: w.demand.handedOff.map((l) => ({ taskId: l.taskId, childId: l.childId, text: l.text, hours: roundRange(l.hours) })),
  };
}

export interface ScheduleView {
  childId: string;
  childName: string;
  date: string;
  configVersion: number;
  statuses: string[];
  overdue: number;
  /** Items whose completion the council's data does not record: never counted as overdue. */
  notInData: number;
  items: { activityCode: string; name: string; status: string; dueOn: string; lastDoneOn: string | null; state: string; daysOverdue: number; conditional: boolean; ruleSource: string }[];
}

export function toScheduleView(child: ChildRow, input: CaseInput, items: ScheduleItem[], date: string, configVersion: number, day: Day): ScheduleView {
  return {
    childId: child.child_id,
    childName: child.name,
    date,
    configVersion,
    statuses: [...activeEpisodes(input.episodes, day).keys()].map((s) => STATUS_NAMES[s]),
    overdue: items.filter((i) => i.state === 'overdue').length,
    notInData: items.filter((i) => i.state === 'not_in_data').length,
    items: items.map((i) => ({
      activityCode: i.activityCode, name: i.name, status: STATUS_NAMES[i.status], dueOn: isoFromDay(i.dueOn),
      lastDoneOn: i.lastDoneOn === null ? null : isoFromDay(i.lastDoneOn), state: i.state, daysOverdue: i.daysOverdue,
      conditional: i.conditional, ruleSource: i.ruleSource,
    })),
  };
}
