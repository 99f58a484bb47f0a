// Properties of calibration over generated records and configurations. The logical ones hold for
// any input; the statistical ones (recovery, one outlier's pull) run from a fixed seed, so a run
// is the same run every time.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { anyConfigArb } from './arbitraries.test-support.ts';
import { calibrate, calibrateActivity, MIN_RECORDS, type TimeRecord } from './calibration.ts';
import { draftCalibratedConfig } from './calibration-draft.ts';
import { syntheticRecords } from './calibration.test-support.ts';
import { checkWorkloadConfig, DEFAULT_CONFIG, type WorkloadConfig } from './catalogue.ts';

const SEEDED = { seed: 20261203 };
const CODES = DEFAULT_CONFIG.activities.map((a) => a.code);

/** Anything a form or an import could hand over as hours: ordinary, tiny, huge, zero, negative, NaN, infinite. */
const hoursArb = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: 0.05, max: 40, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ noDefaultInfinity: false }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, Number.NaN, 600, 1e-9, 1e9) },
);
/** Records concentrated on a few activities so some reach a low threshold; a team on most. */
const recordsArb = fc.array(
  fc.record({ activityCode: fc.constantFrom(...CODES.slice(0, 4), 'not_in_catalogue'), hours: hoursArb, teamId: fc.option(fc.constantFrom('t1', 't2'), { nil: undefined }) }),
  // fast-check keeps arrays short unless asked; records in their dozens reach a threshold.
  { maxLength: 120, size: 'medium' },
).map((rs) => rs.map(({ teamId, ...r }): TimeRecord => (teamId === undefined ? r : { ...r, teamId })));
const minRecordsArb = fc.integer({ min: 1, max: 40 });

const proposalsOf = (records: readonly TimeRecord[], config: WorkloadConfig, minRecords: number) => {
  const report = calibrate(records, config, { minRecords });
  return [...report.council, ...report.teams.flatMap((t) => t.activities)];
};

describe('calibration over generated records', () => {
  test.prop([recordsArb, anyConfigArb, minRecordsArb])('a proposal is never negative and keeps low ≤ central ≤ high, council and teams', (records, config, minRecords) => {
    for (const c of proposalsOf(records, config, minRecords)) {
      if (!c.proposal) continue;
      const { low, central, high } = c.proposal.hours;
      expect(low, c.activityCode).toBeGreaterThanOrEqual(0);
      expect(low, c.activityCode).toBeLessThanOrEqual(central);
      expect(central, c.activityCode).toBeLessThanOrEqual(high);
      expect(Number.isFinite(high), c.activityCode).toBe(true);
    }
  });

  test.prop([recordsArb, anyConfigArb, minRecordsArb])('the draft always passes the configuration\'s checks and changes only activities with a proposal', (records, config, minRecords) => {
    const report = calibrate(records, config, { minRecords });
    const draft = draftCalibratedConfig(config, report.council);
    expect(checkWorkloadConfig(draft).ok).toBe(true);
    for (const [i, a] of draft.activities.entries()) {
      const c = report.council.find((x) => x.activityCode === a.code)!;
      if (!c.proposal) expect(a).toBe(config.activities[i]);
      else expect(a.hours).toEqual(c.proposal.hours);
    }
  });

  test.prop([fc.array(fc.record({ activityCode: fc.constantFrom(...CODES, 'other'), hours: fc.constantFrom(0, -3, Number.NaN, Number.NEGATIVE_INFINITY) })), anyConfigArb])(
    'with no usable records nothing changes: no proposal, and the draft is the configuration itself',
    (records, config) => {
      const report = calibrate(records, config, { minRecords: 1 });
      expect(report.council.every((c) => c.proposal === null && c.verdict === 'not_enough_records')).toBe(true);
      expect(draftCalibratedConfig(config, report.council)).toBe(config);
    },
  );

  test.prop([
    fc.array(fc.double({ min: 0.1, max: 30, noNaN: true }), { maxLength: MIN_RECORDS - 1, size: 'max' }),
    fc.array(fc.constantFrom(0, -1, Number.NaN, Number.POSITIVE_INFINITY), { maxLength: 20 }),
  ])(
    `below ${MIN_RECORDS} usable records, however many unusable ones: "not enough records" and no proposal`,
    (usable, unusable) => {
      const c = calibrateActivity(DEFAULT_CONFIG.activities[0]!, [...usable, ...unusable]);
      expect(c.verdict).toBe('not_enough_records');
      expect(c.proposal).toBeNull();
    },
  );
});

