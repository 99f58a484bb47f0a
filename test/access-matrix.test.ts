import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoUsers } from '../src/demo/users.ts';
import { generateCouncil, type CouncilData } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { buildApp } from '../src/main.ts';
import { DEFAULT_CONFIG } from '../src/workload/model/index.ts';
import { insertConfigVersion } from '../src/workload/store.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { csrfToken, signInAs, type Cookies } from './support/auth.ts';
import { matrixMismatches } from './support/access-matrix.ts';
import { newCouncilId, openTestDatabase, testBackends } from './support/database.ts';

/**
 * Every role × every endpoint × own / team / other-team / restricted record. The expectations
 * are written out by hand from the rules, not computed from the policy, so a policy
 * change that breaks a rule fails here. Denied means 404: a record's existence stays hidden.
 */
const AS_OF = '2026-11-23';
const ROLES = ['practitioner', 'team_manager', 'service_manager', 'business_support', 'performance_analyst', 'data_officer', 'system_administrator', 'auditor'] as const;
type RoleName = (typeof ROLES)[number];

// Which roles may read each thing (everyone else gets 404; signed-out people get 401).
const EXPECT: Record<string, RoleName[]> = {
  'teams list': ['team_manager', 'service_manager', 'performance_analyst'],
  'own team workload': ['team_manager', 'service_manager', 'performance_analyst'],
  'other team workload': ['service_manager', 'performance_analyst'],
  'own workload': ['practitioner', 'team_manager', 'service_manager'],
  'colleague workload': ['team_manager', 'service_manager'],
  'other-team practitioner workload': ['service_manager'],
  'own case schedule': ['practitioner', 'team_manager', 'service_manager', 'business_support'],
  'team case schedule': ['practitioner', 'team_manager', 'service_manager', 'business_support'],
  'other-team case schedule': ['service_manager'],
  'restricted case with grant': ['practitioner', 'team_manager'],
  'restricted case without grant': [],
  'who looked at own child': ['team_manager', 'service_manager', 'auditor'],
  'who looked at other-team child': ['service_manager', 'auditor'],
  'what the practitioner looked at': ['team_manager', 'service_manager', 'auditor'],
  'break-glass review list': ['team_manager', 'service_manager', 'auditor'],
  'who looked at own child between two days, page 2': ['team_manager', 'service_manager', 'auditor'],
  'what the practitioner did with own child': ['team_manager', 'service_manager', 'auditor'],
  'grants to restricted records': ['team_manager', 'service_manager', 'auditor'],
  'audit page: search form': ['team_manager', 'service_manager', 'auditor'],
  'audit page: what the practitioner looked at, between two days': ['team_manager', 'service_manager', 'auditor'],
  'audit page: grants to restricted records': ['team_manager', 'service_manager', 'auditor'],
  "another council's team workload": [],
  "another council's case schedule": [],
  // Child-level returns (the 'imports' resource): data officers and system administrators only.
  'Ofsted Annex A workbook': ['data_officer', 'system_administrator'],
  // The workload model's settings history: whoever may read the settings (the same policy).
  'model settings history': ['team_manager', 'service_manager', 'performance_analyst', 'system_administrator'],
  'a model settings version': ['team_manager', 'service_manager', 'performance_analyst', 'system_administrator'],
  // Allocation: the team's manager and service managers; decisions also for those who enter and check them.
  'own team waiting work': ['team_manager', 'service_manager'],
  'suggestions for a team case': ['team_manager', 'service_manager'],
  'suggestions for another team case': ['service_manager'],
  'suggestions for a restricted case without grant': [],
  'allocation decisions': ['team_manager', 'service_manager', 'business_support', 'data_officer'],
  'allocation rules': ['team_manager', 'service_manager', 'performance_analyst', 'system_administrator'],
  "another council's waiting work": [],
  "own team's overdue list": ['team_manager', 'service_manager'],
  "other team's overdue list": ['service_manager'],
  "another council's overdue list": [],
  'model calibration report': ['team_manager', 'service_manager', 'performance_analyst', 'system_administrator'],
  "another council's calibration report": [],
  "another council's suggestions": [],
  // Statistics (issue 17): the DfE indicators for managers and analysts; the agency rules check names workers, so the head of service only.
  'workforce measures': ['team_manager', 'service_manager', 'performance_analyst'],
  'service view as a PDF': ['team_manager', 'service_manager', 'performance_analyst'],
  'agency rules check': ['service_manager'],
  'agency rules check page': ['service_manager'],
  "another council's workforce measures": [],
  "another council's agency rules check": [],
  // Sufficiency and the safe range (issue 17): heads of service and analysts, not team managers (who see the service view).
  'sufficiency page': ['service_manager', 'performance_analyst'],
  'sufficiency API': ['service_manager', 'performance_analyst'],
  'sufficiency table as Excel': ['service_manager', 'performance_analyst'],
  "another council's sufficiency": [],
};
// Which roles may restore an earlier version of the model (a POST): only those who may change it.
const MAY_RESTORE: RoleName[] = ['system_administrator'];

