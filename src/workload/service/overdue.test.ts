import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil, type CouncilData } from '../../demo/generate.ts';
import { seedCouncil } from '../../demo/service.ts';
import { NotFoundError } from '../../kernel/errors.ts';
import type { Actor, Role } from '../../kernel/roles.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { englandCalendar, dayFromIso } from '../model/index.ts';
import { newCouncilId, openTestDatabase, testBackends } from '../../../test/support/database.ts';
import { caseScheduleUnchecked } from './index.ts';
import { DUE_WITHIN_WORKING_DAYS, teamOverdue } from './overdue.ts';

const AS_OF = '2026-06-15';
const origin = { ip: '10.0.0.6' };

/** The team's overdue list against each case's own schedule, on each database. */
describe.each(testBackends())('team overdue list on %s', (kind) => {
  let database: DatabaseHandle;
  let councilId: string;
  let data: CouncilData;
  const ctxOf = (actor: Actor): RequestContext => ({ actor, origin, now: new Date(`${AS_OF}T12:00:00Z`) });
  const as = (userId: string, roles: Role[], teamIds: string[]): Actor =>
    ({ userId, councilId, name: userId, roles, practitionerId: null, teamIds, grantedChildIds: [], breakGlassChildIds: [] });

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    councilId = newCouncilId();
    data = generateCouncil({ councilId, name: 'Overdue Borough', seed: 61, asOf: AS_OF, staffScale: 0.3, caseScale: 0.3, recordHistory: true });
    await seedCouncil(database.db, data);
  });
  afterAll(async () => database?.close());

  it('lists exactly the overdue and due-within-10-working-days items of every unrestricted case the team holds, by worker', async () => {
    const list = await teamOverdue(database.db, ctxOf(as('tm', ['team_manager'], ['SF1'])), 'SF1', AS_OF);
    expect(list.rows.length).toBeGreaterThan(0);
    const restricted = new Set(data.children.filter((c) => c.restricted).map((c) => c.child_id));
    const held = data.allocations.filter((a) => a.team_id === 'SF1' && a.role === 'lead' && a.start_date <= AS_OF && (a.end_date === null || a.end_date > AS_OF) && !restricted.has(a.child_id));
    const expected: string[] = [];
    const calendar = englandCalendar();
    for (const a of held.slice(0, 40)) {
      const schedule = await caseScheduleUnchecked(database.db, councilId, a.child_id, AS_OF);
      for (const i of schedule.items) {
        const left = i.dueOn > AS_OF ? calendar.workingDaysBetween(dayFromIso(AS_OF), dayFromIso(i.dueOn)) : 0;
        if (i.state === 'overdue' || ((i.state === 'due_soon' || i.state === 'upcoming') && left <= DUE_WITHIN_WORKING_DAYS)) expected.push(`${a.child_id}|${i.activityCode}|${i.dueOn}`);
      }
    }
    const ids = new Set(held.slice(0, 40).map((a) => a.child_id));
    expect(list.rows.filter((r) => ids.has(r.childId)).map((r) => `${r.childId}|${r.activityCode}|${r.dueOn}`).sort()).toEqual(expected.sort());
    expect(list.rows.some((r) => restricted.has(r.childId))).toBe(false);
    for (const r of list.rows) expect(r.state === 'overdue' ? r.daysOverdue > 0 : r.workingDaysLeft <= DUE_WITHIN_WORKING_DAYS).toBe(true);
  });

  it('is for the team’s manager and service managers only', async () => {
    await expect(teamOverdue(database.db, ctxOf(as('tm2', ['team_manager'], ['SF2'])), 'SF1', AS_OF)).rejects.toBeInstanceOf(NotFoundError);
    await expect(teamOverdue(database.db, ctxOf(as('pa', ['performance_analyst'], [])), 'SF1', AS_OF)).rejects.toBeInstanceOf(NotFoundError);
    await expect(teamOverdue(database.db, ctxOf(as('p', ['practitioner'], ['SF1'])), 'SF1', AS_OF)).rejects.toBeInstanceOf(NotFoundError);
    expect((await teamOverdue(database.db, ctxOf(as('hos', ['service_manager'], [])), 'SF1', AS_OF)).team.teamId).toBe('SF1');
  });
});
