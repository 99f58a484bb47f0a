import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoUsers } from '../src/demo/users.ts';
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { buildApp } from '../src/main.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { csrfToken, signInAs, type Cookies } from './support/auth.ts';
import { matrixMismatches } from './support/access-matrix.ts';
import { newCouncilId, openTestDatabase } from './support/database.ts';

/**
 * The access matrix for the pages, their downloads and the writes: every role against every
 * page route and every form that changes something. Like the API matrix (access-matrix.test.ts)
 * the expectations are written out by hand from the rules, not computed from the policy.
 * A refused page or write answers 404 (the record's existence stays hidden) and changes nothing.
 */
const AS_OF = new Date().toISOString().slice(0, 10);
const ROLES = ['practitioner', 'team_manager', 'service_manager', 'business_support', 'performance_analyst', 'data_officer', 'system_administrator', 'auditor'] as const;
type RoleName = (typeof ROLES)[number];
const HTML = { accept: 'text/html' };

const PAGES: Record<string, RoleName[]> = {
  'my workload': ['practitioner', 'team_manager'],
  'own team page': ['team_manager', 'service_manager', 'performance_analyst'],
  'own team as CSV': ['team_manager', 'service_manager', 'performance_analyst'],
  'own team as PDF': ['team_manager', 'service_manager', 'performance_analyst'],
  'other team page': ['service_manager', 'performance_analyst'],
  "colleague's workload page": ['team_manager', 'service_manager'],
  'own case page': ['practitioner', 'team_manager', 'service_manager'],
  "team's case page": ['practitioner', 'team_manager', 'service_manager'],
  "other team's case page": ['service_manager'],
  'restricted case page without a grant': [],
  'service view': ['team_manager', 'service_manager', 'performance_analyst'],
  'service view as Excel': ['team_manager', 'service_manager', 'performance_analyst'],
  // Sufficiency and the safe range: heads of service and analysts only (issue 17).
  'sufficiency and the safe range': ['service_manager', 'performance_analyst'],
  'sufficiency: the safe range as CSV': ['service_manager', 'performance_analyst'],
  'workload model settings': ['team_manager', 'service_manager', 'performance_analyst', 'system_administrator'],
  'model calibration': ['team_manager', 'service_manager', 'performance_analyst', 'system_administrator'],
  'imports': ['data_officer', 'system_administrator'],
  'import history': ['data_officer', 'system_administrator'],
  'users': ['system_administrator'],
  'new user form': ['system_administrator'],
  'audit home': ['team_manager', 'service_manager', 'auditor'],
  'allocation: work waiting for a worker': ['team_manager', 'service_manager'],
  "allocation: a case in own team": ['team_manager', 'service_manager'],
  "allocation: other team's case": ['service_manager'],
  'allocation: restricted case without a grant': [],
  'allocation decisions': ['team_manager', 'service_manager', 'business_support', 'data_officer'],
  'allocation plan chooser': ['team_manager', 'service_manager'],
  'record a visit on own case': ['practitioner', 'team_manager'],
  "own team's overdue list": ['team_manager', 'service_manager'],
  "own team's overdue list as Excel": ['team_manager', 'service_manager'],
  "other team's overdue list": ['service_manager'],
  "record a visit on a colleague's case": ['team_manager'],
  "record a visit on another team's case": [],
  // Notes and the chronology follow the child's record: read rule to read, write rule to add.
  'notes on own case': ['practitioner', 'team_manager', 'service_manager'],
  "notes on a colleague's case": ['practitioner', 'team_manager', 'service_manager'],
  "notes on another team's case": ['service_manager'],
  'notes on a restricted case without a grant': [],
  'add a note on own case': ['practitioner', 'team_manager'],
  "add a note on a colleague's case": ['team_manager'],
  "add a note on another team's case": [],
  'chronology of own case': ['practitioner', 'team_manager', 'service_manager'],
  'chronology of own case as CSV': ['practitioner', 'team_manager', 'service_manager'],
  'chronology of own case as PDF': ['practitioner', 'team_manager', 'service_manager'],
  "chronology of another team's case": ['service_manager'],
  'chronology of a restricted case without a grant': [],
  "own team's plan (bring under the band)": ['team_manager', 'service_manager'],
  "other team's plan": ['service_manager'],
  'what-if for own team': ['team_manager', 'service_manager'],
  'allocation decisions as CSV': ['team_manager', 'service_manager', 'business_support', 'data_officer'],
  'who looked at own child': ['team_manager', 'service_manager', 'auditor'],
  'what the practitioner looked at': ['team_manager', 'service_manager', 'auditor'],
  // The whole council's log by date: no team to share, so not for a team manager.
  "the council's audit log by date": ['service_manager', 'auditor'],
  "the council's audit log by date as CSV": ['service_manager', 'auditor'],
};