describe.each(testBackends())('access matrix on %s', (kind) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let councilId: string;
  let otherCouncil: string;
  let data: CouncilData;
  const jars = {} as Record<RoleName, Cookies>;
  const urls: Record<string, string> = {};
  const allocation: Record<string, string> = {};

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    councilId = newCouncilId();
    otherCouncil = newCouncilId();
    data = generateCouncil({ councilId, name: 'Matrix', seed: 21, asOf: AS_OF, staffScale: 0.3, caseScale: 0.3, recordHistory: false });
    await seedCouncil(database.db, data);
    const other = generateCouncil({ councilId: otherCouncil, name: 'Elsewhere', seed: 22, asOf: AS_OF, staffScale: 0.2, caseScale: 0.2, recordHistory: false });
    await seedCouncil(database.db, other);
    await seedDemoUsers(database.db, councilId, AS_OF, `${councilId}.test`);
    app = await buildApp(database, { logLevel: 'silent', security: { signInPerMinute: 1000 } });
    for (const role of ROLES) jars[role] = await signInAs(app, role, `${councilId}.test`);

    const me = (await database.db.selectFrom('users').select('practitioner_id').where('council_id', '=', councilId).where('user_id', '=', 'demo-practitioner').executeTakeFirstOrThrow()).practitioner_id!;
    const open = data.allocations.filter((a) => a.end_date === null && a.start_date <= AS_OF);
    const mine = open.filter((a) => a.practitioner_id === me);
    const restrictedMine = (await database.db.selectFrom('children').select('child_id').where('council_id', '=', councilId).where('restricted', '=', true).where('child_id', 'in', mine.map((a) => a.child_id)).executeTakeFirstOrThrow()).child_id;
    const ownChild = mine.find((a) => a.child_id !== restrictedMine)!.child_id;
    const colleague = data.practitioners.find((p) => p.team_id === 'SF1' && p.practitioner_id !== me && p.role === 'social_worker' && open.filter((a) => a.practitioner_id === p.practitioner_id).length >= 2)!;
    const [teamChild, teamRestricted] = open.filter((a) => a.practitioner_id === colleague.practitioner_id).map((a) => a.child_id);
    // A restricted record in the team that nobody has a grant for.
    await sql`update children set restricted = true where council_id = ${councilId} and child_id = ${teamRestricted}`.execute(database.db);
    await sql`update children set restricted = false where council_id = ${councilId} and child_id = ${teamChild}`.execute(database.db);
    const outsider = open.find((a) => a.team_id === 'SF2')!;
    const outsiderWorker = data.practitioners.find((p) => p.team_id === 'SF2' && p.role === 'social_worker')!;
    await sql`update children set restricted = false where council_id = ${councilId} and child_id = ${outsider.child_id}`.execute(database.db);
    const otherChild = other.allocations.find((a) => a.end_date === null)!.child_id;

    const c = `/api/councils/${councilId}`;
    const d = `?date=${AS_OF}`;
    Object.assign(urls, {
      'teams list': `${c}/teams${d}`,
      'own team workload': `${c}/teams/SF1/workload${d}`,
      'other team workload': `${c}/teams/SF2/workload${d}`,
      'own workload': `${c}/practitioners/${me}/workload${d}`,
      'colleague workload': `${c}/practitioners/${colleague.practitioner_id}/workload${d}`,
      'other-team practitioner workload': `${c}/practitioners/${outsiderWorker.practitioner_id}/workload${d}`,
      'own case schedule': `${c}/children/${ownChild}/schedule${d}`,
      'team case schedule': `${c}/children/${teamChild}/schedule${d}`,
      'other-team case schedule': `${c}/children/${outsider.child_id}/schedule${d}`,
      'restricted case with grant': `${c}/children/${restrictedMine}/schedule${d}`,
      'restricted case without grant': `${c}/children/${teamRestricted}/schedule${d}`,
      'who looked at own child': `${c}/children/${ownChild}/audit`,
      'who looked at other-team child': `${c}/children/${outsider.child_id}/audit`,
      'what the practitioner looked at': `${c}/audit?user=demo-practitioner`,
      'break-glass review list': `${c}/break-glass`,
      'who looked at own child between two days, page 2': `${c}/children/${ownChild}/audit?from=2026-01-01&to=${AS_OF}&page=2&pageSize=10`,
      'what the practitioner did with own child': `${c}/audit?user=demo-practitioner&child=${ownChild}&from=2026-01-01`,
      'grants to restricted records': `${c}/grants`,
      'audit page: search form': '/audit',
      'audit page: what the practitioner looked at, between two days': `/audit/people/demo-practitioner?from=2026-01-01&to=${AS_OF}`,
      'audit page: grants to restricted records': '/audit/grants',
      "another council's team workload": `/api/councils/${otherCouncil}/teams/FD/workload${d}`,
      "another council's case schedule": `/api/councils/${otherCouncil}/children/${otherChild}/schedule${d}`,
      'Ofsted Annex A workbook': `/imports/annex-a.xlsx${d}`,
      'model settings history': '/settings/workload-model/history',
      'a model settings version': '/settings/workload-model/history/1',
      'own team waiting work': `${c}/allocation/unallocated${d}&team=SF1`,
      'suggestions for a team case': `${c}/children/${teamChild}/allocation-suggestions${d}`,
      'suggestions for another team case': `${c}/children/${outsider.child_id}/allocation-suggestions${d}`,
      'suggestions for a restricted case without grant': `${c}/children/${teamRestricted}/allocation-suggestions${d}`,
      'allocation decisions': `${c}/allocation/decisions`,
      'allocation rules': `${c}/allocation/settings`,
      "another council's waiting work": `/api/councils/${otherCouncil}/allocation/unallocated${d}`,
      "own team's overdue list": `${c}/teams/SF1/overdue${d}`,
      "other team's overdue list": `${c}/teams/SF2/overdue${d}`,
      "another council's overdue list": `/api/councils/${otherCouncil}/teams/FD/overdue${d}`,
      'model calibration report': `${c}/workload-model/calibration`,
      "another council's calibration report": `/api/councils/${otherCouncil}/workload-model/calibration`,
      "another council's suggestions": `/api/councils/${otherCouncil}/children/${otherChild}/allocation-suggestions${d}`,
      'workforce measures': `${c}/statistics/measures${d}`,
      'service view as a PDF': `/service/export.pdf${d}`,
      'agency rules check': `${c}/statistics/agency-rules${d}`,
      'agency rules check page': `/service/agency${d}`,
      "another council's workforce measures": `/api/councils/${otherCouncil}/statistics/measures${d}`,
      "another council's agency rules check": `/api/councils/${otherCouncil}/statistics/agency-rules${d}`,
      'sufficiency page': `/sufficiency${d}`,
      'sufficiency API': `${c}/sufficiency${d}&change=fill-vacancies`,
      'sufficiency table as Excel': `/sufficiency/needed/export.xlsx${d}`,
      "another council's sufficiency": `/api/councils/${otherCouncil}/sufficiency${d}`,
    });
    Object.assign(allocation, { teamChild, outsider: outsider.child_id, colleague: colleague.practitioner_id, outsiderWorker: outsiderWorker.practitioner_id, me, otherChild });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('allows exactly what each role should see, and hides the rest as 404', async () => {
    expect(await matrixMismatches(app, EXPECT, urls, jars, ROLES)).toEqual([]);
  });

  it('lets only those who may change the model restore an earlier version; everyone else gets 404 and nothing is saved', async () => {
    // A second version, so the first is an earlier one to restore.
    await insertConfigVersion(database.db, councilId, DEFAULT_CONFIG, 'A second version to restore from', 'matrix', { createdByName: 'Matrix' });
    const versions = async () => (await sql<{ n: number }>`select count(*)::int as n from workload_configs where council_id = ${councilId}`.execute(database.db)).rows[0]!.n;
    const wrong: string[] = [];
    for (const role of ROLES) {
      const before = await versions();
      const res = await app.inject({ method: 'POST', url: '/settings/workload-model/history/1/restore', cookies: jars[role], headers: { accept: 'text/html' },
        payload: { _csrf: await csrfToken(app, jars[role]), reason: `Restoring as ${role}` } });
      const allowed = MAY_RESTORE.includes(role);
      if (res.statusCode !== (allowed ? 303 : 404)) wrong.push(`${role} → restore: got ${res.statusCode}`);
      if ((await versions()) !== before + (allowed ? 1 : 0)) wrong.push(`${role} → restore: versions went from ${before} to ${await versions()}`);
    }
    expect(wrong).toEqual([]);
    // Signed out: no session, no restore.
    const res = await app.inject({ method: 'POST', url: '/settings/workload-model/history/1/restore', payload: { reason: 'Signed out restore' } });
    expect([401, 403]).toContain(res.statusCode);
  });

  it('asks signed-out people to sign in, for every endpoint', async () => {
    for (const url of Object.values(urls)) {
      const res = await app.inject({ method: 'GET', url });
      // The API answers 401; a page sends the browser to sign in.
      if (url.startsWith('/api/')) expect(res.statusCode, url).toBe(401);
      else expect([res.statusCode, String(res.headers.location).split('?')[0]], url).toEqual([303, '/sign-in']);
    }
  });

  it('ends a grant only for the child’s team manager or a service manager: everyone else gets 404, and the grant runs on', async () => {
    const restricted = urls['restricted case with grant']!.split('/children/')[1]!.split('/')[0]!;
    const grantId = (await database.db.selectFrom('access_grants').select('grant_id').where('council_id', '=', councilId).where('child_id', '=', restricted).where('user_id', '=', 'demo-practitioner').executeTakeFirstOrThrow()).grant_id;
    const wrong: string[] = [];
    for (const role of ROLES.filter((r) => r !== 'team_manager' && r !== 'service_manager')) {
      const token = (await app.inject({ method: 'GET', url: '/api/csrf-token', cookies: jars[role] })).json().token;
      const res = await app.inject({ method: 'POST', url: `/api/councils/${councilId}/grants/${grantId}/revoke`, cookies: jars[role], headers: { 'x-csrf-token': token } });
      if (res.statusCode !== 404) wrong.push(`${role}: got ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
    expect((await app.inject({ method: 'GET', url: urls['restricted case with grant']!, cookies: jars.practitioner })).statusCode).toBe(200);
  });

  it('lets only the team’s manager (within their teams) and service managers allocate; nobody to themselves; another council is 404', async () => {
    const post = async (role: RoleName, councilPath: string, body: Record<string, unknown>) => {
      const token = (await app.inject({ method: 'GET', url: '/api/csrf-token', cookies: jars[role] })).json().token;
      return app.inject({ method: 'POST', url: `${councilPath}/allocations`, cookies: jars[role], headers: { 'x-csrf-token': token }, payload: { date: AS_OF, ...body } });
    };
    const c = `/api/councils/${councilId}`;
    const decisions = async () => (await sql<{ n: number }>`select count(*)::int as n from allocation_decisions where council_id = ${councilId}`.execute(database.db)).rows[0]!.n;
    const before = await decisions();
    const wrong: string[] = [];
    const note = 'Covering while the worker is on leave.';
    // Everyone but the managers: 404, nothing written.
    for (const role of ROLES.filter((r) => r !== 'team_manager' && r !== 'service_manager')) {
      const res = await post(role, c, { childId: allocation.teamChild, practitionerId: allocation.me, reasonCode: 'other', note });
      if (res.statusCode !== 404) wrong.push(`${role} → allocate: got ${res.statusCode}`);
    }
    const tmSelf = (await database.db.selectFrom('users').select('practitioner_id').where('council_id', '=', councilId).where('user_id', '=', 'demo-team-manager').executeTakeFirstOrThrow()).practitioner_id!;
    const self = await post('team_manager', c, { childId: allocation.teamChild, practitionerId: tmSelf, reasonCode: 'other', note });
    if (self.statusCode !== 403) wrong.push(`team manager → to themselves: got ${self.statusCode}`);
    const across = await post('team_manager', c, { childId: allocation.teamChild, practitionerId: allocation.outsiderWorker, reasonCode: 'other', note });
    if (across.statusCode !== 403) wrong.push(`team manager → to another team: got ${across.statusCode}`);
    const elsewhere = await post('service_manager', `/api/councils/${otherCouncil}`, { childId: allocation.otherChild, practitionerId: allocation.me, reasonCode: 'other', note });
    if (elsewhere.statusCode !== 404) wrong.push(`service manager → another council: got ${elsewhere.statusCode}`);
    expect(wrong).toEqual([]);
    expect(await decisions()).toBe(before);
    // The team's manager may allocate within the team.
    const ok = await post('team_manager', c, { childId: allocation.teamChild, practitionerId: allocation.me, reasonCode: 'workload_adjustment', note });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await decisions()).toBe(before + 1);
  });

  it('records every refusal in the audit log', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from audit_events where council_id = ${councilId} and action = 'denied' and actor_user_id = 'demo-performance-analyst'`.execute(database.db);
    await app.inject({ method: 'GET', url: urls['own case schedule']!, cookies: jars.performance_analyst });
    const after = await sql<{ n: number }>`select count(*)::int as n from audit_events where council_id = ${councilId} and action = 'denied' and actor_user_id = 'demo-performance-analyst'`.execute(database.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n + 1);
  });

  it("records who read a child's schedule, and shows it to an auditor", async () => {
    await app.inject({ method: 'GET', url: urls['own case schedule']!, cookies: jars.practitioner });
    const childId = urls['own case schedule']!.split('/children/')[1]!.split('/')[0]!;
    const res = await app.inject({ method: 'GET', url: urls['who looked at own child']!, cookies: jars.auditor });
    const events = res.json().events as { userId: string; action: string; childId: string }[];
    expect(events.some((e) => e.userId === 'demo-practitioner' && e.action === 'read' && e.childId === childId)).toBe(true);
  });

  it("hides a restricted child's name in a breakdown from someone without a grant", async () => {
    const res = await app.inject({ method: 'GET', url: urls['own workload']!, cookies: jars.service_manager });
    expect(res.statusCode).toBe(200);
    const names = res.json().caseList.map((c: { childName: string }) => c.childName);
    expect(names).toContain('Restricted record');
    const own = await app.inject({ method: 'GET', url: urls['own workload']!, cookies: jars.practitioner });
    expect(own.json().caseList.map((c: { childName: string }) => c.childName)).not.toContain('Restricted record');
  });
});
