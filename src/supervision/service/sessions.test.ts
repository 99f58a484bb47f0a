import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil, type CouncilData } from '../../demo/generate.ts';
import { seedCouncil } from '../../demo/service.ts';
import { InvalidInputError, NotFoundError } from '../../kernel/errors.ts';
import type { Actor, Role } from '../../kernel/roles.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { listAuditEvents } from '../../platform/audit.ts';
import { subjectAccessBundle } from '../../cases/service/records.ts';
import { createRecordingService } from '../../recording/service/index.ts';
import { computeWorkloads } from '../../workload/service/index.ts';
import { newCouncilId, openTestDatabase, testBackends } from '../../../test/support/database.ts';
import type { SessionForm } from '../model/session.ts';
import { createSupervisionService } from './index.ts';

const AS_OF = '2026-06-15';
const NOW = new Date(`${AS_OF}T15:00:00Z`);
const origin = { ip: '10.0.0.7' };
const SECRET = 'Feeling burnt out after the Smith hearing; wants counselling';

/** Supervision through its service on each database: the two parts kept apart. */
describe.each(testBackends())('supervision sessions on %s', (kind) => {
  let database: DatabaseHandle;
  let councilId: string;
  let data: CouncilData;
  let service: ReturnType<typeof createSupervisionService>;
  const ctxOf = (actor: Actor): RequestContext => ({ actor, origin, now: NOW });
  const as = (userId: string, roles: Role[], teamIds: string[], practitionerId: string | null = null): Actor =>
    ({ userId, councilId, name: `Name of ${userId}`, roles, practitionerId, teamIds, grantedChildIds: [], breakGlassChildIds: [] });
  const form = (over: Partial<SessionForm> = {}): SessionForm => ({ day: '12', month: '6', year: '2026', minutes: '90', decisions: {}, wellbeing: '', development: '', ...over });

  let workerId: string;
  let childId: string;
  let managerPid: string;
  let worker: Actor;
  let manager: Actor;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    councilId = newCouncilId();
    data = generateCouncil({ councilId, name: 'Supervision Borough', seed: 71, asOf: AS_OF, staffScale: 0.3, caseScale: 0.3, recordHistory: false });
    await seedCouncil(database.db, data);
    service = createSupervisionService({ db: database.db });
    const lead = data.allocations.find((a) => a.team_id === 'SF1' && a.role === 'lead' && a.end_date === null && !data.children.find((c) => c.child_id === a.child_id)!.restricted)!;
    workerId = lead.practitioner_id;
    childId = lead.child_id;
    managerPid = data.practitioners.find((p) => p.team_id === 'SF1' && p.role === 'team_manager')!.practitioner_id;
    worker = as('worker', ['practitioner'], ['SF1'], workerId);
    manager = as('tm', ['team_manager'], ['SF1'], managerPid);
  });
  afterAll(async () => database?.close());

  it('records both parts: the decision on the child’s record and chronology, the reflective part for the two people only', async () => {
    const { sessionId, notes } = await service.recordSession(ctxOf(manager), workerId, form({ decisions: { [childId]: 'Convene a strategy discussion by Friday.' }, wellbeing: SECRET, development: 'Court skills training' }));
    expect(notes.map((n) => n.childId)).toEqual([childId]);

    const recording = createRecordingService({ db: database.db });
    const colleague = as('colleague', ['practitioner'], ['SF1'], data.practitioners.find((p) => p.team_id === 'SF1' && p.role === 'social_worker' && p.practitioner_id !== workerId)!.practitioner_id);
    const onRecord = await recording.listNotes(ctxOf(colleague), childId);
    const note = onRecord.notes.find((n) => n.noteId === notes[0]!.noteId)!;
    expect(note.latest).toMatchObject({ type: 'case_decision', status: 'final', significant: true });
    expect(note.latest.text).toContain('Convene a strategy discussion by Friday.');
    expect(note.latest.text).not.toContain('burnt out');
    const chronology = await recording.chronology(ctxOf(colleague), childId, ['note']);
    expect(chronology.entries.some((e) => e.detail.includes('strategy discussion'))).toBe(true);

    // The supervisee and the supervisor read the reflective part.
    expect((await service.sessionPage(ctxOf(worker), sessionId)).reflective?.wellbeing).toBe(SECRET);
    expect((await service.sessionPage(ctxOf(manager), sessionId)).reflective?.development).toBe('Court skills training');
    // Another manager of the same team, a service manager and an auditor see the outline at most: never the reflective part.
    const otherManager = as('tm-deputy', ['team_manager'], ['SF1']);
    const other = await service.sessionPage(ctxOf(otherManager), sessionId);
    expect(other.reflective).toBeNull();
    expect(JSON.stringify(other)).not.toContain('burnt out');
    expect((await service.sessionPage(ctxOf(as('hos', ['service_manager'], ['SF1'])), sessionId)).reflective).toBeNull();
    await expect(service.sessionPage(ctxOf(as('aud', ['auditor'], [])), sessionId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.sessionPage(ctxOf(as('tm2', ['team_manager'], ['SF2'])), sessionId)).rejects.toBeInstanceOf(NotFoundError);

    // Never in the child's subject access bundle, in any file (the audit trail included).
    const bundle = await subjectAccessBundle(database.db, ctxOf(manager), childId);
    expect(bundle.find((f) => f.name === 'case_notes.csv')!.content).toContain('strategy discussion');
    for (const f of bundle) {
      expect(f.content).not.toContain('burnt out');
      expect(f.content).not.toContain('Court skills');
    }
    const audit = await listAuditEvents(database.db, councilId, { limit: 10_000 });
    expect(audit.some((e) => e.action === 'write' && e.recordType === 'supervision' && e.fields?.includes('a reflective part'))).toBe(true);
    expect(audit.some((e) => (e.fields ?? '').includes('burnt out'))).toBe(false);
  });

  it('the council’s policy can name service managers; auditors only when it names them too', async () => {
    const { sessionId } = await service.recordSession(ctxOf(manager), workerId, form({ day: '13', wellbeing: 'Policy-visible wellbeing' }));
    const hos = as('hos', ['service_manager'], []);
    const head = as('head', ['service_manager'], []);
    expect((await service.sessionPage(ctxOf(hos), sessionId)).reflective).toBeNull();
    const current = (await service.readSettings(ctxOf(head))).settings;
    await service.saveSettings(ctxOf(head), { ...current, reflective: { roles: ['service_manager'], userIds: [] } }, 'The principal social worker reads every reflective record');
    expect((await service.sessionPage(ctxOf(hos), sessionId)).reflective?.wellbeing).toBe('Policy-visible wellbeing');
    // An auditor may not open the session at all until the policy names auditors too.
    const auditor = as('aud', ['auditor'], []);
    await expect(service.sessionPage(ctxOf(auditor), sessionId)).rejects.toBeInstanceOf(NotFoundError);
    await service.saveSettings(ctxOf(head), { ...current, reflective: { roles: ['service_manager', 'auditor'], userIds: [] } }, 'Auditors too, for the quality audit');
    expect((await service.sessionPage(ctxOf(auditor), sessionId)).reflective?.wellbeing).toBe('Policy-visible wellbeing');
    // A team manager of the team who did not supervise still sees no reflective part.
    expect((await service.sessionPage(ctxOf(as('tm-deputy', ['team_manager'], ['SF1'])), sessionId)).reflective).toBeNull();
    await service.saveSettings(ctxOf(head), current, 'Back to the two people only');
    expect((await service.sessionPage(ctxOf(hos), sessionId)).reflective).toBeNull();
  });

  it('refuses bad input with every problem, a supervisee recording their own supervision, and cases they may not write on', async () => {
    const error = await service.recordSession(ctxOf(manager), workerId, form({ day: '31', month: '2', minutes: 'ninety' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems.map((p) => p.field)).toEqual(['held-day', 'minutes']);
    await expect(service.recordSession(ctxOf(worker), workerId, form())).rejects.toBeInstanceOf(NotFoundError);
    const otherTeamChild = data.allocations.find((a) => a.team_id === 'SF2' && a.end_date === null)!.child_id;
    const refused = await service.recordSession(ctxOf(manager), workerId, form({ decisions: { [otherTeamChild]: 'Not theirs' } })).catch((e: unknown) => e);
    expect((refused as InvalidInputError).problems.map((p) => p.field)).toEqual([`decision-${otherTeamChild}`]);
  });

  it('the supervisee comments on their own session; nobody else can', async () => {
    const { sessionId } = await service.recordSession(ctxOf(manager), workerId, form({ day: '14' }));
    await service.addComment(ctxOf(worker), sessionId, 'I would add that the school called afterwards.');
    expect((await service.sessionPage(ctxOf(worker), sessionId)).reflective?.comments.map((c) => c.text)).toEqual(['I would add that the school called afterwards.']);
    await expect(service.addComment(ctxOf(as('tm-deputy', ['team_manager'], ['SF1'])), sessionId, 'Hello')).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.addComment(ctxOf(worker), sessionId, '  ')).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('recorded sessions count in both people’s capacity for the month', async () => {
    const { results } = await computeWorkloads(database.db, councilId, AS_OF, 'SF1');
    const supervisee = results.find((r) => r.practitioner.practitioner_id === workerId)!.workload.capacity.protectedTime.find((p) => p.code === 'supervision')!;
    // Three sessions above (12, 13, 14 June) of 90 minutes, plus whatever the demo seeded in the month.
    expect(supervisee.basis!.recordedSessions).toBeGreaterThanOrEqual(3);
    expect(supervisee.hours).toBeGreaterThanOrEqual(4.5);
    const supervisor = results.find((r) => r.practitioner.practitioner_id === managerPid)!.workload.capacity.protectedTime.find((p) => p.code === 'supervising')!;
    expect(supervisor.basis!.recordedSessions).toBeGreaterThanOrEqual(3);
  });
});
