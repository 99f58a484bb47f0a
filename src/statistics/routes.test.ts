import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil } from '../demo/generate.ts';
import { seedCouncil } from '../demo/service.ts';
import { demoAgencyEngagements } from '../demo/agency.ts';
import { seedDemoUsers } from '../demo/users.ts';
import { buildApp } from '../main.ts';
import type { DatabaseHandle } from '../platform/database.ts';
import { insertAgencyEngagements } from '../workforce/store.ts';
import { signInAs, type Cookies } from '../../test/support/auth.ts';
import { newCouncilId, openTestDatabase } from '../../test/support/database.ts';
import { pdfText } from '../../test/support/pdf-text.ts';

const AS_OF = '2026-11-23';

/** The DfE measures, what they hide and the agency rules, through the real app. */
describe('statistics routes', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let councilId: string;
  let domain: string;
  const jars = new Map<string, Cookies>();

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    councilId = newCouncilId();
    domain = `${councilId}.example`;
    const data = generateCouncil({ councilId, name: 'Measures Borough Council', seed: 4, asOf: AS_OF, staffScale: 0.5, caseScale: 0.5, recordHistory: false });
    await seedCouncil(database.db, data);
    await insertAgencyEngagements(database.db, demoAgencyEngagements(data, AS_OF));
    await seedDemoUsers(database.db, councilId, AS_OF, domain);
    app = await buildApp(database, { logLevel: 'silent' });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const as = async (role: string) => {
    if (!jars.has(role)) jars.set(role, await signInAs(app, role, domain));
    return jars.get(role)!;
  };
  const get = async (role: string, url: string) => app.inject({ method: 'GET', url, cookies: await as(role), headers: { accept: 'text/html' } });
  const auditRows = async (recordType: string) => (await database.db.selectFrom('audit_events').select(['action', 'fields', 'actor_user_id']).where('council_id', '=', councilId).where('record_type', '=', recordType).execute());

  it('gives every DfE indicator from the register, the caseload as cases ÷ case-holder FTE rounded after summing, and the page shows the same', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/councils/${councilId}/statistics/measures?date=${AS_OF}`, cookies: await as('performance_analyst') });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { register: { key: string; value: number | null; numerator?: number; denominator?: number }[]; hidden: { headline: number } };
    const byKey = new Map(body.register.map((i) => [i.key, i]));
    expect(body.register).toHaveLength(22);
    const caseload = byKey.get('caseload_fte')!;
    expect(caseload.value).toBe(Math.round((caseload.numerator! / caseload.denominator!) * 10) / 10);
    expect(caseload.numerator).toBe(byKey.get('cases')!.value);
    const agency = byKey.get('agency_rate_fte')!;
    expect(agency.denominator).toBeCloseTo(byKey.get('agency_fte')!.value! + byKey.get('inpost_fte')!.value!, 0);

    const html = (await get('performance_analyst', `/service?date=${AS_OF}`)).body;
    const cell = new RegExp(`data-indicator="caseload_fte"[\\s\\S]*?data-cell="register">([^<]+)<`).exec(html)![1];
    expect(cell).toBe(caseload.value!.toFixed(1));
    expect(html).toContain('data-measure="without-asye"');
    expect(html).toMatch(/The measure says \d+\.\d; without ASYE staff it is \d+\.\d/);
    expect(html).toContain('id="caseload-distribution"');
    // Analysts see statistics but not the agency rules check, which names workers.
    expect(html).not.toContain('href="/service/agency');
  });

  it('downloads each table as CSV and Excel and the whole view as a tagged PDF, each audited as an export', async () => {
    const csv = await get('service_manager', `/service/indicators/export.csv?date=${AS_OF}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Average caseload (FTE)');
    for (const name of ['hidden', 'distribution']) {
      expect((await get('service_manager', `/service/${name}/export.xlsx?date=${AS_OF}`)).rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
    const pdf = await get('service_manager', `/service/export.pdf?date=${AS_OF}`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const raw = pdf.rawPayload.toString('latin1');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toMatch(/\/Lang \(en-GB\)/);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('The DfE workforce indicators');
    expect(text).toContain('without ASYE staff');
    const exports = (await auditRows('statistics')).filter((r) => r.action === 'export').map((r) => r.fields);
    expect(exports).toEqual(expect.arrayContaining(['service view: CSV (indicators) download', 'service view: PDF download']));
  });

  it('lists agency rules not followed for the head of service, each with its rule, and the quarterly return; others get 404, audited', async () => {
    const res = await get('service_manager', `/service/agency?date=${AS_OF}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('less than 3 years’ post-qualified experience');
    expect(res.body).toMatch(/data-rule="pqe"/);
    expect(res.body).toMatch(/data-rule="cool_off"/);
    expect(res.body).toMatch(/data-rule="references"/);
    expect(res.body).toContain('data-testid="quarterly-return"');
    expect((await get('service_manager', `/service?date=${AS_OF}`)).body).toContain(`href="/service/agency?date=${AS_OF}"`);
    const csv = await get('service_manager', `/service/agency/export.csv?date=${AS_OF}`);
    expect(csv.body).toContain('Under 3 years’ post-qualified experience');

    for (const role of ['performance_analyst', 'team_manager', 'practitioner']) {
      expect((await get(role, `/service/agency?date=${AS_OF}`)).statusCode, role).toBe(404);
    }
    const api = await app.inject({ method: 'GET', url: `/api/councils/${councilId}/statistics/agency-rules?date=${AS_OF}`, cookies: await as('service_manager') });
    expect(api.json().findings.length).toBeGreaterThan(0);
    const rows = await auditRows('agency_engagements');
    expect(rows.some((r) => r.action === 'read')).toBe(true);
    expect(rows.some((r) => r.action === 'export')).toBe(true);
    expect((await auditRows('agency_rules')).filter((r) => r.action === 'denied')).toHaveLength(3);
  });
});
