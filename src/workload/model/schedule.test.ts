// Due dates from DOMAIN.md §3 (Working Together 2023; Care Planning Regulations 2010, regs 28
// and 33), worked by hand with the England calendar. March 2026 has no bank holidays.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { anyConfigArb, caseInputArb, ctxFor, onADay } from './arbitraries.test-support.ts';
import { dayFromIso, isoFromDay } from '../../kernel/calendar.ts';
import type { EpisodeInput } from './episodes.ts';
import { caseSchedule, EVERY_ACTIVITY, notInYourData, type RecordedInput } from './schedule.ts';
import { caseDemand } from './demand.ts';

const ctx = ctxFor();
const DEFAULT_ACTIVITIES_CODES = ctx.config.activities.map((a) => a.code);
const d = dayFromIso;
const episode = (kind: EpisodeInput['kind'], start: string, extra: Partial<EpisodeInput> = {}): EpisodeInput => ({ id: `${kind}-${start}`, kind, start: d(start), end: null, ...extra });
const recorded = (activityCode: string, ...dates: string[]): RecordedInput[] => dates.map((on) => ({ activityCode, on: d(on) }));
const schedule = (episodes: EpisodeInput[], done: RecordedInput[], on: string) =>
  caseSchedule({ childId: 'c', familyId: null, episodes, factors: [] }, done, d(on), ctx);
const item = (episodes: EpisodeInput[], done: RecordedInput[], on: string, code: string) => schedule(episodes, done, on).find((i) => i.activityCode === code);
const dueOf = (episodes: EpisodeInput[], done: RecordedInput[], on: string, code: string) => isoFromDay(item(episodes, done, on, code)!.dueOn);

describe('looked-after visits (reg. 28)', () => {
  const placed = [episode('looked_after', '2026-03-02')];

  test('first visit within a week of the placement', () => {
    const visit = item(placed, [], '2026-03-04', 'lac_visit')!;
    expect(isoFromDay(visit.dueOn)).toBe('2026-03-09');
    expect(visit).toMatchObject({ state: 'due_soon', daysOverdue: 0, lastDoneOn: null });
  });

  test('missed: overdue, counting the days since it fell due (on the due day itself it is not yet late)', () => {
    expect(item(placed, [], '2026-03-09', 'lac_visit')).toMatchObject({ state: 'due_soon', daysOverdue: 0 });
    expect(item(placed, [], '2026-03-10', 'lac_visit')).toMatchObject({ state: 'overdue', daysOverdue: 1 });
    expect(item(placed, [], '2026-03-12', 'lac_visit')).toMatchObject({ state: 'overdue', daysOverdue: 3 });
  });

  test('after a visit, the next is due within 6 weeks of it, even if it was late', () => {
    expect(dueOf(placed, recorded('lac_visit', '2026-03-07'), '2026-03-10', 'lac_visit')).toBe('2026-04-18');
    expect(dueOf(placed, recorded('lac_visit', '2026-03-20'), '2026-03-21', 'lac_visit')).toBe('2026-05-01');
    // A visit recorded in the future (a typo, or planned) does not count yet.
    expect(dueOf(placed, recorded('lac_visit', '2026-03-20'), '2026-03-10', 'lac_visit')).toBe('2026-03-09');
  });

  test('after 12 months in a long-term placement, every 3 months; otherwise still every 6 weeks', () => {
    const placement = (placementLongTerm: boolean) => [episode('looked_after', '2025-01-06', { placementLongTerm })];
    const lastYear = recorded('lac_visit', '2026-02-02');
    expect(dueOf(placement(true), lastYear, '2026-02-10', 'lac_visit')).toBe('2026-05-02');
    expect(dueOf(placement(false), lastYear, '2026-02-10', 'lac_visit')).toBe('2026-03-16');
    // Inside the first year the 6-week rule holds even for a long-term placement.
    expect(dueOf(placement(true), recorded('lac_visit', '2025-12-01'), '2025-12-05', 'lac_visit')).toBe('2026-01-12');
  });

  test('a move restarts visits from the new placement; reviews run from when care began', () => {
    const moved = [episode('looked_after', '2025-06-02', { end: d('2026-03-02') }), episode('looked_after', '2026-03-02')];
    const done = [...recorded('lac_visit', '2026-02-20'), ...recorded('lac_review', '2025-06-25', '2025-09-20')];
    expect(dueOf(moved, done, '2026-03-04', 'lac_visit')).toBe('2026-03-09');
    // Third review: 6 months after the second (reg. 33).
    expect(dueOf(moved, done, '2026-03-04', 'lac_review')).toBe('2026-03-20');
  });
});

