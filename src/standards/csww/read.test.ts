// The workforce census reader against censuses with a few bad workers among many good ones:
// each bad worker is rejected on its own, named by its SWENo with what the schema expected,
// and exactly the good workers are read. Pure: no database.
import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ReportBuilder } from '../report.ts';
import { readCswwFiles } from './read.ts';

const swe = (i: number) => `SW${String(1_000_000_000 + i).slice(-10)}`;
type Defect = 'no_qualinst' | 'bad_swe' | 'duplicate' | 'bad_fte';

/** A census in the schema's order, one element a line, as councils' systems write it. */
function census(workers: number, defects: ReadonlyMap<number, Defect>): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<Message>', '  <Header>', '    <CollectionDetails>', '      <Collection>CSWW</Collection>', '      <Year>2025</Year>', '      <ReferenceDate>2025-09-30</ReferenceDate>', '    </CollectionDetails>', '  </Header>',
    '  <LALevelVacancies>', '    <NumberOfVacancies>3.50</NumberOfVacancies>', '    <NoAgencyFTE>1.00</NoAgencyFTE>', '    <NoAgencyHeadcount>1</NoAgencyHeadcount>', '  </LALevelVacancies>'];
  for (let i = 0; i < workers; i++) {
    const d = defects.get(i);
    const id = d === 'bad_swe' ? `SW${i}` : d === 'duplicate' ? swe(0) : swe(i + 1);
    lines.push('  <CSWWWorker>', '    <AgencyWorker>0</AgencyWorker>', `    <SWENo>${id}</SWENo>`, `    <FTE>${d === 'bad_fte' ? '1.200000' : '0.800000'}</FTE>`);
    if (d !== 'no_qualinst') lines.push('    <QualInst>University of Leeds</QualInst>');
    lines.push('    <QualLevel>1</QualLevel>', '    <OrgRole>5</OrgRole>', '    <RoleStartDate>2020-09-01</RoleStartDate>', '    <Cases30>14</Cases30>', '  </CSWWWorker>');
  }
  lines.push('</Message>', '');
  return lines.join('\n');
}

async function read(xml: string) {
  const report = new ReportBuilder();
  const out = await readCswwFiles([{ name: 'csww.xml', bytes: new TextEncoder().encode(xml) }], report);
  return { report, ...out };
}

describe('reading a workforce census with bad workers', () => {
  it('rejects a worker without QualInst by name, saying QualInst was expected, and reads the rest', async () => {
    const { report, census: c, files } = await read(census(5, new Map([[2, 'no_qualinst']])));
    expect(report.hasErrors).toBe(false);
    expect(c!.workers.map((w) => w.swe)).toEqual([swe(1), swe(2), swe(4), swe(5)]);
    const [p] = report.problems;
    expect(p).toMatchObject({ severity: 'rejected', key: `SWENo ${swe(3)}`, element: 'CSWWWorker[3]/QualLevel' });
    expect(p!.message).toMatch(new RegExp(`^Worker ${swe(3)}: QualLevel is not expected here: the census expects .*QualInst`));
    expect(report.rowCounts(files[0]!.name)).toEqual({ rejected: 1, flagged: 0 });
  });

  it('rejects only the bad worker in a census written on one line, with the file\'s own line', async () => {
    const oneLine = census(4, new Map([[1, 'bad_swe']])).replace(/\n\s*/g, '');
    const { report, census: c } = await read(oneLine);
    expect(c!.workers.map((w) => w.swe)).toEqual([swe(1), swe(3), swe(4)]);
    expect(report.problems).toEqual([expect.objectContaining({ severity: 'rejected', line: 1, key: 'SWENo SW1', element: 'CSWWWorker[2]/SWENo' })]);
  });

  it('stops when the council-level figures fail the schema', async () => {
    const { report, census: c } = await read(census(3, new Map()).replace('<NumberOfVacancies>3.50', '<NumberOfVacancies>lots'));
    expect(c).toBeUndefined();
    expect(report.problems[0]).toMatchObject({ severity: 'error', message: expect.stringMatching(/NumberOfVacancies/) });
  });

  it('property: among many good workers, exactly the good ones are read and every bad one is reported once', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 40, max: 400 }),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom<Defect>('no_qualinst', 'bad_swe', 'duplicate', 'bad_fte')), { maxLength: 6 }),
      async (n, picks) => {
        // Worker 0 carries swe(0) only when another worker duplicates it; otherwise it is good.
        const defects = new Map(picks.map(([i, d]) => [1 + (i % (n - 1)), d] as const));
        const dupes = [...defects.values()].filter((d) => d === 'duplicate').length;
        const xml = dupes > 0 ? census(n, defects).replace(`<SWENo>${swe(1)}</SWENo>`, `<SWENo>${swe(0)}</SWENo>`) : census(n, defects);
        const { report, census: c } = await read(xml);
        expect(report.hasErrors).toBe(false);
        const bad = new Set([...defects.keys(), ...(dupes > 0 ? [0] : [])]);
        const good = Array.from({ length: n }, (_, i) => i).filter((i) => !bad.has(i)).map((i) => swe(i + 1));
        expect(c!.workers.map((w) => w.swe)).toEqual(good);
        const rejectedLines = new Set(report.problems.filter((p) => p.severity === 'rejected').map((p) => Number(/CSWWWorker\[(\d+)\]/.exec(p.element!)![1]) - 1));
        expect(rejectedLines).toEqual(bad);
        expect(report.rowCounts('csww.xml').rejected).toBe(bad.size);
      },
    ), { numRuns: 8 });
  });
});
