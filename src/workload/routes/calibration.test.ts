// The calibration form: the administrator ticks the proposals to include, previews them and saves
// a version with a reason; nothing ticked, or no reason, is an error summary, and nothing is saved.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil } from '../../demo/generate.ts';
import { seedCouncil, seedPilotRecordings } from '../../demo/service.ts';
import { DEMO_TEAM, seedDemoUsers } from '../../demo/users.ts';
import { buildApp } from '../../main.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { csrfToken, signInAs, type Cookies } from '../../../test/support/auth.ts';
import { newCouncilId, openTestDatabase } from '../../../test/support/database.ts';
import { loadModelContext } from '../service/index.ts';

const TODAY = new Date().toISOString().slice(0, 10);
const HTML = { accept: 'text/html' };
const URL = '/settings/workload-model/calibration';

describe('the calibration form', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let councilId: string;
  let admin: Cookies;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    councilId = newCouncilId();
    const data = generateCouncil({ councilId, name: 'Calibration Routes', seed: 5, asOf: TODAY, staffScale: 0.3, caseScale: 0.6 });
    await seedCouncil(database.db, data);
    await seedDemoUsers(database.db, councilId, TODAY, `${councilId}.test`);
    expect(await seedPilotRecordings(database.db, data, DEMO_TEAM, TODAY)).toBeGreaterThan(300);
    app = await buildApp(database, { logLevel: 'silent', security: { signInPerMinute: 1000 } });
    admin = await signInAs(app, 'system_administrator', `${councilId}.test`);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('offers each proposal as a checkbox, activities ticked and the share of casework time not', async () => {
    const page = await app.inject({ url: URL, cookies: admin, headers: HTML });
    expect(page.statusCode).toBe(200);
    const box = (value: string) => new RegExp(`<input class="govuk-checkboxes__input"[^>]*name="include" type="checkbox" value="${value}"([^>]*)>`).exec(page.body)?.[1];
    expect(box('case_management')).toMatch(/checked/);
    expect(box('casework_time')).toBeDefined();
    expect(box('casework_time')).not.toMatch(/checked/);
  });

  it('asks for a proposal and a reason, together, and saves nothing', async () => {
    const before = (await loadModelContext(database.db, councilId)).version;
    const token = await csrfToken(app, admin);
    const res = await app.inject({ method: 'POST', url: URL, cookies: admin, headers: HTML, payload: { _csrf: token, action: 'save', note: '' } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#include"');
    expect(res.body).toContain('href="#note"');
    expect(res.body.indexOf('href="#include"')).toBeLessThan(res.body.indexOf('href="#note"'));
    expect((await loadModelContext(database.db, councilId)).version).toBe(before);
  });

  it('previews and saves only the ticked proposals', async () => {
    const token = await csrfToken(app, admin);
    const preview = await app.inject({ method: 'POST', url: URL, cookies: admin, headers: HTML, payload: { _csrf: token, action: 'preview', include: 'case_management', note: 'Case management takes longer than we thought' } });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('What changes if you save the 1 chosen proposal');
    const before = await loadModelContext(database.db, councilId);
    const saved = await app.inject({ method: 'POST', url: URL, cookies: admin, headers: HTML, payload: { _csrf: token, action: 'save', include: ['case_management', 'casework_time'], note: 'Case management and the share of time' } });
    expect(saved.statusCode).toBe(303);
    const after = await loadModelContext(database.db, councilId);
    expect(after.version).toBeGreaterThan(before.version);
    const changed = after.config.activities.filter((a, i) => a.hours.central !== before.config.activities[i]!.hours.central).map((a) => a.code);
    expect(changed).toEqual(['case_management']);
    expect(after.config.capacity.caseworkTime.central).not.toBe(before.config.capacity.caseworkTime.central);
  });
});
