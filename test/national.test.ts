import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil } from '../src/demo/generate.ts';
import { generateNationalReturns } from '../src/demo/national.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { seedDemoUsers, seedNationalTenant } from '../src/demo/users.ts';
import { operatorActor } from '../src/kernel/roles.ts';
import type { RequestContext } from '../src/kernel/context.ts';
import { buildApp, buildServices, type Services } from '../src/main.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { readCouncilReturn } from '../src/national/model/read.ts';
import type { CouncilReturn } from '../src/national/model/format.ts';
import { signInAs, type Cookies } from './support/auth.ts';
import { newCouncilId, openTestDatabase, testBackends } from './support/database.ts';

/**
 * The national view end to end (issue 17 item 5): a council's return from its register, councils'
 * returns imported into a national tenant (bad files rejected with reasons), the national figures
 * recomputed from them, and the access matrix: only the national analyst reads the national view,
 * and the national analyst reads nothing of any council. Expectations written by hand.
 */
const CENSUS = '2025-09-30';
const ROLES = ['practitioner', 'team_manager', 'service_manager', 'business_support', 'performance_analyst', 'data_officer', 'system_administrator', 'auditor'] as const;
const enc = (doc: unknown) => new TextEncoder().encode(typeof doc === 'string' ? doc : JSON.stringify(doc));

