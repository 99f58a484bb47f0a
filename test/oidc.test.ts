import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoUsers } from '../src/demo/users.ts';
import { SESSION_COOKIE } from '../src/identity/routes/sessions.ts';
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { buildApp } from '../src/main.ts';
import { DEFAULT_SERVICE_INFO } from '../src/platform/config.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { collectCookies, type Cookies } from './support/auth.ts';
import { newCouncilId, openTestDatabase } from './support/database.ts';
import { OIDC_CLIENT, startTestProvider, type TestProvider } from './support/oidc.ts';

/**
 * Single sign-on end to end against a real OpenID provider (oidc-provider) on loopback: the
 * provider's own login and consent steps are driven over HTTP, as a browser would.
 */
describe('OpenID Connect sign-in against a real provider', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let provider: TestProvider;
  let issuer: string;
  let councilId: string;
  let domain: string;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    councilId = newCouncilId();
    domain = `${councilId}.test`;
    await seedCouncil(database.db, generateCouncil({ councilId, name: 'SSO', seed: 41, asOf: '2026-11-23', staffScale: 0.2, caseScale: 0.05, recordHistory: false }));
    await seedDemoUsers(database.db, councilId, '2026-11-23', domain);

    provider = await startTestProvider({
      'entra-manager': { email: `team.manager@${domain}`, email_verified: true, name: 'Manager via SSO' },
      'entra-stranger': { email: `stranger@${domain}`, email_verified: true, name: 'Not in Caseweight' },
    });
    issuer = provider.issuer;

    app = await buildApp(database, {
      logLevel: 'silent',
      oidc: { issuer, ...OIDC_CLIENT, councilId },
      service: { ...DEFAULT_SERVICE_INFO, accessContact: 'the Children’s Services systems team', accessEmail: 'systems@sso.example' },
    });
  });
  afterAll(async () => {
    await app?.close();
    await provider?.close();
    await database?.close();
  });

  const throughProvider = (authUrl: string, accountId: string) => provider.throughProvider(authUrl, accountId);

  async function startSignIn(jar: Cookies): Promise<string> {
    const start = await app.inject({ method: 'GET', url: '/sign-in/oidc?next=/api/me', cookies: jar });
    collectCookies(start, jar);
    expect(start.statusCode).toBe(303);
    const location = start.headers.location as string;
    expect(location.startsWith(`${issuer}/auth`)).toBe(true);
    const params = new URL(location).searchParams;
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('state')).toBeTruthy();
    expect(params.get('nonce')).toBeTruthy();
    return location;
  }

  it('signs a council user in with a new session, links their identity, and audits it', async () => {
    const jar: Cookies = {};
    const before = jar[SESSION_COOKIE];
    const callback = await throughProvider(await startSignIn(jar), 'entra-manager');
    const done = await app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}`, cookies: jar });
    expect(done.statusCode, done.body.slice(0, 2000)).toBe(303);
    expect(done.headers.location).toBe('/api/me');
    collectCookies(done, jar);
    expect(jar[SESSION_COOKIE]).not.toBe(before);
    const me = await app.inject({ method: 'GET', url: '/api/me', cookies: jar });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ userId: 'demo-team-manager', roles: ['team_manager'] });
    const user = await database.db.selectFrom('users').select(['oidc_issuer', 'oidc_subject']).where('council_id', '=', councilId).where('user_id', '=', 'demo-team-manager').executeTakeFirstOrThrow();
    expect(user).toEqual({ oidc_issuer: issuer, oidc_subject: 'entra-manager' });
    const audit = await database.db.selectFrom('audit_events').select(['action', 'reason']).where('council_id', '=', councilId).where('actor_user_id', '=', 'demo-team-manager').execute();
    expect(audit).toContainEqual({ action: 'sign_in', reason: 'single sign-on' });
  });

  it('refuses someone the provider knows but Caseweight does not', async () => {
    const jar: Cookies = {};
    const callback = await throughProvider(await startSignIn(jar), 'entra-stranger');
    const done = await app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}`, cookies: jar });
    expect(done.statusCode).toBe(403);
    expect(done.headers['content-type']).toMatch(/text\/html/);
    expect(done.body).toMatch(/You do not have access to Caseweight/);
    expect(done.body).toContain('ask the Children’s Services systems team at <a class="govuk-link" href="mailto:systems@sso.example">');
    expect(done.body).toContain(`stranger@${domain}`);
    const audit = await database.db.selectFrom('audit_events').select(['action', 'fields', 'reason']).where('council_id', '=', councilId).where('action', '=', 'sign_in_failed').execute();
    expect(audit).toContainEqual({ action: 'sign_in_failed', fields: `email stranger@${domain}`, reason: 'single sign-on: no Caseweight account' });
    expect((await app.inject({ method: 'GET', url: '/api/me', cookies: collectCookies(done, jar) })).statusCode).toBe(401);
  });

  it('refuses a callback whose state does not match the session (login CSRF)', async () => {
    const victim: Cookies = {};
    await startSignIn(victim);
    const attacker: Cookies = {};
    const callback = await throughProvider(await startSignIn(attacker), 'entra-manager');
    const done = await app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}`, cookies: victim });
    expect(done.statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/me', cookies: collectCookies(done, victim) })).statusCode).toBe(401);
  });

  it('refuses a callback with no sign-in in progress', async () => {
    const res = await app.inject({ method: 'GET', url: '/sign-in/oidc/callback?code=abc&state=xyz' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/Start again/);
  });
});
