// Workforce census round trip and bad input (issue 8, items 4 and 6): export a generated council's
// census, import it into an empty council and the workers come back; into the council it came
// from, nothing changes; a DOCTYPE, a schema failure or a repeated SWENo writes nothing.
import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCouncilId, openTestDatabase, testBackends } from '../../../test/support/database.ts';
import { generateCouncil } from '../../demo/generate.ts';
import { seedCouncil } from '../../demo/service.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { confirm } from './index.ts';
import { getCensusOnOrBefore, loadRegisterState } from '../store.ts';
import { censusCaseload, dfeCaseload } from '../../statistics/model.ts';
import type { RegisterState } from '../model/sync.ts';
import { exportCsww } from './csww.ts';

const AS_OF = '2026-03-31';
const CENSUS = '2025-09-30';
const file = (xml: string) => ({ name: 'census.xml', bytes: new TextEncoder().encode(xml) });

/** What the census says about each social worker, as of the census date. */
const workers = (state: RegisterState) => state.practitioners
  .filter((p) => p.swe_number && ['social_worker', 'senior_practitioner', 'team_manager'].includes(p.role) && p.started_on <= CENSUS && (p.left_on === null || p.left_on > '2024-09-30'))
  .map((p) => `${p.swe_number} ${Number(p.fte)} ${p.agency} ${p.started_on} ${p.left_on !== null && p.left_on <= CENSUS ? p.left_on : null}`).sort();

