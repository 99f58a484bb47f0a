import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { ReportBuilder } from '../../../standards/report.ts';
import type { SsdTables } from '../../../standards/ssd/read.ts';
import { DEFAULT_ROLE_MAPPING } from './roles.ts';
import { mapSsd } from './map.ts';
import { LONG_TERM_PLACEMENTS } from '../placements.ts';
import { notInYourData } from '../../../workload/model/schedule.ts';
import { DEFAULT_ACTIVITIES } from '../../../workload/model/catalogue.ts';

const table = (name: string, rows: Record<string, string | null>[]) => [name, rows.map((values, i) => ({ file: `${name}.csv`, line: i + 2, values }))] as const;
const options = { councilId: 'K', extractDate: '2026-03-02', roleMapping: DEFAULT_ROLE_MAPPING, fullTimeWeeklyHours: 37 };
const map = (tables: SsdTables) => {
  const report = new ReportBuilder();
  return { ...mapSsd(tables, options, report), report };
};
const base = () => new Map([
  table('ssd_person', [{ pers_person_id: 'C1', pers_dob: '2007-05-01' }]),
]) as SsdTables;

describe('SSD care leavers: the latest pathway plan review and contact are recorded work', () => {
  test('each date is one piece of work on that day; the day is in its id, so a later extract adds a second', () => {
    const tables = base();
    tables.set(...table('ssd_care_leavers', [{ clea_table_id: 'L1', clea_person_id: 'C1', clea_pathway_plan_review_date: '2026-01-10', clea_care_leaver_latest_contact: '2026-02-20' }]));
    const { snapshot } = map(tables);
    expect(snapshot.recorded.map((r) => [r.recorded_id, r.activity_code, r.occurred_on])).toEqual([
      ['PPR-L1-2026-01-10', 'pathway_plan_review', '2026-01-10'],
      ['CLC-L1-2026-02-20', 'care_leaver_contact', '2026-02-20'],
    ]);
  });

  test('no dates, no work; a day Caseweight\'s own table already carries is not added twice', () => {
    const tables = base();
    tables.set(...table('ssd_care_leavers', [{ clea_table_id: 'L1', clea_person_id: 'C1', clea_pathway_plan_review_date: '2026-01-10', clea_care_leaver_latest_contact: null }]));
    tables.set(...table('caseweight_recorded_activities', [{ recorded_id: 'R9', person_id: 'C1', activity_code: 'pathway_plan_review', occurred_on: '2026-01-10', hours: null }]));
    expect(map(tables).snapshot.recorded.map((r) => r.recorded_id)).toEqual(['R9']);
  });
});

describe('SSD placement types say whether a placement is long term (as the 903 import reads PLACE)', () => {
  const placement = (type: string | null, longTerm?: string) => {
    const tables = base();
    tables.set(...table('ssd_cla_placement', [{ clap_cla_placement_id: 'P1', clap_person_id: 'C1', clap_cla_placement_start_date: '2025-01-06', clap_cla_placement_end_date: null, clap_cla_placement_type: type, clap_cla_placement_distance: null }]));
    if (longTerm !== undefined) tables.set(...table('caseweight_placements', [{ clap_cla_placement_id: 'P1', long_term: longTerm }]));
    return map(tables).snapshot.episodes[0]!.placement_long_term;
  };
  test.prop([fc.constantFrom(...Object.keys(LONG_TERM_PLACEMENTS), 'K1', 'R1', 'Z1', 'P1', 'u1', ' U4 '), fc.option(fc.constantFrom('Y', 'N'), { nil: undefined })])(
    'U1 and U4 long term, U2, U3, U5 and U6 not, other types say nothing; Caseweight\'s own flag wins', (type, flag) => {
      const expected = flag !== undefined ? flag === 'Y' : LONG_TERM_PLACEMENTS[type.trim().toUpperCase()] ?? null;
      expect(placement(type, flag)).toBe(expected);
    });
  test('no type: nothing said', () => {
    expect(placement(null)).toBeNull();
  });
});

