import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoUsers } from '../../demo/users.ts';
import { generateCouncil } from '../../demo/generate.ts';
import { seedCouncil } from '../../demo/service.ts';
import { buildApp } from '../../main.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { ukDay } from '../../kernel/time.ts';
import { addMonth, monthOf } from '../model/months.ts';
import type { AnswerRow } from '../model/publish.ts';
import { insertAnswers } from '../store/index.ts';
import { csrfToken, signInAs, type Cookies } from '../../../test/support/auth.ts';
import { newCouncilId, openTestDatabase, testBackends } from '../../../test/support/database.ts';

const TODAY = ukDay(new Date());
const OPEN = monthOf(TODAY);
const LAST = addMonth(OPEN, -1);
const HTML = { accept: 'text/html' };
const ANSWER = { workload: '4', extraHours: '3', safe: '2', stay: '1' };

/** Every number called "respondents" anywhere in a JSON body. */
function respondentCounts(value: unknown): number[] {
  if (Array.isArray(value)) return value.flatMap(respondentCounts);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (k === 'respondents' && typeof v === 'number' ? [v] : respondentCounts(v)));
  }
  return [];
}

/**
 * The pulse through its pages and API: answering once, the anonymous storage (nothing joins an
 * answer to a person), the audit trail, and withholding small groups on every way out.
 */
