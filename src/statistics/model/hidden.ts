/**
 * What the DfE caseload measure hides (DESIGN.md, Statistics): the spread of cases per FTE, newly
 * qualified (ASYE) staff's lighter caseloads, part-timers and others holding few cases, the work
 * the cases make (hours, not counts), who is over the safe band, and the posts nobody fills.
 * Each figure with a one-line reading beside the headline measure. Pure.
 */
import { isOverSafeBand, quantile, type BandName } from '../model.ts';
import { dfeRound } from './workforce.ts';

export interface HolderFigure {
  cases: number;
  fte: number;
  inAsye: boolean;
  /** A registered children and family social worker (the DfE measure's population). */
  socialWorker: boolean;
  /** Modelled hours a month for the cases held (central). */
  demandCentral: number;
  caseworkHours: number;
  band: BandName;
}

export interface HistogramBin {
  /** Cases per FTE from (included) … to (excluded); `to` null is open-ended. */
  from: number;
  to: number | null;
  label: string;
  people: number;
}

export interface HiddenMeasures {
  headline: number | null;
  distribution: { median: number | null; lowerQuartile: number | null; upperQuartile: number | null; bins: HistogramBin[]; people: number };
  withoutAsye: number | null;
  asyeOnly: number | null;
  asyePeople: number;
  /** Share (0–1) of case-holder FTE held by people with fewer than five cases. */
  fewerThanFiveShare: number | null;
  /** Modelled hours of casework a month per case-holder FTE (central). */
  hoursPerFte: number | null;
  /** Share (0–1) of people with casework time who are past green (amber or red). */
  overSafeBandShare: number | null;
  overSafeBand: number;
  /** The same cases over the case-holding establishment: case holders' FTE plus vacant posts nobody covers. */
  vacancyAdjusted: number | null;
  establishmentFte: number;
  readings: Record<'distribution' | 'asye' | 'fewerThanFive' | 'hours' | 'overSafeBand' | 'vacancy', string>;
}

const BIN_WIDTH = 5;
const TOP_BIN = 30;

/** Bins of five cases per FTE, 0–5 … 25–30, then 30 and more: a bin for every person counted. */
export function histogram(perFte: readonly number[]): HistogramBin[] {
  const bins: HistogramBin[] = [];
  for (let from = 0; from < TOP_BIN; from += BIN_WIDTH) bins.push({ from, to: from + BIN_WIDTH, label: `${from} to under ${from + BIN_WIDTH}`, people: 0 });
  bins.push({ from: TOP_BIN, to: null, label: `${TOP_BIN} or more`, people: 0 });
  for (const x of perFte) bins[Math.min(bins.length - 1, Math.floor(Math.max(0, x) / BIN_WIDTH))]!.people += 1;
  return bins;
}

const caseload = (people: readonly HolderFigure[]) => {
  const fte = people.reduce((s, p) => s + p.fte, 0);
  return fte > 0 ? people.reduce((s, p) => s + p.cases, 0) / fte : null;
};
const shown = (x: number | null) => (x === null ? 'no figure' : dfeRound(x).toFixed(1));
const pct = (x: number | null) => (x === null ? 'no figure' : `${dfeRound(x * 100)}%`);

/**
 * The measures beside the headline. `uncoveredVacancyFte`: vacant case-holding posts with no
 * agency worker in them (a covered vacancy's agency worker is already among the case holders).
 */
export function hiddenMeasures(figures: readonly HolderFigure[], uncoveredVacancyFte: number): HiddenMeasures {
  // The DfE's population: social workers holding one or more cases (agency included).
  const holders = figures.filter((f) => f.socialWorker && f.cases >= 1);
  const withFte = holders.filter((f) => f.fte > 0);
  const perFte = withFte.map((f) => f.cases / f.fte);
  const headline = caseload(holders);
  const asye = holders.filter((f) => f.inAsye);
  const withoutAsye = caseload(holders.filter((f) => !f.inAsye));
  const asyeOnly = caseload(asye);
  const holderFte = holders.reduce((s, f) => s + f.fte, 0);
  const fewerThanFiveShare = holderFte > 0 ? holders.filter((f) => f.cases < 5).reduce((s, f) => s + f.fte, 0) / holderFte : null;
  const hoursPerFte = holderFte > 0 ? holders.reduce((s, f) => s + f.demandCentral, 0) / holderFte : null;
  // Over the band is a share of people with casework time; those with none (cover) are counted apart.
  const counted = figures.filter((f) => f.band !== 'none' && f.band !== 'cover');
  const overSafeBand = counted.filter((f) => isOverSafeBand(f.band)).length;
  const overSafeBandShare = counted.length > 0 ? overSafeBand / counted.length : null;
  const establishmentFte = holderFte + Math.max(0, uncoveredVacancyFte);
  const vacancyAdjusted = establishmentFte > 0 ? holders.reduce((s, f) => s + f.cases, 0) / establishmentFte : null;
  const q = { median: quantile(perFte, 0.5), lowerQuartile: quantile(perFte, 0.25), upperQuartile: quantile(perFte, 0.75) };
  const says = `The measure says ${shown(headline)}`;
  return {
    headline,
    distribution: { ...q, bins: histogram(perFte), people: perFte.length },
    withoutAsye, asyeOnly, asyePeople: asye.length, fewerThanFiveShare, hoursPerFte, overSafeBandShare, overSafeBand,
    vacancyAdjusted, establishmentFte,
    readings: {
      distribution: `${says}; the middle person holds ${shown(q.median)} cases per FTE, and the middle half between ${shown(q.lowerQuartile)} and ${shown(q.upperQuartile)}.`,
      asye: `${says}; without ASYE staff it is ${shown(withoutAsye)}, and the ${asye.length} ASYE staff alone hold ${shown(asyeOnly)}.`,
      fewerThanFive: `${says}; ${pct(fewerThanFiveShare)} of the case holders’ FTE holds fewer than five cases, which pulls the average down.`,
      hours: `${says} cases; those cases make ${hoursPerFte === null ? 'no figure for' : Math.round(hoursPerFte)} modelled hours of casework a month per FTE.`,
      overSafeBand: `${says}; ${overSafeBand} people (${pct(overSafeBandShare)} of those with casework time) are over the safe band.`,
      vacancy: `${says}; spread over the establishment, with the ${dfeRound(Math.max(0, uncoveredVacancyFte))} FTE of posts nobody fills, it would be ${shown(vacancyAdjusted)}.`,
    },
  };
}
