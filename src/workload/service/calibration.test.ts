import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil, type CouncilData } from '../../demo/generate.ts';
import { seedCouncil } from '../../demo/service.ts';
import { NotFoundError } from '../../kernel/errors.ts';
import type { Actor, Role } from '../../kernel/roles.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import * as recordingStore from '../../recording/store/index.ts';
import { newCouncilId, openTestDatabase, testBackends } from '../../../test/support/database.ts';
import { calibrationReport } from './calibration.ts';
import { saveSettings } from './settings.ts';
import { loadModelContext } from './index.ts';

const AS_OF = '2026-06-15';

/** Minutes over the four kinds (each at most 1,440 in a row, as the table holds them). */
const spread = (minutes: number) => {
  const q = Math.floor(minutes / 4);
  return { direct_minutes: minutes - 3 * q, travel_minutes: q, recording_minutes: q, meeting_minutes: q };
};

/** Recorded time → the calibration report → a new version saved by the administrator, on each database. */
describe.each(testBackends())('calibration from recorded time on %s', (kind) => {
  let database: DatabaseHandle;
  let councilId: string;
  let data: CouncilData;
  const ctxOf = (actor: Actor): RequestContext => ({ actor, origin: { ip: '10.0.0.5' }, now: new Date(`${AS_OF}T12:00:00Z`) });
  const as = (userId: string, roles: Role[], teamIds: string[] = []): Actor =>
    ({ userId, councilId, name: userId, roles, practitionerId: null, teamIds, grantedChildIds: [], breakGlassChildIds: [] });

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    councilId = newCouncilId();
    data = generateCouncil({ councilId, name: 'Calibration Borough', seed: 71, asOf: AS_OF, staffScale: 0.3, caseScale: 0.3, recordHistory: false });
    await seedCouncil(database.db, data);
    // 80 child protection visits recorded at about 2 hours each (the model says 3), one typed as 20 hours.
    const lead = data.allocations.find((a) => a.role === 'lead' && a.end_date === null)!;
    for (let i = 0; i < 80; i++) {
      const recordedId = `rec-${i}`;
      const minutes = i === 0 ? 1200 : 100 + ((i * 37) % 41);
      await recordingStore.insertRecorded(database.db, [{ council_id: councilId, recorded_id: recordedId, child_id: lead.child_id, activity_code: 'cp_visit', occurred_on: '2026-05-01', practitioner_id: lead.practitioner_id, hours: minutes / 60 }]);
      await recordingStore.insertRecording(database.db, {
        council_id: councilId, recording_id: `r-${i}`, child_id: lead.child_id, activity_code: 'cp_visit', recorded_id: recordedId, happened_at: new Date('2026-05-01T10:00:00Z'),
        recorded_by: 'u', recorded_by_name: 'U', practitioner_id: lead.practitioner_id, child_seen: true, seen_alone: true, attendees: '',
        direct_minutes: minutes - 40, travel_minutes: 30, recording_minutes: 10, meeting_minutes: 0, note: '',
      });
    }
    // Four social workers' whole months, July 2025 to April 2026, about 90 hours each on cases:
    // about 70 % of what the model says they had, evidence for the share of time casework gets.
    const workers = data.practitioners.filter((p) => p.role === 'social_worker' && p.left_on === null && p.practitioner_id !== lead.practitioner_id).slice(0, 4);
    for (const [w, p] of workers.entries()) {
      for (let m = 0; m < 10; m++) {
        const month = new Date(Date.UTC(2025, 6 + m, 10, 10));
        const minutes = 60 * (80 + ((w * 7 + m * 3) % 20));
        // Two rows a month: each of the four kinds holds at most a day (1,440 minutes) in a row.
        for (const half of [0, 1]) {
          const id = `${w}-${m}-${half}`;
          await recordingStore.insertRecorded(database.db, [{ council_id: councilId, recorded_id: `om-${id}`, child_id: lead.child_id, activity_code: 'other', occurred_on: month.toISOString().slice(0, 10), practitioner_id: p.practitioner_id, hours: 1 }]);
          await recordingStore.insertRecording(database.db, {
            council_id: councilId, recording_id: `m-${id}`, child_id: lead.child_id, activity_code: 'other', recorded_id: `om-${id}`, happened_at: month,
            recorded_by: 'u', recorded_by_name: 'U', practitioner_id: p.practitioner_id, child_seen: false, seen_alone: false, attendees: '',
            ...spread(minutes / 2), note: '',
          });
        }
      }
    }
  });
  afterAll(async () => database?.close());

  it('finds the model too high for the activity recorded, proposes about the recorded hours, and changes nothing until saved', async () => {
    const report = await calibrationReport(database.db, ctxOf(as('tm', ['team_manager'], ['SF1'])));
    const cp = report.report.council.find((a) => a.activityCode === 'cp_visit')!;
    expect(cp.records).toBe(80);
    expect(cp.outliers).toBeGreaterThanOrEqual(1);
    expect(cp.verdict).toBe('model_high');
    expect(cp.proposal!.hours.central).toBeGreaterThan(1.8);
    expect(cp.proposal!.hours.central).toBeLessThan(2.3);
    expect(report.report.council.find((a) => a.activityCode === 'lac_visit')!.verdict).toBe('not_enough_records');
    expect(report.canPropose).toBe(false);
    // Forty person-months of social workers (and the visiting worker's May): the share of time on cases.
    expect(report.share.find((r) => r.role === 'social_worker')!.samples).toBeGreaterThanOrEqual(40);
    expect(report.caseworkTime.samples).toBeGreaterThanOrEqual(40);
    expect(report.caseworkTime.verdict).toBe('model_high');
    expect(report.caseworkTime.recorded!.median).toBeGreaterThan(0.55);
    expect(report.caseworkTime.recorded!.median).toBeLessThan(0.85);
    expect((await loadModelContext(database.db, councilId)).version).toBe(report.version);

    const byDefault = await calibrationReport(database.db, ctxOf(as('admin', ['system_administrator'])));
    // By default every activity's proposal is in the draft and the share of casework time is not.
    expect(byDefault.proposalKeys).toEqual(expect.arrayContaining(['cp_visit', 'casework_time']));
    expect(byDefault.included).toEqual(byDefault.proposalKeys.filter((k) => k !== 'casework_time'));
    expect(byDefault.draft!.capacity).toEqual(byDefault.current.capacity);
    const admin = await calibrationReport(database.db, ctxOf(as('admin', ['system_administrator'])), undefined, new Set(['cp_visit', 'casework_time', 'no_such_activity']));
    expect(admin.canPropose).toBe(true);
    expect(admin.included).toEqual(['cp_visit', 'casework_time']);
    const version = await saveSettings(database.db, ctxOf(as('admin', ['system_administrator'])), admin.draft!, 'Calibrated from recorded visits');
    const saved = await loadModelContext(database.db, councilId);
    expect(saved.version).toBe(version);
    expect(saved.config.activities.find((a) => a.code === 'cp_visit')!.hours.central).toBeCloseTo(cp.proposal!.hours.central, 6);
    expect(saved.config.activities.find((a) => a.code === 'lac_visit')!.hours).toEqual(admin.current.activities.find((a) => a.code === 'lac_visit')!.hours);
    const { source, ...time } = saved.config.capacity.caseworkTime;
    expect(time).toEqual(admin.caseworkTime.proposal);
    expect(source).toMatch(/^Calibrated from \d+ person-months/);
  });

  it('is for those who read the model’s settings', async () => {
    await expect(calibrationReport(database.db, ctxOf(as('p', ['practitioner'], ['SF1'])))).rejects.toBeInstanceOf(NotFoundError);
    await expect(calibrationReport(database.db, ctxOf(as('bs', ['business_support'], ['SF1'])))).rejects.toBeInstanceOf(NotFoundError);
  });
});
