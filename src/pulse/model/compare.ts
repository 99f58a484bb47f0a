/**
 * Where the workload model and the people disagree: a team's modelled workload (from the workload
 * model, on the month's last day) beside what its people said. Pure.
 */
import type { Band } from '../../kernel/bands.ts';
import type { GroupFigures } from './publish.ts';

/** One person's modelled figures, as the workload model gives them. */
export interface ModelledPerson {
  teamId: string;
  band: Band;
  /** Demand ÷ casework capacity, central; null with no casework time. */
  ratio: number | null;
}

export interface ModelledTeam {
  /** People with casework time this month (the ones a ratio is computed for). */
  people: number;
  /** Of them, over the safe band (amber or red). */
  overBand: number;
  /** The middle person's workload, central estimate; null with nobody to compute. */
  medianRatio: number | null;
}

export function modelledTeam(people: readonly ModelledPerson[]): ModelledTeam {
  const ratios = people.filter((p) => p.ratio !== null && (p.band === 'green' || p.band === 'amber' || p.band === 'red')).map((p) => p.ratio!).sort((a, b) => a - b);
  const mid = ratios.length / 2;
  const medianRatio = ratios.length === 0 ? null : ratios.length % 2 === 1 ? ratios[Math.floor(mid)]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
  return { people: ratios.length, overBand: people.filter((p) => p.band === 'amber' || p.band === 'red').length, medianRatio };
}

export type Agreement = 'people_report_more_strain' | 'model_shows_more_strain' | 'agree' | 'not_enough';

/**
 * Disagreement, deliberately coarse: the model says the middle person is within the safe band
 * while fewer than half say their workload is manageable, or the model puts the middle person
 * over the band while at least three in four say it is manageable. Anything between is agreement.
 */
export function compare(model: ModelledTeam, people: GroupFigures | null, greenUpTo: number): Agreement {
  if (people === null || model.medianRatio === null) return 'not_enough';
  const modelStrained = model.medianRatio > greenUpTo;
  if (!modelStrained && people.manageable < 0.5) return 'people_report_more_strain';
  if (modelStrained && people.manageable >= 0.75) return 'model_shows_more_strain';
  return 'agree';
}
