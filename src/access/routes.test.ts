import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil, type CouncilData } from '../demo/generate.ts';
import { seedCouncil } from '../demo/service.ts';
import { buildApp } from '../main.ts';
import type { DatabaseHandle } from '../platform/database.ts';
import { signInAs, type Cookies } from '../../test/support/auth.ts';
import { newCouncilId, openTestDatabase } from '../../test/support/database.ts';
import { seedDemoUsers } from '../demo/users.ts';
import { dayFromIso, isoFromDay } from '../kernel/calendar.ts';
import { ukDay } from '../kernel/time.ts';
import { recordAudit } from '../platform/audit.ts';

const AS_OF = '2026-11-23';

/** The audit and emergency-access pages through the real app, as the demo roles. */
describe('audit and emergency-access pages', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let councilId: string;
  let domain: string;
  let data: CouncilData;
  const jars = new Map<string, Cookies>();
  const as = async (role: string) => {
    if (!jars.has(role)) jars.set(role, await signInAs(app, role, domain));
    return jars.get(role)!;
  };
  const page = async (role: string, url: string) => app.inject({ method: 'GET', url, cookies: await as(role), headers: { accept: 'text/html' } });
  const post = async (role: string, url: string, form: Record<string, string>) => {
    const jar = await as(role);
    const token = /name="_csrf" value="([^"]+)"/.exec((await page(role, '/audit')).body)?.[1]
      ?? (await app.inject({ method: 'GET', url: '/api/csrf-token', cookies: jar })).json().token;
    return app.inject({ method: 'POST', url, cookies: jar, payload: new URLSearchParams({ ...form, _csrf: token }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } });
  };

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    councilId = newCouncilId();
    domain = `${councilId}.test`;
    data = generateCouncil({ councilId, name: 'Audit Pages', seed: 71, asOf: AS_OF, staffScale: 0.3, caseScale: 0.2, recordHistory: false });
    await seedCouncil(database.db, data);
    await seedDemoUsers(database.db, councilId, AS_OF, domain);
    app = await buildApp(database, { logLevel: 'silent', security: { signInPerMinute: 1000 } });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('shows the audit log to auditors and managers only', async () => {
    expect((await page('auditor', '/audit')).statusCode).toBe(200);
    expect((await page('team_manager', '/audit')).statusCode).toBe(200);
    for (const role of ['practitioner', 'performance_analyst', 'system_administrator', 'data_officer', 'business_support']) {
      expect((await page(role, '/audit')).statusCode, role).toBe(404);
    }
    expect((await page('auditor', '/')).body).toContain('href="/audit"');
    expect((await page('practitioner', '/')).body).not.toContain('href="/audit"');
  });

  it('offers emergency access on a refused case, takes a reason, opens it, and lists it for the manager to review', async () => {
    const outsider = data.allocations.find((a) => a.end_date === null && a.team_id === 'FD')!.child_id;
    const refused = await page('practitioner', `/children/${outsider}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).toContain(`/children/${outsider}/emergency-access`);
    expect((await page('performance_analyst', `/children/${outsider}`)).body).not.toContain('emergency-access');

    const form = await page('practitioner', `/children/${outsider}/emergency-access`);
    expect(form.statusCode).toBe(200);
    const tooShort = await post('practitioner', `/children/${outsider}/emergency-access`, { reason: 'urgent' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.body).toContain('govuk-error-summary');
    expect(tooShort.body).toContain('href="#reason"');
    expect((await page('practitioner', `/children/${outsider}`)).statusCode).toBe(404);

    const opened = await post('practitioner', `/children/${outsider}/emergency-access`, { reason: 'Police called out of hours; child reported missing' });
    expect(opened.statusCode).toBe(303);
    expect((await page('practitioner', `/children/${outsider}`)).statusCode).toBe(200);

    const review = await page('team_manager', '/audit');
    expect(review.body).toContain('child reported missing');
    const id = /action="\/audit\/break-glass\/([^/]+)\/review"/.exec(review.body)![1]!;
    expect((await post('team_manager', `/audit/break-glass/${id}/review`, {})).statusCode).toBe(400);
    expect((await post('team_manager', `/audit/break-glass/${id}/review`, { outcome: 'justified', note: 'Checked with police' })).statusCode).toBe(303);
    const row = await database.db.selectFrom('break_glass').select(['reviewed_by', 'review_outcome']).where('council_id', '=', councilId).where('break_glass_id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ reviewed_by: 'demo-team-manager', review_outcome: 'justified' });
    expect((await page('team_manager', '/audit')).body).not.toContain('child reported missing');

    const who = await page('auditor', `/audit/children/${outsider}`);
    expect(who.statusCode).toBe(200);
    expect(who.body).toContain('Used emergency access');
    // People by name (linked to their own audit), records in words: no user id shown.
    const practitionerName = (await database.db.selectFrom('users').select('name').where('council_id', '=', councilId).where('user_id', '=', 'demo-practitioner').executeTakeFirstOrThrow()).name;
    expect(who.body).toContain(`href="/audit/people/demo-practitioner">${practitionerName}</a>`);
    expect(who.body.replace(/<[^>]+>/g, ' ')).not.toContain('demo-practitioner');
    const what = await page('auditor', '/audit/people/demo-practitioner');
    expect(what.body).toContain(`Child ${outsider}`);
    expect(what.body).toContain(`What ${practitionerName} looked at`);
  });

  it('refuses a bad id with a plain message rather than searching for it', async () => {
    const res = await app.inject({ method: 'GET', url: `/audit/children?child=${encodeURIComponent("x' or 1=1")}`, cookies: await as('auditor'), headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('letters, numbers');
  });

  const text = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it('searches by part of a name: several people are listed to choose from, one goes straight to their actions', async () => {
    const name = (await database.db.selectFrom('users').select('name').where('council_id', '=', councilId).where('user_id', '=', 'demo-practitioner').executeTakeFirstOrThrow()).name;
    const one = await page('auditor', `/audit/search?person=${encodeURIComponent(name.toUpperCase())}&from-day=1&from-month=1&from-year=2026`);
    expect(one.statusCode).toBe(303);
    expect(one.headers.location).toBe('/audit/people/demo-practitioner?from=2026-01-01');
    const several = await page('auditor', `/audit/search?person=${encodeURIComponent(`@${domain}`)}`);
    expect(several.statusCode).toBe(200);
    expect(several.body).toContain('Choose the person');
    expect(several.body).toContain(`href="/audit/people/demo-practitioner">${name}</a>`);
    expect(text(several.body)).not.toMatch(/demo-(practitioner|auditor)\b(?!\.)/);
    const child = await page('auditor', '/audit/search?child=C0000001&to-day=2&to-month=12&to-year=2026');
    expect(child.headers.location).toBe('/audit/children/C0000001?to=2026-12-02');
    const none = await page('auditor', '/audit/search?person=nobody-by-this-name');
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('govuk-error-summary');
    expect(none.body).toContain('href="#person"');
  });

  it('re-shows the form with an error summary for bad dates and a start after the end', async () => {
    const bad = await page('auditor', '/audit/search?child=C0000001&from-day=31&from-month=2&from-year=2026&to-day=1&to-month=1');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('href="#from-day"');
    expect(bad.body).toContain('The start date must be a real date');
    expect(bad.body).toContain('href="#to-year"');
    expect(bad.body).toContain('value="31"'); // what they typed, shown again
    const order = await page('auditor', '/audit/search?child=C0000001&from-day=2&from-month=3&from-year=2026&to-day=1&to-month=3&to-year=2026');
    expect(order.statusCode).toBe(400);
    expect(order.body).toContain('The end date must be the same as or after the start date');
    const results = await page('auditor', '/audit/people/demo-practitioner?from=2026-13-01');
    expect(results.statusCode).toBe(400);
    expect(results.body).toContain('href="#from-day"');
    expect((await page('auditor', '/audit/people/demo-practitioner?from=2020-01-01&to=2020-01-02')).body).toContain('No entries between 1 January 2020 and 2 January 2020');
  });

  it('searches the whole council by dates alone, up to 31 days, with names and pages; a team manager still names someone', async () => {
    const today = ukDay(new Date());
    const [y, m, d] = today.split('-').map(Number);
    const boxes = `from-day=${d}&from-month=${m}&from-year=${y}`;
    const search = await page('auditor', `/audit/search?${boxes}`);
    expect(search.statusCode).toBe(303);
    expect(search.headers.location).toBe(`/audit/days?from=${today}&to=${today}`);
    const days = await page('auditor', search.headers.location!);
    expect(days.statusCode).toBe(200);
    expect(days.body).toContain('Everything in the audit log');
    const practitionerName = (await database.db.selectFrom('users').select('name').where('council_id', '=', councilId).where('user_id', '=', 'demo-practitioner').executeTakeFirstOrThrow()).name;
    const auditorName = (await database.db.selectFrom('users').select('name').where('council_id', '=', councilId).where('user_id', '=', 'demo-auditor').executeTakeFirstOrThrow()).name;
    // The auditor's own sign-in and searches are in today's log, by name, never as an account id.
    expect(days.body).toContain(auditorName);
    expect(text(days.body)).not.toMatch(/\bdemo-(auditor|practitioner|team-manager)\b(?!\.)/);
    expect(days.body).toContain(`href="/audit/days/export.csv?from=${today}&amp;to=${today}"`);
    const csv = await page('auditor', `/audit/days/export.csv?from=${today}&to=${today}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(auditorName);
    // A start date alone runs 31 days (never past today); an end date alone runs back 31 days.
    const back = isoFromDay(dayFromIso(today) - 40);
    const [by, bm, bd] = back.split('-').map(Number);
    expect((await page('auditor', `/audit/search?from-day=${bd}&from-month=${bm}&from-year=${by}`)).headers.location).toBe(`/audit/days?from=${back}&to=${isoFromDay(dayFromIso(back) + 30)}`);
    // Longer is refused beside the end date, and a bad date is shown again with the error summary.
    const long = await page('auditor', `/audit/search?from-day=${bd}&from-month=${bm}&from-year=${by}&to-day=${d}&to-month=${m}&to-year=${y}`);
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('href="#to-day"');
    expect(long.body).toContain('within 31 days of the start date');
    const bad = await page('auditor', '/audit/days?from=2026-02-31');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bad.body).toContain('href="#from-day"');
    expect((await page('auditor', `/audit/days?from=${back}&to=${today}`)).statusCode).toBe(400);
    // Pages of 50, newest first: 60 more reads today make at least two.
    for (let i = 0; i < 60; i += 1) await recordAudit(database.db, { councilId, actorUserId: 'demo-practitioner', actorRoles: ['practitioner'], action: 'read', recordType: 'child', recordId: `C-${i}`, childId: `C-${i}`, ip: '127.0.0.1' });
    const second = await page('auditor', `/audit/days?from=${today}&to=${today}&page=2`);
    expect(second.body).toMatch(/Newest first: page 2 of [2-9]/);
    expect(second.body).toContain(practitionerName);
    // A team manager may not read the whole council's log: the form asks for a person or child, and the address is not found.
    const manager = await page('team_manager', `/audit/search?${boxes}`);
    expect(manager.statusCode).toBe(400);
    expect(manager.body).toContain('Enter a person’s name or email address, or a child’s id');
    expect((await page('team_manager', `/audit/days?from=${today}&to=${today}`)).statusCode).toBe(404);
    // The JSON API takes dates alone too, and still asks for something.
    const api = await app.inject({ method: 'GET', url: `/api/councils/${councilId}/audit?from=${today}&to=${today}`, cookies: await as('auditor') });
    expect(api.statusCode).toBe(200);
    expect(api.json().total).toBeGreaterThan(60);
    expect((await app.inject({ method: 'GET', url: `/api/councils/${councilId}/audit`, cookies: await as('auditor') })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: `/api/councils/${councilId}/audit?from=${back}&to=${today}`, cookies: await as('auditor') })).statusCode).toBe(400);
    expect((await page('auditor', '/audit')).body).toContain('everything in up to 31 days');
    expect((await page('team_manager', '/audit')).body).not.toContain('everything in up to 31 days');
  });

  it('lists grants to restricted records with names and UK dates, and lets the team manager end one; a practitioner is refused', async () => {
    const list = await page('team_manager', '/audit/grants');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Access running now');
    expect(list.body).toContain('No end date');
    expect(text(list.body)).not.toMatch(/demo-[a-z]/);
    expect((await page('auditor', '/audit/grants')).body).not.toContain('/revoke');
    expect((await page('auditor', '/audit')).body).toContain('href="/audit/grants"');
    for (const role of ['practitioner', 'performance_analyst', 'business_support']) expect((await page(role, '/audit/grants')).statusCode, role).toBe(404);

    const id = /action="\/audit\/grants\/([^/]+)\/revoke"/.exec(list.body)![1]!;
    const refused = await post('practitioner', `/audit/grants/${id}/revoke`, {});
    expect(refused.statusCode).toBe(404);
    const noToken = await app.inject({ method: 'POST', url: `/audit/grants/${id}/revoke`, cookies: await as('team_manager'), headers: { accept: 'text/html' } });
    expect(noToken.statusCode).toBeGreaterThanOrEqual(400);
    const ended = await post('team_manager', `/audit/grants/${id}/revoke`, {});
    expect(ended.statusCode).toBe(200);
    expect(ended.body).toContain('has ended');
    expect(ended.body).toContain('Ended early by');
    const row = await database.db.selectFrom('access_grants').select(['revoked_at', 'revoked_by']).where('council_id', '=', councilId).where('grant_id', '=', id).executeTakeFirstOrThrow();
    expect(row.revoked_by).toBe('demo-team-manager');
    expect(row.revoked_at).toBeInstanceOf(Date);
    const again = await post('team_manager', `/audit/grants/${id}/revoke`, {});
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('has already ended');
    const api = await app.inject({ method: 'GET', url: `/api/councils/${councilId}/grants`, cookies: await as('auditor') });
    expect(api.json().items.find((g: { grantId: string }) => g.grantId === id)).toMatchObject({ state: 'ended_early', mayRevoke: false });
  });
});
