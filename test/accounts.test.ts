// Accounts (issue 12, item 1): the identity service's use cases as the command line runs them
// (an operator), the one-time set-password link, disable ending sessions at once, and the
// first administrator's setup link on a council with nobody able to sign in.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { seedDemoUsers } from '../src/demo/users.ts';
import type { RequestContext } from '../src/kernel/context.ts';
import { InvalidInputError, NotFoundError } from '../src/kernel/errors.ts';
import { operatorActor } from '../src/kernel/roles.ts';
import { buildApp, buildServices, type Services } from '../src/main.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { insertCouncil } from '../src/workforce/store.ts';
import { collectCookies, signIn, signInAs, type Cookies } from './support/auth.ts';
import { newCouncilId, openTestDatabase, testBackends } from './support/database.ts';

const AS_OF = '2026-11-23';
const PASSWORD = 'correct horse battery staple';

describe.each(testBackends())('accounts on %s', (kind) => {
  let database: DatabaseHandle;
  let services: Services;
  let app: FastifyInstance;
  let councilId: string;
  let domain: string;
  const operator = (): RequestContext => ({ actor: operatorActor(councilId, { userId: 'operator:it-desk', name: 'it-desk' }), origin: { ip: 'command line' }, now: new Date() });
  const userEvents = async (council: string) =>
    (await sql<{ action: string; record_id: string | null; fields: string }>`select action, record_id, fields from audit_events where council_id = ${council} and record_type = 'user' order by seq`.execute(database.db)).rows;
  const html = (url: string, jar: Cookies = {}) => app.inject({ method: 'GET', url, cookies: jar, headers: { accept: 'text/html' } });
  const form = async (url: string, jar: Cookies, fields: Record<string, string>) => {
    const page = await html('/sign-in', jar);
    collectCookies(page, jar);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const res = await app.inject({ method: 'POST', url, cookies: jar, payload: new URLSearchParams({ ...fields, _csrf: token }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } });
    collectCookies(res, jar);
    return res;
  };
  const tokenOf = (path: string) => new URL(path, 'http://x').searchParams.get('token')!;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    services = buildServices(database);
    councilId = newCouncilId();
    domain = `${councilId}.test`;
    await seedCouncil(database.db, generateCouncil({ councilId, name: 'Accounts', seed: 41, asOf: AS_OF, staffScale: 0.3, caseScale: 0.05, recordHistory: false }));
    await seedDemoUsers(database.db, councilId, AS_OF, domain);
    app = await buildApp(database, { logLevel: 'silent', security: { signInPerMinute: 1000 } });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('adds an account with no password, audited once, and a one-time link that sets one (12+ characters) once', async () => {
    const before = (await userEvents(councilId)).length;
    const email = `new.worker@${domain}`;
    const { account, link } = await services.identity.addAccount(operator(), { email, name: 'New Worker', roles: ['practitioner'], teamIds: ['SF1'], practitionerId: null });
    expect(account).toMatchObject({ email, roles: ['practitioner'], teamIds: ['SF1'], status: 'invited' });
    expect(link.path).toMatch(/^\/set-password\?token=[A-Za-z0-9_-]{43}$/);
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(71 * 3_600_000);
    const added = (await userEvents(councilId)).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ action: 'write', record_id: account.userId });
    // Only the token's hash is kept.
    const stored = (await sql<{ token_hash: string }>`select token_hash from account_tokens where council_id = ${councilId} and user_id = ${account.userId}`.execute(database.db)).rows;
    expect(stored.map((r) => r.token_hash)).not.toContain(tokenOf(link.path));
    expect((await signIn(app, email, PASSWORD)).status).toBe(401);

    const page = await html(link.path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('New Worker');
    const jar: Cookies = {};
    const short = await form('/set-password', jar, { token: tokenOf(link.path), password: 'too short', confirm: 'too short' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('govuk-error-summary');
    expect(short.body).toContain('href="#password"');
    const set = await form('/set-password', jar, { token: tokenOf(link.path), password: PASSWORD, confirm: PASSWORD });
    expect(set.statusCode).toBe(200);
    expect(set.body).toContain('Your password is set');
    expect((await signIn(app, email, PASSWORD)).status).toBe(200);
    const hash = (await sql<{ password_hash: string }>`select password_hash from users where council_id = ${councilId} and user_id = ${account.userId}`.execute(database.db)).rows[0]!.password_hash;
    expect(hash).toMatch(/^\$argon2id\$/);

    // Used once: the link is dead now.
    expect((await html(link.path)).statusCode).toBe(400);
    expect((await form('/set-password', {}, { token: tokenOf(link.path), password: 'another long password', confirm: 'another long password' })).statusCode).toBe(400);
    expect((await signIn(app, email, 'another long password')).status).toBe(401);
  });

  it('refuses a duplicate email, an unknown role (naming the roles) and an unknown team, in plain English', async () => {
    const add = (over: Partial<Parameters<Services['identity']['addAccount']>[1]>) =>
      services.identity.addAccount(operator(), { email: `someone@${domain}`, name: 'Someone', roles: ['practitioner'], teamIds: [], practitionerId: null, ...over });
    await expect(add({ email: `auditor@${domain}` })).rejects.toThrow(`There is already an account for auditor@${domain}`);
    await expect(add({ email: `AUDITOR@${domain}` })).rejects.toThrow('There is already an account');
    await expect(add({ roles: ['wizard'] })).rejects.toThrow('There is no role called "wizard". Choose from: practitioner, team_manager, service_manager, business_support, performance_analyst, data_officer, system_administrator, auditor, national_analyst.');
    await expect(add({ teamIds: ['NOPE'] })).rejects.toThrow('There is no team "NOPE"');
    await expect(add({ roles: [] })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(services.identity.disableAccount(operator(), { email: `nobody@${domain}` })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('sets roles and teams, unlocks, and issues a new link on reset, each audited once', async () => {
    const email = `auditor@${domain}`;
    const before = (await userEvents(councilId)).length;
    expect((await services.identity.setRoles(operator(), { email }, ['auditor', 'Data officer'])).roles).toEqual(['auditor', 'data_officer']);
    expect((await services.identity.setTeams(operator(), { email }, ['SF1'])).teamIds).toEqual(['SF1']);
    await sql`update users set failed_sign_ins = 5, locked_until = now() + interval '10 minutes' where council_id = ${councilId} and lower(email) = ${email}`.execute(database.db);
    expect((await signIn(app, email, 'demo-caseweight-2026')).status).toBe(401);
    expect((await services.identity.unlockAccount(operator(), { email })).status).toBe('active');
    expect((await signIn(app, email, 'demo-caseweight-2026')).status).toBe(200);
    const first = await services.identity.resetPassword(operator(), { email });
    const second = await services.identity.resetPassword(operator(), { email });
    // A new link ends the one before it.
    expect(await services.identity.describeLink(tokenOf(first.link.path))).toBeUndefined();
    expect(await services.identity.describeLink(tokenOf(second.link.path))).toMatchObject({ purpose: 'set_password', email });
    expect((await userEvents(councilId)).slice(before).map((e) => e.fields)).toEqual([
      `roles set to auditor, data_officer (were auditor): ${email}`, `teams set to SF1 (were none): ${email}`, `account unlocked: ${email}`,
      `set-password link issued until ${first.link.expiresAt.toISOString()}: ${email}`, `set-password link issued until ${second.link.expiresAt.toISOString()}: ${email}`,
    ]);
  });

  it('ends a disabled person’s sessions at once: their next request is signed out, and they cannot sign in again until enabled', async () => {
    const jar = await signInAs(app, 'business_support', domain);
    expect((await app.inject({ method: 'GET', url: '/api/me', cookies: jar })).statusCode).toBe(200);
    const disabled = await services.identity.disableAccount(operator(), { email: `business.support@${domain}` });
    expect(disabled.status).toBe('disabled');
    expect((await sql<{ n: number }>`select count(*)::int as n from sessions where council_id = ${councilId} and user_id = 'demo-business-support'`.execute(database.db)).rows[0]!.n).toBe(0);
    expect((await app.inject({ method: 'GET', url: '/api/me', cookies: jar })).statusCode).toBe(401);
    const page = await html('/', jar);
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toMatch(/^\/sign-in/);
    expect((await signIn(app, `business.support@${domain}`, 'demo-caseweight-2026')).status).toBe(401);
    await services.identity.enableAccount(operator(), { email: `business.support@${domain}` });
    expect((await signIn(app, `business.support@${domain}`, 'demo-caseweight-2026')).status).toBe(200);
  });

  it('keeps one system administrator who can sign in, and refuses staff who are not administrators (404, audited)', async () => {
    await expect(services.identity.disableAccount(operator(), { email: `system.administrator@${domain}` })).rejects.toThrow('only system administrator');
    await expect(services.identity.setRoles(operator(), { email: `system.administrator@${domain}` }, ['auditor'])).rejects.toThrow('only system administrator');
    const analyst = await services.identity.loadActor(councilId, 'demo-performance-analyst', new Date());
    const ctx: RequestContext = { actor: analyst!, origin: { ip: '203.0.113.9' }, now: new Date() };
    await expect(services.identity.listAccounts(ctx)).rejects.toBeInstanceOf(NotFoundError);
    await expect(services.identity.disableAccount(ctx, { email: `auditor@${domain}` })).rejects.toBeInstanceOf(NotFoundError);
    const denied = (await sql<{ n: number }>`select count(*)::int as n from audit_events where council_id = ${councilId} and action = 'denied' and record_type = 'users' and actor_user_id = 'demo-performance-analyst'`.execute(database.db)).rows[0]!.n;
    expect(denied).toBe(2);
  });

  it('lets exactly one first administrator be made on a council with nobody able to sign in, and never again', async () => {
    const fresh = newCouncilId();
    await insertCouncil(database.db, { council_id: fresh, name: 'Fresh', la_code: null });
    // A council with a system administrator gets no link.
    expect(await services.identity.issueSetupLinks(new Date(), councilId)).toEqual([]);
    const old = (await services.identity.issueSetupLinks(new Date(), fresh))[0]!;
    const [link] = await services.identity.issueSetupLinks(new Date(), fresh);
    expect(link).toMatchObject({ councilId: fresh, path: expect.stringMatching(/^\/setup\?token=/) });
    // Each start ends the link printed before.
    expect((await html(old.path)).statusCode).toBe(400);

    expect((await html(link!.path)).statusCode).toBe(200);
    const email = `first.admin@${fresh}.test`;
    const fields = { token: tokenOf(link!.path), name: 'First Admin', email, password: PASSWORD, confirm: PASSWORD };
    const mismatch = await form('/setup', {}, { ...fields, confirm: 'something else entirely' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('href="#confirm"');
    const made = await form('/setup', {}, fields);
    expect(made.statusCode).toBe(200);
    const signedIn = await signIn(app, email, PASSWORD);
    expect(signedIn.status).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/me', cookies: signedIn.jar })).json()).toMatchObject({ councilId: fresh, roles: ['system_administrator'] });

    // A second use is refused, and a new start prints no link now that an administrator exists.
    const again = await form('/setup', {}, { ...fields, email: `second.admin@${fresh}.test` });
    expect(again.statusCode).toBe(400);
    expect((await signIn(app, `second.admin@${fresh}.test`, PASSWORD)).status).toBe(401);
    expect(await services.identity.issueSetupLinks(new Date(), fresh)).toEqual([]);
    expect((await userEvents(fresh)).map((e) => e.fields.split(':')[0])).toEqual([
      expect.stringContaining('setup link issued'), expect.stringContaining('setup link issued'), 'first system administrator created with the setup link',
    ]);
  });

  it('refuses the setup link once an administrator was added from the command line', async () => {
    const fresh = newCouncilId();
    await insertCouncil(database.db, { council_id: fresh, name: 'Fresh CLI', la_code: null });
    const [link] = await services.identity.issueSetupLinks(new Date(), fresh);
    const ctx: RequestContext = { actor: operatorActor(fresh, { userId: 'operator:it-desk', name: 'it-desk' }), origin: { ip: 'command line' }, now: new Date() };
    await services.identity.addAccount(ctx, { email: `cli.admin@${fresh}.test`, name: 'CLI Admin', roles: ['system_administrator'], teamIds: [], practitionerId: null });
    const res = await form('/setup', {}, { token: tokenOf(link!.path), name: 'Late', email: `late@${fresh}.test`, password: PASSWORD, confirm: PASSWORD });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('already has a system administrator');
  });

  it('gives system administrators the users pages (GOV.UK forms, CSRF, no JavaScript needed); everyone else 404, audited', async () => {
    const admin = await signInAs(app, 'system_administrator', domain);
    const home = await html('/', admin);
    expect(home.body).toContain('href="/users"');
    expect((await html('/', await signInAs(app, 'service_manager', domain))).body).not.toContain('href="/users"');
    const list = await html('/users', admin);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`auditor@${domain}`);
    expect(list.body).toContain('Jo Penrose');

    const post = async (url: string, fields: Record<string, string | string[]>) => {
      const token = /name="_csrf" value="([^"]+)"/.exec((await html('/users/new', admin)).body)![1]!;
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries({ ...fields, _csrf: token })) for (const x of [v].flat()) body.append(k, x);
      return app.inject({ method: 'POST', url, cookies: admin, payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } });
    };
    const empty = await post('/users/new', { name: '', email: 'not-an-email', teamIds: '', practitionerId: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('govuk-error-summary');
    for (const field of ['#name', '#email', '#roles']) expect(empty.body).toContain(`href="${field}"`);
    const email = `paged.person@${domain}`;
    const added = await post('/users/new', { name: 'Paged Person', email, roles: ['practitioner', 'business_support'], teamIds: 'SF1, SF2', practitionerId: '' });
    expect(added.statusCode).toBe(200);
    const url = /<code>([^<]+)<\/code>/.exec(added.body)![1]!;
    expect(url).toMatch(/\/set-password\?token=/);
    const userId = /href="\/users\/([^"]+)"/.exec(added.body.slice(added.body.indexOf('<code>')))![1]!;
    const account = await html(`/users/${userId}`, admin);
    expect(account.body).toContain('Practitioner, Business support');
    expect(account.body).toContain('SF1, SF2');

    expect((await post(`/users/${userId}/roles`, { roles: ['auditor'] })).statusCode).toBe(303);
    expect((await post(`/users/${userId}/teams`, { teamIds: 'NOPE' })).statusCode).toBe(400);
    expect((await post(`/users/${userId}/teams`, { teamIds: '' })).statusCode).toBe(303);
    const reset = await post(`/users/${userId}/reset-password`, {});
    expect(reset.statusCode).toBe(200);
    expect(/<code>([^<]+)<\/code>/.exec(reset.body)![1]).not.toBe(url);
    expect((await post(`/users/${userId}/disable`, {})).statusCode).toBe(303);
    const after = await html(`/users/${userId}?done=disable`, admin);
    expect(after.body).toContain('sessions have ended');
    expect(after.body).toContain('Auditor');
    expect(after.body).toContain('action="/users/' + userId + '/enable"');
    const self = await post('/users/demo-system-administrator/disable', {});
    expect(self.statusCode).toBe(400);
    expect(self.body).toContain('You cannot disable your own account');
    // Without a CSRF token nothing changes.
    const forged = await app.inject({ method: 'POST', url: `/users/${userId}/enable`, cookies: admin, payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } });
    expect(forged.statusCode).toBe(403);

    const manager = await signInAs(app, 'service_manager', domain);
    const before = (await sql<{ n: number }>`select count(*)::int as n from audit_events where council_id = ${councilId} and action = 'denied' and actor_user_id = 'demo-service-manager'`.execute(database.db)).rows[0]!.n;
    for (const path of ['/users', '/users/new', `/users/${userId}`]) expect((await html(path, manager)).statusCode, path).toBe(404);
    const deniedNow = (await sql<{ n: number }>`select count(*)::int as n from audit_events where council_id = ${councilId} and action = 'denied' and actor_user_id = 'demo-service-manager'`.execute(database.db)).rows[0]!.n;
    expect(deniedNow - before).toBe(3);
  });
});
