import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil, type CouncilData } from '../../demo/generate.ts';
import { seedCouncil } from '../../demo/service.ts';
import { InvalidInputError, NotFoundError } from '../../kernel/errors.ts';
import type { Actor, Role } from '../../kernel/roles.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { subjectAccessBundle } from '../../cases/service/records.ts';
import { listAuditEvents } from '../../platform/audit.ts';
import { caseScheduleUnchecked } from '../../workload/service/index.ts';
import { loadPractitionerPage } from '../../workload/service/pages.ts';
import { newCouncilId, openTestDatabase, testBackends } from '../../../test/support/database.ts';
import type { RecordingForm } from '../model/visit.ts';
import { createRecordingService } from '../service/index.ts';
import * as store from '../store/index.ts';

const AS_OF = '2026-06-15';
const NOW = new Date(`${AS_OF}T15:00:00Z`);
const origin = { ip: '10.0.0.8' };
const VISITS = ['cp_visit', 'cin_visit', 'lac_visit'];

/** Recording through its service on each database: the schedule moves on at once; only the worker and the team manager record. */
describe.each(testBackends())('recording service on %s', (kind) => {
  let database: DatabaseHandle;
  let councilId: string;
  let data: CouncilData;
  let service: ReturnType<typeof createRecordingService>;
  const ctxOf = (actor: Actor): RequestContext => ({ actor, origin, now: NOW });
  const as = (userId: string, roles: Role[], teamIds: string[], practitionerId: string | null = null): Actor =>
    ({ userId, councilId, name: userId, roles, practitionerId, teamIds, grantedChildIds: [], breakGlassChildIds: [] });
  const form = (activityCode: string, over: Partial<RecordingForm> = {}): RecordingForm => ({
    activityCode, day: '15', month: '6', year: '2026', time: '10:30', childSeen: 'yes', seenAlone: 'yes', attendees: 'mother',
    directMinutes: '50', travelMinutes: '40', recordingMinutes: '30', meetingMinutes: '', note: 'Saw Sam alone in their room.', ...over,
  });

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    councilId = newCouncilId();
    data = generateCouncil({ councilId, name: 'Recording Borough', seed: 52, asOf: AS_OF, staffScale: 0.3, caseScale: 0.3, recordHistory: false });
    await seedCouncil(database.db, data);
    service = createRecordingService({ db: database.db });
  });
  afterAll(async () => database?.close());

  /** An SF1 case, unrestricted, whose schedule has a statutory visit. */
  async function caseWithVisit() {
    const leads = data.allocations.filter((a) => a.team_id === 'SF1' && a.role === 'lead' && a.end_date === null && !data.children.find((c) => c.child_id === a.child_id)!.restricted);
    for (const a of leads) {
      const schedule = await caseScheduleUnchecked(database.db, councilId, a.child_id, AS_OF);
      const visit = schedule.items.find((i) => VISITS.includes(i.activityCode));
      if (visit) return { lead: a, visit };
    }
    throw new Error('no case with a visit');
  }

  it('records a visit: the register row, the recording and the audit event, and the next visit falls due from it', async () => {
    const { lead, visit } = await caseWithVisit();
    const worker = as('worker', ['practitioner'], ['SF1'], lead.practitioner_id);
    const page = await service.recordForm(ctxOf(worker), lead.child_id);
    expect(page.activities[0]!.current).toBe(true);
    expect(page.activities.some((a) => a.code === visit.activityCode)).toBe(true);

    const result = await service.record(ctxOf(worker), lead.child_id, form(visit.activityCode));
    const [recording] = await store.listRecordings(database.db, councilId, lead.child_id);
    expect(recording).toMatchObject({ recording_id: result.recordingId, activity_code: visit.activityCode, child_seen: true, seen_alone: true, direct_minutes: 50, travel_minutes: 40, recording_minutes: 30, practitioner_id: lead.practitioner_id });
    expect(recording!.happened_at.toISOString()).toBe('2026-06-15T09:30:00.000Z');
    const after = await caseScheduleUnchecked(database.db, councilId, lead.child_id, AS_OF);
    const item = after.items.find((i) => i.activityCode === visit.activityCode)!;
    expect(item.lastDoneOn).toBe(AS_OF);
    expect(item.dueOn > AS_OF).toBe(true);
    expect(result.nextDue).toEqual({ name: item.name, dueOn: item.dueOn });
    const hours = await sql<{ hours: string }>`select hours from recorded_activities where council_id = ${councilId} and recorded_id = ${recording!.recorded_id}`.execute(database.db);
    expect(Number(hours.rows[0]!.hours)).toBe(2);
    const audit = await listAuditEvents(database.db, councilId, { childId: lead.child_id });
    expect(audit.some((e) => e.action === 'write' && e.fields?.startsWith('recording:'))).toBe(true);
    // The visit's note is part of the child's record: in the subject access bundle with who was seen.
    const bundle = await subjectAccessBundle(database.db, ctxOf(worker), lead.child_id);
    const recordingsCsv = bundle.find((f) => f.name === 'recordings.csv')!.content.trim().split('\n');
    expect(recordingsCsv).toHaveLength(2);
    expect(recordingsCsv[1]).toContain('Saw Sam alone in their room.');
    expect(recordingsCsv[1]).toContain(`${visit.activityCode},2026-06-15T09:30:00.000Z`);

    // The worker's page shows it beside the modelled month: 50 + 40 + 30 minutes.
    const mine = await loadPractitionerPage(database.db, worker, origin, lead.practitioner_id, AS_OF);
    expect(mine.recordedTime).toMatchObject({ recordings: 1, direct: 50, travel: 40, recording: 30, meeting: 0, days: 28 });

    // A back-dated entry keeps both dates: the day it happened and the day it was recorded.
    await service.record(ctxOf(worker), lead.child_id, form(visit.activityCode, { day: '1' }));
    const backdated = (await listAuditEvents(database.db, councilId, { childId: lead.child_id })).find((e) => e.fields?.includes('on 2026-06-01 (recorded 2026-06-15)'));
    expect(backdated).toBeDefined();
  });

  it('lets the team manager record, and no one else: team colleagues, business support, other teams and another council get 404; a bad form writes nothing', async () => {
    const { lead, visit } = await caseWithVisit();
    const colleague = data.practitioners.find((p) => p.team_id === 'SF1' && p.practitioner_id !== lead.practitioner_id && p.role === 'social_worker')!;
    const refused = [
      as('colleague', ['practitioner'], ['SF1'], colleague.practitioner_id),
      as('bs', ['business_support'], ['SF1']),
      as('tm2', ['team_manager'], ['SF2']),
      as('hos', ['service_manager'], []),
      as('analyst', ['performance_analyst'], []),
    ];
    const count = async () => (await store.listRecordings(database.db, councilId, lead.child_id)).length;
    const before = await count();
    for (const actor of refused) {
      await expect(service.record(ctxOf(actor), lead.child_id, form(visit.activityCode)), actor.userId).rejects.toBeInstanceOf(NotFoundError);
      await expect(service.recordForm(ctxOf(actor), lead.child_id), actor.userId).rejects.toBeInstanceOf(NotFoundError);
    }
    const worker = as('worker', ['practitioner'], ['SF1'], lead.practitioner_id);
    await expect(service.record(ctxOf(worker), lead.child_id, form(visit.activityCode), 'another-council')).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.record(ctxOf(worker), lead.child_id, form(visit.activityCode, { day: '16' }))).rejects.toBeInstanceOf(InvalidInputError);
    expect(await count()).toBe(before);
    await service.record(ctxOf(as('tm', ['team_manager'], ['SF1'])), lead.child_id, form('other', { childSeen: 'not_applicable', seenAlone: 'not_applicable' }));
    expect(await count()).toBe(before + 1);
  });
});
