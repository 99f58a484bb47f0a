import type { WorkloadConfig } from '../../workload/model/catalogue.ts';
import { capacity, type CapacityInput } from '../../workload/model/capacity.ts';
import type { Day, WorkingCalendar } from '../../kernel/calendar.ts';
import { scaleRange, sumRanges, type Range } from '../../kernel/range.ts';
import { CASE_TYPES, type CaseMix } from './case-mix.ts';
import type { DemandForecast } from './forecast.ts';

/**
 * Sufficiency (DESIGN.md, Statistics): the FTE needed to keep every worker in the safe band at
 * today's demand and in twelve months, against the establishment (posts) and the people in post,
 * and what drives the gap. FTE is counted at the council's own mix of roles, part-time work,
 * absence and ASYE allowance (its casework hours per FTE in post), and assumes work can be shared
 * out so that nobody is over the band: the least the council needs, not an allocation.
 */

/** One person in post, as sufficiency reads them. */
export interface StaffFigure {
  fte: number;
  agency: boolean;
  inAsye: boolean;
  /** Casework hours this month, low / central / high (the share of time casework gets). */
  casework: Range;
  /** Central casework hours with no absence this month, and with no ASYE allowance. */
  caseworkWithoutAbsence: number;
  caseworkWithoutAsye: number;
}

/** A practitioner's capacity as it is, and as it would be without their absence and without the ASYE allowance. */
export function staffFigure(input: CapacityInput, agency: boolean, day: Day, config: WorkloadConfig, calendar: WorkingCalendar): StaffFigure {
  const now = capacity(input, day, config, calendar);
  return {
    fte: now.contractedHours > 0 ? input.fte : 0,
    agency,
    inAsye: now.inAsye,
    casework: now.caseworkRange,
    caseworkWithoutAbsence: input.absences.length === 0 ? now.caseworkHours : capacity({ ...input, absences: [] }, day, config, calendar).caseworkHours,
    caseworkWithoutAsye: now.inAsye ? capacity({ ...input, asyeStart: null }, day, config, calendar).caseworkHours : now.caseworkHours,
  };
}

/** The establishment: every post's FTE, the vacant ones, and those an agency worker covers. */
export interface Establishment { fte: number; vacantFte: number; coveredFte: number }

export interface WhatIf {
  /** Every vacant post not covered by an agency worker filled, at the council's casework hours per FTE. */
  fillVacancies: boolean;
  /** Half of the agency workers' FTE gone (their hours with it). */
  halveAgency: boolean;
  /** Demand higher by this share, today and in twelve months (0.1 = +10 %). */
  demandUp: number;
}
export const NO_CHANGE: WhatIf = { fillVacancies: false, halveAgency: false, demandUp: 0 };

export interface Driver {
  code: 'demand_growth' | 'vacancies' | 'agency' | 'absence' | 'asye';
  /** Casework hours a month it adds to what is needed (+) or to what the council has (−, for staff lost). */
  hours: number;
  /** In FTE at the council's casework hours per FTE. */
  fte: number;
}

export interface Sufficiency {
  greenUpTo: number;
  /** Demand, hours a month: today and in twelve months (the model's range combined with the forecast's). */
  demandNow: Range;
  demandIn12: Range;
  /** Staff in post: FTE, of them agency and ASYE, and their casework hours a month. */
  inPost: { fte: number; agencyFte: number; asyeFte: number; people: number; casework: Range };
  /** Casework hours a month one FTE in post gives, at today's mix. */
  hoursPerFte: Range;
  establishment: Establishment;
  /** FTE needed to keep demand inside the green band: low ≤ central ≤ high. */
  neededNow: Range;
  neededIn12: Range;
  /** Needed − in post and needed − establishment (central, with the interval's ends). */
  gapNow: { inPost: Range; establishment: Range };
  gapIn12: { inPost: Range; establishment: Range };
  drivers: Driver[];
}

const EMPTY: Range = { low: 0, central: 0, high: 0 };

/**
 * Demand in twelve months: each type's demand today times its forecast growth. The ends combine
 * the ends of both ranges (least hours with the lowest forecast, most with the highest), so the
 * interval is a cautious envelope rather than a probability.
 */
