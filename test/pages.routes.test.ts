import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoUsers } from '../src/demo/users.ts';
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { buildApp } from '../src/main.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { dfeCaseload } from '../src/statistics/model.ts';
import { takeSnapshot } from '../src/statistics/service/snapshots.ts';
import { SOCIAL_WORKER_ROLES } from '../src/statistics/pages/service.ts';
import { signInAs, type Cookies } from './support/auth.ts';
import { newCouncilId, openTestDatabase } from './support/database.ts';

const AS_OF = '2026-11-23';
const TEAM = 'SF1';

/** Every page through the real app: sign-in, access policy, services, templates. */
describe('pages', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let councilId: string;
  let domain: string;
  const jars = new Map<string, Cookies>();

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    councilId = newCouncilId();
    domain = `${councilId}.example`;
    await seedCouncil(database.db, generateCouncil({ councilId, name: 'Test Borough Council', seed: 3, asOf: AS_OF, staffScale: 0.4, caseScale: 0.5 }));
    await seedDemoUsers(database.db, councilId, AS_OF, domain);
    await takeSnapshot(database.db, councilId, '2026-11-16');
    await takeSnapshot(database.db, councilId, AS_OF);
    app = await buildApp(database, { logLevel: 'silent' });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const as = async (role: string) => {
    if (!jars.has(role)) jars.set(role, await signInAs(app, role, domain));
    return jars.get(role)!;
  };
  const page = async (role: string | null, url: string) =>
    app.inject({ method: 'GET', url, cookies: role ? await as(role) : {}, headers: { accept: 'text/html' } });
  const api = async (role: string, url: string) => (await app.inject({ method: 'GET', url, cookies: await as(role) })).json();
  const csrfFrom = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

  it('sends someone who is not signed in to sign in, and back afterwards', async () => {
    const res = await page(null, `/teams/${TEAM}`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/sign-in?next=${encodeURIComponent(`/teams/${TEAM}`)}`);
  });

  it('shows the team page with the same figures as the API, a chart with a table, and no GOV.UK branding', async () => {
    const res = await page('team_manager', `/teams/${TEAM}?date=${AS_OF}`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    const body = await api('team_manager', `/api/councils/${councilId}/teams/${TEAM}/workload?date=${AS_OF}`);
    for (const p of body.practitioners) {
      const row = new RegExp(`data-practitioner="${p.practitionerId}"[\\s\\S]*?data-cell="cases">(\\d+)<`).exec(html);
      expect(Number(row?.[1]), p.name).toBe(p.cases);
    }
    expect(html).toContain('<svg role="img" aria-label="Workload of each person');
    expect(html).toContain('the figures as a table');
    expect(html).not.toMatch(/Crown copyright|govuk-header__logotype|GDS Transport/);
    expect(res.headers['content-security-policy']).toMatch(/script-src[^;]*'nonce-/);
    const nonce = /<script nonce="([^"]+)"/.exec(html)?.[1];
    expect(res.headers['content-security-policy']).toContain(`'nonce-${nonce}'`);
    expect(html).toContain('<input type="hidden" name="_csrf" value="');
  });

  it('sorts and filters the team table on the server, so it works without JavaScript', async () => {
    const res = await page('team_manager', `/teams/${TEAM}?sort=cases&order=asc&date=${AS_OF}`);
    const cases = [...res.body.matchAll(/data-cell="cases">(\d+)</g)].map((m) => Number(m[1]));
    expect(cases.length).toBeGreaterThan(2);
    expect(cases).toEqual([...cases].sort((a, b) => a - b));
    expect(res.body).toContain('aria-sort="ascending"');

    const red = await page('team_manager', `/teams/${TEAM}?band=green&role=social_worker&date=${AS_OF}`);
    const bands = [...red.body.matchAll(/data-cell="band"><strong class="govuk-tag app-band ([^"]+)"/g)].map((m) => m[1]);
    expect(bands.every((b) => b === 'govuk-tag--green')).toBe(true);
  });

  it("shows a practitioner their workload with the API's figures, and their case pages", async () => {
    const res = await page('practitioner', `/my-workload?date=${AS_OF}`);
    expect(res.statusCode).toBe(200);
    // A practitioner may not read the team's workload through the API either.
    expect((await api('practitioner', `/api/councils/${councilId}/teams/${TEAM}/workload?date=${AS_OF}`)).error).toBe('not_found');
    const cases = Number(/data-figure="cases">(\d+)</.exec(res.body)?.[1]);
    const child = /href="\/children\/([^"?]+)\?/.exec(res.body)?.[1];
    expect(cases).toBeGreaterThan(0);
    expect(child).toBeDefined();
    expect(res.body).toContain('Protected time');

    const casePage = await page('practitioner', `/children/${child}?date=${AS_OF}`);
    expect(casePage.statusCode).toBe(200);
    expect(casePage.body).toContain('Statutory schedule');
    expect(casePage.body).toContain('Allocation history');
  });

  it('answers 404 for pages and records a person may not see', async () => {
    expect((await page('practitioner', `/teams/${TEAM}`)).statusCode).toBe(404);
    expect((await page('performance_analyst', `/my-workload`)).statusCode).toBe(404);
    expect((await page('system_administrator', `/service`)).statusCode).toBe(404);
    const other = (await page('team_manager', `/service?date=${AS_OF}`)).body;
    const otherTeam = [...other.matchAll(/data-team="([^"]+)"/g)].map((m) => m[1]).find((t) => t !== TEAM);
    const analyst = await page('performance_analyst', `/teams/${otherTeam}?date=${AS_OF}`);
    expect(analyst.statusCode).toBe(200);
    const someone = /href="\/practitioners\/([^"?]+)\?/.exec(analyst.body)?.[1];
    expect((await page('performance_analyst', `/practitioners/${someone}`)).statusCode).toBe(404);
    expect((await page('team_manager', `/teams/${otherTeam}`)).statusCode).toBe(404);
    expect((await page('team_manager', '/children/no-such-child')).statusCode).toBe(404);
  });

  it('shows the DfE caseload measure exactly as the census defines it, with trends from snapshots', async () => {
    const res = await page('service_manager', `/service?date=${AS_OF}`);
    expect(res.statusCode).toBe(200);
    const teams = (await api('service_manager', `/api/councils/${councilId}/teams?date=${AS_OF}`)).teams as { teamId: string }[];
    const workers = [];
    for (const t of teams) {
      const body = await api('service_manager', `/api/councils/${councilId}/teams/${t.teamId}/workload?date=${AS_OF}`);
      for (const p of body.practitioners) workers.push({ cases: p.cases, fte: p.fte, fte30: p.fte, agency: p.agency, socialWorker: SOCIAL_WORKER_ROLES.has(p.role) });
    }
    const expected = dfeCaseload(workers).caseload!;
    expect(/data-figure="dfe-caseload">([\d.]+)</.exec(res.body)?.[1]).toBe(String(Math.round(expected * 10) / 10));
    expect(res.body).toContain('DfE caseload measure over time');
    expect(res.body).toContain('role="img"');
  });

  it('lets a system administrator preview and save a new model version, with a GOV.UK error summary on bad input', async () => {
    const get = await page('system_administrator', '/settings/workload-model');
    expect(get.statusCode).toBe(200);
    const token = csrfFrom(get.body);
    expect(token).not.toBe('');
    const fields = Object.fromEntries([...get.body.matchAll(/<input class="govuk-input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    const post = async (changes: Record<string, string>) => app.inject({
      method: 'POST', url: '/settings/workload-model', cookies: await as('system_administrator'), headers: { accept: 'text/html' },
      payload: { ...fields, _csrf: token, note: 'Time audit, March 2026', action: 'preview', ...changes },
    });

    const bad = await post({ 'hours-cin_visit-central': 'two', greenUpTo: '120', amberUpTo: '100' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bad.body).toContain('href="#hours-cin_visit-central"');
    expect(bad.body).toContain('<title>Error: ');

    const preview = await post({ greenUpTo: '50' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('What changes if you save this');
    expect(preview.body).toMatch(/people change band|person changes band/);

    const save = await post({ greenUpTo: '80', action: 'save' });
    expect(save.statusCode).toBe(303);
    const after = await page('system_administrator', save.headers.location as string);
    expect(after.body).toContain('is now in use');
    expect(after.body).toContain('value="80"');
  });

  it('refuses a model change from anyone but a system administrator', async () => {
    const get = await page('team_manager', '/settings/workload-model');
    expect(get.statusCode).toBe(200);
    expect(get.body).not.toContain('Save as a new version');
    const res = await app.inject({ method: 'POST', url: '/settings/workload-model', cookies: await as('team_manager'), headers: { accept: 'text/html' },
      payload: { _csrf: csrfFrom(get.body), greenUpTo: '99', action: 'save' } });
    expect(res.statusCode).toBe(404);
  });
});