describe('looked-after reviews (reg. 33)', () => {
  const inCare = [episode('looked_after', '2026-03-02')];
  test('first within 20 working days, second within 3 months of it, then every 6 months', () => {
    expect(dueOf(inCare, [], '2026-03-03', 'lac_review')).toBe('2026-03-30');
    expect(dueOf(inCare, recorded('lac_review', '2026-03-27'), '2026-04-01', 'lac_review')).toBe('2026-06-27');
    expect(dueOf(inCare, recorded('lac_review', '2026-03-27', '2026-06-20'), '2026-07-01', 'lac_review')).toBe('2026-12-20');
  });
});

describe('child protection', () => {
  test('section 47: initial conference within 15 working days, conditional until the outcome; gone on no further action', () => {
    const enquiry = (s47Outcome: EpisodeInput['s47Outcome']) => [episode('s47', '2026-03-02', { s47Outcome })];
    expect(item(enquiry(null), [], '2026-03-03', 'initial_cp_conference')).toMatchObject({ conditional: true, dueOn: d('2026-03-23') });
    expect(item(enquiry('conference'), [], '2026-03-03', 'initial_cp_conference')).toMatchObject({ conditional: false });
    expect(item(enquiry('no_further_action'), [], '2026-03-03', 'initial_cp_conference')).toBeUndefined();
    // The enquiry itself is still due, and done once recorded.
    expect(item(enquiry('no_further_action'), recorded('s47_enquiry', '2026-03-10'), '2026-03-12', 's47_enquiry')).toMatchObject({ state: 'done' });
  });

  test('a child protection plan supersedes the child in need plan: no child in need visits or reviews', () => {
    const codes = schedule([episode('cin_plan', '2025-06-02'), episode('cp_plan', '2026-02-02')], [], '2026-03-02').map((i) => i.activityCode);
    expect(codes).toEqual(expect.arrayContaining(['cp_visit', 'core_group', 'review_conference']));
    expect(codes).not.toContain('cin_visit');
    expect(codes).not.toContain('cin_review');
  });

  test('monthly work (court, case management) has no due date', () => {
    const codes = schedule([episode('court_proceedings', '2026-01-05'), episode('family_help', '2026-01-05')], [], '2026-03-02').map((i) => i.activityCode);
    expect(codes).toEqual([]);
  });
});

describe('schedules over generated cases', () => {
  const scenario = onADay((day) => fc.record({ child: caseInputArb(day, 'c'), visits: fc.array(fc.integer({ min: day - 400, max: day + 30 }), { maxLength: 6 }) }));
  test.prop([scenario, anyConfigArb])('states follow due dates, items come in date order, and only active unsuperseded work appears', ({ day, value }, config) => {
    const done = value.visits.map((on, i) => ({ activityCode: config.activities[i % config.activities.length]!.code, on }));
    const items = caseSchedule(value.child, done, day, ctxFor(config));
    const open = value.child.episodes.filter((e) => e.start <= day && (e.end === null || e.end > day)).map((e) => e.kind);
    const superseded = open.flatMap((k) => config.supersedes[k] ?? []);
    for (const [i, it] of items.entries()) {
      if (i > 0) expect(it.dueOn).toBeGreaterThanOrEqual(items[i - 1]!.dueOn);
      expect(open).toContain(it.status);
      expect(superseded).not.toContain(it.status);
      if (it.state === 'overdue') expect(it.daysOverdue).toBe(day - it.dueOn);
      else expect(it.daysOverdue).toBe(0);
      if (it.state !== 'done') expect(it.state === 'overdue').toBe(it.dueOn < day);
      if (it.lastDoneOn !== null) expect(it.lastDoneOn).toBeLessThanOrEqual(day);
    }
  });
});

