// The 903 reader against bad input: random bytes, truncation, encodings, Excel's damage to
// dates and ids, duplicate and colliding rows. Pure: no database.
import { fc, test } from '@fast-check/vitest';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { map903 } from '../../exchange/model/ssda903/map.ts';
import { ReportBuilder } from '../report.ts';
import type { InputFile } from '../files.ts';
import { read903Files } from './read.ts';

const HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n00123,F,09/03/2014,WBRI,A1,,\n00124,M,10/10/2012,NOBT,A2,,\n';
const EPISODES = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n00123,01/04/2024,S,C1,N1,U4,PR1,,,,,,\n00124,02/05/2023,S,V2,N2,K2,PR1,01/06/2023,E8,,,,\n';
const file = (name: string, text: string | Uint8Array): InputFile => ({ name, bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text });
const EMPTY = { teams: [], practitioners: [], absences: [], posts: [], children: [], episodes: [], factors: [], allocations: [], recorded: [] };

function read(files: InputFile[], asOf?: string) {
  const report = new ReportBuilder();
  const { tables, rejectedChildren } = read903Files(files, report, asOf ? { asOf } : {});
  return { report, tables, rejectedChildren };
}

describe('reading 903 tables that are damaged', () => {
  it('reads a clean pair with no problems and keeps leading zeros', () => {
    const { report, tables } = read([file('a.csv', HEADER), file('b.csv', EPISODES)]);
    expect(report.problems).toEqual([]);
    expect(tables.get('header')!.map((r) => r.values.CHILD)).toEqual(['00123', '00124']);
  });

  test.prop([fc.uint8Array({ minLength: 0, maxLength: 400 })], { numRuns: 60 })('random bytes never throw and never read cleanly', (bytes) => {
    const { report, tables } = read([file('x.csv', bytes)]);
    if (!report.hasErrors) expect(tables.size).toBeGreaterThan(0);
    else expect(report.problems.every((p) => p.message.length > 10)).toBe(true);
  });

  test.prop([fc.integer({ min: 1, max: EPISODES.length - 2 })], { numRuns: 40 })('a file cut short is an error or reads fewer, intact rows', (cut) => {
    const { report, tables } = read([file('a.csv', HEADER), file('b.csv', EPISODES.slice(0, cut))]);
    if (!report.hasErrors) for (const r of tables.get('episodes') ?? []) expect(['00123', '00124']).toContain(r.values.CHILD);
  });

  it('reads UTF-8 with a BOM silently and Windows-1252 with a warning', () => {
    const bom = read([file('a.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(HEADER)]))]);
    expect(bom.report.problems).toEqual([]);
    const cp = read([file('a.csv', new Uint8Array(iconv.encode(HEADER.replace('A1', 'Å1'), 'windows1252')))]);
    expect(cp.report.problems.map((p) => p.severity)).toEqual(['warning']);
    expect(cp.tables.get('header')![0]!.values.UPN).toBe('Å1');
  });

  it('explains Excel-mangled dates and rejects the row when a key date is one', () => {
    const { report } = read([file('a.csv', HEADER.replace('09/03/2014', '41707')), file('b.csv', EPISODES.replace('01/04/2024', '4/1/24'))]);
    expect(report.problems.find((p) => p.field === 'DOB')).toMatchObject({ severity: 'rule', code: '102', message: expect.stringMatching(/Excel date serial/) });
    expect(report.problems.find((p) => p.field === 'DECOM')).toMatchObject({ severity: 'rejected', key: 'CHILD 00123, DECOM 4/1/24', message: expect.stringMatching(/two-digit year.*not imported/) });
    expect(report.hasErrors).toBe(false);
  });

  it('names the padded id when Excel dropped leading zeros', () => {
    const { report, tables } = read([file('a.csv', HEADER), file('b.csv', EPISODES.replace('00124,', '124,'))]);
    expect(report.hasErrors).toBe(false);
    map903(tables, { councilId: 'c', register: EMPTY }, report);
    expect(report.hasErrors).toBe(false);
    expect(report.problems.find((p) => p.severity === 'rejected')).toMatchObject({ key: 'CHILD 124', message: expect.stringMatching(/"00124".*leading zeros/) });
  });

  it('ignores an exact duplicate row with a warning, and rejects both rows of a clashing pair', () => {
    const dup = read([file('a.csv', HEADER + '00123,F,09/03/2014,WBRI,A1,,\n')]);
    expect(dup.report.problems.map((p) => p.severity)).toEqual(['warning']);
    expect(dup.tables.get('header')).toHaveLength(2);
    const clash = read([file('a.csv', HEADER + '00123,M,09/03/2014,WBRI,A1,,\n')]);
    expect(clash.report.problems.map((p) => [p.severity, p.line])).toEqual([['rejected', 2], ['rejected', 4]]);
    expect(clash.report.problems[0]!.message).toMatch(/also on line 4, with a different SEX/);
    expect(clash.tables.get('header')!.map((r) => r.values.CHILD)).toEqual(['00124']);
    expect([...clash.rejectedChildren]).toEqual(['00123']);
  });

  it('stops when two files hold the same table, or a file is no 903 table at all', () => {
    expect(read([file('a.csv', HEADER), file('b.csv', HEADER)]).report.problems[0]!.message).toMatch(/both hold the header/);
    expect(read([file('a.csv', 'foo,bar\n1,2\n')]).report.problems[0]!.message).toMatch(/cannot tell which 903 table/);
  });

  it('flags dates after the extract date on the row, with the DfE code once they are past the collection year, and imports the row', () => {
    const reviews = file('r.csv', 'CHILD,DOB,REVIEW,REVIEW_CODE\n00123,09/03/2014,15/02/2026,PN1\n00123,09/03/2014,01/05/2026,PN1\n');
    const episodes = file('b.csv', EPISODES.replace('00124,02/05/2023,S,V2,N2,K2,PR1,01/06/2023', '00124,02/05/2023,S,V2,N2,K2,PR1,01/06/2027'));
    const { report, tables } = read([file('a.csv', HEADER.replace('10/10/2012', '10/10/2032')), episodes, reviews], '2026-01-31');
    const future = report.problems.filter((p) => /the day the extract describes/.test(p.message));
    expect(future.map((p) => [p.severity, p.file, p.line, p.field, p.code, p.key])).toEqual([
      ['rule', 'a.csv', 3, 'DOB', '301', 'CHILD 00124'],
      ['rule', 'b.csv', 3, 'DEC', '385', 'CHILD 00124, DECOM 2023-05-02'],
      // Within the collection year (to 31 March 2026) but after the extract: flagged, no code.
      ['rule', 'r.csv', 2, 'REVIEW', undefined, 'CHILD 00123, REVIEW 2026-02-15'],
      ['rule', 'r.csv', 3, 'REVIEW', undefined, 'CHILD 00123, REVIEW 2026-05-01'],
    ]);
    expect(future[0]!.message).toMatch(/^Date of birth falls after the year ended\. DOB 2032-10-10 is after 2026-01-31/);
    expect(tables.get('reviews')).toHaveLength(2);
    expect(tables.get('reviews')![1]!.issues).toEqual([expect.objectContaining({ code: null, field: 'REVIEW' })]);
    // Without the day (the export's own check), nothing is flagged.
    expect(read([file('a.csv', HEADER.replace('10/10/2012', '10/10/2032'))]).report.problems).toEqual([]);
  });
});
