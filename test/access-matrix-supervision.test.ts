import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoUsers } from '../src/demo/users.ts';
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { buildApp } from '../src/main.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { csrfToken, signInAs, type Cookies } from './support/auth.ts';
import { newCouncilId, openTestDatabase } from './support/database.ts';

/**
 * Supervision (issue 16) for every role: the outline, the reflective part, recording and the
 * policy. Written out by hand from the rules, not computed from the policy. Denied is a 404.
 */
const AS_OF = new Date().toISOString().slice(0, 10);
const ROLES = ['practitioner', 'team_manager', 'service_manager', 'business_support', 'performance_analyst', 'data_officer', 'system_administrator', 'auditor'] as const;
type RoleName = (typeof ROLES)[number];

const READ: Record<string, RoleName[]> = {
  'own supervision': ['practitioner', 'team_manager', 'service_manager'],
  'colleague supervision': ['team_manager', 'service_manager'],
  'other-team supervision': ['service_manager'],
  'a session of the practitioner': ['practitioner', 'team_manager', 'service_manager'],
  "the team manager's own session": ['team_manager', 'service_manager'],
  'supervision policy': ['team_manager', 'service_manager', 'performance_analyst', 'system_administrator'],
  "another council's supervision": [],
};
// Who reads the reflective part (the supervisee, the supervisor; the default policy names nobody else).
const REFLECTIVE: Record<string, RoleName[]> = {
  // The demo practitioner is supervised by SF1's manager (the team manager account's practitioner record).
  'a session of the practitioner': ['practitioner', 'team_manager'],
  // SF1's manager is supervised by the head of service (the service manager account).
  "the team manager's own session": ['team_manager', 'service_manager'],
};
const MAY_RECORD: RoleName[] = ['team_manager', 'service_manager'];

describe('supervision access matrix on pglite', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let councilId: string;
  const jars = {} as Record<RoleName, Cookies>;
  const urls: Record<string, string> = {};
  let recordUrl = '';

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    councilId = newCouncilId();
    const otherCouncil = newCouncilId();
    const data = generateCouncil({ councilId, name: 'Supervision Matrix', seed: 23, asOf: AS_OF, staffScale: 0.3, caseScale: 0.3, recordHistory: false });
    await seedCouncil(database.db, data);
    const other = generateCouncil({ councilId: otherCouncil, name: 'Elsewhere', seed: 24, asOf: AS_OF, staffScale: 0.2, caseScale: 0.2, recordHistory: false });
    await seedCouncil(database.db, other);
    await seedDemoUsers(database.db, councilId, AS_OF, `${councilId}.test`);
    app = await buildApp(database, { logLevel: 'silent', security: { signInPerMinute: 1000 } });
    for (const role of ROLES) jars[role] = await signInAs(app, role, `${councilId}.test`);
    const pid = async (userId: string) => (await database.db.selectFrom('users').select('practitioner_id').where('council_id', '=', councilId).where('user_id', '=', userId).executeTakeFirstOrThrow()).practitioner_id!;
    const me = await pid('demo-practitioner');
    const manager = await pid('demo-team-manager');
    const colleague = data.practitioners.find((p) => p.team_id === 'SF1' && p.practitioner_id !== me && p.role === 'social_worker' && p.left_on === null)!;
    const outsider = data.practitioners.find((p) => p.team_id === 'SF2' && p.role === 'social_worker' && p.left_on === null)!;
    const c = `/api/councils/${councilId}`;
    const sessionOf = async (supervisee: string) => (await database.db.selectFrom('supervision_sessions' as never).select('session_id' as never)
      .where('council_id' as never, '=', councilId as never).where('supervisee_id' as never, '=', supervisee as never).orderBy('held_on' as never, 'desc').limit(1).executeTakeFirstOrThrow() as { session_id: string }).session_id;
    Object.assign(urls, {
      'own supervision': `${c}/practitioners/${me}/supervision`,
      'colleague supervision': `${c}/practitioners/${colleague.practitioner_id}/supervision`,
      'other-team supervision': `${c}/practitioners/${outsider.practitioner_id}/supervision`,
      'a session of the practitioner': `${c}/supervision-sessions/${await sessionOf(me)}`,
      "the team manager's own session": `${c}/supervision-sessions/${await sessionOf(manager)}`,
      'supervision policy': '/settings/supervision',
      "another council's supervision": `/api/councils/${otherCouncil}/practitioners/${other.practitioners[0]!.practitioner_id}/supervision`,
    });
    recordUrl = `${c}/practitioners/${me}/supervision-sessions`;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  for (const [name, allowed] of Object.entries(READ)) {
    it(`${name}: ${allowed.join(', ') || 'nobody'}`, async () => {
      for (const role of ROLES) {
        const res = await app.inject({ url: urls[name]!, cookies: jars[role], headers: name === 'supervision policy' ? { accept: 'text/html' } : {} });
        expect([role, res.statusCode]).toEqual([role, allowed.includes(role) ? 200 : 404]);
        if (res.statusCode === 200 && REFLECTIVE[name]) {
          const reflective = res.json<{ reflective: unknown }>().reflective;
          expect([role, reflective !== null]).toEqual([role, REFLECTIVE[name].includes(role)]);
        }
      }
      expect((await app.inject({ url: urls[name]! })).statusCode).toBe(name === 'supervision policy' ? 303 : 401);
    });
  }

  it(`recording a session for the practitioner: ${MAY_RECORD.join(', ')}`, async () => {
    for (const role of ROLES) {
      const token = await csrfToken(app, jars[role]);
      const res = await app.inject({ method: 'POST', url: recordUrl, cookies: jars[role], headers: { 'x-csrf-token': token }, payload: { heldOn: AS_OF, minutes: 90, wellbeing: `Recorded by ${role}` } });
      expect([role, res.statusCode]).toEqual([role, MAY_RECORD.includes(role) ? 201 : 404]);
    }
  });
});
