// The SSD reader and its helpers against bad input: random bytes, truncation, encodings,
// Excel's damage to dates and ids, duplicates. Pure: no database.
import { fc, test } from '@fast-check/vitest';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ReportBuilder } from '../report.ts';
import { mapSsd } from '../../exchange/model/ssd/map.ts';
import { DEFAULT_ROLE_MAPPING } from '../../exchange/model/ssd/roles.ts';
import { decodeText, type InputFile } from '../files.ts';
import { parseDate } from '../values.ts';
import { readSsdFiles } from './read.ts';

const enc = (text: string) => new TextEncoder().encode(text);
const file = (name: string, text: string): InputFile => ({ name, bytes: enc(text) });

const PERSON = 'pers_person_id,pers_forename,pers_surname,pers_dob,pers_sex\n00123,Ada,Lovelace,2015-12-10 00:00:00.000,F\n00124,Alan,Turing,24/06/2012,M\n';
const PROF = 'prof_professional_id,prof_staff_id,prof_professional_name,prof_social_worker_registration_no,prof_full_time_equivalency\nW1,S1,Jo Bloggs,SW1234567890,0.8\n';
const DEPT = 'dept_team_id,dept_team_name\nT1,Children in Care North\n';
const INVO = 'invo_involvements_id,invo_professional_id,invo_professional_role_id,invo_professional_team,invo_person_id,invo_involvement_start_date,invo_involvement_end_date\nI1,W1,CW,T1,00123,2025-01-02,\n';

function read(files: InputFile[]) {
  const report = new ReportBuilder();
  const result = readSsdFiles(files, report);
  return { report, result };
}

describe('reading an SSD CSV set', () => {
  it('reads SQL datetimes and dd/mm/yyyy, keeps leading zeros, and maps a small extract', () => {
    const { report, result } = read([file('ssd_person.csv', PERSON), file('ssd_professionals.csv', PROF), file('ssd_department.csv', DEPT), file('ssd_involvements.csv', INVO)]);
    expect(report.problems).toEqual([]);
    expect(result.tables.get('ssd_person')!.map((r) => [r.values.pers_person_id, r.values.pers_dob])).toEqual([['00123', '2015-12-10'], ['00124', '2012-06-24']]);
    const mapped = mapSsd(result.tables, { councilId: 'c', extractDate: '2026-01-01', roleMapping: DEFAULT_ROLE_MAPPING, fullTimeWeeklyHours: 37 }, report);
    expect(mapped.snapshot.allocations).toMatchObject([{ child_id: '00123', practitioner_id: 'W1', team_id: 'T1', role: 'lead' }]);
    expect(mapped.snapshot.practitioners[0]).toMatchObject({ fte: 0.8, swe_number: 'SW1234567890', unknown: expect.arrayContaining(['agency', 'contracted_weekly_hours']) });
    expect(mapped.snapshot.teams[0]).toMatchObject({ team_id: 'T1', service: 'children_in_care' });
  });

  it('recognises a table by its columns when the file is named some other way', () => {
    const { report, result } = read([file('people export (1).csv', PERSON)]);
    expect(report.hasErrors).toBe(false);
    expect(result.files[0]!.recognisedAs).toBe('ssd_person');
  });

  it('stops on an unknown column, a missing key column and an unknown table; rejects both rows of a conflicting duplicate', () => {
    expect(read([file('ssd_person.csv', 'pers_person_id,shoe_size\n1,9\n')]).report.problems[0]).toMatchObject({ severity: 'error', field: 'shoe_size', line: 1 });
    expect(read([file('ssd_person.csv', 'pers_forename\nAda\n')]).report.problems[0]!.message).toMatch(/key column pers_person_id is missing/);
    expect(read([file('payroll.csv', 'employee,salary\n1,2\n')]).report.problems[0]!.message).toMatch(/not an SSD table/);
    const dup = read([file('ssd_person.csv', 'pers_person_id,pers_forename\n1,Ada\n1,Alan\n2,Bo\n')]);
    expect(dup.report.hasErrors).toBe(false);
    expect(dup.report.problems.map((p) => [p.severity, p.line, p.key])).toEqual([['rejected', 2, 'pers_person_id 1'], ['rejected', 3, 'pers_person_id 1']]);
    expect(dup.report.problems[0]!.message).toMatch(/also on line 3, with a different pers_forename/);
    expect(dup.result.tables.get('ssd_person')!.map((r) => r.values.pers_person_id)).toEqual(['2']);
    expect([...dup.result.rejectedPeople]).toEqual(['1']);
  });

  it('ignores an exact duplicate row with a warning', () => {
    const { report, result } = read([file('ssd_person.csv', 'pers_person_id,pers_forename\n1,Ada\n1,Ada\n')]);
    expect(report.hasErrors).toBe(false);
    expect(report.problems[0]).toMatchObject({ severity: 'warning', line: 3 });
    expect(result.tables.get('ssd_person')).toHaveLength(1);
  });

  it('says when Excel has stripped leading zeros from an id', () => {
    const report = new ReportBuilder();
    const { tables } = readSsdFiles([file('ssd_person.csv', PERSON), file('ssd_professionals.csv', PROF), file('ssd_department.csv', DEPT), file('ssd_involvements.csv', INVO.replace(',00123,', ',123,'))], report);
    mapSsd(tables, { councilId: 'c', extractDate: '2026-01-01', roleMapping: DEFAULT_ROLE_MAPPING, fullTimeWeeklyHours: 37 }, report);
    expect(report.hasErrors).toBe(false);
    expect(report.problems.find((p) => p.severity === 'rejected')).toMatchObject({ line: 2, key: 'invo_person_id 123', message: expect.stringMatching(/"00123".*leading zeros/) });
  });

  it('lists unmapped roles and does not import their rows', () => {
    const report = new ReportBuilder();
    const { tables } = readSsdFiles([file('ssd_person.csv', PERSON), file('ssd_professionals.csv', PROF), file('ssd_department.csv', DEPT), file('ssd_involvements.csv', INVO.replace(',CW,', ',KEYWKR,'))], report);
    const mapped = mapSsd(tables, { councilId: 'c', extractDate: '2026-01-01', roleMapping: DEFAULT_ROLE_MAPPING, fullTimeWeeklyHours: 37 }, report);
    expect([...mapped.unmappedRoles]).toEqual([['KEYWKR', 1]]);
    expect(mapped.snapshot.allocations).toEqual([]);
    expect(mapped.snapshot.rejected.allocations).toBe(1);
  });

  it('reads UTF-8 with a byte-order mark and Windows-1252, saying which', () => {
    const bom = read([{ name: 'ssd_person.csv', bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...enc('pers_person_id,pers_forename\n1,Zoë\n')]) }]);
    expect(bom.result.tables.get('ssd_person')![0]!.values.pers_forename).toBe('Zoë');
    expect(bom.result.files[0]!.encoding).toBe('utf-8-bom');
    const win = read([{ name: 'ssd_person.csv', bytes: new Uint8Array(iconv.encode('pers_person_id,pers_forename\n1,Zoë Ó\n', 'windows1252')) }]);
    expect(win.result.tables.get('ssd_person')![0]!.values.pers_forename).toBe('Zoë Ó');
    expect(win.report.problems[0]).toMatchObject({ severity: 'warning' });
  });
});

