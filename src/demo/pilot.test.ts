// The pilot team's recorded time: only the team's workers, each row one the table accepts, tied
// to a register row, and around the true hours it was drawn from, so calibration can find them.
import { describe, expect, it } from 'vitest';
import { calibrate, DEFAULT_CONFIG } from '../workload/model/index.ts';
import { generateCouncil } from './generate.ts';
import { PILOT_TRUTH, pilotRecordings } from './pilot.ts';

const AS_OF = '2026-06-15';

describe('the demo pilot team\'s recorded time', () => {
  const data = generateCouncil({ councilId: 'pilot', name: 'Pilot', seed: 4, asOf: AS_OF, staffScale: 0.3, caseScale: 0.5 });
  const team = data.teams[0]!.team_id;
  const rows = pilotRecordings(data, team, AS_OF);

  it('is the team\'s, within the past year, each recording tied to a register row, each kind of minutes within a day', () => {
    const mine = new Set(data.practitioners.filter((p) => p.team_id === team).map((p) => p.practitioner_id));
    const recordedIds = new Set([...data.recorded, ...rows.recorded].map((r) => r.recorded_id));
    expect(rows.recordings.length).toBeGreaterThan(200);
    for (const r of rows.recordings) {
      expect(mine.has(r.practitioner_id!)).toBe(true);
      expect(recordedIds.has(r.recorded_id)).toBe(true);
      const day = r.happened_at.toISOString().slice(0, 10);
      expect(day <= AS_OF && day >= '2025-06-15').toBe(true);
      for (const m of [r.direct_minutes, r.travel_minutes, r.recording_minutes, r.meeting_minutes]) expect(m >= 0 && m <= 1440).toBe(true);
    }
    expect(new Set(rows.recordings.map((r) => r.recording_id)).size).toBe(rows.recordings.length);
    expect(new Set(rows.recorded.map((r) => r.recorded_id)).size).toBe(rows.recorded.length);
  });

  it('is deterministic', () => {
    expect(pilotRecordings(data, team, AS_OF)).toEqual(rows);
  });

  it('lets calibration find case management\'s true hours (the default times 1.4) within 10 %', () => {
    const report = calibrate(rows.recordings.map((r) => ({ activityCode: r.activity_code, hours: (r.direct_minutes + r.travel_minutes + r.recording_minutes + r.meeting_minutes) / 60 })), DEFAULT_CONFIG);
    const cm = report.council.find((a) => a.activityCode === 'case_management')!;
    const truth = DEFAULT_CONFIG.activities.find((a) => a.code === 'case_management')!.hours.central * PILOT_TRUTH.case_management!;
    expect(cm.records).toBeGreaterThan(60);
    expect(Math.abs(cm.recorded!.central / truth - 1)).toBeLessThan(0.1);
    expect(cm.verdict).toBe('model_low');
  });
});
