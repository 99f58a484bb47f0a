// Grants to restricted records: only the child's team manager or a service manager gives them,
// only to someone whose role works with children's records, always with a reason and an end.
// The expectations are written by hand, not derived from the policy.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../src/demo/users.ts';
import { buildApp } from '../src/main.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { csrfToken, signInAs, type Cookies } from './support/auth.ts';
import { newCouncilId, openTestDatabase } from './support/database.ts';

const AS_OF = '2026-11-23';

describe('least privilege: grants, schedules and absences', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let councilId: string;
  let child: string;
  const jars: Record<string, Cookies> = {};

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    councilId = newCouncilId();
    const data = generateCouncil({ councilId, name: 'Grants', seed: 31, asOf: AS_OF, staffScale: 0.3, caseScale: 0.3, recordHistory: false });
    await seedCouncil(database.db, data);
    await seedDemoUsers(database.db, councilId, AS_OF, `${councilId}.test`);
    app = await buildApp(database, { logLevel: 'silent', security: { signInPerMinute: 1000 } });
    for (const role of ['practitioner', 'team_manager', 'service_manager', 'performance_analyst', 'business_support']) jars[role] = await signInAs(app, role, `${councilId}.test`);
    const me = (await database.db.selectFrom('users').select('practitioner_id').where('council_id', '=', councilId).where('user_id', '=', 'demo-practitioner').executeTakeFirstOrThrow()).practitioner_id!;
    // A case the demo practitioner holds in SF1, made restricted (they hold a grant to the seeded one only).
    const seededRestricted = new Set((await database.db.selectFrom('children').select('child_id').where('council_id', '=', councilId).where('restricted', '=', true).execute()).map((r) => r.child_id));
    child = data.allocations.find((a) => a.practitioner_id === me && a.end_date === null && a.start_date <= AS_OF && !seededRestricted.has(a.child_id))!.child_id;
    await sql`update children set restricted = true where council_id = ${councilId} and child_id = ${child}`.execute(database.db);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const grant = async (by: string, body: Record<string, unknown>) => {
    const token = await csrfToken(app, jars[by]!);
    return app.inject({ method: 'POST', url: `/api/councils/${councilId}/children/${child}/grants`, cookies: jars[by], headers: { 'x-csrf-token': token }, payload: body });
  };
  const grantsOf = async (userId: string) =>
    database.db.selectFrom('access_grants').select(['expires_at', 'reason', 'granted_by']).where('council_id', '=', councilId).where('user_id', '=', userId).where('child_id', '=', child).execute();

  it("lets the child's team manager give a practitioner access for 30 days, with a reason", async () => {
    const res = await grant('team_manager', { userId: 'demo-practitioner', reason: 'Allocated worker for this restricted case' });
    expect(res.statusCode).toBe(200);
    const rows = await grantsOf('demo-practitioner');
    expect(rows).toHaveLength(1);
    const days = (new Date(rows[0]!.expires_at!).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    expect(rows[0]!.granted_by).toBe('demo-team-manager');
  });

  it('lets a service manager choose a shorter time, never an endless one', async () => {
    expect((await grant('service_manager', { userId: 'demo-team-manager', reason: 'Covering the team during leave', days: 7 })).statusCode).toBe(200);
    expect((await grant('service_manager', { userId: 'demo-team-manager', reason: 'Covering the team during leave', days: 0 })).statusCode).toBe(400);
    expect((await grant('service_manager', { userId: 'demo-team-manager', reason: 'Covering the team during leave', days: 400 })).statusCode).toBe(400);
  });

  it('refuses the allocated practitioner: only a manager gives access', async () => {
    const res = await grant('practitioner', { userId: 'demo-team-manager', reason: 'I would like my manager to see it' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/team manager or a service manager/);
  });

  it('refuses a grant to a performance analyst, business support or an auditor', async () => {
    for (const userId of ['demo-performance-analyst', 'demo-business-support', 'demo-auditor']) {
      const res = await grant('team_manager', { userId, reason: 'They asked to see the whole record' });
      expect(res.statusCode, userId).toBe(400);
      expect(res.json().message).toMatch(/works with children’s records/);
      expect(await grantsOf(userId)).toEqual([]);
    }
  });

  it('answers 404 to someone who cannot read the record, and audits every refusal', async () => {
    const res = await grant('performance_analyst', { userId: 'demo-practitioner', reason: 'Testing whether I can do this' });
    expect(res.statusCode).toBe(404);
    const denied = await sql<{ n: number }>`select count(*)::int as n from audit_events where council_id = ${councilId} and action = 'denied' and fields like 'grant to %'`.execute(database.db);
    expect(denied.rows[0]!.n).toBeGreaterThanOrEqual(5);
  });

  it('asks for a real reason', async () => {
    expect((await grant('team_manager', { userId: 'demo-practitioner', reason: 'x' })).statusCode).toBe(400);
  });

  it('lets business support read a team case\'s schedule, never the record', async () => {
    const state = await database.db.selectFrom('allocations').select('child_id').where('council_id', '=', councilId).where('team_id', '=', 'SF1').where('role', '=', 'lead').where('end_date', 'is', null).execute();
    const open = (await database.db.selectFrom('children').select('child_id').where('council_id', '=', councilId).where('restricted', '=', false).where('child_id', 'in', state.map((r) => r.child_id)).executeTakeFirstOrThrow()).child_id;
    const schedule = await app.inject({ url: `/api/councils/${councilId}/children/${open}/schedule?date=${AS_OF}`, cookies: jars.business_support });
    expect(schedule.statusCode).toBe(200);
    const record = await app.inject({ url: `/children/${open}?date=${AS_OF}`, cookies: jars.business_support, headers: { accept: 'text/html' } });
    expect(record.statusCode).toBe(404);
    expect(record.body).not.toContain('Date of birth');
    const mine = await app.inject({ url: `/children/${open}?date=${AS_OF}`, cookies: jars.team_manager, headers: { accept: 'text/html' } });
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('Date of birth');
  });

  it('shows analysts how many people are away, never who', async () => {
    const analyst = await app.inject({ url: `/teams/SF1?date=${AS_OF}`, cookies: jars.performance_analyst, headers: { accept: 'text/html' } });
    const manager = await app.inject({ url: `/teams/SF1?date=${AS_OF}`, cookies: jars.team_manager, headers: { accept: 'text/html' } });
    expect(analyst.statusCode).toBe(200);
    expect(manager.body).toContain('data-testid="absences"');
    expect(analyst.body).not.toContain('data-testid="absences"');
    expect(analyst.body).toContain('data-testid="absence-counts"');
    const named = /data-testid="absences">([\s\S]*?)<\/ul>/.exec(manager.body)![1]!;
    const firstName = /<li>([^:]+):/.exec(named)![1]!;
    expect(analyst.body.split('data-testid="absence-counts"')[1]!.split('</ul>')[0]).not.toContain(firstName);
  });

  it('warns one wrong password before the account locks, and gives the time in UK time', async () => {
    const attempt = async (password: string) => {
      const jar: Cookies = {};
      const token = await csrfToken(app, jar);
      const res = await app.inject({ method: 'POST', url: '/sign-in', cookies: jar, headers: { accept: 'application/json', 'content-type': 'application/json' }, payload: { email: demoEmail('auditor', `${councilId}.test`), password, _csrf: token } });
      return res.json().message as string;
    };
    const messages = [];
    for (let i = 0; i < 6; i += 1) messages.push(await attempt(i < 5 ? 'wrong-password-here' : DEMO_PASSWORD));
    expect(messages[2]).not.toMatch(/lock/);
    expect(messages[3]).toMatch(/One more wrong attempt will lock this account for 15 minutes/);
    expect(messages[4]).toMatch(/now locked for 15 minutes/);
    expect(messages[5]).toMatch(/locked after too many attempts\. Try again after \d{1,2} \w+ \d{4} at \d\d:\d\d/);
    expect(messages[5]).not.toMatch(/UTC/);
  });
});
