/**
 * The national demo (issue 17 item 5): 152 fictional councils' returns for the census years
 * 2022–2025, drawn around the DfE's national series (DOMAIN.md §2, §10) and put through the same
 * return builder (sums, suppression, rounding) as a council's own export. Lighter than generating
 * 152 registers: each council's staff are drawn as figures in memory, never written anywhere.
 */
import { buildCouncilReturn, type ReturnInputs, type ReturnMover, type ReturnPerson } from '../national/model/figures.ts';
import type { CouncilReturn, Region } from '../national/model/format.ts';
import { nationalCouncilOptions } from './generate.ts';
import { Random } from './random.ts';

/** DfE 2025 release, England, 30 September: caseload, vacancy %, agency %, turnover % (DOMAIN.md §2). */
export const NATIONAL_SERIES = {
  2022: { caseload: 16.6, vacancy: 20.0, agency: 17.6, turnover: 17.2 },
  2023: { caseload: 16.0, vacancy: 18.9, agency: 17.9, turnover: 15.9 },
  2024: { caseload: 15.4, vacancy: 17.3, agency: 16.2, turnover: 13.9 },
  2025: { caseload: 15.2, vacancy: 14.2, agency: 13.0, turnover: 11.8 },
} as const;
export type DemoYear = keyof typeof NATIONAL_SERIES;
export const DEMO_YEARS = Object.keys(NATIONAL_SERIES).map(Number) as DemoYear[];

/** In-post FTE per council on average in 2025 (36,186 over 152), and the year's growth (31,634 in 2022). */
const IN_POST_FTE_2025 = 238;
const IN_POST_GROWTH: Record<DemoYear, number> = { 2022: 0.874, 2023: 0.915, 2024: 0.949, 2025: 1 };
/** Sickness absence about 3.5 % of working days: a third of staff off some days, about 26 days each. */
const ABSENT_SHARE = 0.34;
const ABSENT_MEAN_DAYS = 26;

function councilInputs(rnd: Random, size: number, year: DemoYear, councilCaseload: number, councilRates: { vacancy: number; agency: number; turnover: number }): ReturnInputs {
  const people: ReturnPerson[] = [];
  const employedFte = IN_POST_FTE_2025 * IN_POST_GROWTH[year] * size;
  const fteOf = () => (rnd.chance(1 / 6) ? rnd.pick([0.5, 0.6, 0.8]) : 1);
  const socialWorker = (agency: boolean): ReturnPerson => {
    const role = agency ? rnd.weighted([['social_worker', 0.85], ['senior_practitioner', 0.15]] as const) : rnd.weighted([['team_manager', 0.11], ['senior_practitioner', 0.2], ['social_worker', 0.69]] as const);
    const fte = agency ? 1 : fteOf();
    // About half of social worker FTE holds cases (DOMAIN.md §1): most social workers, some senior practitioners, no managers.
    const holds = role === 'social_worker' ? rnd.chance(0.66) : role === 'senior_practitioner' ? rnd.chance(0.3) : false;
    const perFte = holds ? councilCaseload * rnd.lognormal(Math.exp(-0.045), 0.3) : 0;
    const cases = holds ? Math.max(1, Math.round(perFte * fte)) : 0;
    const ratio = (cases / Math.max(fte, 0.1)) / 19.5 * rnd.lognormal(1, 0.2);
    const band: ReturnPerson['band'] = holds && rnd.chance(0.03) ? 'cover' : ratio <= 0.85 ? 'green' : ratio <= 1 ? 'amber' : 'red';
    const daysLost = !agency && rnd.chance(ABSENT_SHARE) ? Math.round(rnd.exponential(ABSENT_MEAN_DAYS)) : 0;
    return { role, fte, agency, cases, band: holds ? band : 'green', daysLost };
  };
  for (let fte = 0; fte < employedFte;) {
    const p = socialWorker(false);
    people.push(p);
    fte += p.fte;
  }
  const agencyFte = (councilRates.agency / (1 - councilRates.agency)) * employedFte;
  for (let i = 0; i < Math.round(agencyFte); i++) people.push(socialWorker(true));
  // Family help practitioners and family support workers: not social workers, outside the DfE's rates.
  for (let i = 0; i < Math.round(0.2 * people.length); i++) {
    people.push({ role: rnd.chance(0.6) ? 'family_help_practitioner' : 'family_support_worker', fte: fteOf(), agency: false, cases: 0, band: 'green', daysLost: 0 });
  }
  const movers: ReturnMover[] = [];
  const leaverFte = councilRates.turnover * employedFte;
  for (let fte = 0; fte < leaverFte;) {
    const f = fteOf();
    movers.push({ role: rnd.weighted([['team_manager', 0.1], ['senior_practitioner', 0.18], ['social_worker', 0.72]] as const), fte: f, agency: false, kind: 'leaver' });
    fte += f;
  }
  const starters = Math.round(movers.length * rnd.between(0.95, 1.25));
  for (let i = 0; i < starters; i++) movers.push({ role: rnd.weighted([['senior_practitioner', 0.1], ['social_worker', 0.9]] as const), fte: fteOf(), agency: false, kind: 'starter' });
  const vacancyFte = (councilRates.vacancy / (1 - councilRates.vacancy)) * employedFte;
  const posts = Array.from({ length: Math.round(vacancyFte) }, () => ({ role: 'social_worker', fte: 1, status: 'vacant' as const, covered: rnd.chance(0.736) }));
  return { inPost: people, movers, posts };
}

/** Every council's return for every demo census year (30 September), deterministic from the seed. */
export function generateNationalReturns(seed: number, years: readonly DemoYear[] = DEMO_YEARS): CouncilReturn[] {
  const councils = nationalCouncilOptions(seed, `${years.at(-1) ?? 2025}-09-30`);
  const mean = councils.reduce((s, c) => s + (c.staffScale ?? 1), 0) / councils.length;
  const out: CouncilReturn[] = [];
  // One stream for all councils in turn: neighbouring seeds start this generator on near-equal draws.
  const rnd = new Random(seed * 7919 + 17);
  councils.forEach((c) => {
    // A council keeps its character from year to year: busier or quieter, harder or easier to recruit to.
    // Each drawn with mean 1 (a lognormal's mean is its median × e^(σ²/2)), so the national figures land on the DfE's.
    const around = (sigma: number) => rnd.lognormal(Math.exp(-(sigma ** 2) / 2), sigma);
    const character = { caseload: around(0.14), vacancy: around(0.35), agency: around(0.45), turnover: around(0.3) };
    for (const year of years) {
      const s = NATIONAL_SERIES[year];
      const drift = () => around(0.08);
      const rates = { vacancy: Math.min(0.45, (s.vacancy / 100) * character.vacancy * drift()), agency: Math.min(0.45, (s.agency / 100) * character.agency * drift()), turnover: Math.min(0.4, (s.turnover / 100) * character.turnover * drift()) };
      const inputs = councilInputs(rnd, (c.staffScale ?? 1) / mean, year, s.caseload * character.caseload * drift(), rates);
      out.push(buildCouncilReturn(inputs, { code: c.councilId, name: c.name, region: c.region as Region, censusDate: `${year}-09-30`, producedBy: 'Caseweight demo generator (fictional councils)' }));
    }
  });
  return out;
}
