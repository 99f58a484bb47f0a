import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoUsers } from '../src/demo/users.ts';
import { SESSION_COOKIE } from '../src/identity/routes/sessions.ts';
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { buildApp } from '../src/main.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { collectCookies, type Cookies } from './support/auth.ts';
import { newCouncilId, openTestDatabase } from './support/database.ts';

/**
 * Single sign-on end to end against a real OpenID provider (oidc-provider) on loopback: the
 * provider's own login and consent steps are driven over HTTP, as a browser would.
 */
const REDIRECT = 'http://127.0.0.1/sign-in/oidc/callback';

describe('OpenID Connect sign-in against a real provider', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let server: Server;
  let issuer: string;
  let councilId: string;
  let domain: string;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    councilId = newCouncilId();
    domain = `${councilId}.test`;
    await seedCouncil(database.db, generateCouncil({ councilId, name: 'SSO', seed: 41, asOf: '2026-11-23', staffScale: 0.2, caseScale: 0.05, recordHistory: false }));
    await seedDemoUsers(database.db, councilId, '2026-11-23', domain);

    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const accounts: Record<string, { email: string; name: string }> = {
      'entra-manager': { email: `team.manager@${domain}`, name: 'Manager via SSO' },
      'entra-stranger': { email: `stranger@${domain}`, name: 'Not in Caseweight' },
    };
    const provider = new Provider(issuer, {
      clients: [{ client_id: 'caseweight', client_secret: 'a-test-client-secret', redirect_uris: [REDIRECT], grant_types: ['authorization_code'], response_types: ['code'] }],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      findAccount: async (_ctx: unknown, id: string) => (accounts[id] ? { accountId: id, claims: async () => ({ sub: id, email: accounts[id]!.email, email_verified: true, name: accounts[id]!.name }) } : undefined),
      cookies: { keys: ['a-cookie-signing-key-for-tests-only'] },
      pkce: { required: () => true },
    });
    server.on('request', provider.callback());

    app = await buildApp(database, {
      logLevel: 'silent',
      oidc: { issuer, clientId: 'caseweight', clientSecret: 'a-test-client-secret', redirectUri: REDIRECT, councilId },
    });
  });
  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => server?.close(resolve));
    await database?.close();
  });

  /** Walks the provider's login and consent pages; returns the callback URL it finally sends the browser to. */
  async function throughProvider(authUrl: string, accountId: string): Promise<URL> {
    const jar = new Map<string, string>();
    const send = async (url: string, init: RequestInit = {}) => {
      const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const [k, ...v] = pair!.split('=');
        jar.set(k!, v.join('='));
      }
      return res;
    };
    let url = authUrl;
    for (let step = 0; step < 12; step++) {
      const res = await send(url);
      const location = res.headers.get('location');
      if (location?.startsWith(REDIRECT)) return new URL(location);
      if (location) {
        url = new URL(location, issuer).href;
        continue;
      }
      const html = await res.text();
      const action = /action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`The provider showed a page with no form: ${html.slice(0, 200)}`);
      const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1] ?? (html.includes('name="login"') ? 'login' : 'consent');
      const body = new URLSearchParams(prompt === 'login' ? { prompt, login: accountId, password: 'anything' } : { prompt });
      const posted = await send(new URL(action, issuer).href, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      url = new URL(posted.headers.get('location')!, issuer).href;
    }
    throw new Error('The provider never redirected back to Caseweight.');
  }

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
    expect(done.statusCode).toBe(401);
    expect(done.body).toMatch(/do not have a Caseweight account/);
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