describe('what an SSD extract can show done, and what it left out', () => {
  test('a council\'s own extract: core groups, child in need reviews and referral decisions are not in the data; the rest are when their tables came', () => {
    const tables = base();
    for (const t of ['ssd_cin_visits', 'ssd_cp_visits', 'ssd_cla_visits', 'ssd_cla_reviews', 'ssd_cp_reviews', 'ssd_initial_cp_conference', 'ssd_s47_enquiry', 'ssd_cin_assessments', 'ssd_care_leavers']) tables.set(t, []);
    const { snapshot, report } = map(tables);
    const missing = notInYourData(snapshot.coverage!, DEFAULT_ACTIVITIES.filter((a) => a.rule.kind !== 'monthly').map((a) => a.code));
    expect([...missing].sort()).toEqual(['cin_review', 'core_group', 'referral_decision']);
    expect(report.notes.join(' ')).toMatch(/No absences/);
    expect(report.notes.join(' ')).toMatch(/No posts or vacancies/);
    expect(report.notes.join(' ')).toMatch(/No contracted hours/);
    expect(report.notes.join(' ')).toMatch(/core group meeting/);
    // Plain words on the page: no table or field names.
    for (const n of report.notes) expect(n).not.toMatch(/ssd_|caseweight_|_id\b/);
  });

  test('a table the files left out shows nothing; Caseweight\'s own export shows everything', () => {
    const tables = base();
    const without = map(tables).snapshot.coverage!;
    expect(without.find((c) => c.activityCode === 'cin_visit')).toMatchObject({ carried: false });
    tables.set('caseweight_recorded_activities', []);
    tables.set('caseweight_absences', []);
    tables.set('caseweight_posts', []);
    tables.set('caseweight_practitioners', []);
    const own = map(tables);
    expect(notInYourData(own.snapshot.coverage!, ['core_group'])).toEqual(new Set());
    expect(own.report.notes).toEqual([]);
  });
});

describe('docs/ssd-mapping.md', () => {
  const doc = readFileSync(new URL('../../../../docs/ssd-mapping.md', import.meta.url), 'utf8');
  const spec = readFileSync(new URL('../../../standards/ssd/ssd_workload_spec.json', import.meta.url), 'utf8');
  const source = readFileSync(new URL('./map.ts', import.meta.url), 'utf8');
  test('lists every spec field once, as mapped exactly when the mapping reads it', () => {
    const rows = [...doc.matchAll(/^\| ([a-z0-9_]+) \| (yes|no) \|/gm)].map((m) => [m[1]!, m[2]!] as const);
    const fields = new Set(rows.map(([f]) => f));
    const specFields = [...spec.matchAll(/"field":\s*"([a-z0-9_]+)"/g)].map((m) => m[1]!);
    expect(specFields.length).toBeGreaterThan(200);
    for (const f of specFields) expect(fields.has(f), f).toBe(true);
    for (const [f, mapped] of rows) expect(source.includes(`'${f}'`), `${f} listed as ${mapped}`).toBe(mapped === 'yes');
  });
});

describe('rows the mapping leaves out are reported as not imported, never as imported with a flag', () => {
  test('a plan that ends before it starts, or with no start, and a referral closed before it began', () => {
    const tables = base();
    tables.set(...table('ssd_cin_plans', [
      { cinp_cin_plan_id: 'P1', cinp_person_id: 'C1', cinp_cin_plan_start_date: '2026-01-10', cinp_cin_plan_end_date: '2026-01-01' },
      { cinp_cin_plan_id: 'P2', cinp_person_id: 'C1', cinp_cin_plan_start_date: null, cinp_cin_plan_end_date: null },
      { cinp_cin_plan_id: 'P3', cinp_person_id: 'C1', cinp_cin_plan_start_date: '2026-01-10', cinp_cin_plan_end_date: null },
    ]));
    tables.set(...table('ssd_cin_episodes', [{ cine_referral_id: 'R1', cine_person_id: 'C1', cine_referral_date: '2026-02-01', cine_close_date: '2026-01-01' }]));
    const { snapshot, report } = map(tables);
    const left = report.problems.filter((p) => /not imported/.test(p.message));
    expect(left.map((p) => [p.file, p.line, p.severity])).toEqual([
      ['ssd_cin_episodes.csv', 2, 'rejected'], ['ssd_cin_plans.csv', 2, 'rejected'], ['ssd_cin_plans.csv', 3, 'rejected'],
    ].sort());
    expect(left.find((p) => p.file === 'ssd_cin_episodes.csv')!.code).toBe('8630');
    expect(snapshot.rejected.episodes).toBe(3);
    expect(snapshot.episodes.filter((e) => e.kind === 'cin_plan')).toHaveLength(1);
  });
});
