import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil, type CouncilData } from '../demo/generate.ts';
import { seedCouncil } from '../demo/service.ts';
import { seedDemoUsers } from '../demo/users.ts';
import { buildApp } from '../main.ts';
import type { DatabaseHandle } from '../platform/database.ts';
import { csrfToken, signInAs, type Cookies } from '../../test/support/auth.ts';
import { newCouncilId, openTestDatabase } from '../../test/support/database.ts';

const AS_OF = new Date().toISOString().slice(0, 10);
const HTML = { accept: 'text/html' };

/** Bad input on the allocation pages: the page again with its error summary, a 400, and nothing written. */
describe('allocation pages with bad input', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let data: CouncilData;
  let councilId: string;
  let jar: Cookies;
  const decisions = async () => Number((await database.db.selectFrom('allocation_decisions').select((eb) => eb.fn.countAll<string>().as('n')).where('council_id', '=', councilId).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    councilId = newCouncilId();
    data = generateCouncil({ councilId, name: 'Bad Input', seed: 31, asOf: AS_OF, staffScale: 0.3, caseScale: 0.2, recordHistory: false });
    await seedCouncil(database.db, data);
    await seedDemoUsers(database.db, councilId, AS_OF, `${councilId}.test`);
    app = await buildApp(database, { logLevel: 'silent', security: { signInPerMinute: 1000 } });
    jar = await signInAs(app, 'team_manager', `${councilId}.test`);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('a what-if about someone outside the team asks again for someone in it', async () => {
    const outsider = data.practitioners.find((p) => p.team_id === 'SF2')!.practitioner_id;
    const res = await app.inject({ url: `/allocation/what-if?team=SF1&kind=leaver&practitioner=${outsider}`, cookies: jar, headers: HTML });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('Choose someone in the team.');
  });

  it('a plan for a leaver not in the team shows the choice again', async () => {
    const res = await app.inject({ url: `/allocation/plan?team=SF1&mode=leaver&practitioner=P-nobody`, cookies: jar, headers: HTML });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Choose who is leaving from the team.');
    // The form to choose again, with the problem in its error summary (not a dead-end page).
    expect(res.body).toContain('name="mode"');
    expect(res.body).toContain('govuk-error-summary');
  });

  it('a decision with no reason and no note comes back with every problem, and writes nothing', async () => {
    const child = data.allocations.find((a) => a.team_id === 'SF1' && a.role === 'lead' && a.end_date === null && !data.children.find((c) => c.child_id === a.child_id)!.restricted)!.child_id;
    const before = await decisions();
    const res = await app.inject({ method: 'POST', url: `/allocation/cases/${child}?date=${AS_OF}`, cookies: jar, headers: HTML, payload: { _csrf: await csrfToken(app, jar), practitionerId: '', reasonCode: '', note: '' } });
    expect(res.statusCode).toBe(400);
    for (const text of ['Choose who takes the case.', 'Choose the reason for the allocation.', 'Write a note about the decision']) expect(res.body).toContain(text);
    expect(await decisions()).toBe(before);
  });
});
