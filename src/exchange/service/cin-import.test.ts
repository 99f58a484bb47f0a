// CIN census import against a real database: beside the SSD, DfE rule flags, and bad files.
import { fc } from '@fast-check/vitest';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCouncilId, openTestDatabase, testBackends } from '../../../test/support/database.ts';
import { generateCouncil } from '../../demo/generate.ts';
import { seedCouncil } from '../../demo/service.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { sampleCensus } from '../../standards/cin/testing.ts';
import { cinXml } from '../../standards/cin/write.ts';
import { exportSsd } from './exports.ts';
import { confirm, listImportHistory, validate } from './index.ts';
import { listFlags, loadRegisterState } from '../store.ts';
import { exportCin } from './cin.ts';

const AS_OF = '2026-03-31';
const file = (xml: string | Uint8Array) => [{ name: 'cin.xml', bytes: typeof xml === 'string' ? new TextEncoder().encode(xml) : xml }];

describe.each(testBackends())('CIN census import on %s', (kind) => {
  let database: DatabaseHandle;
  let from: string;
  let cin: string;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    from = newCouncilId();
    await seedCouncil(database.db, generateCouncil({ councilId: from, name: 'From', seed: 7, asOf: AS_OF, staffScale: 0.08, caseScale: 0.04 }));
    cin = (await exportCin(database.db, from, AS_OF)).xml;
  });
  afterAll(async () => database?.close());

  const importInto = (councilId: string, xml: string | Uint8Array) => confirm(database.db, { councilId, format: 'cin', files: file(xml), importedBy: 'tester', extractDate: AS_OF });

  it('joins the children and episodes the SSD brought: nothing counted twice, no allocation touched', async () => {
    const council = newCouncilId();
    const ssd = await confirm(database.db, { councilId: council, format: 'ssd', files: await exportSsd(database.db, from), importedBy: 'tester', extractDate: AS_OF });
    expect(ssd.status).toBe('imported');
    const before = await loadRegisterState(database.db, council, 'cin');
    const result = await importInto(council, cin);
    expect(result.report.problems.filter((p) => p.severity !== 'warning')).toEqual([]);
    expect(result.report.counts.episodes).toMatchObject({ added: 0, changed: 0 });
    expect(result.report.counts.children).toMatchObject({ added: 0, changed: 0 });
    const after = await loadRegisterState(database.db, council, 'cin');
    expect(after.episodes).toEqual(before.episodes);
    expect(after.children).toEqual(before.children);
    expect(after.allocations).toEqual(before.allocations);
    expect((await listImportHistory(database.db, council)).map((h) => h.format)).toEqual(['cin', 'ssd']);
  });

  it('imports content-rule failures with their DfE code and flags them; drops what cannot be held, and says so', async () => {
    const census = sampleCensus();
    census.children[0]!.episodes[0]!.cinPlans[0]!.start = '2025-04-30'; // 4015: plan before referral
    census.children[1]!.episodes[0]!.cpPlans[0]!.end = '2025-07-01'; // 8925: plan ends before it starts
    census.children[1]!.birthDate = null; // 8525: no date of birth
    const council = newCouncilId();
    const result = await importInto(council, cinXml(census));
    expect(result.status).toBe('imported');
    const codes = result.report.problems.map((p) => [p.severity, p.code]);
    expect(codes).toEqual(expect.arrayContaining([['rule', '4015'], ['rule', '8925'], ['rule', '8525']]));
    expect(result.report.problems.find((p) => p.code === '8925')!.message).toMatch(/not imported/);
    expect(result.report.problems.find((p) => p.code === '4015')).toMatchObject({ element: 'Child[1]/CINdetails[1]/CINPlanDates[1]', line: expect.any(Number) });
    expect(result.report.counts.episodes).toMatchObject({ rejected: 1 });
    const flags = await listFlags(database.db, council);
    expect(flags.map((f) => [f.entity, f.record_id, f.rule_code]).sort()).toEqual([
      ['children', '000102', '8525'],
      ['episodes', 'CIN-000101-CINP-2025-04-30', '4015'],
    ]);
    const state = await loadRegisterState(database.db, council, 'cin');
    expect(state.episodes.filter((e) => e.kind === 'cp_plan')).toEqual([]);
    expect(state.children.map((c) => [c.child_id, c.name])).toEqual([['000101', 'Child 000101'], ['000102', 'Child 000102']]);
  });

  it('stops on a structural error and leaves the register exactly as it was', async () => {
    const council = newCouncilId();
    await importInto(council, cin);
    const before = await loadRegisterState(database.db, council, 'cin');
    const end = cin.lastIndexOf('</Message>');
    await fc.assert(fc.asyncProperty(
      fc.oneof(
        fc.integer({ min: 1, max: end }).map((at) => new TextEncoder().encode(cin.slice(0, at))),
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.constant(new TextEncoder().encode(cin.replace('<Message>', '<!DOCTYPE Message [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<Message>').replace(/<LAchildID>[^<]*/, '<LAchildID>&x;'))),
        fc.constant(new Uint8Array(iconv.encode(cin.replace(' encoding="UTF-8"', '').replace(/<LAchildID>([^<]*)/, '<LAchildID>$1é'), 'windows1252'))),
        fc.constant(new TextEncoder().encode(cin.replace(/<Year>/, '<Yeer>').replace(/<\/Year>/, '</Yeer>'))),
      ),
      async (bytes) => {
        const dry = await validate(database.db, { councilId: council, format: 'cin', files: file(bytes), importedBy: 'fuzz', extractDate: AS_OF });
        expect(dry.status).toBe('stopped');
        const result = await importInto(council, bytes);
        expect(result.status).toBe('stopped');
        expect(result.report.problems.some((p) => p.severity === 'error' && p.message.length > 20)).toBe(true);
        expect(await loadRegisterState(database.db, council, 'cin')).toEqual(before);
      },
    ), { numRuns: 10 });
    expect((await listImportHistory(database.db, council))[0]!.status).toBe('stopped');
  });

  it('refuses a census date that is not a date, and writes nothing for a council that does not exist', async () => {
    await expect(exportCin(database.db, from, '31/03/2026')).rejects.toThrow(/YYYY-MM-DD/);
    await expect(exportCin(database.db, newCouncilId(), AS_OF)).rejects.toThrow(/There is no council/);
  });
});
