// The SSDA903 specification built from the 2017 base and the yearly diffs, and the reader and
// writer that check files against it. Pure: no database.
import { describe, expect, it } from 'vitest';
import { ReportBuilder } from '../report.ts';
import type { InputFile } from '../files.ts';
import { read903Files, recognise903Table } from './read.ts';
import { applyDiff, buildSpec, compileSpec, currentSpec, type RawSpec } from './spec.ts';
import { Invalid903Export, write903Files } from './write.ts';

const file = (name: string, text: string): InputFile => ({ name, bytes: new TextEncoder().encode(text) });
const codes = (table: string, column: string) => currentSpec().tables.get(table)!.columns.find((c) => c.name === column)?.codes;

describe('building the current SSDA903 specification', () => {
  const base: RawSpec = { column_map: { t: { A: { string: 'alphanumeric', canbeblank: 'no' }, B: { category: [{ code: 'X' }], canbeblank: 'yes' } } } };

  it('applies add, modify and remove in year order, whatever order the diffs come in', () => {
    const spec = buildSpec(base, [
      { year: 2024, diff: { 'column_map.t.B.category': { type: 'modify', value: [{ code: 'Y' }, { code: 'Z' }] } } },
      { year: 2020, diff: { 'column_map.t.B.category': { type: 'modify', value: [{ code: 'W' }] }, 'column_map.t.C': { type: 'add', value: { date: '%d/%m/%Y', canbeblank: 'yes' } } } },
      { year: 2022, diff: { 'column_map.t.A': { type: 'remove' } } },
    ]);
    const t = compileSpec(spec, 2024).tables.get('t')!;
    expect(t.columns.map((c) => c.name)).toEqual(['B', 'C']);
    expect(t.columns[0]!.codes).toEqual(['Y', 'Z']);
    expect(t.columns[1]!.kind).toBe('date');
    expect(base.column_map.t!.A).toBeDefined(); // pure: the base is untouched
  });

  it('refuses a diff that points at something the specification does not have', () => {
    expect(() => applyDiff(base, { 'column_map.nope.A': { type: 'modify', value: 1 } })).toThrow(/does not have/);
    expect(() => applyDiff(base, { 'column_map.t.Q': { type: 'remove' } })).toThrow(/does not have/);
  });

  it('is the 2026 specification: social worker episodes added (2024), SEX as M/F/U (2025), new placement codes (2026)', () => {
    const spec = currentSpec();
    expect(spec.year).toBe(2026);
    expect(spec.tables.get('social_worker')!.columns.map((c) => c.name)).toEqual(['CHILD', 'DOB', 'SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON']);
    expect(codes('header', 'SEX')).toEqual(['M', 'F', 'U']);
    expect(codes('episodes', 'PLACE')).toEqual(expect.arrayContaining(['K3', 'Z11', 'Z14']));
    expect(codes('episodes', 'PLACE')).not.toContain('H5'); // removed in 2025
    expect(codes('episodes', 'REC')).toContain('E45'); // 2019
    expect(codes('episodes', 'REASON_PLACE_CHANGE')).toContain('CUSTOD');
    expect(codes('oc3', 'ACTIV')).toContain('F4'); // 2022
    expect(codes('oc3', 'ACTIV')).not.toContain('F3');
    expect([...spec.tables.keys()].sort()).toEqual(['ad1', 'episodes', 'header', 'missing', 'oc2', 'oc3', 'placed_adoption', 'prev_perm', 'reviews', 'social_worker', 'uasc']);
  });
});

