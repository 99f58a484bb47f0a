import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { seedDemoUsers } from '../src/demo/users.ts';
import { createIdentityService } from '../src/identity/service/index.ts';
import { parseGroupMapping } from '../src/kernel/sso-groups.ts';
import { buildApp } from '../src/main.ts';
import { DEFAULT_SERVICE_INFO } from '../src/platform/config.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { collectCookies, signInAs, type Cookies } from './support/auth.ts';
import { newCouncilId, openTestDatabase, testBackends } from './support/database.ts';
import { OIDC_CLIENT, startTestProvider, type TestProvider } from './support/oidc.ts';

/**
 * Roles and teams from the provider's groups, end to end: a real OpenID provider on loopback
 * that puts `groups` in the ID token as Entra ID does, and the council's mapping file.
 */
const PRACTITIONERS = '0f8fad5b-d9cb-469f-a165-70867728950e';
const MANAGERS = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const ANALYSTS = '16fd2706-8baf-433b-82eb-8c7fada847da';
const SECOND_TEAM = '886313e1-3b8a-5372-9b90-0c9aee199e5d';
const UNMAPPED = 'a3bb189e-8bf9-3888-9912-ace4e6543002';

describe.each(testBackends())('single sign-on groups (%s)', (kind) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let provider: TestProvider;
  let councilId: string;
  let domain: string;
  let firstTeam: string;
  let secondTeam: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    councilId = newCouncilId();
    domain = `${councilId}.test`;
    await seedCouncil(database.db, generateCouncil({ councilId, name: 'Groups', seed: 43, asOf: '2026-11-23', staffScale: 0.2, caseScale: 0.05, recordHistory: false }));
    await seedDemoUsers(database.db, councilId, '2026-11-23', domain);
    const teams = (await database.db.selectFrom('teams').select('team_id').where('council_id', '=', councilId).orderBy('team_id').execute()).map((t) => t.team_id);
    [firstTeam, secondTeam] = teams as [string, string];
    // The business support account is switched off before it ever signs in.
    await database.db.updateTable('users').set({ disabled: true }).where('council_id', '=', councilId).where('user_id', '=', 'demo-business-support').execute();

    const { mapping, problems } = parseGroupMapping([
      '# Caseweight groups (the test council)',
      `${PRACTITIONERS}  roles: practitioner; teams: ${firstTeam}`,
      `${MANAGERS.toUpperCase()}  roles: Team manager; teams: ${firstTeam}, ZZ9   # ZZ9 is not in the register`,
      `${ANALYSTS}  roles: performance_analyst`,
      `${SECOND_TEAM}  teams: ${secondTeam}`,
    ].join('\n'));
    expect(problems).toEqual([]);

    const graph = { src1: { endpoint: 'https://graph.microsoft.com/v1.0/users/overage/getMemberObjects' } };
    provider = await startTestProvider({
      // Matched by email in another case than the account's.
      'entra-manager': { email: `TEAM.Manager@${domain}`, name: 'Manager via SSO', groups: [UNMAPPED, SECOND_TEAM, MANAGERS] },
      'entra-practitioner': { email: `practitioner@${domain}`, name: 'Practitioner', groups: [ANALYSTS, PRACTITIONERS] },
      'entra-newcomer': { email: `new.starter@${domain}`, name: 'Nia Starter', groups: [PRACTITIONERS.toUpperCase()] },
      'entra-stranger': { email: `stranger@${domain}`, name: 'Not in Caseweight', groups: [UNMAPPED] },
      'entra-teams-only': { email: `teams.only@${domain}`, name: 'Team but no role', groups: [SECOND_TEAM] },
      'entra-admin-unmapped': { email: `system.administrator@${domain}`, name: 'Admin', groups: [UNMAPPED] },
      'entra-disabled': { email: `business.support@${domain}`, name: 'Switched off', groups: [PRACTITIONERS] },
      'entra-overage': { email: `auditor@${domain}`, name: 'In 250 groups', _claim_names: { groups: 'src1' }, _claim_sources: graph },
      'entra-no-groups': { email: `data.officer@${domain}`, name: 'No groups claim' },
    }, { entra: true });

    app = await buildApp(database, {
      logLevel: 'silent',
      oidc: { issuer: provider.issuer, ...OIDC_CLIENT, councilId, groups: mapping },
      service: { ...DEFAULT_SERVICE_INFO, accessContact: 'the IT service desk', accessEmail: 'servicedesk@groups.example' },
    });
  });
  afterAll(async () => {
    await app?.close();
    await provider?.close();
    await database?.close();
  });

  /** Signs in through the provider as accountId; the callback's response and the session's cookies. */
  async function signInThroughProvider(accountId: string) {
    const jar: Cookies = {};
    const start = await app.inject({ method: 'GET', url: '/sign-in/oidc?next=/api/me', cookies: jar, headers: { accept: 'text/html' } });
    collectCookies(start, jar);
    const callback = await provider.throughProvider(start.headers.location as string, accountId);
    const done = await app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}`, cookies: jar, headers: { accept: 'text/html' } });
    collectCookies(done, jar);
    return { done, jar };
  }

  const account = (userId: string) => database.db.selectFrom('users').select(['email', 'name', 'roles', 'team_ids', 'oidc_subject', 'disabled'])
    .where('council_id', '=', councilId).where('user_id', '=', userId).executeTakeFirstOrThrow();
  const auditOf = (action: string) => database.db.selectFrom('audit_events').select(['actor_user_id', 'record_id', 'fields', 'reason'])
    .where('council_id', '=', councilId).where('action', '=', action).orderBy('seq').execute();

  it('gives an existing person (matched by email in any case) the roles and teams of their mapped groups, audited once', async () => {
    const { done, jar } = await signInThroughProvider('entra-manager');
    expect(done.statusCode, done.body.slice(0, 500)).toBe(303);
    const me = await app.inject({ method: 'GET', url: '/api/me', cookies: jar });
    expect(me.json()).toMatchObject({ userId: 'demo-team-manager', roles: ['team_manager'] });
    // The first team from the managers' group, the second team from its own group; ZZ9 is in no register, the unmapped group gives nothing.
    expect(await account('demo-team-manager')).toMatchObject({ roles: ['team_manager'], team_ids: [firstTeam, secondTeam].sort(), oidc_subject: 'entra-manager' });
    const writes = (await auditOf('write')).filter((e) => e.record_id === 'demo-team-manager');
    expect(writes).toHaveLength(1);
    expect(writes[0]!.fields).toMatch(/^roles set from single sign-on groups: roles team_manager; teams /);
    expect(writes[0]!.fields).toContain(MANAGERS);
    expect(writes[0]!.fields).not.toContain(UNMAPPED);

    // The same groups again: nothing changes, so nothing is written or audited as a change.
    const again = await signInThroughProvider('entra-manager');
    expect(again.done.statusCode).toBe(303);
    expect((await auditOf('write')).filter((e) => e.record_id === 'demo-team-manager')).toHaveLength(1);
    expect((await auditOf('sign_in')).filter((e) => e.actor_user_id === 'demo-team-manager')).toHaveLength(2);
  });

  it('replaces the roles set in Caseweight with those of the groups', async () => {
    const { done, jar } = await signInThroughProvider('entra-practitioner');
    expect(done.statusCode).toBe(303);
    expect((await app.inject({ method: 'GET', url: '/api/me', cookies: jar })).json()).toMatchObject({ userId: 'demo-practitioner', roles: ['practitioner', 'performance_analyst'] });
  });

  it('makes an account for a new person whose groups give a role, linked to their sign-in and audited', async () => {
    const { done, jar } = await signInThroughProvider('entra-newcomer');
    expect(done.statusCode, done.body.slice(0, 500)).toBe(303);
    const me = (await app.inject({ method: 'GET', url: '/api/me', cookies: jar })).json();
    expect(me).toMatchObject({ name: 'Nia Starter', roles: ['practitioner'], teamIds: [firstTeam], practitionerId: null });
    expect(await account(me.userId)).toMatchObject({ email: `new.starter@${domain}`, roles: ['practitioner'], team_ids: [firstTeam], oidc_subject: 'entra-newcomer', disabled: false });
    expect((await auditOf('write')).filter((e) => e.record_id === me.userId).map((e) => e.fields)).toEqual([
      `account added from single sign-on groups: new.starter@${domain}; roles practitioner; teams ${firstTeam} (groups ${PRACTITIONERS})`,
    ]);
    // The second time the account is found by its sign-in, not made again.
    const again = await signInThroughProvider('entra-newcomer');
    expect(again.done.statusCode).toBe(303);
    expect(await database.db.selectFrom('users').select('user_id').where('council_id', '=', councilId).where('email', '=', `new.starter@${domain}`).execute()).toHaveLength(1);
  });

  it.each([
    ['in no mapped group', 'entra-stranger', 'stranger'],
    ['only in a group that gives a team', 'entra-teams-only', 'teams.only'],
  ])('refuses someone with no account %s with a page saying whom to ask, audited with their email', async (_case, accountId, mailbox) => {
    const email = `${mailbox}@${domain}`;
    const reason = 'no Caseweight account and no group gives a role';
    const { done, jar } = await signInThroughProvider(accountId);
    expect(done.statusCode).toBe(403);
    expect(done.headers['content-type']).toMatch(/^text\/html/);
    expect(done.body).toContain('<h1 class="govuk-heading-l">You do not have access to Caseweight</h1>');
    expect(done.body).toContain('ask the IT service desk at <a class="govuk-link" href="mailto:servicedesk@groups.example">servicedesk@groups.example</a>');
    expect(done.body).toContain(email);
    expect((await app.inject({ method: 'GET', url: '/api/me', cookies: jar })).statusCode).toBe(401);
    expect(await auditOf('sign_in_failed')).toContainEqual({ actor_user_id: null, record_id: accountId, fields: `email ${email}`, reason: `single sign-on: ${reason}` });
    expect(await database.db.selectFrom('users').select('user_id').where('council_id', '=', councilId).where('email', '=', email).execute()).toEqual([]);
  });

  it('refuses an existing account whose groups give no role, and leaves its roles as they were', async () => {
    const { done } = await signInThroughProvider('entra-admin-unmapped');
    expect(done.statusCode).toBe(403);
    expect(done.body).toContain('You do not have access to Caseweight');
    expect(await account('demo-system-administrator')).toMatchObject({ roles: ['system_administrator'], oidc_subject: null });
    expect(await auditOf('sign_in_failed')).toContainEqual({ actor_user_id: 'demo-system-administrator', record_id: 'entra-admin-unmapped', fields: `email system.administrator@${domain}`, reason: 'single sign-on: account’s groups give no Caseweight role' });
  });

  it('keeps a disabled account out, whatever its groups, with a page saying whom to ask', async () => {
    const { done, jar } = await signInThroughProvider('entra-disabled');
    expect(done.statusCode).toBe(403);
    expect(done.body).toContain('Your Caseweight account is switched off');
    expect(done.body).toContain('mailto:servicedesk@groups.example');
    expect((await app.inject({ method: 'GET', url: '/api/me', cookies: jar })).statusCode).toBe(401);
    expect(await account('demo-business-support')).toMatchObject({ roles: ['business_support'], disabled: true, oidc_subject: null });
    expect(await auditOf('sign_in_failed')).toContainEqual({ actor_user_id: 'demo-business-support', record_id: 'entra-disabled', fields: `email business.support@${domain}`, reason: 'single sign-on: account disabled' });
  });

  it('refuses Entra’s groups overage (more than 200 groups) rather than guessing', async () => {
    const { done, jar } = await signInThroughProvider('entra-overage');
    expect(done.statusCode).toBe(403);
    expect(done.body).toContain('Caseweight could not check your access');
    expect(done.body).toContain('more than 200');
    expect((await app.inject({ method: 'GET', url: '/api/me', cookies: jar })).statusCode).toBe(401);
    expect(await account('demo-auditor')).toMatchObject({ roles: ['auditor'], oidc_subject: null });
    expect((await auditOf('sign_in_failed')).map((e) => e.reason)).toContain('single sign-on: more groups than the ID token can carry (groups overage); not read');
  });

  it('tells a system administrator, on a single sign-on account’s page, that its roles come from its groups', async () => {
    const jar = await signInAs(app, 'system_administrator', domain);
    const linked = await app.inject({ method: 'GET', url: '/users/demo-team-manager', cookies: jar, headers: { accept: 'text/html' } });
    expect(linked.statusCode).toBe(200);
    expect(linked.body).toContain('roles and teams come from their groups in the council’s sign-in service');
    const local = await app.inject({ method: 'GET', url: '/users/demo-performance-analyst', cookies: jar, headers: { accept: 'text/html' } });
    expect(local.statusCode).toBe(200);
    expect(local.body).not.toContain('come from their groups');
  });

  it('names the mapped teams the register does not hold, for the start-up warning', async () => {
    const { mapping } = parseGroupMapping(`${MANAGERS}  roles: team_manager; teams: ${firstTeam}, ZZ9\n${SECOND_TEAM}  teams: SFI`);
    expect(await createIdentityService({ db: database.db }).mappedTeamsMissing(councilId, mapping)).toEqual([{ teamId: 'ZZ9', line: 1 }, { teamId: 'SFI', line: 2 }]);
  });

  it('lets an account keep its Caseweight roles when the provider sends no groups at all', async () => {
    const { done, jar } = await signInThroughProvider('entra-no-groups');
    expect(done.statusCode).toBe(303);
    expect((await app.inject({ method: 'GET', url: '/api/me', cookies: jar })).json()).toMatchObject({ userId: 'demo-data-officer', roles: ['data_officer'] });
  });
});
