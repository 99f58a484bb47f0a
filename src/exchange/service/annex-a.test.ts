// Ofsted's Annex A from a seeded demo council, read back with exceljs: every list's sheet name
// and header row as Ofsted gives them, dates as date cells, no formulas, text guarded, and each
// list's row count equal to a count taken from the register's tables directly in SQL.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCouncilId, openTestDatabase, testBackends } from '../../../test/support/database.ts';
import { generateCouncil } from '../../demo/generate.ts';
import { seedCouncil } from '../../demo/service.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { Role } from '../../kernel/roles.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { createExchangeService } from './index.ts';

const AS_OF = '2026-11-23';
const SIX_MONTHS_BEFORE = '2026-05-23';
const FORMULA_NAME = '=HYPERLINK("http://example.com","Ann")';

// Ofsted's lists and columns, written out here from its template (not read from the code), so a
// column moved, renamed or dropped in the code fails this test.
const CHILD = ['Child Unique ID', 'Gender', 'Ethnicity', 'Date of Birth', 'Age of Child (Years)'];
const TEAM = ['Allocated Team', 'Allocated Worker'];
const DIS = 'Does the Child have a Disability';
const OFSTED: [string, string[]][] = [
  ['List 1 - Contacts', [...CHILD, 'Date of Contact', 'Contact Source']],
  ['List 2 - Early help', [...CHILD, 'Assessment start date', 'Assessment completion date', 'Organisation completing assessment']],
  ['List 3 - Referrals', [...CHILD, 'Date of referral', 'Referral Source', 'Referral NFA?', 'Number of Referrals in Last 12 Months', ...TEAM]],
  ['List 4 - Assessments', [...CHILD, DIS, 'Continuous Assessment Start Date', 'Child Seen During Continuous Assessment', 'Continuous Assessment Date of Authorisation',
    "Was the child assessed as requiring LA children's social care support?", ...TEAM]],
  ['List 5 - Section 47 enquiries', [...CHILD, DIS, 'Strategy discussion initiating Section 47 Enquiry Start Date', 'Was an Initial Child Protection Conference deemed unnecessary?',
    'Date of Initial Child Protection Conference', 'Did the Initial Child Protection Conference Result in a Child Protection Plan', 'Number of Section 47 Enquiries in the last 12 months',
    'Number of ICPCs in the last 12 months', ...TEAM]],
  ['List 6 - Children in need', [...CHILD, DIS, 'CIN Start Date', 'Primary Need Code', 'Date Child Was Last Seen', 'CIN Closure Date', 'Reason for Closure', 'Case Status', ...TEAM]],
  ['List 7 - Child protection', [...CHILD, DIS, 'Child Protection Plan Start Date', 'Initial Category of Abuse', 'Latest Category of Abuse', 'Date of the Last Statutory Visit',
    'Was the Child Seen Alone?', 'Date of latest review conference', 'Child Protection Plan End Date',
    'Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)', 'Number of Previous Child Protection Plans', ...TEAM]],
  ['List 8 - Children in care', [...CHILD, 'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)', DIS, 'Date Started to be Looked After', "Child's Category of Need",
    'Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)', 'Start date of current legal status', "Child's Legal Status",
    'Date of Latest Statutory Review', 'Date of Last Social Work Visit', 'What is the permanence plan for this child?', 'Date of Last IRO Visit / Contact to the Child',
    'Date of Last Health Assessment', 'Date of Last Dental Check', 'Number of Placements in the Last 12 months', 'Date Ceased to be Looked After', 'Reason Ceased to be Looked After',
    'Start Date of Most Recent Placement', 'Placement Type', 'Placement Provider', 'Placement postcode', 'URN of Placement', 'Placement Location', 'LA of Placement',
    "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months", "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
    'Was the child offered a Return Interview after their last missing episode (Y/N)?', 'Did the child accept a Return Interview after their last missing episode (Y/N)?', ...TEAM]],
  ['List 9 - Care leavers', [...CHILD, 'Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)', DIS, ...TEAM, 'Allocated Personal Advisor', 'Eligibility Category',
    'Latest Pathway Plan Review Date', 'LA in Touch', 'Latest Date of Contact', 'Type of Accommodation', 'Suitability of Accommodation', 'Activity Status']],
  ['List 10 - Adoption', ['Child Unique ID', 'Family identifier', 'Gender', 'Ethnicity', 'Date of Birth', 'Age of Child (Years)', DIS, 'Date the Child Entered Care',
    'Date of Decision that Child Should be Placed for Adoption', 'Date of Placement Order', 'Date of Matching Child and Prospective Adopters', 'Date Placed for Adoption', 'Date of Adoption Order',
    'Date of Decision that Child Should No Longer be Placed for Adoption', 'Reason Why Child No Longer Placed for Adoption', 'Date the child was placed for fostering in FFA or concurrent planning placement']],
  ['List 11 - Adopters', ['Individual adopter identifier', 'Family identifier', 'Gender', 'Ethnicity', 'Disability', 'Is the (prospective) adopter fostering for adoption?', 'Date enquiry received',
    'Date Stage 1 started', 'Date Stage 1 ended', 'Date Stage 2 started', 'Date Stage 2 ended', 'Date application submitted', 'Date application approved', 'Date adopter matched with child(ren)',
    'Date child/children placed with adopter(s)', 'No. of children placed', 'Date of Adoption Order', 'Date of leaving adoption process', 'Reason for leaving adoption process']],
];