describe('shrinking towards the current value', () => {
  const visit = DEFAULT_CONFIG.activities.find((a) => a.code === 'cp_visit')!;
  // Identical records: the only thing that changes with n is how much the records weigh.
  const scenario = fc.record({ hours: fc.double({ min: 0.3, max: 30, noNaN: true }), n: fc.integer({ min: 1, max: 400 }) });

  test.prop([scenario])('the records weigh more with every record, and one record weighs less than the current figure', ({ hours, n }) => {
    const w = (k: number) => calibrateActivity(visit, Array.from({ length: k }, () => hours), { minRecords: 1 }).proposal!.weight;
    expect(w(n + 1)).toBeGreaterThan(w(n));
    expect(w(1)).toBeLessThan(0.5);
  });

  test.prop([recordsArb, anyConfigArb, minRecordsArb])('a proposal lies between the current central and the recorded one', (records, config, minRecords) => {
    for (const c of calibrate(records, config, { minRecords }).council) {
      if (!c.proposal || !c.recorded) continue;
      const [lo, hi] = [c.model.central, c.recorded.central].sort((a, b) => a - b) as [number, number];
      // A central of 0 has no weight on the log scale, so the records decide alone; allow the rounding to hundredths.
      expect(c.proposal.hours.central, c.activityCode).toBeGreaterThanOrEqual((c.model.central > 0 ? lo : c.recorded.central) - 0.005);
      expect(c.proposal.hours.central, c.activityCode).toBeLessThanOrEqual(hi + 0.005);
    }
  });
});

describe('statistical properties, seeded', () => {
  const truthArb = fc.record({
    index: fc.integer({ min: 0, max: DEFAULT_CONFIG.activities.length - 1 }),
    factor: fc.double({ min: 0.5, max: 2, noNaN: true }),
    sigma: fc.double({ min: 0.1, max: 0.3, noNaN: true }),
    seed: fc.integer(),
    records: fc.integer({ min: 200, max: 600 }),
  });

  test.prop([truthArb], SEEDED)('from 200 records (5 % outliers ×10) the true central is recovered within ±10 %, whatever it is', (t) => {
    const activity = DEFAULT_CONFIG.activities[t.index]!;
    const trueCentral = activity.hours.central * t.factor;
    const records = syntheticRecords([{ activityCode: activity.code, trueCentral, sigma: t.sigma, records: t.records }], { seed: t.seed });
    const c = calibrateActivity(activity, records.map((r) => r.hours));
    expect(c.proposal!.hours.central / trueCentral).toBeGreaterThan(0.9);
    expect(c.proposal!.hours.central / trueCentral).toBeLessThan(1.1);
  });

  test.prop([truthArb.map((t) => ({ ...t, records: t.records % 150 + 50 })), fc.double({ min: 1e-6, max: 1e6, noNaN: true })], SEEDED)(
    'one more record, however wrong, moves the proposed central by less than 5 % (from 50 records)',
    (t, extra) => {
      const activity = DEFAULT_CONFIG.activities[t.index]!;
      const records = syntheticRecords([{ activityCode: activity.code, trueCentral: activity.hours.central * t.factor, sigma: t.sigma, records: t.records }], { seed: t.seed, unusableShare: 0 });
      const hours = records.map((r) => r.hours);
      const before = calibrateActivity(activity, hours).proposal!.hours.central;
      const after = calibrateActivity(activity, [...hours, extra]).proposal!.hours.central;
      expect(Math.abs(Math.log(after / before))).toBeLessThan(Math.log(1.05));
    },
  );
});