describe.each(testBackends())('the monthly pulse on %s', (kind) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let councilId: string;
  let small: string;
  let protector: string;
  const jars = {} as Record<'practitioner' | 'asye' | 'team_manager' | 'service_manager', Cookies>;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    councilId = newCouncilId();
    const data = generateCouncil({ councilId, name: 'Pulse', seed: 31, asOf: TODAY, staffScale: 0.3, caseScale: 0.3, recordHistory: false });
    await seedCouncil(database.db, data);
    await seedDemoUsers(database.db, councilId, TODAY, `${councilId}.test`);
    // Last month: SF1 7 answers, one team 6, one team 3: the 3 are withheld, and so are the 6 (3 alone would be the service total minus SF1).
    const others = data.teams.map((t) => t.team_id).filter((t) => t !== 'SF1');
    [protector, small] = [others[0]!, others[1]!];
    const rows = (teamId: string, n: number, workload: 1 | 5): (AnswerRow & { month: string })[] =>
      Array.from({ length: n }, () => ({ month: LAST, teamId, workload, extraHours: 2, safe: 1, stay: 2 }));
    await insertAnswers(database.db, councilId, [...rows('SF1', 7, 1), ...rows(protector, 6, 5), ...rows(small, 3, 5)]);
    app = await buildApp(database, { logLevel: 'silent', security: { signInPerMinute: 1000 } });
    for (const role of ['practitioner', 'asye', 'team_manager', 'service_manager'] as const) jars[role] = await signInAs(app, role, `${councilId}.test`);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const answerRows = async (teamId: string) => (await sql<{ answer_id: string; xmin: string }>`
    select answer_id::text, xmin::text from pulse_answers where council_id = ${councilId} and month = ${OPEN} and team_id = ${teamId}`.execute(database.db)).rows;

  it('re-renders the form with a 400 and an error summary linked to each unanswered question, keeping the answers given', async () => {
    const token = await csrfToken(app, jars.practitioner);
    const res = await app.inject({ method: 'POST', url: '/pulse', cookies: jars.practitioner, headers: HTML, payload: { _csrf: token, workload: '2' } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Error: ');
    for (const field of ['extraHours', 'safe', 'stay']) expect(res.body).toContain(`href="#${field}"`);
    expect(res.body).not.toContain('href="#workload"');
    expect(res.body).toMatch(/value="2" checked/);
    expect((await answerRows('SF1')).length).toBe(0);
  });

  it('takes one answer a month per person, stored without them, and rewrites the team’s month so nothing singles out the newest', async () => {
    const before = new Set((await answerRows('SF1')).map((r) => r.answer_id));
    const ids: Set<string>[] = [];
    for (const role of ['practitioner', 'asye', 'team_manager'] as const) {
      const token = await csrfToken(app, jars[role]);
      const res = await app.inject({ method: 'POST', url: '/pulse', cookies: jars[role], headers: HTML, payload: { _csrf: token, ...ANSWER } });
      expect(res.statusCode, role).toBe(303);
      expect(res.headers.location).toBe('/pulse?sent=1');
      const rows = await answerRows('SF1');
      // Every row of the group was written by the latest answer's transaction, under fresh random ids.
      expect(new Set(rows.map((r) => r.xmin)).size).toBe(1);
      const now = new Set(rows.map((r) => r.answer_id));
      for (const earlier of [before, ...ids]) for (const id of earlier) expect(now.has(id)).toBe(false);
      ids.push(now);
    }
    expect((await answerRows('SF1')).length).toBe(3);

    // A second answer: the page says so, the API answers 409, and nothing more is stored.
    const token = await csrfToken(app, jars.practitioner);
    const again = await app.inject({ method: 'POST', url: '/pulse', cookies: jars.practitioner, headers: HTML, payload: { _csrf: token, ...ANSWER } });
    expect([again.statusCode, again.headers.location]).toEqual([303, '/pulse']);
    const api = await app.inject({ method: 'POST', url: `/api/councils/${councilId}/pulse`, cookies: jars.practitioner, headers: { 'x-csrf-token': token }, payload: { workload: 1, extraHours: 1, safe: 1, stay: 1 } });
    expect(api.statusCode).toBe(409);
    expect((await answerRows('SF1')).length).toBe(3);
    const form = await app.inject({ url: '/pulse', cookies: jars.practitioner, headers: HTML });
    expect(form.body).toContain('data-testid="pulse-answered"');

    // The two tables share no column but the council and the month; the answers hold no time at all.
    const columns = async (table: string) => (await sql<{ column_name: string; data_type: string }>`
      select column_name, data_type from information_schema.columns where table_name = ${table}`.execute(database.db)).rows;
    const answers = await columns('pulse_answers');
    const markers = await columns('pulse_responses');
    expect(answers.map((c) => c.column_name).filter((c) => markers.some((m) => m.column_name === c)).sort()).toEqual(['council_id', 'month']);
    expect([...answers, ...markers].filter((c) => /time|date|serial/.test(c.data_type) || /_at$|_on$/.test(c.column_name))).toEqual([]);
    expect((await sql<{ n: number }>`select count(*)::int as n from pulse_responses where council_id = ${councilId} and month = ${OPEN}`.execute(database.db)).rows[0]!.n).toBe(3);

    // The audit trail: an answer was added, by nobody named, on a day; no roles and no address.
    const events = (await sql<{ actor_user_id: string | null; actor_roles: string[]; ip: string | null; occurred_at: Date }>`
      select actor_user_id, actor_roles, ip, occurred_at from audit_events where council_id = ${councilId} and record_type = 'pulse'`.execute(database.db)).rows;
    expect(events.length).toBe(3);
    for (const e of events) {
      expect([e.actor_user_id, e.actor_roles, e.ip]).toEqual([null, [], null]);
      expect(ukDay(new Date(e.occurred_at))).toBe(TODAY);
      expect(new Date(e.occurred_at).getUTCMinutes()).toBe(0);
    }
  });

  it('shows only groups of five or more, on the page, in the CSV and in the API, and withholds the team that would reveal a small one', async () => {
    const api = await app.inject({ url: `/api/councils/${councilId}/pulse/results?month=${LAST}`, cookies: jars.service_manager });
    expect(api.statusCode).toBe(200);
    const body = api.json<{ service: { respondents: number }; teams: { teamId: string; shown: boolean; why?: string; figures?: { respondents: number; manageable: number } }[] }>();
    expect(body.service.respondents).toBe(16);
    const byId = new Map(body.teams.map((t) => [t.teamId, t]));
    expect(byId.get('SF1')!.figures).toMatchObject({ respondents: 7, manageable: 1 });
    expect(byId.get(protector)).toMatchObject({ shown: false, why: 'protects_others' });
    expect(byId.get(small)).toMatchObject({ shown: false, why: 'too_few' });
    expect(byId.get(small)!.figures).toBeUndefined();
    expect(Math.min(...respondentCounts(body))).toBeGreaterThanOrEqual(5);

    const page = await app.inject({ url: `/pulse/results?month=${LAST}`, cookies: jars.service_manager, headers: HTML });
    expect(page.statusCode).toBe(200);
    for (const t of [small, protector]) expect(page.body).toMatch(new RegExp(`data-team="${t}">[\\s\\S]*?data-withheld>Not shown`));

    const csv = await app.inject({ url: `/pulse/results/export.csv?month=${LAST}`, cookies: jars.service_manager, headers: HTML });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split('\n');
    const numbersIn = (line: string) => line.split(',').slice(2, 8).filter((c) => c.trim() !== '');
    for (const line of lines.slice(1)) {
      const shown = numbersIn(line);
      // A withheld row has no figures; a shown row's count is 5 or more.
      if (shown.length > 0) expect(Number(shown[0])).toBeGreaterThanOrEqual(5);
    }
    expect(lines.some((l) => l.includes('no: fewer than 5 answered') && numbersIn(l).length === 0)).toBe(true);

    // The team page of the small team, for its manager's view: words, never a number.
    const team = await app.inject({ url: `/api/councils/${councilId}/teams/${small}/pulse?month=${LAST}`, cookies: jars.service_manager });
    expect(team.json().team).toMatchObject({ shown: false, why: 'too_few' });
    expect(Math.min(...respondentCounts(team.json()))).toBeGreaterThanOrEqual(5);

    // Each view is audited as a read or export of aggregates, naming the viewer.
    const views = (await sql<{ action: string; record_type: string }>`
      select action, record_type from audit_events where council_id = ${councilId} and actor_user_id = 'demo-service-manager' and record_type = 'pulse_results'`.execute(database.db)).rows;
    expect(views.map((v) => v.action).sort()).toEqual(['export', 'read', 'read', 'read']);
  });

  it('never shows the month still open: the API refuses it, the page says so and shows the last ended month', async () => {
    const api = await app.inject({ url: `/api/councils/${councilId}/pulse/results?month=${OPEN}`, cookies: jars.service_manager });
    expect(api.statusCode).toBe(400);
    const page = await app.inject({ url: `/pulse/results?month=${OPEN}`, cookies: jars.service_manager, headers: HTML });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('govuk-error-summary');
    expect(page.body).toContain('shown once the month has ended');
    const bad = await app.inject({ url: '/teams/SF1/pulse?month=13-2026', cookies: jars.team_manager, headers: HTML });
    expect(bad.statusCode).toBe(200);
    expect(bad.body).toContain('like 2026-03');
  });

  it('links to the pulse from My workload, the team page and the service view', async () => {
    expect((await app.inject({ url: '/my-workload', cookies: jars.practitioner, headers: HTML })).body).toContain('href="/pulse">How is work this month? 1 minute');
    expect((await app.inject({ url: '/teams/SF1', cookies: jars.team_manager, headers: HTML })).body).toContain('href="/teams/SF1/pulse"');
    expect((await app.inject({ url: '/service', cookies: jars.service_manager, headers: HTML })).body).toContain('href="/pulse/results"');
  });
});