describe.each(testBackends())('Ofsted Annex A from the register on %s', (kind) => {
  let database: DatabaseHandle;
  let councilId: string;
  let book: ExcelJS.Workbook;
  const steps: string[] = [];
  const ctx = (roles: Role[], userId = 'officer'): RequestContext => ({
    actor: { kind: 'staff', userId, councilId, name: userId, roles, practitionerId: null, teamIds: [], grantedChildIds: [], breakGlassChildIds: [] },
    origin: { ip: '127.0.0.1' }, now: new Date(`${AS_OF}T10:00:00Z`),
  });
  const count = async (query: ReturnType<typeof sql<{ n: number }>>) => (await query.execute(database.db)).rows[0]!.n;
  const touching = (k: string) => count(sql`select count(*)::int as n from case_episodes where council_id = ${councilId} and kind = ${k}
    and start_date <= ${AS_OF}::date and (end_date is null or end_date >= (${AS_OF}::date - interval '6 months')::date)`);
  const began = (k: string) => count(sql`select count(*)::int as n from case_episodes where council_id = ${councilId} and kind = ${k}
    and start_date between (${AS_OF}::date - interval '6 months')::date and ${AS_OF}::date`);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    councilId = newCouncilId();
    const data = generateCouncil({ councilId, name: 'Annex Borough', seed: 31, asOf: AS_OF, staffScale: 0.2, caseScale: 0.2 });
    const holder = data.allocations.find((a) => a.end_date === null && a.team_id.startsWith('CC'))!.practitioner_id;
    data.practitioners.find((p) => p.practitioner_id === holder)!.name = FORMULA_NAME;
    // A few referrals closed after assessment with nothing after them: only a referral, so not a child in need on list 6.
    const alone = data.episodes.filter((e) => e.kind === 'referral' && e.end_date === null && !data.episodes.some((o) => o.child_id === e.child_id && o.kind !== 'referral'));
    for (const e of alone.slice(0, 5)) e.end_date = AS_OF;
    expect(alone.length).toBeGreaterThan(5);
    await seedCouncil(database.db, data);
    const exchange = createExchangeService({ db: database.db });
    const { bytes } = await exchange.exportAnnexA(ctx(['data_officer']), AS_OF, (step, done, total) => steps.push(`${done}/${total} ${step}`));
    book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer); // exceljs types a Buffer as an ArrayBuffer
  });
  afterAll(async () => database?.close());

  it('has Ofsted’s lists in its order, each with Ofsted’s header row, then About', () => {
    expect(book.worksheets.map((w) => w.name)).toEqual([...OFSTED.map(([name]) => name), 'About']);
    for (const [name, headers] of OFSTED) expect((book.getWorksheet(name)!.getRow(1).values as unknown[]).slice(1), name).toEqual(headers);
  });

  it('reports its real steps as they start: the register, each list, the workbook', () => {
    expect(steps).toEqual(['0/13 Reading the register', ...OFSTED.map(([name], i) => `${i + 1}/13 ${name}`), '12/13 Writing the workbook', '13/13 Written']);
  });

  it('writes dates as date cells and counts as numbers, never a formula, with text guarded', () => {
    let dates = 0;
    for (const [name, headers] of OFSTED) {
      const sheet = book.getWorksheet(name)!;
      sheet.eachRow((row, r) => {
        if (r === 1) return;
        row.eachCell((cell, c) => {
          const header = headers[c - 1]!;
          expect(cell.formula, `${name} ${header}`).toBeUndefined();
          expect(cell.type, `${name} ${header}`).not.toBe(ExcelJS.ValueType.Formula);
          if (/^Date|Date$|Date of|date/.test(header)) {
            expect(cell.value, `${name} row ${r} ${header}`).toBeInstanceOf(Date);
            dates++;
          } else if (/^(Age|Number|No\.)/.test(header)) expect(typeof cell.value, `${name} ${header}`).toBe('number');
          else expect(typeof cell.value, `${name} ${header}`).toBe('string');
        });
      });
    }
    expect(dates).toBeGreaterThan(100);
    const workers = book.getWorksheet('List 8 - Children in care')!.getColumn(OFSTED[7]![1].indexOf('Allocated Worker') + 1).values;
    expect(workers).toContain(`'${FORMULA_NAME}`);
  });

  it('has as many rows in each list as the register holds for it', async () => {
    const rows = (name: string) => book.getWorksheet(name)!.rowCount - 1;
    const cin = await count(sql`with e as (
        select kind, start_date, end_date, child_id, sum(case when kind = 'referral' then 1 else 0 end) over (partition by child_id
          order by start_date, case kind when 'referral' then 0 when 's47' then 1 when 'cin_plan' then 2 when 'cp_plan' then 3 else 4 end, episode_id) as g
        from case_episodes where council_id = ${councilId} and kind in ('referral', 's47', 'cin_plan', 'cp_plan', 'looked_after') and start_date <= ${AS_OF}::date),
      groups as (select case when bool_or(end_date is null) then null else max(end_date) end as closed,
          bool_or(kind <> 'referral' or end_date is null or end_date > ${AS_OF}::date) as more_than_a_closed_referral
        from e group by child_id, g)
      select count(*)::int as n from groups where more_than_a_closed_referral and (closed is null or closed >= ${SIX_MONTHS_BEFORE}::date)`);
    const care = await count(sql`with e as (
        select child_id, start_date, end_date, episode_id, case when lag(end_date) over w = start_date then 0 else 1 end as fresh
        from case_episodes where council_id = ${councilId} and kind = 'looked_after' and start_date <= ${AS_OF}::date
        window w as (partition by child_id order by start_date, episode_id)),
      periods as (select child_id, end_date, sum(fresh) over (partition by child_id order by start_date, episode_id) as period from e)
      select count(*)::int as n from (select case when bool_or(end_date is null) then null else max(end_date) end as ceased from periods group by child_id, period) p
      where ceased is null or ceased >= ${SIX_MONTHS_BEFORE}::date`);
    const leavers = await count(sql`select count(*)::int as n from case_episodes where council_id = ${councilId} and kind = 'care_leaver'
      and start_date <= ${AS_OF}::date and (end_date is null or end_date > ${AS_OF}::date)`);
    const expected = {
      'List 1 - Contacts': 0, 'List 2 - Early help': await touching('family_help'), 'List 3 - Referrals': await began('referral'), 'List 4 - Assessments': await touching('referral'),
      'List 5 - Section 47 enquiries': await began('s47'), 'List 6 - Children in need': cin, 'List 7 - Child protection': await touching('cp_plan'), 'List 8 - Children in care': care,
      'List 9 - Care leavers': leavers, 'List 10 - Adoption': 0, 'List 11 - Adopters': 0,
    };
    expect(Object.fromEntries(OFSTED.map(([name]) => [name, rows(name)]))).toEqual(expected);
    for (const n of [2, 3, 4, 5, 6, 7, 8, 9]) expect(rows(OFSTED[n - 1]![0]), `list ${n}`).toBeGreaterThan(0);
  });

  it('says on the About sheet what the lists cover and which the register cannot fill', () => {
    const about = book.getWorksheet('About')!;
    const cells = new Map<string, ExcelJS.CellValue>();
    about.eachRow((row) => cells.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(cells.get('Period covered from')).toEqual(new Date(`${SIX_MONTHS_BEFORE}T00:00:00Z`));
    expect(cells.get('Reference date (the inspection)')).toEqual(new Date(`${AS_OF}T00:00:00Z`));
    expect(String(cells.get('List 1 - Contacts'))).toMatch(/^0 rows\..*not in the register/);
    expect(String(cells.get('List 11 - Adopters'))).toMatch(/does not hold adopters/);
  });

  it('is child-level data: one export event for a data officer, refused and recorded for anyone else', async () => {
    const exchange = createExchangeService({ db: database.db });
    const events = async (userId: string) => (await sql<{ action: string; fields: string | null }>`select action, fields from audit_events
      where council_id = ${councilId} and actor_user_id = ${userId} order by seq`.execute(database.db)).rows;
    expect(await events('officer')).toEqual([{ action: 'export', fields: `export Ofsted Annex A to ${AS_OF}` }]);
    for (const role of ['practitioner', 'service_manager', 'performance_analyst', 'auditor'] as const) {
      await expect(exchange.exportAnnexA(ctx([role], role), AS_OF)).rejects.toThrow();
      expect((await events(role)).map((e) => e.action)).toEqual(['denied']);
    }
  });
});