describe('bad input never throws and never passes silently', () => {
  test.prop([fc.uint8Array({ minLength: 1, maxLength: 400 }), fc.constantFrom('ssd_person.csv', 'ssd_involvements.csv', 'x.csv')])('random bytes get a report', (bytes, name) => {
    const { report, result } = read([{ name, bytes }]);
    // Either a clear problem is reported, or the bytes happened to be a table the reader accepted.
    if (!report.hasErrors) expect(result.tables.size).toBe(1);
    for (const p of report.problems) expect(p.message.length).toBeGreaterThan(10);
  });

  test.prop([fc.integer({ min: 1, max: INVO.length - 1 })])('a truncated file reads as fewer rows or stops with an error', (cut) => {
    const { report, result } = read([file('ssd_involvements.csv', INVO.slice(0, cut))]);
    const rows = result.tables.get('ssd_involvements');
    if (!report.hasErrors) expect(rows!.length).toBeLessThanOrEqual(1);
  });

  test.prop([fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzàéïôüßçñÀÉÖ ,"\'-'.split('')), maxLength: 40 })])('Windows-1252 text decodes to what was written', (text) => {
    const decoded = decodeText(new Uint8Array(iconv.encode(text, 'windows1252')));
    expect(decoded?.text).toBe(text);
  });

  test.prop([fc.date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })])('dates read the same in every form the SSD and DfE use', (d) => {
    const iso = d.toISOString().slice(0, 10);
    const [y, m, day] = iso.split('-');
    expect(parseDate(iso)).toEqual({ ok: true, value: iso });
    expect(parseDate(`${iso} 00:00:00.000`)).toEqual({ ok: true, value: iso });
    expect(parseDate(`${day}/${m}/${y}`)).toEqual({ ok: true, value: iso });
    // What Excel does to dates: serial numbers and two-digit years are refused with a reason.
    const serial = String(Math.round(d.getTime() / 86_400_000 + 25_569));
    expect(parseDate(serial)).toMatchObject({ ok: false, message: expect.stringMatching(/Excel date serial/) });
    expect(parseDate(`${day}/${m}/${y!.slice(2)}`)).toMatchObject({ ok: false, message: expect.stringMatching(/two-digit year/) });
  });
});
