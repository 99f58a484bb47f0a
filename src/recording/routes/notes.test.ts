import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoUsers } from '../../demo/users.ts';
import { generateCouncil } from '../../demo/generate.ts';
import { seedCouncil } from '../../demo/service.ts';
import { buildApp } from '../../main.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { csrfToken, signInAs, type Cookies } from '../../../test/support/auth.ts';
import { newCouncilId, openTestDatabase } from '../../../test/support/database.ts';

const TODAY = new Date().toISOString().slice(0, 10);
const HTML = { accept: 'text/html' };

/** The notes pages and API through Fastify inject: the form's error summary, the API, and the chronology's CSV. */
describe('case notes and chronology routes', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let councilId: string;
  let childId: string;
  let worker: Cookies;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    councilId = newCouncilId();
    const data = generateCouncil({ councilId, name: 'Notes Routes', seed: 29, asOf: TODAY, staffScale: 0.3, caseScale: 0.3, recordHistory: false });
    await seedCouncil(database.db, data);
    await seedDemoUsers(database.db, councilId, TODAY, `${councilId}.test`);
    app = await buildApp(database, { logLevel: 'silent', security: { signInPerMinute: 1000 } });
    worker = await signInAs(app, 'practitioner', `${councilId}.test`);
    const me = (await database.db.selectFrom('users').select('practitioner_id').where('council_id', '=', councilId).where('user_id', '=', 'demo-practitioner').executeTakeFirstOrThrow()).practitioner_id!;
    childId = data.allocations.find((a) => a.practitioner_id === me && a.end_date === null && a.start_date <= TODAY && !data.children.find((c) => c.child_id === a.child_id)!.restricted)!.child_id;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('re-renders the form with a 400 and an error summary linked to each field, keeping the answers', async () => {
    const token = await csrfToken(app, worker);
    const res = await app.inject({ method: 'POST', url: `/children/${childId}/notes/new`, cookies: worker, headers: HTML, payload: { _csrf: token, type: 'case_decision', text: '', 'happened-day': '40', 'happened-month': '1', 'happened-year': '2026', finalise: 'yes' } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Error: ');
    expect(res.body).toContain('href="#happened-day"');
    expect(res.body).toContain('href="#text"');
    // A worker is offered only case notes: the type is not a question for them.
    expect(res.body).not.toContain('Management oversight');
  });

  it('lists a recorded visit\'s own note among the case notes, on the page and in the API, without an edit link', async () => {
    const token = await csrfToken(app, worker);
    const api = `/api/councils/${councilId}/children/${childId}`;
    const recorded = await app.inject({ method: 'POST', url: `${api}/recordings`, cookies: worker, headers: { 'x-csrf-token': token }, payload: {
      activityCode: 'other', happenedOn: TODAY, time: '09:30', childSeen: true, seenAlone: false, minutes: { direct: 45 }, note: 'Saw Sam <b>at home</b> with his nan.',
    } });
    expect(recorded.statusCode).toBe(201);
    const list = await app.inject({ url: `${api}/notes`, cookies: worker });
    expect(list.json<{ visitNotes: { text: string; childSeen: boolean }[] }>().visitNotes).toContainEqual(expect.objectContaining({ text: 'Saw Sam <b>at home</b> with his nan.', childSeen: true }));
    const page = await app.inject({ url: `/children/${childId}/notes`, cookies: worker, headers: HTML });
    expect(page.statusCode).toBe(200);
    const article = page.body.slice(page.body.indexOf('data-testid="visit-note"'), page.body.indexOf('</article>', page.body.indexOf('data-testid="visit-note"')));
    expect(article).toContain('Recorded with the visit');
    expect(article).toContain('Child seen, not alone');
    expect(article).toContain('Saw Sam &lt;b&gt;at home&lt;/b&gt; with his nan.');
    expect(article).not.toContain('Edit draft');
  });

  it('adds a note through the API and lists it; the chronology CSV guards formulas and follows the filter', async () => {
    const token = await csrfToken(app, worker);
    const api = `/api/councils/${councilId}/children/${childId}`;
    const added = await app.inject({ method: 'POST', url: `${api}/notes`, cookies: worker, headers: { 'x-csrf-token': token }, payload: { text: '=HYPERLINK("x") said the child', happenedOn: TODAY, significant: true, final: true } });
    expect(added.statusCode).toBe(201);
    const { noteId } = added.json<{ noteId: string }>();
    const list = await app.inject({ url: `${api}/notes`, cookies: worker });
    expect(list.json<{ notes: { noteId: string }[] }>().notes.map((n) => n.noteId)).toContain(noteId);
    const csv = await app.inject({ url: `/children/${childId}/chronology/export.csv?kind=note`, cookies: worker, headers: HTML });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['cache-control']).toBe('no-store');
    const lines = csv.body.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`'=HYPERLINK`);
    expect(lines[1]).toContain(`/children/${childId}/notes#note-${noteId}`);
    const page = await app.inject({ url: `/children/${childId}/chronology?kind=note`, cookies: worker, headers: HTML });
    expect(page.body).toContain('Showing 1 of');
    expect(page.body).toMatch(/value="note" checked/);
    const pdf = await app.inject({ url: `/children/${childId}/chronology/export.pdf`, cookies: worker, headers: HTML });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 8).toString()).toBe('%PDF-1.7');
  });
});