describe.each(testBackends())('workforce census round trip on %s', (kind) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database?.close());
  const importInto = (councilId: string, xml: string) => confirm(database.db, { councilId, format: 'csww', files: [file(xml)], importedBy: 'test', extractDate: AS_OF });

  it('gives back the workers in an empty council and changes nothing in the council it came from', async () => {
    await fc.assert(fc.asyncProperty(
      fc.record({ seed: fc.integer({ min: 1, max: 1_000_000 }), staffScale: fc.double({ min: 0.06, max: 0.12, noNaN: true }) }),
      async ({ seed, staffScale }) => {
        const from = newCouncilId();
        const to = newCouncilId();
        await seedCouncil(database.db, generateCouncil({ councilId: from, name: 'From', seed, asOf: AS_OF, staffScale, caseScale: 0.03 }));
        const { xml } = await exportCsww(database.db, from, CENSUS);
        const first = await importInto(to, xml);
        expect(first.report.problems.filter((p) => p.severity === 'error')).toEqual([]);
        const a = await loadRegisterState(database.db, from, 'csww');
        const b = await loadRegisterState(database.db, to, 'csww');
        expect(workers(b)).toEqual(workers(a));
        expect(workers(b).length).toBeGreaterThan(0);
        // Vacancies: the same FTE, as vacant posts.
        const vacant = (s: RegisterState) => Math.round(s.posts.filter((p) => p.status === 'vacant').reduce((n, p) => n + Number(p.fte), 0) * 100) / 100;
        expect(vacant(b)).toBe(vacant(a));

        const back = await importInto(from, xml);
        expect(back.status).toBe('unchanged');
        // Only which rows the census now vouches for is new.
        expect({ ...(await loadRegisterState(database.db, from, 'csww')), sourced: {} }).toEqual({ ...a, sourced: {} });
      },
    ), { numRuns: 2, endOnFailure: true });
  });

  it('keeps the census per worker and census date: Cases30 gives the DfE measure the register gives; a second import of the date replaces it', async () => {
    const from = newCouncilId();
    const to = newCouncilId();
    await seedCouncil(database.db, generateCouncil({ councilId: from, name: 'From', seed: 11, asOf: AS_OF, staffScale: 0.08, caseScale: 0.03 }));
    const { xml } = await exportCsww(database.db, from, CENSUS);
    await importInto(to, xml);
    await importInto(to, xml);
    expect(await getCensusOnOrBefore(database.db, to, '2025-09-29')).toBeUndefined();
    const census = (await getCensusOnOrBefore(database.db, to, AS_OF))!;
    expect(census.censusDate).toBe(CENSUS);
    // What the register says on the census date: lead allocations of social workers in post, over their FTE.
    const state = await loadRegisterState(database.db, from, 'csww');
    const inPost = state.practitioners.filter((p) => p.swe_number && ['social_worker', 'senior_practitioner', 'team_manager'].includes(p.role) && p.started_on <= CENSUS && (p.left_on === null || p.left_on > CENSUS));
    const held = inPost.map((p) => ({ cases: state.allocations.filter((x) => x.practitioner_id === p.practitioner_id && x.role === 'lead' && x.start_date <= CENSUS && (x.end_date === null || x.end_date > CENSUS)).length, fte: Number(p.fte), fte30: Number(p.fte), agency: p.agency, socialWorker: true }));
    expect(census.workers.length).toBe(workers(state).length);
    expect(census.workers.map((w) => w.swe)).toEqual([...census.workers.map((w) => w.swe)].sort());
    const fromCensus = censusCaseload(census.workers);
    expect(fromCensus.cases).toBeGreaterThan(0);
    const fromRegister = dfeCaseload(held);
    expect([fromCensus.cases, fromCensus.caseHolders]).toEqual([fromRegister.cases, fromRegister.caseHolders]);
    expect(fromCensus.caseHolderFte).toBeCloseTo(fromRegister.caseHolderFte, 6);
    expect(fromCensus.caseload!).toBeCloseTo(fromRegister.caseload!, 6);
  });

  it('fills FTE and agency for a worker the SSD brought, keeping their name, team and role', async () => {
    const council = newCouncilId();
    await seedCouncil(database.db, generateCouncil({ councilId: council, name: 'C', seed: 5, asOf: AS_OF, staffScale: 0.06, caseScale: 0.03 }));
    const before = await loadRegisterState(database.db, council, 'csww');
    const worker = before.practitioners.find((p) => p.swe_number && !p.agency && p.left_on === null && p.started_on < CENSUS)!;
    const xml = `<?xml version="1.0"?><Message><LALevelVacancies><NumberOfVacancies>0.00</NumberOfVacancies><NoAgencyFTE>0.00</NoAgencyFTE><NoAgencyHeadcount>0</NoAgencyHeadcount></LALevelVacancies>
<CSWWWorker><AgencyWorker>1</AgencyWorker><SWENo>${worker.swe_number}</SWENo><FTE>0.600000</FTE><QualInst/><OrgRole>3</OrgRole><Cases30>99</Cases30></CSWWWorker></Message>`;
    const result = await importInto(council, xml);
    expect(result.status).toBe('imported');
    expect(result.report.problems.some((p) => p.severity === 'warning' && /Cases30/.test(p.message))).toBe(true);
    const after = (await loadRegisterState(database.db, council, 'csww')).practitioners.find((p) => p.practitioner_id === worker.practitioner_id)!;
    expect(after).toEqual({ ...worker, fte: 0.6, agency: true });
  });

  it.each([
    ['a DOCTYPE', '<?xml version="1.0"?><!DOCTYPE Message [<!ENTITY x "y">]><Message/>', /DTD/],
    ['a schema failure outside the workers', '<Message><LALevelVacancies><NumberOfVacancies>many</NumberOfVacancies><NoAgencyFTE>0.00</NoAgencyFTE><NoAgencyHeadcount>0</NoAgencyHeadcount></LALevelVacancies><CSWWWorker><AgencyWorker>0</AgencyWorker><SWENo>SW1234567890</SWENo><QualInst/></CSWWWorker></Message>', /NumberOfVacancies/],
    ['a truncated file', '<Message><LALevelVacancies><NumberOfVacancies>1.00</Number', /not (complete|well-formed)/],
    ['random bytes', '\u0001\u0002PK\u0003garbage', /not|control/],
  ])('stops on %s and writes nothing', async (_name, xml, message) => {
    const council = newCouncilId();
    await seedCouncil(database.db, generateCouncil({ councilId: council, name: 'C', seed: 9, asOf: AS_OF, staffScale: 0.06, caseScale: 0.03 }));
    const before = await loadRegisterState(database.db, council, 'csww');
    const result = await importInto(council, xml);
    expect(result.status).toBe('stopped');
    expect(result.report.problems.find((p) => p.severity === 'error')!.message).toMatch(message);
    expect(await loadRegisterState(database.db, council, 'csww')).toEqual(before);
  });
});