export function demandIn12(mix: CaseMix, forecast: DemandForecast): Range {
  const parts: Range[] = [];
  for (const type of CASE_TYPES) {
    const d = mix.byType[type].demand;
    const f = forecast.byType.find((t) => t.type === type);
    const g = f?.growth ?? { low: 1, central: 1, high: 1 };
    parts.push({ low: d.low * g.low, central: d.central * g.central, high: d.high * g.high });
  }
  // A type's own range can be out of order when siblings of different types share time (demand.ts): keep the total's ends in order.
  const total = sumRanges(parts);
  return { low: Math.min(total.low, total.central), central: total.central, high: Math.max(total.high, total.central) };
}

/** FTE that keeps `demand` within the green band, given casework hours per FTE (ordered when both are). */
export function fteNeeded(demand: Range, hoursPerFte: Range, greenUpTo: number): Range {
  const need = (d: number, h: number) => (d <= 0 ? 0 : h > 0 ? d / (greenUpTo * h) : Number.POSITIVE_INFINITY);
  return { low: need(demand.low, hoursPerFte.high), central: need(demand.central, hoursPerFte.central), high: need(demand.high, hoursPerFte.low) };
}

const minus = (r: Range, x: number): Range => ({ low: r.low - x, central: r.central - x, high: r.high - x });

export function sufficiency(mix: CaseMix, forecast: DemandForecast, staff: readonly StaffFigure[], establishment: Establishment, greenUpTo: number, whatIf: WhatIf = NO_CHANGE): Sufficiency {
  const up = 1 + Math.max(0, whatIf.demandUp);
  const now = scaleRange(mix.demand, up);
  const later = scaleRange(demandIn12(mix, forecast), up);

  const fteOf = (xs: readonly StaffFigure[]) => xs.reduce((s, x) => s + x.fte, 0);
  const agency = staff.filter((s) => s.agency);
  let fte = fteOf(staff);
  let casework = sumRanges(staff.map((s) => s.casework));
  const perFteToday = fte > 0 ? scaleRange(casework, 1 / fte) : EMPTY;
  const agencyFte = fteOf(agency);
  let agencyShown = agencyFte;
  if (whatIf.halveAgency && agencyFte > 0) {
    fte -= agencyFte / 2;
    agencyShown = agencyFte / 2;
    casework = sumRanges([casework, scaleRange(sumRanges(agency.map((s) => s.casework)), -0.5)]);
  }
  const uncovered = Math.max(0, establishment.vacantFte - establishment.coveredFte);
  if (whatIf.fillVacancies && uncovered > 0) {
    fte += uncovered;
    casework = sumRanges([casework, scaleRange(perFteToday, uncovered)]);
  }
  const hoursPerFte = fte > 0 ? scaleRange(casework, 1 / fte) : EMPTY;
  const neededNow = fteNeeded(now, hoursPerFte, greenUpTo);
  const neededIn12 = fteNeeded(later, hoursPerFte, greenUpTo);
  const perFte = hoursPerFte.central;
  const asFte = (hours: number) => (perFte > 0 ? hours / perFte : 0);
  const absenceHours = staff.reduce((s, x) => s + (x.caseworkWithoutAbsence - x.casework.central), 0);
  const asyeHours = staff.reduce((s, x) => s + (x.caseworkWithoutAsye - x.casework.central), 0);
  const growth = later.central - now.central;
  const drivers: Driver[] = [
    { code: 'demand_growth', hours: growth, fte: perFte > 0 ? growth / (greenUpTo * perFte) : 0 },
    { code: 'vacancies', hours: (whatIf.fillVacancies ? 0 : uncovered) * perFte, fte: whatIf.fillVacancies ? 0 : uncovered },
    { code: 'agency', hours: sumRanges(agency.map((s) => s.casework)).central * (agencyShown / (agencyFte || 1)), fte: agencyShown },
    { code: 'absence', hours: absenceHours, fte: asFte(absenceHours) },
    { code: 'asye', hours: asyeHours, fte: asFte(asyeHours) },
  ];
  const gap = (needed: Range) => ({ inPost: minus(needed, fte), establishment: minus(needed, establishment.fte) });
  return {
    greenUpTo,
    demandNow: now,
    demandIn12: later,
    inPost: { fte, agencyFte: agencyShown, asyeFte: fteOf(staff.filter((s) => s.inAsye)), people: staff.length, casework },
    hoursPerFte,
    establishment,
    neededNow,
    neededIn12,
    gapNow: gap(neededNow),
    gapIn12: gap(neededIn12),
    drivers,
  };
}