describe('recognising and reading 903 tables', () => {
  const spec = currentSpec();
  it('recognises every table by its own columns, in any order and case', () => {
    for (const [name, t] of spec.tables) expect(recognise903Table(spec, [...t.columns.map((c) => c.name)].reverse())).toBe(name);
    expect(recognise903Table(spec, ['CHILD', 'DOB'])).toBeUndefined();
  });

  it('reads dates and codes, flags bad values with DfE codes, and accepts the 1/2 UASC sex codes the spec still allows', () => {
    const report = new ReportBuilder();
    const { tables } = read903Files([
      file('kids.csv', 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n001,1,01/02/2015,XXXX,A123,,\n002,F,31/02/2015,WBRI,A124,,\n'),
      file('asylum.csv', 'child,dob,sex,duc\n001,01/02/2015,2,\n'),
    ], report);
    expect(report.hasErrors).toBe(false);
    expect(report.problems.filter((p) => p.severity === 'rule').map((p) => [p.code, p.line, p.field])).toEqual([['101', 2, 'SEX'], ['103', 2, 'ETHNIC'], ['102', 3, 'DOB']]);
    expect(tables.get('header')![0]!.values).toMatchObject({ CHILD: '001', DOB: '2015-02-01' });
    expect(tables.get('uasc')![0]!.values.SEX).toBe('F');
  });

  it('stops on an unknown column or a missing required column', () => {
    const report = new ReportBuilder();
    read903Files([file('e.csv', 'CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,FAVOURITE_COLOUR\n1,01/01/2024,S,C1,N1,U1,,\n')], report);
    expect(report.problems.filter((p) => p.severity === 'error').map((p) => p.field)).toEqual(['FAVOURITE_COLOUR']);
    const r2 = new ReportBuilder();
    read903Files([file('e.csv', 'CHILD,DECOM,RNE,CIN,PLACE\n1,01/01/2024,S,N1,U1\n')], r2);
    expect(r2.problems.filter((p) => p.severity === 'error').map((p) => p.field)).toEqual(['LS']);
  });

  it('checks date order across rows: 302, 356, 501, 567, 574', () => {
    const report = new ReportBuilder();
    read903Files([
      file('h.csv', 'CHILD,SEX,DOB,ETHNIC,UPN\n1,M,01/01/2020,WBRI,X\n'),
      file('e.csv', 'CHILD,DECOM,RNE,LS,CIN,PLACE,DEC\n1,01/01/2019,S,C1,N1,U1,01/06/2019\n1,01/05/2019,P,C1,N1,U1,01/04/2019\n'),
      file('m.csv', 'CHILD,DOB,MISSING,MIS_START,MIS_END\n1,01/01/2020,M,01/03/2024,\n1,01/01/2020,M,05/03/2024,04/03/2024\n'),
    ], report);
    expect(report.problems.filter((p) => p.severity === 'rule').map((p) => p.code).sort()).toEqual(['302', '501', '574']);
    // An episode or missing period that ends before it starts cannot be held: the row is left out.
    expect(report.problems.filter((p) => p.severity === 'rejected').map((p) => p.code).sort()).toEqual(['356', '567']);
  });
});

describe('writing 903 tables', () => {
  it('writes dd/mm/yyyy in spec order and reads back clean', () => {
    const files = write903Files(new Map([['header', [{ CHILD: '007', SEX: 'F', DOB: '2014-03-09', ETHNIC: 'NOBT', UPN: 'UN4' }]]]));
    expect(new TextDecoder().decode(files[0]!.bytes)).toBe('CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n007,F,09/03/2014,NOBT,UN4,,\n');
    const report = new ReportBuilder();
    read903Files(files, report);
    expect(report.problems).toEqual([]);
  });

  it('refuses rows that break the specification', () => {
    expect(() => write903Files(new Map([['header', [{ CHILD: '1', SEX: '1', DOB: '2014-03-09', ETHNIC: 'NOBT', UPN: null, EXTRA: 'x' }]]]))).toThrow(Invalid903Export);
    try {
      write903Files(new Map([['header', [{ CHILD: '1', SEX: '1', DOB: '2014-03-09', ETHNIC: 'NOBT', UPN: null, EXTRA: 'x' }]]]));
    } catch (e) {
      expect((e as Invalid903Export).problems).toHaveLength(3);
    }
  });
});
