// A person in a browser never sees raw JSON or a stack: refusals, unknown addresses, rate
// limits and bad input (NUL bytes included) are GOV.UK pages; API clients still get JSON.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../src/demo/users.ts';
import { buildApp } from '../src/main.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { csrfToken, signInAs, type Cookies } from './support/auth.ts';
import { newCouncilId, openTestDatabase } from './support/database.ts';

const AS_OF = '2026-11-23';
const HTML = { accept: 'text/html' };

describe('service pages', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let councilId: string;
  let domain: string;
  let manager: Cookies;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    councilId = newCouncilId();
    domain = `${councilId}.example`;
    await seedCouncil(database.db, generateCouncil({ councilId, name: 'Pages Borough', seed: 7, asOf: AS_OF, staffScale: 0.1, caseScale: 0.05 }));
    await seedDemoUsers(database.db, councilId, AS_OF, domain);
    app = await buildApp(database, { logLevel: 'silent', security: { signInPerMinute: 3 } });
    manager = await signInAs(app, 'team_manager', domain);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const isPage = (body: string) => body.startsWith('<!DOCTYPE html>') && body.includes('class="govuk-template"') && body.includes('govuk-footer');

  it('answers an unknown address with a "Page not found" page, and JSON to the API', async () => {
    const res = await app.inject({ url: '/no-such-page', cookies: manager, headers: HTML });
    expect(res.statusCode).toBe(404);
    expect(isPage(res.body)).toBe(true);
    expect(res.body).toContain('Page not found');
    const api = await app.inject({ url: '/api/no-such-thing', cookies: manager });
    expect(api.statusCode).toBe(404);
    expect(api.json().error).toBe('not_found');
  });

  // Today's page: the service view is there on any date (the team pages follow the seed's dates).
  it.each(['/service?date=2026-02-30', '/service?date=tomorrow', '/service?date=1999-12-31'])('shows the page for today with an error summary when the address has a bad date: %s', async (url) => {
    const res = await app.inject({ url, cookies: manager, headers: HTML });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('The date in the web address');
    expect(res.body).toMatch(/<title>Error: /);
  });

  it.each(['/teams/%00', '/children/X%00', '/practitioners/P%00', '/audit/children/%00', '/teams/%E0%A4%A'])('never answers 500 to a bad address: %s', async (url) => {
    const res = await app.inject({ url, cookies: manager, headers: HTML });
    expect([400, 404]).toContain(res.statusCode);
    expect(isPage(res.body)).toBe(true);
    expect(res.body).toContain('govuk-heading-l');
  });

  it('refuses a NUL byte in an API path or a form with a plain 400', async () => {
    const api = await app.inject({ url: `/api/councils/${councilId}/teams/SF%00/workload`, cookies: manager });
    expect(api.statusCode).toBe(400);
    expect(api.json().message).toMatch(/character that cannot be used/);
    const jar: Cookies = {};
    const token = await csrfToken(app, jar);
    const form = await app.inject({ method: 'POST', url: '/sign-in', cookies: jar, headers: HTML, payload: { email: 'a\u0000b@example.com', password: 'x', _csrf: token } });
    expect(form.statusCode).toBe(400);
    expect(isPage(form.body)).toBe(true);
  });

  it('shows the sign-in rate limit as a page, not JSON', async () => {
    let last;
    for (let i = 0; i < 5; i += 1) {
      const jar: Cookies = {};
      const token = await csrfToken(app, jar);
      last = await app.inject({ method: 'POST', url: '/sign-in', cookies: jar, headers: HTML, payload: { email: demoEmail('practitioner', domain), password: `${DEMO_PASSWORD}-wrong`, _csrf: token } });
    }
    expect(last!.statusCode).toBe(429);
    expect(isPage(last!.body)).toBe(true);
    expect(last!.body).toContain('Too many attempts');
  });
});
