import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoUsers } from '../src/demo/users.ts';
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { buildApp } from '../src/main.ts';
import { createTasksService } from '../src/tasks/service/index.ts';
import type { Actor } from '../src/kernel/roles.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { csrfToken, signInAs, type Cookies } from './support/auth.ts';
import { matrixMismatches } from './support/access-matrix.ts';
import { newCouncilId, openTestDatabase } from './support/database.ts';

/**
 * Tasks handed to business support (issue 16), every role × every task endpoint. Written out by
 * hand from the rules: business support sees its team's tasks and queue, never the record;
 * the asker, the case's holder and the team manager follow their tasks; service managers read.
 */
const TODAY = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const ROLES = ['practitioner', 'team_manager', 'service_manager', 'business_support', 'performance_analyst', 'data_officer', 'system_administrator', 'auditor'] as const;
type RoleName = (typeof ROLES)[number];

const EXPECT: Record<string, RoleName[]> = {
  'own team task': ['practitioner', 'team_manager', 'service_manager', 'business_support'],
  'other team task': ['service_manager'],
  'own team queue': ['team_manager', 'service_manager', 'business_support'],
  'other team queue': ['service_manager'],
  'business support workload': ['team_manager', 'service_manager', 'business_support'],
  'hand a task over on own case (form)': ['practitioner', 'team_manager'],
  "another council's task": [],
  "another council's queue": [],
};

describe('tasks access matrix', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let councilId: string;
  const jars = {} as Record<RoleName, Cookies>;
  const urls: Record<string, string> = {};
  let openTask = '';

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    councilId = newCouncilId();
    const data = generateCouncil({ councilId, name: 'Tasks Matrix', seed: 23, asOf: TODAY, staffScale: 0.3, caseScale: 0.3, recordHistory: false });
    await seedCouncil(database.db, data);
    await seedDemoUsers(database.db, councilId, TODAY, `${councilId}.test`);
    app = await buildApp(database, { logLevel: 'silent', security: { signInPerMinute: 1000 } });
    for (const role of ROLES) jars[role] = await signInAs(app, role, `${councilId}.test`);
    const me = (await database.db.selectFrom('users').select('practitioner_id').where('council_id', '=', councilId).where('user_id', '=', 'demo-practitioner').executeTakeFirstOrThrow()).practitioner_id!;
    const open = data.allocations.filter((a) => a.end_date === null && a.start_date <= TODAY && a.role === 'lead');
    const unrestricted = async (ids: string[]) => (await database.db.selectFrom('children').select('child_id').where('council_id', '=', councilId).where('restricted', '=', false).where('child_id', 'in', ids).orderBy('child_id').executeTakeFirstOrThrow()).child_id;
    const ownChild = await unrestricted(open.filter((a) => a.practitioner_id === me).map((a) => a.child_id));
    const sf2 = open.find((a) => a.team_id === 'SF2')!;
    const sf2Child = await unrestricted(open.filter((a) => a.practitioner_id === sf2.practitioner_id).map((a) => a.child_id));
    const tasks = createTasksService({ db: database.db });
    const form = { type: 'other', title: 'Send the plan', instructions: 'Post it to the family.', day: String(Number(inDays(5).slice(8))), month: String(Number(inDays(5).slice(5, 7))), year: inDays(5).slice(0, 4), assignTo: '', details: {} };
    const origin = { ip: '127.0.0.1' };
    const practitioner: Actor = { kind: 'staff', userId: 'demo-practitioner', councilId, name: 'P', roles: ['practitioner'], practitionerId: me, teamIds: ['SF1'], grantedChildIds: [], breakGlassChildIds: [] };
    const sf2Worker: Actor = { kind: 'staff', userId: 'sf2-worker', councilId, name: 'Q', roles: ['practitioner'], practitionerId: sf2.practitioner_id, teamIds: ['SF2'], grantedChildIds: [], breakGlassChildIds: [] };
    openTask = (await tasks.createTask({ actor: practitioner, origin, now: new Date() }, ownChild, form)).taskId;
    const otherTask = (await tasks.createTask({ actor: sf2Worker, origin, now: new Date() }, sf2Child, form)).taskId;
    const c = `/api/councils/${councilId}`;
    Object.assign(urls, {
      'own team task': `${c}/tasks/${openTask}`,
      'other team task': `${c}/tasks/${otherTask}`,
      'own team queue': `${c}/teams/SF1/task-queue`,
      'other team queue': `${c}/teams/SF2/task-queue`,
      'business support workload': `${c}/business-support/demo-business-support/workload`,
      'hand a task over on own case (form)': `/children/${ownChild}/tasks/new`,
      "another council's task": `/api/councils/elsewhere/tasks/${openTask}`,
      "another council's queue": '/api/councils/elsewhere/teams/SF1/task-queue',
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('allows exactly what each role should see, and hides the rest as 404', async () => {
    expect(await matrixMismatches(app, EXPECT, urls, jars, ROLES)).toEqual([]);
  });

  it('lets only business support claim: those who cannot see the task get 404, the asker’s side 400', async () => {
    const wrong: string[] = [];
    const expected: Record<RoleName, number> = { practitioner: 400, team_manager: 400, service_manager: 404, business_support: 200, performance_analyst: 404, data_officer: 404, system_administrator: 404, auditor: 404 };
    // Business support last, so the others try an open task.
    for (const role of [...ROLES.filter((r) => r !== 'business_support'), 'business_support' as const]) {
      const res = await app.inject({ method: 'POST', url: `/api/councils/${councilId}/tasks/${openTask}/claim`, cookies: jars[role], headers: { 'x-csrf-token': await csrfToken(app, jars[role]) } });
      if (res.statusCode !== expected[role]) wrong.push(`${role} → claim: got ${res.statusCode}, expected ${expected[role]}`);
    }
    expect(wrong).toEqual([]);
  });

  it('asks signed-out people to sign in', async () => {
    for (const url of Object.values(urls)) {
      const res = await app.inject({ method: 'GET', url });
      if (url.startsWith('/api/')) expect(res.statusCode, url).toBe(401);
      else expect([res.statusCode, String(res.headers.location).split('?')[0]], url).toEqual([303, '/sign-in']);
    }
  });
});
