import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../src/demo/users.ts';
import { SESSION_COOKIE } from '../src/identity/routes/sessions.ts';
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { buildApp } from '../src/main.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { collectCookies, csrfToken, signIn, signInAs, type Cookies } from './support/auth.ts';
import { newCouncilId, openTestDatabase, testBackends } from './support/database.ts';

const AS_OF = '2026-11-23';

describe.each(testBackends())('sessions and sign-in on %s', (kind) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let councilId: string;
  let domain: string;
  const me = (jar: Cookies) => app.inject({ method: 'GET', url: '/api/me', cookies: jar });

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    councilId = newCouncilId();
    domain = `${councilId}.test`;
    await seedCouncil(database.db, generateCouncil({ councilId, name: 'Sessions', seed: 31, asOf: AS_OF, staffScale: 0.3, caseScale: 0.1, recordHistory: false }));
    await seedDemoUsers(database.db, councilId, AS_OF, domain);
    app = await buildApp(database, { logLevel: 'silent', security: { signInPerMinute: 1000 } });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('gives a new session id at sign-in, so a planted session cannot be taken over (fixation)', async () => {
    const jar: Cookies = {};
    const token = await csrfToken(app, jar);
    const planted = jar[SESSION_COOKIE]!;
    expect(planted).toBeDefined();
    const res = await app.inject({ method: 'POST', url: '/sign-in', cookies: jar, payload: { email: demoEmail('auditor', domain), password: DEMO_PASSWORD, _csrf: token }, headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(200);
    const after = collectCookies(res, { ...jar })[SESSION_COOKIE];
    expect(after).toBeDefined();
    expect(after).not.toBe(planted);
    expect((await me({ [SESSION_COOKIE]: planted })).statusCode).toBe(401);
    expect((await me({ [SESSION_COOKIE]: after! })).statusCode).toBe(200);
  });

  it('refuses a form without a valid CSRF token, and changes nothing', async () => {
    const jar: Cookies = {};
    await csrfToken(app, jar);
    const noToken = await app.inject({ method: 'POST', url: '/sign-in', cookies: jar, payload: { email: demoEmail('auditor', domain), password: DEMO_PASSWORD } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().message).toMatch(/expired|did not come from Caseweight/);
    const wrong = await app.inject({ method: 'POST', url: '/sign-in', cookies: jar, payload: { email: demoEmail('auditor', domain), password: DEMO_PASSWORD, _csrf: 'forged' } });
    expect(wrong.statusCode).toBe(403);

    const signedIn = await signInAs(app, 'practitioner', domain);
    const child = (await database.db.selectFrom('allocations').select('child_id').where('council_id', '=', councilId).where('end_date', 'is', null).executeTakeFirstOrThrow()).child_id;
    const count = async () => (await sql<{ n: number }>`select count(*)::int as n from break_glass where council_id = ${councilId}`.execute(database.db)).rows[0]!.n;
    const before = await count();
    const forged = await app.inject({ method: 'POST', url: `/api/councils/${councilId}/children/${child}/break-glass`, cookies: signedIn, payload: { reason: 'A cross-site request pretending to be me' } });
    expect(forged.statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it('asks for sign-in with no session, a tampered cookie, or an unknown session id', async () => {
    expect((await me({})).statusCode).toBe(401);
    const jar = await signInAs(app, 'auditor', domain);
    const cookie = jar[SESSION_COOKIE]!;
    const [id, signature] = cookie.split('.');
    expect((await me({ [SESSION_COOKIE]: `${id}.${signature!.slice(0, -2)}xx` })).statusCode).toBe(401);
    // Another last character (one in 64 ids already ends in Z, which made this pass as a real session).
    const other = id!.endsWith('Z') ? 'Y' : 'Z';
    expect((await me({ [SESSION_COOKIE]: `${id!.slice(0, -1)}${other}.${signature}` })).statusCode).toBe(401);
    expect((await me({ [SESSION_COOKIE]: 'made-up' })).statusCode).toBe(401);
    expect((await me(jar)).statusCode).toBe(200);
  });

  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const idle = await signInAs(app, 'auditor', domain);
    const sid = idle[SESSION_COOKIE]!.split('.')[0]!;
    // Pretend the last request was 31 minutes ago (the idle limit is 30).
    await sql`update sessions set data = jsonb_set(data, '{lastSeenAt}', to_jsonb(${Date.now() - 31 * 60_000}::bigint)) where sid = ${sid}`.execute(database.db);
    expect((await me(idle)).statusCode).toBe(401);

    const long = await signInAs(app, 'auditor', domain);
    const sid2 = long[SESSION_COOKIE]!.split('.')[0]!;
    // Active a minute ago, but signed in 11 hours ago (the absolute limit is 10).
    await sql`update sessions set data = jsonb_set(jsonb_set(data, '{signedInAt}', to_jsonb(${Date.now() - 11 * 3_600_000}::bigint)), '{lastSeenAt}', to_jsonb(${Date.now() - 60_000}::bigint)) where sid = ${sid2}`.execute(database.db);
    expect((await me(long)).statusCode).toBe(401);

    const stale = await signInAs(app, 'auditor', domain);
    const sid3 = stale[SESSION_COOKIE]!.split('.')[0]!;
    await sql`update sessions set expires_at = now() - interval '1 minute' where sid = ${sid3}`.execute(database.db);
    expect((await me(stale)).statusCode).toBe(401);
  });

  it('ends the session at sign-out, server-side', async () => {
    const jar = await signInAs(app, 'auditor', domain);
    const token = await csrfToken(app, jar);
    const out = await app.inject({ method: 'POST', url: '/sign-out', cookies: jar, headers: { 'x-csrf-token': token, accept: 'application/json' } });
    expect(out.statusCode).toBe(200);
    const sid = jar[SESSION_COOKIE]!.split('.')[0]!;
    const rows = await sql<{ n: number }>`select count(*)::int as n from sessions where sid = ${sid}`.execute(database.db);
    expect(rows.rows[0]!.n).toBe(0);
    expect((await me(jar)).statusCode).toBe(401);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const unknown = await signIn(app, `nobody@${domain}`, 'whatever-password');
    const wrong = await signIn(app, demoEmail('data_officer', domain), 'not-the-password');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
  });

  it('locks an account after five wrong passwords, even against the right one', async () => {
    const email = demoEmail('system_administrator', domain);
    for (let i = 0; i < 5; i++) expect((await signIn(app, email, `wrong-${i}`)).status).toBe(401);
    const right = await signIn(app, email, DEMO_PASSWORD);
    expect(right.status).toBe(401);
    const user = await database.db.selectFrom('users').select(['failed_sign_ins', 'locked_until']).where('council_id', '=', councilId).where('user_id', '=', 'demo-system-administrator').executeTakeFirstOrThrow();
    expect(user.failed_sign_ins).toBeGreaterThanOrEqual(5);
    expect(user.locked_until!.getTime()).toBeGreaterThan(Date.now());
    const failures = await sql<{ n: number }>`select count(*)::int as n from audit_events where council_id = ${councilId} and action = 'sign_in_failed' and actor_user_id = 'demo-system-administrator'`.execute(database.db);
    expect(failures.rows[0]!.n).toBe(6);
  });

  it('slows down repeated sign-in attempts from one address', async () => {
    const fresh = await buildApp(database, { logLevel: 'silent', security: { signInPerMinute: 10 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const jar: Cookies = {};
        const token = await csrfToken(fresh, jar);
        const res = await fresh.inject({ method: 'POST', url: '/sign-in', cookies: jar, payload: { email: `x${i}@${domain}`, password: 'nope-nope-nope', _csrf: token }, remoteAddress: '203.0.113.9' });
        statuses.push(res.statusCode);
      }
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
    } finally {
      await fresh.close();
    }
  });

  it('never redirects outside Caseweight after sign-in', async () => {
    for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      const jar: Cookies = {};
      const token = await csrfToken(app, jar);
      const form = new URLSearchParams({ email: demoEmail('auditor', domain), password: DEMO_PASSWORD, _csrf: token, next }).toString();
      const res = await app.inject({ method: 'POST', url: '/sign-in', cookies: jar, payload: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/');
    }
  });

  it('refuses break-glass without a real reason, and opens the record read-only for an hour with one', async () => {
    const jar = await signInAs(app, 'practitioner', domain);
    const token = await csrfToken(app, jar);
    const outsider = (await database.db.selectFrom('allocations').select('child_id').where('council_id', '=', councilId).where('team_id', '=', 'FD').where('end_date', 'is', null).executeTakeFirstOrThrow()).child_id;
    const url = `/api/councils/${councilId}/children/${outsider}/schedule?date=${AS_OF}`;
    expect((await app.inject({ method: 'GET', url, cookies: jar })).statusCode).toBe(404);
    const short = await app.inject({ method: 'POST', url: `/api/councils/${councilId}/children/${outsider}/break-glass`, cookies: jar, headers: { 'x-csrf-token': token }, payload: { reason: 'need it' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toMatch(/at least 15 characters/);
    const ok = await app.inject({ method: 'POST', url: `/api/councils/${councilId}/children/${outsider}/break-glass`, cookies: jar, headers: { 'x-csrf-token': token }, payload: { reason: 'Police called out of hours; child reported missing' } });
    expect(ok.statusCode).toBe(200);
    expect(new Date(ok.json().expiresAt).getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect((await app.inject({ method: 'GET', url, cookies: jar })).statusCode).toBe(200);
    const review = await app.inject({ method: 'GET', url: `/api/councils/${councilId}/break-glass`, cookies: await signInAs(app, 'team_manager', domain) });
    expect(review.json().items.some((i: { child_id: string; reason: string }) => i.child_id === outsider && /missing/.test(i.reason))).toBe(true);
  });
});
