import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoUsers } from '../src/demo/users.ts';
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { buildApp } from '../src/main.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { csrfToken, signInAs, type Cookies } from './support/auth.ts';
import { matrixMismatches } from './support/access-matrix.ts';
import { newCouncilId, openTestDatabase, testBackends } from './support/database.ts';

/**
 * The pulse's rows of the access matrix (issue 16), written out by hand: every role × the pulse's
 * pages and API. Answering is for the social work staff the model measures; the aggregates are for
 * managers and analysts (a team manager: their own team, and the service table, as on the service
 * view). Everyone else gets 404, and the refusal is audited.
 */
const AS_OF = new Date().toISOString().slice(0, 10);
const ROLES = ['practitioner', 'team_manager', 'service_manager', 'business_support', 'performance_analyst', 'data_officer', 'system_administrator', 'auditor'] as const;
type RoleName = (typeof ROLES)[number];
const ANSWERING: RoleName[] = ['practitioner', 'team_manager', 'service_manager'];

const EXPECT: Record<string, RoleName[]> = {
  'the pulse form': ANSWERING,
  'the pulse form (API)': ANSWERING,
  'service pulse results': ['team_manager', 'service_manager', 'performance_analyst'],
  'service pulse results (API)': ['team_manager', 'service_manager', 'performance_analyst'],
  'service pulse results (CSV)': ['team_manager', 'service_manager', 'performance_analyst'],
  "own team's pulse": ['team_manager', 'service_manager', 'performance_analyst'],
  "own team's pulse (API)": ['team_manager', 'service_manager', 'performance_analyst'],
  "other team's pulse": ['service_manager', 'performance_analyst'],
  "other team's pulse (API)": ['service_manager', 'performance_analyst'],
  "another council's pulse results": [],
  "another council's team pulse": [],
};

describe.each(testBackends())('pulse access matrix on %s', (kind) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let councilId: string;
  const jars = {} as Record<RoleName, Cookies>;
  const urls: Record<string, string> = {};

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    councilId = newCouncilId();
    const otherCouncil = newCouncilId();
    await seedCouncil(database.db, generateCouncil({ councilId, name: 'Pulse matrix', seed: 23, asOf: AS_OF, staffScale: 0.3, caseScale: 0.2, recordHistory: false }));
    await seedCouncil(database.db, generateCouncil({ councilId: otherCouncil, name: 'Elsewhere', seed: 24, asOf: AS_OF, staffScale: 0.2, caseScale: 0.2, recordHistory: false }));
    await seedDemoUsers(database.db, councilId, AS_OF, `${councilId}.test`);
    app = await buildApp(database, { logLevel: 'silent', security: { signInPerMinute: 1000 } });
    for (const role of ROLES) jars[role] = await signInAs(app, role, `${councilId}.test`);
    const c = `/api/councils/${councilId}`;
    Object.assign(urls, {
      'the pulse form': '/pulse',
      'the pulse form (API)': `${c}/pulse`,
      'service pulse results': '/pulse/results',
      'service pulse results (API)': `${c}/pulse/results`,
      'service pulse results (CSV)': '/pulse/results/export.csv',
      "own team's pulse": '/teams/SF1/pulse',
      "own team's pulse (API)": `${c}/teams/SF1/pulse`,
      "other team's pulse": '/teams/SF2/pulse',
      "other team's pulse (API)": `${c}/teams/SF2/pulse`,
      "another council's pulse results": `/api/councils/${otherCouncil}/pulse/results`,
      "another council's team pulse": `/api/councils/${otherCouncil}/teams/FD/pulse`,
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('allows exactly what each role should see, and hides the rest as 404', async () => {
    expect(await matrixMismatches(app, EXPECT, urls, jars, ROLES)).toEqual([]);
  });

  it('lets only the social work staff answer; everyone else gets 404, an audited refusal, and nothing is stored', async () => {
    const stored = async () => (await sql<{ n: number }>`select count(*)::int as n from pulse_answers where council_id = ${councilId}`.execute(database.db)).rows[0]!.n;
    const wrong: string[] = [];
    for (const role of ROLES) {
      const before = await stored();
      const token = await csrfToken(app, jars[role]);
      const res = await app.inject({ method: 'POST', url: `/api/councils/${councilId}/pulse`, cookies: jars[role], headers: { 'x-csrf-token': token }, payload: { workload: 2, extraHours: 2, safe: 2, stay: 2 } });
      const allowed = ANSWERING.includes(role);
      if (res.statusCode !== (allowed ? 201 : 404)) wrong.push(`${role} → answer: got ${res.statusCode}`);
      if ((await stored()) !== before + (allowed ? 1 : 0)) wrong.push(`${role} → answer: answers went from ${before} to ${await stored()}`);
    }
    expect(wrong).toEqual([]);
    const denied = await sql<{ n: number }>`select count(*)::int as n from audit_events where council_id = ${councilId} and action = 'denied' and record_type = 'pulse_answer' and actor_user_id = 'demo-auditor'`.execute(database.db);
    expect(denied.rows[0]!.n).toBeGreaterThanOrEqual(1);
    // Signed out: the API asks for a session.
    expect((await app.inject({ url: urls['the pulse form (API)']! })).statusCode).toBe(401);
  });
});