describe('the strategy discussion comes before the enquiry it starts (DOMAIN.md §3)', () => {
  test('due on the day the section 47 enquiry starts, and done that day: the enquiry is dated from it', () => {
    const enquiry = [episode('s47', '2026-03-02')];
    const sd = item(enquiry, [], '2026-03-20', 'strategy_discussion')!;
    expect(sd).toMatchObject({ state: 'done', daysOverdue: 0, dueOn: d('2026-03-02'), lastDoneOn: d('2026-03-02') });
    // Due no later than the enquiry's other work.
    for (const other of ['s47_enquiry', 'initial_cp_conference']) expect(sd.dueOn).toBeLessThanOrEqual(item(enquiry, [], '2026-03-03', other)!.dueOn);
  });

  test.prop([onADay((day) => fc.integer({ min: day - 300, max: day }))])('never overdue, whenever the enquiry started', ({ day, value: start }) => {
    expect(item([episode('s47', isoFromDay(start))], [], isoFromDay(day), 'strategy_discussion')).toMatchObject({ state: 'done', dueOn: start });
  });
});

describe('work the data cannot show is not in your data, never overdue', () => {
  const cp = [episode('cp_plan', '2025-01-06')];
  const missing = new Set(['core_group']);
  const withMissing = (episodes: EpisodeInput[], done: RecordedInput[], on: string) =>
    caseSchedule({ childId: 'c', familyId: null, episodes, factors: [] }, done, d(on), ctx, { notInData: missing });

  test('a core group the data cannot record is shown as not in your data; visits the data records stay overdue', () => {
    const items = withMissing(cp, [], '2026-03-02');
    expect(items.find((i) => i.activityCode === 'core_group')).toMatchObject({ state: 'not_in_data', daysOverdue: 0, lastDoneOn: null });
    expect(items.find((i) => i.activityCode === 'cp_visit')).toMatchObject({ state: 'overdue' });
    // Without the coverage it is overdue, as before.
    expect(item(cp, [], '2026-03-02', 'core_group')).toMatchObject({ state: 'overdue' });
  });

  test('once one is recorded, the schedule runs from it again', () => {
    const items = withMissing(cp, recorded('core_group', '2026-02-20'), '2026-03-02');
    expect(items.find((i) => i.activityCode === 'core_group')).toMatchObject({ state: 'upcoming', dueOn: d('2026-03-20'), lastDoneOn: d('2026-02-20') });
  });

  test('coverage: nothing is missing without any import, or when a source records everything; else what no source carries', () => {
    const codes = ['core_group', 'cp_visit', 'cin_review'];
    expect([...notInYourData([], codes)]).toEqual([]);
    expect([...notInYourData([{ activityCode: EVERY_ACTIVITY, carried: true }, { activityCode: 'core_group', carried: false }], codes)]).toEqual([]);
    const cov = [{ activityCode: 'core_group', carried: false }, { activityCode: 'cp_visit', carried: true }, { activityCode: 'cp_visit', carried: false }];
    // cin_review: no source mentions it, so none carries it.
    expect([...notInYourData(cov, codes)].sort()).toEqual(['cin_review', 'core_group']);
  });

  const scenario = onADay((day) => fc.record({
    child: caseInputArb(day, 'c'),
    visits: fc.array(fc.integer({ min: day - 400, max: day + 30 }), { maxLength: 6 }),
    missing: fc.subarray(DEFAULT_ACTIVITIES_CODES),
  }));
  test.prop([scenario])('an activity not in the data is never overdue, the rest are scheduled as without it, and demand is the same', ({ day, value }) => {
    const done = value.visits.map((on, i) => ({ activityCode: DEFAULT_ACTIVITIES_CODES[i % DEFAULT_ACTIVITIES_CODES.length]!, on }));
    const notInData = new Set(value.missing);
    const plain = caseSchedule(value.child, done, day, ctx);
    const honest = caseSchedule(value.child, done, day, ctx, { notInData });
    expect(honest.map((i) => [i.activityCode, i.dueOn])).toEqual(plain.map((i) => [i.activityCode, i.dueOn]));
    for (const [i, it] of honest.entries()) {
      const before = plain[i]!;
      if (notInData.has(it.activityCode) && before.lastDoneOn === null && before.state !== 'done') {
        expect(it.state).toBe('not_in_data');
        expect(it.daysOverdue).toBe(0);
      } else expect(it).toEqual(before);
    }
    // Work not in the data still counts in demand: every recurring item shown as not in your data has hours this month.
    const demand = caseDemand(value.child, day, ctx);
    for (const it of honest.filter((x) => x.state === 'not_in_data' && ctx.config.activities.find((a) => a.code === x.activityCode)!.rule.kind === 'recurring')) {
      expect(demand.activities.find((a) => a.code === it.activityCode)?.hours.central ?? 0).toBeGreaterThan(0);
    }
  });
});
