// The import pages through the real app: sign-in, access policy, CSRF, multipart, staging and the import service.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDemoUsers } from '../demo/users.ts';
import { generateCouncil } from '../demo/generate.ts';
import { seedCouncil } from '../demo/service.ts';
import { buildApp } from '../main.ts';
import type { DatabaseHandle } from '../platform/database.ts';
import type { InputFile } from '../standards/files.ts';
import { signInAs, type Cookies } from '../../test/support/auth.ts';
import { newCouncilId, openTestDatabase } from '../../test/support/database.ts';
import { multipartBody, zipOf } from '../../test/support/uploads.ts';
import { exportSsd } from './service/exports.ts';
import { DEFAULT_UPLOAD_ROOT, UploadStore } from './pages/uploads.ts';
import { listImportHistory } from './service/index.ts';
import { canRead } from './service/readers.ts';
import { loadRegisterState } from './store.ts';

const AS_OF = '2026-03-31';

describe('import pages', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let councilId: string;
  let domain: string;
  let ssd: InputFile[];
  const jars = new Map<string, Cookies>();

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    councilId = newCouncilId();
    domain = `${councilId}.example`;
    await seedCouncil(database.db, generateCouncil({ councilId, name: 'Upload Borough', seed: 5, asOf: AS_OF, staffScale: 0.08, caseScale: 0.04 }));
    await seedDemoUsers(database.db, councilId, AS_OF, domain);
    // The council's own register, exported and edited a little: what a newer extract looks like.
    ssd = (await exportSsd(database.db, councilId)).map((f) => {
      if (f.name !== 'ssd_person.csv') return f;
      const [header, first, ...rest] = parse(new TextDecoder().decode(f.bytes)) as string[][];
      first![header!.indexOf('pers_forename')] = 'Renamed';
      return { name: f.name, bytes: new TextEncoder().encode(stringify([header!, first!, ...rest])) };
    });
    app = await buildApp(database, { logLevel: 'silent' });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const as = async (role: string) => {
    if (!jars.has(role)) jars.set(role, await signInAs(app, role, domain));
    return jars.get(role)!;
  };
  const get = async (role: string | null, url: string) => app.inject({ method: 'GET', url, cookies: role ? await as(role) : {}, headers: { accept: 'text/html' } });
  const csrfFrom = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const upload = async (role: string, files: { name: string; bytes: Uint8Array }[], fields: Record<string, string> = { format: 'ssd' }) => {
    const form = await get(role, '/imports');
    const { payload, headers } = await multipartBody({ _csrf: csrfFrom(form.body), ...fields }, files);
    return app.inject({ method: 'POST', url: '/imports', cookies: await as(role), payload, headers: { ...headers, accept: 'text/html' } });
  };
  const register = async () => {
    const s = await loadRegisterState(database.db, councilId, 'ssd');
    return JSON.stringify([s.teams, s.practitioners, s.children, s.episodes, s.allocations, s.recorded, s.factors].map((rows) => rows.length))
      + JSON.stringify(s.children.map((c) => c.name).sort());
  };
  const audited = async (recordType: string) =>
    (await database.db.selectFrom('audit_events').select(['action', 'fields', 'actor_user_id']).where('council_id', '=', councilId).where('record_type', '=', recordType).execute());

  it('lets data officers and system administrators in, and answers 404 to everyone else (audited)', async () => {
    for (const role of ['data_officer', 'system_administrator']) {
      const res = await get(role, '/imports');
      expect(res.statusCode, role).toBe(200);
      expect(res.body).toContain('enctype="multipart/form-data"');
      expect(res.body).toMatch(/id="format-ssd"[^>]*checked/);
      // Formats the service cannot read yet are named, not offered.
      const notYet = /data-testid="not-available">([\s\S]*?)<\/div>/.exec(res.body)?.[1] ?? '';
      for (const f of ['cin', '903', 'csww']) expect(res.body.includes(`id="format-${f}"`), f).toBe(canRead(f));
      expect(notYet.includes('workforce census'), 'workforce census').toBe(!canRead('csww'));
      expect((await get(role, '/imports/history')).statusCode).toBe(200);
    }
    for (const role of ['practitioner', 'team_manager', 'service_manager', 'performance_analyst', 'business_support', 'auditor']) {
      expect((await get(role, '/imports')).statusCode, role).toBe(404);
      expect((await get(role, '/imports/history')).statusCode, role).toBe(404);
      // Refused before the body is read: no token is even needed to learn nothing.
      const { payload, headers } = await multipartBody({ _csrf: 'x', format: 'ssd' }, ssd.slice(0, 1));
      const res = await app.inject({ method: 'POST', url: '/imports', cookies: await as(role), payload, headers: { ...headers, accept: 'text/html' } });
      expect(res.statusCode, role).toBe(404);
    }
    expect((await audited('imports')).filter((e) => e.action === 'denied').length).toBeGreaterThanOrEqual(18);
    const anonymous = await get(null, '/imports');
    expect(anonymous.statusCode).toBe(303);
  });

  it('uploads, shows the report, confirms with the token, and lists the import', async () => {
    const before = await register();
    const res = await upload('data_officer', [{ name: 'extract.zip', bytes: zipOf(ssd.map((f) => ({ name: `ssd/${f.name}`, data: f.bytes }))) }]);
    expect(res.statusCode).toBe(303);
    const reportUrl = res.headers.location as string;
    expect(reportUrl).toMatch(/^\/imports\/uploads\/[a-f0-9]{32}$/);
    const uploadId = reportUrl.split('/').pop()!;
    expect(existsSync(path.join(DEFAULT_UPLOAD_ROOT, uploadId))).toBe(true);
    expect(await register()).toBe(before); // checking writes nothing

    const report = await get('data_officer', reportUrl);
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('Ready to import');
    expect(report.body).toMatch(/Children<\/th><td[^>]*>0<\/td><td[^>]*>1<\/td>/); // one child renamed
    expect(report.body).toContain('ssd_person.csv');
    const action = /<form method="post" action="([^"]+\/confirm)"/.exec(report.body)?.[1];
    expect(action).toBe(`${reportUrl}/confirm`);

    // Someone else cannot see or confirm it, even with a valid token of their own.
    expect((await get('system_administrator', reportUrl)).statusCode).toBe(404);
    const otherToken = csrfFrom((await get('system_administrator', '/imports')).body);
    const stolen = await app.inject({ method: 'POST', url: action!, cookies: await as('system_administrator'), payload: { _csrf: otherToken }, headers: { accept: 'text/html' } });
    expect(stolen.statusCode).toBe(404);
    // Without a valid token the confirm is refused.
    const forged = await app.inject({ method: 'POST', url: action!, cookies: await as('data_officer'), payload: { _csrf: 'not-a-token' }, headers: { accept: 'text/html' } });
    expect(forged.statusCode).toBe(403);
    expect(await register()).toBe(before);

    const done = await app.inject({ method: 'POST', url: action!, cookies: await as('data_officer'), payload: { _csrf: csrfFrom(report.body) }, headers: { accept: 'text/html' } });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toMatch(/^\/imports\/history\/ssd-/);
    expect(await register()).not.toBe(before);
    expect(existsSync(path.join(DEFAULT_UPLOAD_ROOT, uploadId))).toBe(false); // deleted after confirm
    const again = await app.inject({ method: 'POST', url: action!, cookies: await as('data_officer'), payload: { _csrf: csrfFrom(report.body) }, headers: { accept: 'text/html' } });
    expect(again.statusCode).toBe(404);

    const shown = await get('data_officer', done.headers.location as string);
    expect(shown.body).toContain('The files were imported.');
    const history = await get('data_officer', '/imports/history');
    const [latest] = await listImportHistory(database.db, councilId);
    expect(history.body).toContain(`data-import="${latest!.importId}"`);
    expect(latest!.importedBy).toContain('demo-data-officer');
    const events = (await audited('import_upload')).concat(await audited('import'));
    expect(events.map((e) => e.fields?.split(/[ :]/)[0])).toEqual(expect.arrayContaining(['upload', 'validate', 'confirm']));
  });

  const badFiles: [string, { name: string; bytes: Uint8Array }][] = [
    ['a zip bomb', { name: 'bomb.zip', bytes: zipOf([{ name: 'ssd_person.csv', data: new Uint8Array(30 * 1024 * 1024) }]) }],
    ['an entry that points outside the zip', { name: 'escape.zip', bytes: zipOf([{ name: '../../ssd_person.csv', data: 'pers_person_id\n1\n', stored: true }]) }],
    ['a truncated zip', { name: 'cut.zip', bytes: zipOf([{ name: 'ssd_person.csv', data: 'pers_person_id,pers_forename\n1,A\n'.repeat(50) }]).slice(0, 120) }],
  ];
  it.each(badFiles)('refuses %s with a clear message and changes nothing', async (_what, file) => {
    const before = await register();
    const res = await upload('data_officer', [file]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toMatch(/href="#files"/);
    expect(res.body).toMatch(/zip bomb|outside the zip|not a readable zip|could not be read/);
    expect(await register()).toBe(before);
  });

  it('reports random bytes as errors, offers no import, and changes nothing', async () => {
    const before = await register();
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    const res = await upload('data_officer', [{ name: '../../../etc/passwd', bytes }]);
    expect(res.statusCode).toBe(303);
    const report = await get('data_officer', res.headers.location as string);
    expect(report.body).toContain('govuk-error-summary');
    expect(report.body).toMatch(/href="#problem-1"/);
    expect(report.body).toContain('id="problem-1"');
    expect(report.body).not.toContain('/confirm"');
    expect(report.body).not.toContain('../');
    expect(report.body).toContain('passwd'); // the name, made safe, is only a label
    expect(await register()).toBe(before);
  });

  it('asks for a format and files, and refuses formats it cannot read yet', async () => {
    const none = await upload('data_officer', [], { format: 'ssd' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Select the files to import');
    const noFormat = await upload('data_officer', ssd.slice(0, 1), {});
    expect(noFormat.statusCode).toBe(400);
    expect(noFormat.body).toContain('Select what the files are');
    const unreadable = ['cin', '903', 'csww'].find((f) => !canRead(f));
    if (unreadable) {
      const later = await upload('data_officer', ssd.slice(0, 1), { format: unreadable });
      expect(later.statusCode).toBe(400);
      expect(later.body).toContain('cannot import this format yet');
    }
    const unknown = await upload('data_officer', ssd.slice(0, 1), { format: '../ssd' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Select what the files are');
  });

  it('refuses an upload without a valid CSRF token, and keeps none of its files', async () => {
    // Other test files stage uploads in the same folder at the same time, so follow this upload's own folder.
    const begin = vi.spyOn(UploadStore.prototype, 'begin');
    const { payload, headers } = await multipartBody({ _csrf: 'forged', format: 'ssd' }, ssd.slice(0, 1));
    const res = await app.inject({ method: 'POST', url: '/imports', cookies: await as('data_officer'), payload, headers: { ...headers, accept: 'text/html' } });
    expect(res.statusCode).toBe(403);
    const started = await Promise.all(begin.mock.results.map((r) => r.value as Promise<{ uploadId: string }>));
    begin.mockRestore();
    expect(started.length).toBe(1); // staged before the token is checked, so there is something to delete
    const kept = () => started.filter((u) => existsSync(path.join(DEFAULT_UPLOAD_ROOT, u.uploadId))).length;
    // Deleted when the response ends (an onResponse hook), so wait for it briefly.
    await expect.poll(kept, { timeout: 2000 }).toBe(0);
  });

  it('refuses too many files at once', async () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ name: `f${i}.csv`, bytes: new TextEncoder().encode('a\n1\n') }));
    const res = await upload('data_officer', many);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Upload at most 50 files');
  });
});
