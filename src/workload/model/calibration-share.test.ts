// The casework share from recorded time: recovered from synthetic person-months, called against
// the model's share, and proposed as an ordered range within 0–1.
import { fc, test } from '@fast-check/vitest';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { calibrateCaseworkShare, calibrateCaseworkTime, personMonthSamples, MIN_SHARE_SAMPLES, POOLED_ROLE_SHARE, type CaseworkTimeSample } from './calibration-share.ts';
import { checkWorkloadConfig, DEFAULT_CONFIG } from './catalogue.ts';
import { draftCalibratedConfig } from './calibration-draft.ts';
import { dayFromIso, englandCalendar } from '../../kernel/calendar.ts';

/** Person-months with a true share, ±15 % month-to-month, and 5 % months with a late absence (a tenth of the time available). */
function months(role: string, trueShare: number, n: number, seed: number): CaseworkTimeSample[] {
  const rng = xoroshiro128plus(seed);
  return Array.from({ length: n }, () => {
    const availableHours = 120 + 20 * uniformFloat64(rng);
    const caseHours = availableHours * trueShare * (0.85 + 0.3 * uniformFloat64(rng));
    return { role, caseHours, availableHours: uniformFloat64(rng) < 0.05 ? availableHours / 10 : availableHours };
  });
}

const sampleArb = fc.record({
  role: fc.constantFrom('social_worker', 'team_manager', 'new_role'),
  caseHours: fc.oneof(fc.double({ min: 0, max: 250, noNaN: true }), fc.double()),
  availableHours: fc.oneof(fc.double({ min: 0, max: 180, noNaN: true }), fc.double()),
});

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

  it('compares each role with the share capacity applies: the role\'s share times the time share', () => {
    const config = { ...DEFAULT_CONFIG, capacity: { ...DEFAULT_CONFIG.capacity, caseworkTime: { ...DEFAULT_CONFIG.capacity.caseworkTime, low: 0.7, central: 0.8 } } };
    const [c] = calibrateCaseworkShare(months('senior_practitioner', 0.56, 60, 10), config);
    expect(c!.model).toBeCloseTo(0.56, 3);
    expect(c!.verdict).toBe('within_range');
  });
});

describe('the share of time casework gets, pooled across case-holding roles', () => {
  it('recovers 73 % from social workers and senior practitioners together (each month over its role\'s share) and proposes it as a range', () => {
    const samples = [...months('social_worker', 0.73, 150, 11), ...months('senior_practitioner', 0.7 * 0.73, 80, 12)];
    const c = calibrateCaseworkTime(samples, DEFAULT_CONFIG);
    expect(c.samples).toBe(230);
    expect(c.recorded!.median).toBeGreaterThan(0.7);
    expect(c.recorded!.median).toBeLessThan(0.76);
    expect(c.verdict).toBe('model_high');
    expect(c.proposal!.low).toBeLessThan(c.proposal!.central);
    expect(c.proposal!.central).toBeLessThan(c.proposal!.high);
    expect(c.proposal!.high).toBeLessThan(0.8);
  });

  it(`leaves out roles that mostly do not hold cases (share under ${POOLED_ROLE_SHARE}), and says "not enough records" below the threshold`, () => {
    const c = calibrateCaseworkTime([...months('team_manager', 0.1, 100, 13), ...months('social_worker', 0.8, MIN_SHARE_SAMPLES - 1, 14)], DEFAULT_CONFIG);
    expect(c).toMatchObject({ samples: MIN_SHARE_SAMPLES - 1, verdict: 'not_enough_records', proposal: null });
    expect(c.recorded!.median).toBeGreaterThan(0.7);
  });

  test.prop([fc.array(sampleArb, { maxLength: 150, size: 'max' }), fc.integer({ min: 1, max: 40 })])('its proposal is an ordered range within 0–1, and only with enough usable months', (samples, minSamples) => {
    const c = calibrateCaseworkTime(samples, DEFAULT_CONFIG, { minSamples });
    const usable = c.samples - c.rejected;
    expect(c.proposal === null).toBe(usable < minSamples);
    if (!c.proposal) return;
    expect(0).toBeLessThanOrEqual(c.proposal.low);
    expect(c.proposal.low).toBeLessThanOrEqual(c.proposal.central);
    expect(c.proposal.central).toBeLessThanOrEqual(c.proposal.high);
    expect(c.proposal.high).toBeLessThanOrEqual(1);
  });

  it('goes into the draft version as capacity.caseworkTime, with its evidence and the previous figures in the source; nothing else changes', () => {
    const time = calibrateCaseworkTime(months('social_worker', 0.73, 120, 15), DEFAULT_CONFIG);
    const draft = draftCalibratedConfig(DEFAULT_CONFIG, [], time);
    expect(checkWorkloadConfig(draft).ok).toBe(true);
    const { source, ...range } = draft.capacity.caseworkTime;
    expect(range).toEqual(time.proposal);
    expect(source).toMatch(/^Calibrated from 120 person-months .*Previously 78% \/ 100% \/ 100%/);
    expect({ ...draft, name: '', capacity: { ...draft.capacity, caseworkTime: null } }).toEqual({ ...DEFAULT_CONFIG, name: '', capacity: { ...DEFAULT_CONFIG.capacity, caseworkTime: null } });
    // Without enough months there is nothing to draft.
    expect(draftCalibratedConfig(DEFAULT_CONFIG, [], calibrateCaseworkTime(months('social_worker', 0.73, 10, 16), DEFAULT_CONFIG))).toBe(DEFAULT_CONFIG);
  });
});

describe('person-months from recorded time', () => {
  const worker = { practitionerId: 'p1', role: 'social_worker', fte: 1, contractedWeeklyHours: 37, asyeStart: null, leftOn: null, absences: [] };
  const calendar = englandCalendar();

  it('reads the month\'s absences: a fortnight off sick leaves fewer hours available, so the same casework is a larger share', () => {
    const sick = { ...worker, practitionerId: 'p2', absences: [{ kind: 'sickness', start: dayFromIso('2026-03-02'), end: dayFromIso('2026-03-13') }] };
    const time = [
      { practitionerId: 'p1', minutes: 60 * 60, month: '2026-03' }, { practitionerId: 'p1', minutes: 30 * 60, month: '2026-03' },
      { practitionerId: 'p2', minutes: 90 * 60, month: '2026-03' },
    ];
    const [well, off] = personMonthSamples(time, [worker, sick], DEFAULT_CONFIG, calendar, '2026-06');
    expect(well!.caseHours).toBe(90);
    expect(off!.caseHours).toBe(90);
    // Ten working days of 7.4 hours.
    expect(well!.availableHours - off!.availableHours).toBeCloseTo(74, 6);
  });

  it('leaves out the month still running and anyone the register does not hold', () => {
    const time = [{ practitionerId: 'p1', minutes: 600, month: '2026-06' }, { practitionerId: 'nobody', minutes: 600, month: '2026-05' }, { practitionerId: 'p1', minutes: 600, month: '2026-05' }];
    expect(personMonthSamples(time, [worker], DEFAULT_CONFIG, calendar, '2026-06')).toEqual([expect.objectContaining({ role: 'social_worker', caseHours: 10 })]);
  });
});
