// The calibration test: records generated from known true hours are recovered within
// ±10 % once an activity has 200 records, and "not enough records" is reported below the threshold.
import { describe, expect, it } from 'vitest';
import { calibrate, calibrateActivity, MIN_RECORDS } from './calibration.ts';
import { draftCalibratedConfig } from './calibration-draft.ts';
import { syntheticRecords, type SyntheticActivity } from './calibration.test-support.ts';
import { checkWorkloadConfig, DEFAULT_CONFIG } from './catalogue.ts';

// The model is wrong in both directions, by up to ×2, and activities differ in how much one
// occurrence varies (court work and assessments most, a referral decision least).
const FACTORS = [0.6, 1.3, 0.8, 2, 1, 1.5, 0.7];
const SIGMAS: Record<string, number> = { court_work: 0.5, assessment: 0.45, s47_enquiry: 0.45, family_help_support: 0.4, referral_decision: 0.25 };
const truth: SyntheticActivity[] = DEFAULT_CONFIG.activities.map((a, i) => ({
  activityCode: a.code,
  trueCentral: a.hours.central * FACTORS[i % FACTORS.length]!,
  sigma: SIGMAS[a.code] ?? 0.35,
  records: 200,
}));

describe('calibration from synthetic recorded time', () => {
  const records = syntheticRecords(truth, { seed: 15 });
  const report = calibrate(records, DEFAULT_CONFIG);

  it('recovers every activity\'s true central within ±10 % from 200 records each (5 % outliers ×10, 3 % unusable)', () => {
    for (const t of truth) {
      const c = report.council.find((x) => x.activityCode === t.activityCode)!;
      expect(c.proposal, t.activityCode).not.toBeNull();
      expect(c.proposal!.hours.central / t.trueCentral, t.activityCode).toBeGreaterThan(0.9);
      expect(c.proposal!.hours.central / t.trueCentral, t.activityCode).toBeLessThan(1.1);
    }
  });

  it('rejects the unusable records and sets the mistyped ones aside', () => {
    for (const c of report.council) {
      expect(c.rejected, c.activityCode).toBe(6);
      // About 10 of 200 are ten times too big; the rule catches them all but may take a stray tail record.
      expect(c.outliers, c.activityCode).toBeGreaterThanOrEqual(3);
      expect(c.outliers, c.activityCode).toBeLessThanOrEqual(20);
    }
  });

  it('calls the model high or low where the truth is 20 % or more away from it, and within range where it is right', () => {
    for (const t of truth) {
      const c = report.council.find((x) => x.activityCode === t.activityCode)!;
      const ratio = t.trueCentral / c.model.central;
      const expected = ratio <= 0.8 ? 'model_high' : ratio >= 1.25 ? 'model_low' : ratio === 1 ? 'within_range' : c.verdict;
      expect(c.verdict, t.activityCode).toBe(expected);
    }
  });

  it('gives each team its own figures, with fewer records, against the same model', () => {
    expect(report.teams.map((t) => t.teamId)).toEqual(['team-a', 'team-b', 'team-c']);
    const court = report.teams.map((t) => t.activities.find((a) => a.activityCode === 'court_work')!);
    // The unusable records carry no team, so the teams' records add up to the usable ones.
    expect(court.reduce((s, c) => s + c.records, 0)).toBe(200);
    for (const c of court) expect(c.model).toEqual(DEFAULT_CONFIG.activities.find((a) => a.code === 'court_work')!.hours);
  });

  it('makes a draft that passes the configuration\'s checks and changes only hours and their sources', () => {
    const draft = draftCalibratedConfig(DEFAULT_CONFIG, report.council);
    expect(checkWorkloadConfig(draft).ok).toBe(true);
    expect({ ...draft, name: '', activities: [] }).toEqual({ ...DEFAULT_CONFIG, name: '', activities: [] });
    for (const [i, a] of draft.activities.entries()) {
      const { hours: _h, hoursSource: _s, ...rest } = a;
      const { hours: _oh, hoursSource: _os, ...before } = DEFAULT_CONFIG.activities[i]!;
      expect(rest).toEqual(before);
      expect(a.hoursSource).toMatch(/^Calibrated from \d+ recorded occurrences/);
    }
  });
});

describe('not enough records', () => {
  const visit = DEFAULT_CONFIG.activities.find((a) => a.code === 'cp_visit')!;

  it(`reports "not enough records" and proposes nothing below ${MIN_RECORDS} usable records`, () => {
    const few = syntheticRecords([{ activityCode: 'cp_visit', trueCentral: 5, sigma: 0.3, records: MIN_RECORDS - 1 }], { seed: 1, outlierShare: 0 });
    const c = calibrateActivity(visit, few.map((r) => r.hours));
    expect(c.verdict).toBe('not_enough_records');
    expect(c.proposal).toBeNull();
    // The records are still described, so a page can show what there is.
    expect(c.recorded?.n).toBe(MIN_RECORDS - 1);
  });

  it('counts outliers and unusable records out of the threshold', () => {
    const hours = [...Array.from({ length: MIN_RECORDS - 1 }, (_, i) => 3 + i / 100), 600, 0, -2, Number.NaN];
    const c = calibrateActivity(visit, hours);
    expect({ rejected: c.rejected, outliers: c.outliers, verdict: c.verdict }).toEqual({ rejected: 3, outliers: 1, verdict: 'not_enough_records' });
  });

  it('describes an activity with no records without failing', () => {
    const c = calibrateActivity(visit, []);
    expect(c).toMatchObject({ records: 0, recorded: null, verdict: 'not_enough_records', proposal: null });
  });

  it('leaves the configuration itself when nothing has enough records', () => {
    const report = calibrate(syntheticRecords(truth.map((t) => ({ ...t, records: 10 })), { seed: 3 }), DEFAULT_CONFIG);
    expect(draftCalibratedConfig(DEFAULT_CONFIG, report.council)).toBe(DEFAULT_CONFIG);
  });

  it('lists records for activities the configuration does not hold', () => {
    const report = calibrate([{ activityCode: 'home_visit_typo', hours: 2 }, { activityCode: 'home_visit_typo', hours: 3 }], DEFAULT_CONFIG);
    expect(report.unknownActivities).toEqual([{ activityCode: 'home_visit_typo', records: 2 }]);
  });
});