/** Writes, each sent with a body the allowed roles' checks then refuse (400), so nothing changes. */
const WRITES: Record<string, RoleName[]> = {
  'save the workload model': ['system_administrator'],
  'add a user': ['system_administrator'],
  'grant access to a restricted record (to an analyst, which is refused)': ['team_manager', 'service_manager'],
  'emergency access (reason too short)': ['practitioner', 'team_manager', 'service_manager'],
  'allocate a case (no reason given)': ['team_manager', 'service_manager'],
  'accept a plan (nothing ticked)': ['team_manager', 'service_manager'],
  'record a visit on own case (no answers)': ['practitioner', 'team_manager'],
  'add a note on own case (no text)': ['practitioner', 'team_manager'],
  "add a note on a colleague's case through the API (no text)": ['team_manager'],
};

describe('access matrix for pages, downloads and writes', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let councilId: string;
  const jars = {} as Record<RoleName, Cookies>;
  const pages: Record<string, string> = {};
  const writes: Record<string, { url: string; payload: Record<string, string>; json?: boolean }> = {};

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    councilId = newCouncilId();
    const data = generateCouncil({ councilId, name: 'Page Matrix', seed: 23, asOf: AS_OF, staffScale: 0.3, caseScale: 0.3, recordHistory: false });
    await seedCouncil(database.db, data);
    await seedDemoUsers(database.db, councilId, AS_OF, `${councilId}.test`);
    app = await buildApp(database, { logLevel: 'silent', security: { signInPerMinute: 1000 } });
    for (const role of ROLES) jars[role] = await signInAs(app, role, `${councilId}.test`);

    const me = (await database.db.selectFrom('users').select('practitioner_id').where('council_id', '=', councilId).where('user_id', '=', 'demo-practitioner').executeTakeFirstOrThrow()).practitioner_id!;
    const open = data.allocations.filter((a) => a.end_date === null && a.start_date <= AS_OF);
    const mine = open.filter((a) => a.practitioner_id === me);
    const ownChild = mine[0]!.child_id;
    const colleague = data.practitioners.find((p) => p.team_id === 'SF1' && p.practitioner_id !== me && p.role === 'social_worker' && open.filter((a) => a.practitioner_id === p.practitioner_id).length >= 2)!;
    const [teamChild, teamRestricted] = open.filter((a) => a.practitioner_id === colleague.practitioner_id).map((a) => a.child_id);
    const outsider = open.find((a) => a.team_id === 'SF2')!.child_id;
    await sql`update children set restricted = (child_id = ${teamRestricted}) where council_id = ${councilId} and child_id in (${ownChild}, ${teamChild}, ${teamRestricted}, ${outsider})`.execute(database.db);

    const d = `?date=${AS_OF}`;
    Object.assign(pages, {
      'my workload': `/my-workload${d}`,
      'own team page': `/teams/SF1${d}`,
      'own team as CSV': `/teams/SF1/export.csv${d}`,
      'own team as PDF': `/teams/SF1/export.pdf${d}`,
      'other team page': `/teams/SF2${d}`,
      "colleague's workload page": `/practitioners/${colleague.practitioner_id}${d}`,
      'own case page': `/children/${ownChild}${d}`,
      "team's case page": `/children/${teamChild}${d}`,
      "other team's case page": `/children/${outsider}${d}`,
      'restricted case page without a grant': `/children/${teamRestricted}${d}`,
      'service view': `/service${d}`,
      'service view as Excel': `/service/export.xlsx${d}`,
      'sufficiency and the safe range': `/sufficiency${d}&change=demand-10`,
      'sufficiency: the safe range as CSV': `/sufficiency/safe-range/export.csv${d}`,
      'workload model settings': '/settings/workload-model',
      'model calibration': '/settings/workload-model/calibration',
      'imports': '/imports',
      'import history': '/imports/history',
      'users': '/users',
      'new user form': '/users/new',
      'audit home': '/audit',
      'who looked at own child': `/audit/children/${ownChild}`,
      'what the practitioner looked at': '/audit/people/demo-practitioner',
      "the council's audit log by date": '/audit/days?from=2026-11-01&to=2026-11-23',
      "the council's audit log by date as CSV": '/audit/days/export.csv?from=2026-11-01&to=2026-11-23',
      'allocation: work waiting for a worker': `/allocation${d}`,
      "allocation: a case in own team": `/allocation/cases/${teamChild}${d}`,
      "allocation: other team's case": `/allocation/cases/${outsider}${d}`,
      'allocation: restricted case without a grant': `/allocation/cases/${teamRestricted}${d}`,
      'allocation decisions': '/allocation/decisions',
      'allocation plan chooser': `/allocation/plan${d}`,
      'record a visit on own case': `/children/${ownChild}/record`,
      "own team's overdue list": `/teams/SF1/overdue${d}`,
      "own team's overdue list as Excel": `/teams/SF1/overdue/export.xlsx${d}`,
      "other team's overdue list": `/teams/SF2/overdue${d}`,
      "record a visit on a colleague's case": `/children/${teamChild}/record`,
      "record a visit on another team's case": `/children/${outsider}/record`,
      'notes on own case': `/children/${ownChild}/notes`,
      "notes on a colleague's case": `/children/${teamChild}/notes`,
      "notes on another team's case": `/children/${outsider}/notes`,
      'notes on a restricted case without a grant': `/children/${teamRestricted}/notes`,
      'add a note on own case': `/children/${ownChild}/notes/new`,
      "add a note on a colleague's case": `/children/${teamChild}/notes/new`,
      "add a note on another team's case": `/children/${outsider}/notes/new`,
      'chronology of own case': `/children/${ownChild}/chronology?kind=note&kind=status`,
      'chronology of own case as CSV': `/children/${ownChild}/chronology/export.csv`,
      'chronology of own case as PDF': `/children/${ownChild}/chronology/export.pdf?kind=allocation`,
      "chronology of another team's case": `/children/${outsider}/chronology`,
      'chronology of a restricted case without a grant': `/children/${teamRestricted}/chronology`,
      "own team's plan (bring under the band)": `/allocation/plan${d}&team=SF1&mode=balance`,
      "other team's plan": `/allocation/plan${d}&team=SF2&mode=waiting`,
      'what-if for own team': `/allocation/what-if${d}&team=SF1&kind=more_cases&count=3&caseType=cin_plan`,
      'allocation decisions as CSV': '/allocation/decisions/export.csv',
    });
    const c = `/api/councils/${councilId}`;
    Object.assign(writes, {
      'save the workload model': { url: '/settings/workload-model', payload: { reason: '' } },
      'add a user': { url: '/users/new', payload: { name: '', email: 'not-an-email' } },
      'grant access to a restricted record (to an analyst, which is refused)': { url: `${c}/children/${teamRestricted}/grants`, payload: { userId: 'demo-performance-analyst', reason: 'Covering the allocated worker while they are away' }, json: true },
      'emergency access (reason too short)': { url: `${c}/children/${outsider}/break-glass`, payload: { reason: 'x' }, json: true },
      'allocate a case (no reason given)': { url: `/allocation/cases/${teamChild}${d}`, payload: { practitionerId: me, reasonCode: '', note: 'Covering the case' } },
      'record a visit on own case (no answers)': { url: `/children/${ownChild}/record`, payload: { activityCode: '' } },
      'add a note on own case (no text)': { url: `/children/${ownChild}/notes/new`, payload: { type: 'case_note', text: '', finalise: 'yes' } },
      "add a note on a colleague's case through the API (no text)": { url: `${c}/children/${teamChild}/notes`, payload: { text: '', happenedOn: AS_OF }, json: true },
      'accept a plan (nothing ticked)': { url: `/allocation/plan${d}&team=SF1&mode=balance`, payload: { action: 'accept', reasonCode: 'workload_adjustment', note: 'Rebalancing the team' } },
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('opens each page and download for exactly the roles that may see it, and answers 404 to the rest', async () => {
    expect(await matrixMismatches(app, PAGES, pages, jars, ROLES)).toEqual([]);
  });

  it('sends signed-out people to sign in from every page', async () => {
    for (const url of Object.values(pages)) {
      const res = await app.inject({ url, headers: HTML });
      expect(res.statusCode, url).toBe(303);
      expect(String(res.headers.location), url).toMatch(/^\/sign-in/);
    }
  });

  it('lets only the allowed roles reach each write (their own checks then refuse the body); others get 404 and change nothing', async () => {
    const audited = async () => (await sql<{ n: number }>`select count(*)::int as n from audit_events where council_id = ${councilId} and action <> 'denied' and action <> 'read'`.execute(database.db)).rows[0]!.n;
    const before = await audited();
    const wrong: string[] = [];
    for (const [what, allowed] of Object.entries(WRITES)) {
      const { url, payload, json } = writes[what]!;
      for (const role of ROLES) {
        const token = await csrfToken(app, jars[role]);
        const res = await app.inject({ method: 'POST', url, cookies: jars[role], headers: json ? { 'x-csrf-token': token } : HTML, payload: json ? payload : { ...payload, _csrf: token } });
        const ok = allowed.includes(role) ? res.statusCode === 400 : res.statusCode === 404;
        if (!ok) wrong.push(`${role} → ${what}: got ${res.statusCode}, expected ${allowed.includes(role) ? 400 : 404}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await audited()).toBe(before);
  });
});
