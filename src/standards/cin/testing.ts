// Test support: small CIN censuses made from the schema's own code sets (no other project's files).
import { fc } from '@fast-check/vitest';
import type { CinCensus, CinChild, CinEpisode } from './model.ts';

const DAY0 = Date.UTC(2025, 3, 1);
export const dayIso = (offset: number) => new Date(DAY0 + offset * 86_400_000).toISOString().slice(0, 10);

/** A clean 2025/26 census: one child on a CIN plan, one on a child protection plan after an enquiry. */
export function sampleCensus(): CinCensus {
  const episode = (over: Partial<CinEpisode>): CinEpisode => ({
    line: 0, referralDate: '2025-05-01', referralSource: '1A', primaryNeed: 'N1', closureDate: null, reasonForClosure: null, initialCpcDate: null, referralNfa: false,
    assessments: [], cinPlans: [], section47s: [], cpPlans: [], ...over,
  });
  const child = (id: string, over: Partial<CinChild>): CinChild => ({
    id, line: 0, upn: null, birthDate: '2015-06-01', expectedBirthDate: null, sex: 'F', deathDate: null, ethnicity: 'WBRI', disabilities: ['NONE'], episodes: [], ...over,
  });
  return {
    year: 2026, referenceDate: '2026-03-31', lea: '202',
    children: [
      child('000101', { episodes: [episode({ assessments: [{ start: '2025-05-02', internalReview: null, authorised: '2025-06-10', factors: ['21'] }], cinPlans: [{ start: '2025-06-11', end: null }] })] }),
      child('000102', {
        sex: 'M', disabilities: ['AUT'],
        episodes: [episode({
          referralDate: '2025-07-01', closureDate: '2026-02-01', reasonForClosure: 'RC7',
          assessments: [{ start: '2025-07-01', internalReview: null, authorised: '2025-07-20', factors: ['3A'] }],
          section47s: [{ start: '2025-07-03', icpcTarget: '2025-07-24', icpcDate: '2025-07-21', icpcNotRequired: false }],
          cpPlans: [{ start: '2025-07-21', end: '2026-01-30', initialCategory: 'NEG', latestCategory: 'NEG', previousPlans: 0, reviews: ['2025-10-20'] }],
        })],
      }),
    ],
  };
}

const day = fc.integer({ min: -400, max: 364 }).map(dayIso);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });

const episodeArb: fc.Arbitrary<CinEpisode> = fc.record({
  line: fc.constant(0),
  referralDate: day,
  referralSource: fc.constantFrom('1A', '2A', '5B', '10'),
  primaryNeed: maybe(fc.constantFrom('N1', 'N4', 'N0')),
  closureDate: maybe(day),
  reasonForClosure: maybe(fc.constantFrom('RC1', 'RC7', 'RC8')),
  initialCpcDate: maybe(day),
  referralNfa: fc.boolean(),
  assessments: fc.array(fc.record({ start: day, internalReview: maybe(day), authorised: maybe(day), factors: fc.uniqueArray(fc.constantFrom('1A', '3A', '21', '24A'), { maxLength: 2 }) }), { maxLength: 2 }),
  cinPlans: fc.array(fc.record({ start: day, end: maybe(day) }), { maxLength: 2 }),
  section47s: fc.array(fc.record({ start: day, icpcTarget: maybe(day), icpcDate: maybe(day), icpcNotRequired: fc.boolean() }), { maxLength: 2 }),
  cpPlans: fc.array(fc.record({
    start: day, end: maybe(day), initialCategory: fc.constantFrom('NEG', 'PHY', 'MUL'), latestCategory: fc.constantFrom('NEG', 'EMO'),
    previousPlans: fc.integer({ min: 0, max: 3 }), reviews: fc.uniqueArray(day, { maxLength: 2 }),
  }), { maxLength: 2 }),
});

/** Any schema-valid census: the dates need not make sense (that is what the rules check). */
export const censusArb: fc.Arbitrary<CinCensus> = fc.record({
  year: fc.constant(2026),
  referenceDate: fc.constant('2026-03-31'),
  lea: maybe(fc.stringMatching(/^\d{3}$/)),
  children: fc.uniqueArray(fc.record({
    id: fc.stringMatching(/^[0-9A-Z]{1,10}$/),
    line: fc.constant(0),
    upn: maybe(fc.constantFrom('A12345678901B', 'Z999999999990')),
    birthDate: maybe(day),
    expectedBirthDate: maybe(day),
    sex: fc.constantFrom('M', 'F', 'U') as fc.Arbitrary<'M' | 'F' | 'U'>,
    deathDate: maybe(day),
    ethnicity: fc.constantFrom('WBRI', 'AIND', 'NOBT'),
    disabilities: fc.uniqueArray(fc.constantFrom('NONE', 'MOB', 'AUT', 'DDA'), { minLength: 1, maxLength: 2 }),
    episodes: fc.array(episodeArb, { minLength: 1, maxLength: 2 }),
  }), { minLength: 1, maxLength: 4, selector: (c) => c.id }),
});

/** The census without the line numbers a reader adds. */
export function withoutLines(census: CinCensus): CinCensus {
  return { ...census, children: census.children.map((c) => ({ ...c, line: 0, episodes: c.episodes.map((e) => ({ ...e, line: 0 })) })) };
}
