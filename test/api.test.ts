import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil, type CouncilData } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { workloadsInMemory } from '../src/demo/stats.ts';
import { buildApp } from '../src/main.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { caseSchedule, dayFromIso, DEFAULT_CONFIG, englandCalendar, isoFromDay } from '../src/workload/model/index.ts';
import { toCaseInputs } from '../src/cases/model/index.ts';
import { seedDemoUsers } from '../src/demo/users.ts';
import { signInAs, type Cookies } from './support/auth.ts';
import { newCouncilId, openTestDatabase, testBackends } from './support/database.ts';

const AS_OF = '2026-11-23';

describe.each(testBackends())('API on %s', (kind) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let councilId: string;
  let data: CouncilData;
  let head: Cookies;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    councilId = newCouncilId();
    data = generateCouncil({ councilId, name: 'Test council', seed: 7, asOf: AS_OF, staffScale: 0.3, caseScale: 0.4 });
    await seedCouncil(database.db, data);
    await seedDemoUsers(database.db, councilId, AS_OF, `${councilId}.test`);
    app = await buildApp(database, { logLevel: 'silent', security: { signInPerMinute: 1000 } });
    head = await signInAs(app, 'service_manager', `${councilId}.test`);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url, cookies: head });

  it('answers /health with the database kind', async () => {
    const res = await get('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: kind });
  });

  it('describes every API route in /openapi.json', async () => {
    const spec = (await get('/openapi.json')).json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const path of ['/api/councils/{councilId}/teams', '/api/councils/{councilId}/teams/{teamId}/workload',
      '/api/councils/{councilId}/practitioners/{practitionerId}/workload', '/api/councils/{councilId}/children/{childId}/schedule']) {
      expect(spec.paths[path]?.get, path).toBeDefined();
    }
  });

  it('lists the teams with staff in post and vacancies that match the register', async () => {
    const body = (await get(`/api/councils/${councilId}/teams?date=${AS_OF}`)).json();
    expect(body.teams.map((t: { teamId: string }) => t.teamId).sort()).toEqual(data.teams.map((t) => t.team_id).sort());
    for (const team of body.teams) {
      const inPost = data.practitioners.filter((p) => p.team_id === team.teamId && p.started_on <= AS_OF && (p.left_on === null || p.left_on > AS_OF));
      expect(team.practitioners).toBe(inPost.length);
      expect(team.vacancies).toBe(data.posts.filter((p) => p.team_id === team.teamId && p.status === 'vacant').length);
    }
  });

  it("gives each team's figures exactly as the model computes them from the same register in memory", async () => {
    const expected = new Map(workloadsInMemory(data, AS_OF, { config: DEFAULT_CONFIG, calendar: englandCalendar() }).map((w) => [w.practitionerId, w]));
    let compared = 0;
    for (const team of data.teams) {
      const body = (await get(`/api/councils/${councilId}/teams/${team.team_id}/workload?date=${AS_OF}`)).json();
      expect(body.team.teamId).toBe(team.team_id);
      for (const p of body.practitioners) {
        const w = expected.get(p.practitionerId)!;
        expect(p.cases).toBe(w.caseCount);
        expect(p.demandHours.central).toBeCloseTo(w.demand.total.central, 1);
        expect(p.capacityHours).toBeCloseTo(w.capacity.caseworkHours, 1);
        expect(p.band).toBe(w.band);
        expect(p.demandHours.low).toBeLessThanOrEqual(p.demandHours.central);
        expect(p.demandHours.central).toBeLessThanOrEqual(p.demandHours.high);
        compared++;
      }
    }
    expect(compared).toBe(expected.size);
  });

  it("explains a practitioner's hours: activities add up to cases, and cases to the total", async () => {
    const busiest = workloadsInMemory(data, AS_OF, { config: DEFAULT_CONFIG, calendar: englandCalendar() }).sort((a, b) => b.caseCount - a.caseCount)[0]!;
    const body = (await get(`/api/councils/${councilId}/practitioners/${busiest.practitionerId}/workload?date=${AS_OF}`)).json();
    expect(body.caseList.length).toBe(busiest.caseCount);
    const caseSum = body.caseList.reduce((s: number, c: { hours: { central: number } }) => s + c.hours.central, 0);
    expect(caseSum).toBeCloseTo(body.demandHours.central, 0);
    for (const c of body.caseList) {
      const activitySum = c.activities.reduce((s: number, a: { hours: { central: number } }) => s + a.hours.central, 0);
      expect(activitySum).toBeCloseTo(c.hours.central, 0);
      expect(c.activities.every((a: { why: string[] }) => Array.isArray(a.why))).toBe(true);
    }
    expect(body.capacity.caseworkHours).toBeCloseTo(body.capacityHours, 2);
  });

  it("gives a case's schedule with what is overdue, matching the model", async () => {
    const child = data.children.find((c) => !c.restricted && data.recorded.some((r) => r.child_id === c.child_id))!;
    const body = (await get(`/api/councils/${councilId}/children/${child.child_id}/schedule?date=${AS_OF}`)).json();
    const input = toCaseInputs([child], data.episodes.filter((e) => e.child_id === child.child_id), data.factors.filter((f) => f.child_id === child.child_id)).get(child.child_id)!;
    const recorded = data.recorded.filter((r) => r.child_id === child.child_id).map((r) => ({ activityCode: r.activity_code, on: dayFromIso(r.occurred_on) }));
    const expected = caseSchedule(input, recorded, dayFromIso(AS_OF), { config: DEFAULT_CONFIG, calendar: englandCalendar() });
    expect(body.items.map((i: { activityCode: string; dueOn: string; state: string }) => [i.activityCode, i.dueOn, i.state]))
      .toEqual(expected.map((i) => [i.activityCode, isoFromDay(i.dueOn), i.state]));
    expect(body.overdue).toBe(expected.filter((i) => i.state === 'overdue').length);
  });

  it('refuses bad input with a plain-English 4xx', async () => {
    const badDate = await get(`/api/councils/${councilId}/teams/${data.teams[0]!.team_id}/workload?date=2026-02-30`);
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().message).toMatch(/not a real date/i);
    const wrongForm = await get(`/api/councils/${councilId}/teams?date=23/11/2026`);
    expect(wrongForm.statusCode).toBe(400);
    expect(wrongForm.json().message).toMatch(/YYYY-MM-DD/);
    const noTeam = await get(`/api/councils/${councilId}/teams/NOPE/workload`);
    expect(noTeam.statusCode).toBe(404);
    expect(noTeam.json().message).toMatch(/no team "NOPE"/);
    expect((await get(`/api/councils/nobody/teams`)).statusCode).toBe(404);
    expect((await get(`/api/councils/${councilId}/children/${encodeURIComponent("x' or 1=1")}/schedule`)).statusCode).toBe(400);
    expect((await get('/api/nothing-here')).statusCode).toBe(404);
  });
});
