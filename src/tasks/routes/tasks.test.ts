import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoUsers } from '../../demo/users.ts';
import { generateCouncil } from '../../demo/generate.ts';
import { seedCouncil } from '../../demo/service.ts';
import { buildApp } from '../../main.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { csrfToken, signInAs, type Cookies } from '../../../test/support/auth.ts';
import { newCouncilId, openTestDatabase } from '../../../test/support/database.ts';

const TODAY = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const HTML = { accept: 'text/html' };

/** A task's whole life through the pages and the API: hand over, claim, question, answer, hand back; the note, the hours, the refusals. */
describe('tasks handed to business support', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let councilId: string;
  let childId: string;
  let me: string;
  const jars = {} as Record<'practitioner' | 'business_support' | 'performance_analyst' | 'team_manager', Cookies>;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    councilId = newCouncilId();
    const data = generateCouncil({ councilId, name: 'Tasks Routes', seed: 31, asOf: TODAY, staffScale: 0.3, caseScale: 0.3, recordHistory: false });
    await seedCouncil(database.db, data);
    await seedDemoUsers(database.db, councilId, TODAY, `${councilId}.test`);
    app = await buildApp(database, { logLevel: 'silent', security: { signInPerMinute: 1000 } });
    for (const role of ['practitioner', 'business_support', 'performance_analyst', 'team_manager'] as const) jars[role] = await signInAs(app, role, `${councilId}.test`);
    me = (await database.db.selectFrom('users').select('practitioner_id').where('council_id', '=', councilId).where('user_id', '=', 'demo-practitioner').executeTakeFirstOrThrow()).practitioner_id!;
    const mine = data.allocations.filter((a) => a.practitioner_id === me && a.end_date === null && a.start_date <= TODAY).map((a) => a.child_id);
    // seedDemoUsers restricts one of the worker's children: take one that is not.
    childId = (await database.db.selectFrom('children').select('child_id').where('council_id', '=', councilId).where('restricted', '=', false).where('child_id', 'in', mine).orderBy('child_id').executeTakeFirstOrThrow()).child_id;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const api = () => `/api/councils/${councilId}`;
  const post = async (jar: Cookies, url: string, payload: Record<string, unknown> = {}) =>
    app.inject({ method: 'POST', url, cookies: jar, headers: { 'x-csrf-token': await csrfToken(app, jar) }, payload });
  const myHours = async () => {
    const res = await app.inject({ url: `${api()}/practitioners/${me}/workload?date=${TODAY}`, cookies: jars.practitioner });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ demandHours: { central: number } }>().demandHours.central;
  };

  it('re-renders the form with a 400 and an error summary linked to each field', async () => {
    const choose = await app.inject({ url: `/children/${childId}/tasks/new`, cookies: jars.practitioner, headers: HTML });
    expect(choose.statusCode).toBe(200);
    expect(choose.body).toContain('What should business support do?');
    const res = await app.inject({ method: 'POST', url: `/children/${childId}/tasks/new`, cookies: jars.practitioner, headers: HTML,
      payload: { _csrf: await csrfToken(app, jars.practitioner), type: 'letter', title: '', instructions: '', 'due-day': '1', 'due-month': '1', 'due-year': '2020', assignTo: '' } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Error: ');
    for (const field of ['title', 'details-addresseeName', 'details-addresseeAddress', 'instructions', 'due-day']) expect(res.body).toContain(`href="#${field}"`);
  });

  it('moves the letter’s hours, shows business support only the task, and hands back with a case note', async () => {
    const before = await myHours();
    const created = await post(jars.practitioner, `${api()}/children/${childId}/tasks`, {
      type: 'letter', title: 'Letter to school', instructions: 'Ask for attendance since September.', dueOn: inDays(5),
      details: { addresseeName: 'Mrs A Khan, headteacher', addresseeAddress: 'Northby Primary, 1 School Lane' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { taskId } = created.json<{ taskId: string }>();
    // The practitioner's page shows the task line, and the demand fell by its hours.
    const page = await app.inject({ url: '/my-workload', cookies: jars.practitioner, headers: HTML });
    expect(page.body).toContain('Letter to school handed to business support: −1.5 h');
    expect(before - (await myHours())).toBeCloseTo(1.5, 1);

    // Business support: the queue names no child; the task shows what it needs, not the record.
    const queue = await app.inject({ url: '/tasks/queue', cookies: jars.business_support, headers: HTML });
    expect(queue.body).toContain('Letter to school');
    const view = await app.inject({ url: `/tasks/${taskId}`, cookies: jars.business_support, headers: HTML });
    expect(view.body).toContain('Mrs A Khan, headteacher');
    expect(view.body).toContain('not the child’s record');
    expect((await app.inject({ url: `/children/${childId}`, cookies: jars.business_support, headers: HTML })).statusCode).toBe(404);
    const audited = await sql<{ n: number }>`select count(*)::int as n from audit_events where council_id = ${councilId} and record_type = 'task' and record_id = ${taskId} and actor_user_id = 'demo-business-support' and action = 'read'`.execute(database.db);
    expect(audited.rows[0]!.n).toBe(1);

    expect((await post(jars.business_support, `${api()}/tasks/${taskId}/claim`)).statusCode).toBe(200);
    // The practitioner cannot claim, and a question needs words.
    expect((await post(jars.practitioner, `${api()}/tasks/${taskId}/complete`, { text: 'done' })).statusCode).toBe(400);
    expect((await post(jars.business_support, `${api()}/tasks/${taskId}/return`, { text: '' })).statusCode).toBe(400);
    expect((await post(jars.business_support, `${api()}/tasks/${taskId}/return`, { text: 'Which year is the child in?' })).statusCode).toBe(200);
    expect((await post(jars.practitioner, `${api()}/tasks/${taskId}/answer`, { text: 'Year 4.' })).statusCode).toBe(200);

    // Business support's own workload holds the hours.
    const support = await app.inject({ url: `${api()}/business-support/demo-business-support/workload`, cookies: jars.business_support });
    expect(support.statusCode).toBe(200);
    expect(support.json<{ mine: { total: { central: number } } }>().mine.total.central).toBeCloseTo(1.5, 5);

    const done = await post(jars.business_support, `${api()}/tasks/${taskId}/complete`, { text: 'Sent by post today.' });
    expect(done.statusCode, done.body).toBe(200);
    const notes = await app.inject({ url: `${api()}/children/${childId}/notes`, cookies: jars.practitioner });
    const texts = notes.json<{ notes: { latest: { text: string; authorName: string } }[] }>().notes.map((n) => n.latest.text);
    expect(texts.some((t) => t.includes('Letter to school') && t.includes('Sent by post today.'))).toBe(true);
    // Handed back: on My workload's banner and the tasks page, until the practitioner opens it.
    expect((await app.inject({ url: '/my-workload', cookies: jars.practitioner, headers: HTML })).body).toContain('1 task handed back by business support');
    const list = await app.inject({ url: '/tasks', cookies: jars.practitioner, headers: HTML });
    expect(list.body).toContain('data-testid="handed-back"');
    await app.inject({ url: `/tasks/${taskId}`, cookies: jars.practitioner, headers: HTML });
    expect((await app.inject({ url: '/my-workload', cookies: jars.practitioner, headers: HTML })).body).not.toContain('handed back by business support');
  });

  it('flags an overdue task to both sides', async () => {
    const created = await post(jars.practitioner, `${api()}/children/${childId}/tasks`, { type: 'other', title: 'Send the plan', instructions: 'Post the plan to the family.', dueOn: TODAY });
    const { taskId } = created.json<{ taskId: string }>();
    await sql`update tasks set due_on = ${inDays(-3)} where council_id = ${councilId} and task_id = ${taskId}`.execute(database.db);
    expect((await app.inject({ url: '/tasks/queue', cookies: jars.business_support, headers: HTML })).body).toContain('overdue');
    expect((await app.inject({ url: `/tasks/${taskId}`, cookies: jars.practitioner, headers: HTML })).body).toContain('data-testid="task-overdue"');
  });

  it('hides tasks from those outside them as an audited 404, and another council’s as well', async () => {
    const created = await post(jars.practitioner, `${api()}/children/${childId}/tasks`, { type: 'room_booking', title: 'Room for the family meeting', instructions: 'Ground floor.', dueOn: inDays(3), details: { when: 'Tuesday 10am, 2 hours', people: '6' } });
    const { taskId } = created.json<{ taskId: string }>();
    expect((await app.inject({ url: `${api()}/tasks/${taskId}`, cookies: jars.performance_analyst })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/councils/elsewhere/tasks/${taskId}`, cookies: jars.practitioner })).statusCode).toBe(404);
    const denied = await sql<{ n: number }>`select count(*)::int as n from audit_events where council_id = ${councilId} and record_type = 'task' and action = 'denied' and actor_user_id = 'demo-performance-analyst'`.execute(database.db);
    expect(denied.rows[0]!.n).toBeGreaterThanOrEqual(1);
    // Business support cannot hand a task over: that needs the right to write on the case.
    expect((await post(jars.business_support, `${api()}/children/${childId}/tasks`, { type: 'other', title: 'x', instructions: 'y', dueOn: inDays(3) })).statusCode).toBe(404);
  });

  it('lets the team manager set business support’s hours, with an error summary for bad input', async () => {
    const bad = await app.inject({ method: 'POST', url: '/tasks/workload/demo-business-support/hours', cookies: jars.team_manager, headers: HTML, payload: { _csrf: await csrfToken(app, jars.team_manager), weeklyHours: 'lots' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#weeklyHours"');
    const ok = await app.inject({ method: 'POST', url: '/tasks/workload/demo-business-support/hours', cookies: jars.team_manager, headers: HTML, payload: { _csrf: await csrfToken(app, jars.team_manager), weeklyHours: '22.5' } });
    expect(ok.statusCode).toBe(303);
    const page = await app.inject({ url: `${api()}/business-support/demo-business-support/workload`, cookies: jars.business_support });
    expect(page.json<{ weeklyHours: number; hoursSet: boolean }>()).toMatchObject({ weeklyHours: 22.5, hoursSet: true });
    // The officer reads their figures but does not set their own hours.
    const self = await app.inject({ method: 'POST', url: '/tasks/workload/demo-business-support/hours', cookies: jars.business_support, headers: HTML, payload: { _csrf: await csrfToken(app, jars.business_support), weeklyHours: '10' } });
    expect(self.statusCode).toBe(404);
  });
});