describe.each(testBackends())('national returns on %s', (kind) => {
  let database: DatabaseHandle;
  let services: Services;
  let app: FastifyInstance;
  let councilId: string;
  let hub: string;
  let returns: CouncilReturn[];
  const op = (c: string): RequestContext => ({ actor: operatorActor(c, { userId: 'operator:test', name: 'test' }), origin: { ip: 'command line' }, now: new Date() });

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    councilId = newCouncilId();
    hub = newCouncilId();
    await seedCouncil(database.db, generateCouncil({ councilId, name: 'Return council', seed: 5, asOf: CENSUS, staffScale: 0.5, caseScale: 0.4, recordHistory: false }));
    await seedDemoUsers(database.db, councilId, CENSUS, `${councilId}.test`);
    await seedNationalTenant(database.db, hub, `${hub}.test`);
    services = buildServices(database);
    returns = generateNationalReturns(3, [2024, 2025]);
    app = await buildApp(database, { logLevel: 'silent', security: { signInPerMinute: 1000 } });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('writes a council return from the register that reads back, with no person in it', async () => {
    const doc = await services.national.councilReturn(op(councilId), { date: CENSUS, region: 'North West' });
    const text = JSON.stringify(doc);
    expect(readCouncilReturn(text)).toMatchObject({ ok: true });
    expect(doc.censusYear).toBe(2025);
    expect(typeof doc.measures.caseload).toBe('number');
    // Nothing that names or numbers a person: no practitioner ids, names or Social Work England numbers.
    const people = await database.db.selectFrom('practitioners').select(['practitioner_id', 'name', 'swe_number']).where('council_id', '=', councilId).execute();
    for (const p of people) {
      expect(text).not.toContain(`"${p.practitioner_id}"`);
      expect(text).not.toContain(p.name);
      if (p.swe_number) expect(text).not.toContain(p.swe_number);
    }
    await expect(services.national.councilReturn(op(councilId), { date: CENSUS, region: 'Mercia' })).rejects.toThrow(/not an English region/);
  });

  it('imports councils’ returns, rejecting bad files with a reason each and taking the rest', async () => {
    const good = returns.map((r) => ({ name: `${r.council.code}-${r.censusYear}.json`, bytes: enc(r) }));
    const small = structuredClone(returns[0]!);
    small.tables[0]!.headcount[0]![1] = 3;
    const bad = [
      { name: 'notes.json', bytes: enc('this is not json') },
      { name: 'old.json', bytes: enc({ ...returns[1]!, version: 0 }) },
      { name: 'small-cell.json', bytes: enc(small) },
      { name: 'nowhere.json', bytes: enc({ ...returns[2]!, council: { ...returns[2]!.council, region: 'Atlantis' } }) },
      { name: 'again.json', bytes: enc(returns[3]!) },
    ];
    const result = await services.national.importReturns(op(hub), [...good, ...bad]);
    expect(result.accepted).toBe(returns.length);
    const rejected = Object.fromEntries(result.files.filter((f) => f.outcome === 'rejected').map((f) => [f.file, f.reasons!.join(' ')]));
    expect(Object.keys(rejected).sort()).toEqual(['again.json', 'notes.json', 'nowhere.json', 'old.json', 'small-cell.json']);
    expect(rejected['notes.json']).toMatch(/not JSON/);
    expect(rejected['old.json']).toMatch(/version/);
    expect(rejected['small-cell.json']).toMatch(/fewer than 5 people and must be suppressed/);
    expect(rejected['nowhere.json']).toMatch(/not an English region/);
    expect(rejected['again.json']).toMatch(/also in/);
    // A second import of the same files replaces, never duplicates.
    const again = await services.national.importReturns(op(hub), good.slice(0, 3));
    expect(again.files.map((f) => f.outcome)).toEqual(['replaced', 'replaced', 'replaced']);
  }, 60_000);

  it('recomputes the national figures by summing numerators and denominators, then rounding', async () => {
    const jar = await signInAs(app, 'national_analyst', `${hub}.test`);
    const res = await app.inject({ method: 'GET', url: '/api/national?year=2025', cookies: jar });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { councils: number; measures: { key: string; value: number; councils: number }[]; regions: unknown[]; trend: unknown[] };
    expect(body.councils).toBe(152);
    const y = returns.filter((r) => r.censusYear === 2025);
    const sum = (f: (r: CouncilReturn) => unknown) => y.reduce((s, r) => s + (typeof f(r) === 'number' ? (f(r) as number) : 0), 0);
    const measure = (k: string) => body.measures.find((m) => m.key === k)!;
    expect(measure('caseload').value).toBe(Math.round((10 * sum((r) => r.measures.cases)) / sum((r) => r.measures.caseHolderFte)) / 10);
    // Only councils that published both parts count towards a rate (a suppressed in-post FTE drops the council from it).
    const withInPost = (f: (r: CouncilReturn) => unknown) => (r: CouncilReturn) => (typeof r.measures.inPostFte === 'number' && typeof f(r) === 'number' ? f(r) : 0);
    const inPostV = sum(withInPost((r) => (typeof r.measures.vacancyFte === 'number' ? r.measures.inPostFte : 'c')));
    const vacancy = sum(withInPost((r) => r.measures.vacancyFte));
    expect(measure('vacancyRate').value).toBe(Math.round((1000 * vacancy) / (vacancy + inPostV)) / 10);
    expect(measure('vacancyRate').councils).toBe(y.filter((r) => typeof r.measures.inPostFte === 'number').length);
    const inPostT = sum(withInPost((r) => (typeof r.measures.leaverFte === 'number' ? r.measures.inPostFte : 'c')));
    expect(measure('turnoverRate').value).toBe(Math.round((1000 * sum(withInPost((r) => r.measures.leaverFte))) / inPostT) / 10);
    // The demo is drawn around the DfE's 2025 release (DOMAIN.md §2).
    expect(Math.abs(measure('caseload').value - 15.2)).toBeLessThan(1);
    expect(Math.abs(measure('vacancyRate').value - 14.2)).toBeLessThan(2);
    expect(body.regions).toHaveLength(9);
    expect(body.trend).toHaveLength(2);
  });

  it('shows the national view to the national analyst only, and the national analyst nothing of a council', async () => {
    const urls = ['/national', '/api/national', '/national/export.csv', '/national/export.xlsx', `/national/councils/${returns[0]!.council.code}`, `/api/national/councils/${returns[0]!.council.code}`];
    const wrong: string[] = [];
    for (const role of ROLES) {
      const jar: Cookies = await signInAs(app, role, `${councilId}.test`);
      for (const url of urls) {
        const res = await app.inject({ method: 'GET', url, cookies: jar, headers: url.startsWith('/api/') ? {} : { accept: 'text/html' } });
        if (res.statusCode !== 404) wrong.push(`${role} → ${url}: ${res.statusCode}`);
      }
    }
    const analyst = await signInAs(app, 'national_analyst', `${hub}.test`);
    for (const url of urls) {
      const res = await app.inject({ method: 'GET', url, cookies: analyst, headers: url.startsWith('/api/') ? {} : { accept: 'text/html' } });
      if (res.statusCode !== 200) wrong.push(`national_analyst → ${url}: ${res.statusCode}`);
    }
    // A council's records are not the national analyst's, in the hub or in the council itself.
    for (const url of ['/service', '/teams/SF1', '/imports', '/audit', '/users', `/api/councils/${councilId}/teams`, `/api/councils/${hub}/teams`, '/settings/workload-model']) {
      const res = await app.inject({ method: 'GET', url, cookies: analyst, headers: url.startsWith('/api/') ? {} : { accept: 'text/html' } });
      if (res.statusCode !== 404) wrong.push(`national_analyst → ${url}: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
    const page = await app.inject({ method: 'GET', url: '/national?year=2025', cookies: analyst, headers: { accept: 'text/html' } });
    expect(page.body).toContain('data-testid="national-figures"');
    expect(page.body).toMatch(/<svg[^>]*role="img"/);
    const csv = await app.inject({ method: 'GET', url: '/national/export.csv?year=2025', cookies: analyst });
    expect(csv.body.split('\n').filter((l) => l.trim()).length).toBe(1 + 152 + 1);
  }, 120_000);
});
