// The casework share from recorded time: recovered from synthetic person-months, called against
// the model's share, and proposed as an ordered range within 0–1.
import { fc, test } from '@fast-check/vitest';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { calibrateCaseworkShare, MIN_SHARE_SAMPLES, type CaseworkTimeSample } from './calibration-share.ts';
import { DEFAULT_CONFIG } from './catalogue.ts';

/** Person-months with a true share, ±15 % month-to-month, and 5 % months with a late absence (a tenth of the time available). */
function months(role: string, trueShare: number, n: number, seed: number): CaseworkTimeSample[] {
  const rng = xoroshiro128plus(seed);
  return Array.from({ length: n }, () => {
    const availableHours = 120 + 20 * uniformFloat64(rng);
    const caseHours = availableHours * trueShare * (0.85 + 0.3 * uniformFloat64(rng));
    return { role, caseHours, availableHours: uniformFloat64(rng) < 0.05 ? availableHours / 10 : availableHours };
  });
}

describe('casework share from recorded time', () => {
  it('recovers a 73 % share from 200 person-months and calls the default (100 % of available time) high', () => {
    const [c] = calibrateCaseworkShare(months('social_worker', 0.73, 200, 7), DEFAULT_CONFIG);
    expect(c!.recorded!.median).toBeGreaterThan(0.7);
    expect(c!.recorded!.median).toBeLessThan(0.76);
    expect(c!.verdict).toBe('model_high');
    expect(c!.proposal!.central).toBeCloseTo(c!.recorded!.median, 3);
  });

  it('keeps overtime visible: a share above 1 is reported, and the proposal is held to 1', () => {
    const [c] = calibrateCaseworkShare(months('social_worker', 1.15, 100, 8), DEFAULT_CONFIG);
    expect(c!.recorded!.median).toBeGreaterThan(1);
    expect(c!.verdict).toBe('model_low');
    expect(c!.proposal!.high).toBe(1);
  });

  it(`says "not enough records" below ${MIN_SHARE_SAMPLES} usable person-months and rejects months with no available time`, () => {
    const samples = [...months('senior_practitioner', 0.6, MIN_SHARE_SAMPLES - 1, 9), { role: 'senior_practitioner', caseHours: 10, availableHours: 0 }, { role: 'senior_practitioner', caseHours: Number.NaN, availableHours: 100 }];
    const [c] = calibrateCaseworkShare(samples, DEFAULT_CONFIG);
    expect(c).toMatchObject({ role: 'senior_practitioner', samples: MIN_SHARE_SAMPLES + 1, rejected: 2, verdict: 'not_enough_records', proposal: null, model: 0.7 });
  });

  const sampleArb = fc.record({
    role: fc.constantFrom('social_worker', 'team_manager', 'new_role'),
    caseHours: fc.oneof(fc.double({ min: 0, max: 250, noNaN: true }), fc.double()),
    availableHours: fc.oneof(fc.double({ min: 0, max: 180, noNaN: true }), fc.double()),
  });
  test.prop([fc.array(sampleArb, { maxLength: 150, size: 'max' }), fc.integer({ min: 1, max: 40 })])('a proposal is an ordered range within 0–1, for every role with samples', (samples, minSamples) => {
    const report = calibrateCaseworkShare(samples, DEFAULT_CONFIG, { minSamples });
    expect(report.map((c) => c.role).sort()).toEqual([...new Set(samples.map((s) => s.role))].sort());
    for (const c of report) {
      if (!c.proposal) continue;
      expect(0).toBeLessThanOrEqual(c.proposal.low);
      expect(c.proposal.low).toBeLessThanOrEqual(c.proposal.central);
      expect(c.proposal.central).toBeLessThanOrEqual(c.proposal.high);
      expect(c.proposal.high).toBeLessThanOrEqual(1);
    }
  });
});
