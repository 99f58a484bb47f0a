import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil, type CouncilData } from '../../demo/generate.ts';
import { seedCouncil } from '../../demo/service.ts';
import { InvalidInputError, NotAllowedError, NotFoundError } from '../../kernel/errors.ts';
import type { Actor, Role } from '../../kernel/roles.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { listAuditEvents } from '../../platform/audit.ts';
import { computeWorkloads } from '../../workload/service/index.ts';
import { newCouncilId, openTestDatabase, testBackends } from '../../../test/support/database.ts';
import * as store from '../store.ts';
import { checkDecisionsAfterImport, createAllocationService } from './index.ts';

const AS_OF = '2026-06-15';
const NOW = new Date(`${AS_OF}T10:00:00Z`);
const origin = { ip: '10.0.0.7' };

/** Allocation through its service, on each database: waiting work, suggestions, decisions, the access rules and reconciliation with an import. */
describe.each(testBackends())('allocation service on %s', (kind) => {
  let database: DatabaseHandle;
  let councilId: string;
  let data: CouncilData;
  let service: ReturnType<typeof createAllocationService>;
  const ctxOf = (actor: Actor): RequestContext => ({ actor, origin, now: NOW });
  const as = (userId: string, roles: Role[], teamIds: string[], practitionerId: string | null = null): Actor =>
    ({ userId, councilId, name: userId, roles, practitionerId, teamIds, grantedChildIds: [], breakGlassChildIds: [] });
  let manager: Actor;
  let managerSelf: string;
  const openLeads = () => data.allocations.filter((a) => a.role === 'lead' && a.start_date <= AS_OF && (a.end_date === null || a.end_date > AS_OF));
  /** Ends a child's lead allocation the day before, so it waits for a worker. */
  const used = new Set<string>();
  const release = async (childId: string) => {
    used.add(childId);
    await sql`update allocations set end_date = ${AS_OF} where council_id = ${councilId} and child_id = ${childId} and end_date is null`.execute(database.db);
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    councilId = newCouncilId();
    data = generateCouncil({ councilId, name: 'Allocation Borough', seed: 41, asOf: AS_OF, staffScale: 0.3, caseScale: 0.3, recordHistory: false });
    await seedCouncil(database.db, data);
    service = createAllocationService({ db: database.db });
    const tm = data.practitioners.find((p) => p.team_id === 'SF1' && p.role === 'team_manager' && p.left_on === null)!;
    managerSelf = tm.practitioner_id;
    manager = as('tm', ['team_manager'], ['SF1'], managerSelf);
  });
  afterAll(async () => database?.close());

  it('lists a released case as waiting, suggests people in the team, and records the decision with its audit event', async () => {
    const lonely = openLeads().find((a) => a.team_id === 'SF1' && data.children.find((c) => c.child_id === a.child_id)!.family_id === null
      && !data.children.find((c) => c.child_id === a.child_id)!.restricted)!;
    const childId = lonely.child_id;
    await release(childId);
    const waiting = await service.unallocated(ctxOf(manager), AS_OF);
    const row = waiting.cases.find((c) => c.childId === childId);
    expect(row).toMatchObject({ reason: 'released', formerWorker: { practitionerId: lonely.practitioner_id } });

    const s = await service.suggestions(ctxOf(manager), childId, AS_OF);
    expect(s.suggestions.length).toBeGreaterThan(0);
    const sf1 = new Set(data.practitioners.filter((p) => p.team_id === 'SF1').map((p) => p.practitioner_id));
    expect(s.suggestions.every((x) => sf1.has(x.practitionerId))).toBe(true);
    expect(s.suggestions.some((x) => x.practitionerId === managerSelf)).toBe(false);
    // Eligible people first; each "after" at least "now".
    const firstIneligible = s.suggestions.findIndex((x) => !x.eligible);
    if (firstIneligible >= 0) expect(s.suggestions.slice(firstIneligible).every((x) => !x.eligible)).toBe(true);
    for (const x of s.suggestions) expect(x.after.hours.central).toBeGreaterThanOrEqual(x.now.hours.central - 1e-9);

    const to = s.suggestions.find((x) => x.eligible)!;
    await expect(service.allocate(ctxOf(manager), { childId, practitionerId: to.practitionerId, reasonCode: 'new_case', note: '' }, AS_OF))
      .rejects.toSatisfy((e: unknown) => e instanceof InvalidInputError && e.problems.some((p) => p.field === 'note'));
    await expect(service.allocate(ctxOf(manager), { childId, practitionerId: to.practitionerId, reasonCode: 'whim', note: 'Short but fine' }, AS_OF))
      .rejects.toSatisfy((e: unknown) => e instanceof InvalidInputError && e.problems.some((p) => p.field === 'reasonCode'));

    const result = await service.allocate(ctxOf(manager), { childId, practitionerId: to.practitionerId, reasonCode: 'worker_left', note: 'Worker moved to another team; family knows.' }, AS_OF);
    expect(result.decisions.map((d) => d.childId)).toEqual([childId]);
    const leads = await store.listOpenLeads(database.db, councilId, AS_OF, [childId]);
    expect(leads.map((l) => l.practitioner_id)).toEqual([to.practitionerId]);
    const [decision] = await store.listDecisions(database.db, councilId, { childIds: [childId] });
    expect(decision).toMatchObject({ reason_code: 'worker_left', status: 'recorded', previous_practitioner_id: lonely.practitioner_id, suggested_practitioner_id: s.suggestions.find((x) => x.eligible)!.practitionerId });
    const audit = await listAuditEvents(database.db, councilId, { childId });
    expect(audit.some((e) => e.action === 'write' && e.fields?.startsWith('allocation: lead to'))).toBe(true);
    // No longer waiting; the worker's workload now holds it.
    expect((await service.unallocated(ctxOf(manager), AS_OF)).cases.some((c) => c.childId === childId)).toBe(false);
    const { results } = await computeWorkloads(database.db, councilId, AS_OF, 'SF1');
    const worker = results.find((r) => r.practitioner.practitioner_id === to.practitionerId)!;
    expect(worker.workload.demand.cases.some((c) => c.childId === childId)).toBe(true);

    // Decisions, for the file business support enters.
    const listed = await service.decisions(ctxOf(as('bs', ['business_support'], ['SF1'])), '2026-06-01');
    expect(listed.rows.find((r) => r.childId === childId)).toMatchObject({ status: 'recorded', note: '', reason: 'Worker left or is absent' });
    expect(listed.mayAllocate).toBe(false);
    expect((await service.decisions(ctxOf(manager), '2026-06-01')).rows.find((r) => r.childId === childId)!.note).toBe('Worker moved to another team; family knows.');
  });

  it('refuses allocating to yourself, a team manager allocating outside their teams, another council and people who do not allocate', async () => {
    const a = openLeads().find((x) => x.team_id === 'SF1' && !used.has(x.child_id) && !data.children.find((c) => c.child_id === x.child_id)!.restricted
      && data.children.find((c) => c.child_id === x.child_id)!.family_id === null && !data.practitioners.some((p) => p.practitioner_id === x.practitioner_id && p.left_on !== null))!;
    await release(a.child_id);
    const note = 'Covering while the worker is away.';
    await expect(service.allocate(ctxOf(manager), { childId: a.child_id, practitionerId: managerSelf, reasonCode: 'other', note }, AS_OF)).rejects.toBeInstanceOf(NotAllowedError);
    const outsider = data.practitioners.find((p) => p.team_id === 'SF2' && p.role === 'social_worker' && p.left_on === null)!;
    await expect(service.allocate(ctxOf(manager), { childId: a.child_id, practitionerId: outsider.practitioner_id, reasonCode: 'other', note }, AS_OF)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(service.unallocated(ctxOf(manager), AS_OF, undefined, 'another-council')).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.suggestions(ctxOf(as('p', ['practitioner'], ['SF1'], a.practitioner_id)), a.child_id, AS_OF)).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.unallocated(ctxOf(as('pa', ['performance_analyst'], []), ), AS_OF)).rejects.toBeInstanceOf(NotFoundError);
    // Nothing was written by any of those.
    expect(await store.listDecisions(database.db, councilId, { childIds: [a.child_id] })).toEqual([]);
    // A service manager may move work between teams.
    const head = as('hos', ['service_manager'], []);
    const s = await service.suggestions(ctxOf(head), a.child_id, AS_OF);
    const across = s.suggestions.find((x) => x.eligible && x.teamId === 'SF2');
    expect(across, 'someone in SF2 may take the case').toBeDefined();
    await service.allocate(ctxOf(head), { childId: a.child_id, practitionerId: across!.practitionerId, reasonCode: 'transfer_in', note }, AS_OF);
    expect((await store.listOpenLeads(database.db, councilId, AS_OF, [a.child_id]))[0]!.team_id).toBe('SF2');
  });

  it('allocates waiting siblings together unless the manager splits them with a reason', async () => {
    const byFamily = new Map<string, string[]>();
    for (const l of openLeads().filter((x) => x.team_id === 'SF1')) {
      const c = data.children.find((x) => x.child_id === l.child_id)!;
      if (c.family_id && !c.restricted && !used.has(c.child_id)) byFamily.set(c.family_id, [...(byFamily.get(c.family_id) ?? []), c.child_id]);
    }
    const [one, two] = [...byFamily.values()].find((ids) => ids.length >= 2)!;
    await release(one!);
    await release(two!);
    const s = await service.suggestions(ctxOf(manager), one!, AS_OF);
    expect(s.unit.map((u) => u.childId).sort()).toEqual([one, two].sort());
    const to = s.suggestions.find((x) => x.eligible)!;
    const note = 'Siblings together with one worker.';
    await expect(service.allocate(ctxOf(manager), { childId: one!, practitionerId: to.practitionerId, reasonCode: 'new_case', note, splitReason: 'short' }, AS_OF))
      .rejects.toSatisfy((e: unknown) => e instanceof InvalidInputError && e.problems.some((p) => p.field === 'splitReason'));
    const split = await service.suggestions(ctxOf(manager), one!, AS_OF, { split: true });
    expect(split.unit.map((u) => u.childId)).toEqual([one]);
    expect(split.splitOut.map((u) => u.childId)).toEqual([two]);
    const result = await service.allocate(ctxOf(manager), { childId: one!, practitionerId: to.practitionerId, reasonCode: 'new_case', note }, AS_OF);
    expect(result.decisions.map((d) => d.childId).sort()).toEqual([one, two].sort());
    const leads = await store.listOpenLeads(database.db, councilId, AS_OF, [one!, two!]);
    expect(new Set(leads.map((l) => l.practitioner_id))).toEqual(new Set([to.practitionerId]));
  });

  it('never offers someone the family they declared a conflict with, and applies rules the administrator saves', async () => {
    const a = openLeads().find((x) => x.team_id === 'SF1' && !used.has(x.child_id) && !data.children.find((c) => c.child_id === x.child_id)!.restricted
      && data.children.find((c) => c.child_id === x.child_id)!.family_id === null)!;
    await release(a.child_id);
    const before = await service.suggestions(ctxOf(manager), a.child_id, AS_OF);
    const first = before.suggestions.find((x) => x.eligible)!;
    const self = as('self', ['practitioner'], ['SF1'], first.practitionerId);
    await expect(service.declareConflict(ctxOf(self), { practitionerId: first.practitionerId, reason: 'x' })).rejects.toBeInstanceOf(InvalidInputError);
    // Someone else's conflict is their manager's to record, not a colleague's.
    await expect(service.declareConflict(ctxOf(as('other', ['practitioner'], ['SF1'], 'P-nobody')), { practitionerId: first.practitionerId, childId: a.child_id, reason: 'Knows the family' })).rejects.toBeInstanceOf(NotFoundError);
    await service.declareConflict(ctxOf(self), { practitionerId: first.practitionerId, childId: a.child_id, reason: 'The mother is my neighbour.' });
    const after = await service.suggestions(ctxOf(manager), a.child_id, AS_OF);
    const row = after.suggestions.find((x) => x.practitionerId === first.practitionerId)!;
    expect(row.eligible).toBe(false);
    expect(row.problems.map((p) => p.code)).toContain('conflict');

    const admin = as('admin', ['system_administrator'], []);
    await expect(service.savePolicy(ctxOf(manager), {}, 'Stricter limits')).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.savePolicy(ctxOf(admin), { asye: { maxCases: -1, maxRatio: 0.8, noChildProtectionLeadMonths: 6 } }, 'Stricter limits')).rejects.toBeInstanceOf(InvalidInputError);
    // Nobody may lead this child's statuses: everyone is then ineligible, for the role rule.
    const none = Object.fromEntries(Object.keys((await service.readPolicy(ctxOf(manager))).policy.mayHold).map((k) => [k, []]));
    expect(await service.savePolicy(ctxOf(admin), { mayHold: none }, 'Testing the role rule')).toEqual({ version: 1 });
    const strict = await service.suggestions(ctxOf(manager), a.child_id, AS_OF);
    expect(strict.policyVersion).toBe(1);
    expect(strict.suggestions.every((x) => !x.eligible && x.problems.some((p) => p.code === 'role'))).toBe(true);
    await service.savePolicy(ctxOf(admin), {}, 'Back to the defaults');
    expect((await service.readPolicy(ctxOf(manager))).version).toBe(2);
  });

  it('shares out a leaver’s caseload in one plan the manager edits and accepts, each allocation audited; what-if saves nothing', async () => {
    const leaver = data.practitioners.find((p) => p.team_id === 'SF1' && p.role === 'social_worker' && p.left_on === null
      && openLeads().filter((a) => a.practitioner_id === p.practitioner_id && !used.has(a.child_id)).length >= 3
      && !openLeads().some((a) => a.practitioner_id === p.practitioner_id && used.has(a.child_id)))!;
    const request = { mode: 'leaver' as const, teamId: 'SF1', practitionerId: leaver.practitioner_id, date: AS_OF };
    const auditBefore = (await listAuditEvents(database.db, councilId, {})).length;
    const whatIf = await service.whatIf(ctxOf(manager), { teamId: 'SF1', date: AS_OF, scenario: { kind: 'leaver', practitionerId: leaver.practitioner_id } });
    expect(whatIf.rows.find((r) => r.practitionerId === leaver.practitioner_id)!.after).toBeNull();
    expect(whatIf.moving).toBe((await store.listOpenLeads(database.db, councilId, AS_OF)).filter((l) => l.practitioner_id === leaver.practitioner_id).length);
    // Nothing written by what-if but its one audit event.
    expect((await listAuditEvents(database.db, councilId, {})).length).toBe(auditBefore + 1);
    expect(await store.listDecisions(database.db, councilId, { since: AS_OF }).then((d) => d.filter((x) => x.plan_id !== null))).toEqual([]);

    const plan = await service.plan(ctxOf(manager), request);
    expect(plan.units.length).toBeGreaterThan(0);
    const placed = plan.units.filter((u) => u.to !== null);
    expect(placed.every((u) => u.moved && u.to !== leaver.practitioner_id && u.to !== managerSelf)).toBe(true);
    // The manager changes one row to another eligible worker: the effect is shown at once.
    const row = placed.find((u) => u.options.length > 1)!;
    const other = row.options.find((o) => o.practitionerId !== row.to)!;
    const edited = await service.plan(ctxOf(manager), { ...request, edits: new Map([[row.unitId, other.practitionerId]]) });
    expect(edited.units.find((u) => u.unitId === row.unitId)).toMatchObject({ to: other.practitionerId, edited: true });
    // Another team's manager cannot see the plan.
    await expect(service.plan(ctxOf(as('tm2', ['team_manager'], ['SF2'])), request)).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.acceptPlan(ctxOf(manager), request, { accepted: new Map(), reasonCode: 'worker_left', note: 'Leaving' })).rejects.toBeInstanceOf(InvalidInputError);

    const accepted = new Map(edited.units.filter((u) => u.to !== null).map((u) => [u.unitId, u.to!]));
    const result = await service.acceptPlan(ctxOf(manager), request, { accepted, reasonCode: 'worker_left', note: 'Leaves at the end of the month.' });
    const children = edited.units.filter((u) => u.to !== null).reduce((n, u) => n + u.names.length, 0);
    expect(result.decisions).toBe(children);
    const still = (await store.listOpenLeads(database.db, councilId, AS_OF)).filter((l) => l.practitioner_id === leaver.practitioner_id);
    expect(still.length).toBe(edited.units.filter((u) => u.to === null).reduce((n, u) => n + u.names.length, 0));
    const made = (await store.listDecisions(database.db, councilId, { since: AS_OF })).filter((d) => d.plan_id === result.planId);
    expect(made.length).toBe(children);
    expect(made.every((d) => d.previous_practitioner_id === leaver.practitioner_id && d.reason_code === 'worker_left')).toBe(true);
    const written = await listAuditEvents(database.db, councilId, {});
    expect(written.filter((e) => e.action === 'write' && e.fields?.includes(', in a plan')).length).toBe(children);
    for (const d of made) used.add(d.child_id);
  });

  it('confirms a decision the next import shows, and lists one where it shows someone else', async () => {
    const decisions = await store.listDecisions(database.db, councilId, { status: 'recorded' });
    expect(decisions.length).toBeGreaterThanOrEqual(2);
    const [same, other] = decisions;
    const someoneElse = data.practitioners.find((p) => p.team_id === 'SF1' && p.practitioner_id !== other!.practitioner_id && p.left_on === null)!;
    // What the case management system shows after business support entered one decision, and someone else the other.
    await store.insertAllocations(database.db, [
      { council_id: councilId, allocation_id: 'cms-1', child_id: same!.child_id, practitioner_id: same!.practitioner_id, team_id: same!.team_id, role: 'lead', start_date: '2026-06-16', end_date: null },
      { council_id: councilId, allocation_id: 'cms-2', child_id: other!.child_id, practitioner_id: someoneElse.practitioner_id, team_id: 'SF1', role: 'lead', start_date: '2026-06-17', end_date: null },
    ]);
    const check = await checkDecisionsAfterImport(database.db, councilId, 'import-1', '2026-06-18');
    expect(check.confirmed).toBeGreaterThanOrEqual(1);
    expect(check.mismatches.map((m) => m.childId)).toContain(other!.child_id);
    expect(check.mismatches.find((m) => m.childId === other!.child_id)!.text).toContain(someoneElse.name);
    const after = await store.listDecisions(database.db, councilId, { childIds: [same!.child_id, other!.child_id] });
    expect(after.find((d) => d.decision_id === same!.decision_id)!.status).toBe('confirmed');
    expect(after.find((d) => d.decision_id === other!.decision_id)!.status).toBe('mismatch');
    // The case counts once: Caseweight's own row ends where the system's begins.
    const leads = await store.listOpenLeads(database.db, councilId, '2026-06-18', [same!.child_id]);
    expect(leads.map((l) => l.allocation_id)).toEqual(['cms-1']);
    // The check's writes are on the record, as one event of the import.
    const events = await listAuditEvents(database.db, councilId, {});
    expect(events.some((e) => e.recordType === 'allocation_decisions' && e.recordId === 'import-1' && e.fields?.includes(`${check.confirmed} confirmed`))).toBe(true);
  });
});
