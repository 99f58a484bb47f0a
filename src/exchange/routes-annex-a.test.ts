// The Annex A download through the real app: offered on the imports page, sent as an Excel
// attachment nobody caches, for the date asked (today in the UK otherwise), audited, 404 to others.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, type Cookies } from '../../test/support/auth.ts';
import { newCouncilId, openTestDatabase } from '../../test/support/database.ts';
import { generateCouncil } from '../demo/generate.ts';
import { seedCouncil } from '../demo/service.ts';
import { seedDemoUsers } from '../demo/users.ts';
import { ukDay } from '../kernel/time.ts';
import { buildApp } from '../main.ts';
import { listAuditEvents } from '../platform/audit.ts';
import type { DatabaseHandle } from '../platform/database.ts';

const AS_OF = '2026-03-31';

describe('the Ofsted Annex A download', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let councilId: string;
  let domain: string;
  const jars = new Map<string, Cookies>();
  const get = async (role: string, url: string) => {
    if (!jars.has(role)) jars.set(role, await signInAs(app, role, domain));
    return app.inject({ method: 'GET', url, cookies: jars.get(role)!, headers: { accept: 'text/html' } });
  };
  const about = async (body: Buffer) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer); // exceljs types a Buffer as an ArrayBuffer
    const cells = new Map<string, ExcelJS.CellValue>();
    book.getWorksheet('About')!.eachRow((row) => cells.set(String(row.getCell(1).value), row.getCell(2).value));
    return cells;
  };

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    councilId = newCouncilId();
    domain = `${councilId}.example`;
    await seedCouncil(database.db, generateCouncil({ councilId, name: 'Inspected Borough', seed: 9, asOf: AS_OF, staffScale: 0.08, caseScale: 0.05, recordHistory: false }));
    await seedDemoUsers(database.db, councilId, AS_OF, domain);
    app = await buildApp(database, { logLevel: 'silent' });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('is offered to a data officer on the imports page', async () => {
    const page = await get('data_officer', '/imports');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<a class="govuk-link" href="\/imports\/annex-a\.xlsx">Ofsted Annex A workbook \(Excel\)<\/a>/);
    expect(page.body).toContain('action="/imports/annex-a.xlsx"');
  });

  it('sends the workbook for the date asked as an attachment nobody caches, and audits it', async () => {
    const res = await get('data_officer', `/imports/annex-a.xlsx?date=${AS_OF}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="ofsted-annex-a-${councilId}-${AS_OF}.xlsx"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect((await about(res.rawPayload)).get('Reference date (the inspection)')).toEqual(new Date(`${AS_OF}T00:00:00Z`));
    const events = await listAuditEvents(database.db, councilId, { actorUserId: 'demo-data-officer', limit: 5 });
    expect(events.filter((e) => e.action === 'export').map((e) => e.fields)).toContain(`export Ofsted Annex A to ${AS_OF}`);
  });

  it('uses today in the UK when no date is given', async () => {
    const res = await get('system_administrator', '/imports/annex-a.xlsx');
    expect(res.statusCode).toBe(200);
    expect((await about(res.rawPayload)).get('Reference date (the inspection)')).toEqual(new Date(`${ukDay(new Date())}T00:00:00Z`));
  });

  it('offers the date as three GOV.UK date boxes and sends the workbook for the date typed in them', async () => {
    const page = await get('data_officer', '/imports');
    expect(page.body).toContain('class="govuk-date-input"');
    for (const box of ['day', 'month', 'year']) expect(page.body).toMatch(new RegExp(`id="annex-a-date-${box}" name="date-${box}" type="text"`));
    const res = await get('data_officer', '/imports/annex-a.xlsx?date-day=31&date-month=3&date-year=2026');
    expect(res.statusCode).toBe(200);
    expect((await about(res.rawPayload)).get('Reference date (the inspection)')).toEqual(new Date(`${AS_OF}T00:00:00Z`));
  });

  it.each([
    ['date-day=31&date-month=2&date-year=2026', 'The inspection date must be a real date, like 23 11 2026', 'day', ['day', 'month', 'year'], { day: '31', month: '2', year: '2026' }],
    ['date-day=31&date-month=&date-year=2026', 'The inspection date must include a month', 'month', ['month'], { day: '31', month: '', year: '2026' }],
    ['date-day=31&date-month=3&date-year=26', 'The year of the inspection date must include 4 numbers', 'year', ['year'], { day: '31', month: '3', year: '26' }],
    ['date=31/03/2026', 'The inspection date must be a real date, like 23 11 2026', 'day', ['day', 'month', 'year'], { day: '', month: '', year: '' }],
  ])('answers %s with the imports page again: the error summary, the field error, the boxes open with what was typed', async (query, message, first, marked, typed) => {
    const res = await get('data_officer', `/imports/annex-a.xlsx?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain(`<a href="#annex-a-date-${first}">${message}</a>`);
    expect(res.body).toMatch(new RegExp(`<p id="annex-a-date-error" class="govuk-error-message">\\s*<span class="govuk-visually-hidden">Error:</span> ${message}`));
    expect(res.body).toContain('govuk-form-group--error');
    for (const box of ['day', 'month', 'year'] as const) {
      const input = new RegExp(`<input class="govuk-input govuk-date-input__input govuk-input--width-\\d${marked.includes(box) ? ' govuk-input--error' : ''}" id="annex-a-date-${box}" name="date-${box}" type="text"${typed[box] ? ` value="${typed[box]}"` : ''}`);
      expect(res.body, box).toMatch(input);
    }
    expect(res.body).toMatch(/<details class="govuk-details" open>/);
  });

  it('answers a bad date with 404, not the form, for someone who may not export', async () => {
    const res = await get('practitioner', '/imports/annex-a.xlsx?date=31/03/2026');
    expect(res.statusCode).toBe(404);
  });

  it.each(['practitioner', 'team_manager', 'service_manager', 'performance_analyst', 'business_support', 'auditor'])('is not there for a %s', async (role) => {
    const res = await get(role, `/imports/annex-a.xlsx?date=${AS_OF}`);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });
});
