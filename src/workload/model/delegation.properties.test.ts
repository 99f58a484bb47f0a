// Hours move with the work (issue 16, item 2): handing a task to business support never changes
// the team's total demand, only who holds it. Generated teams, tasks and configurations.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { anyConfigArb, caseloadArb, ctxFor, onADay } from './arbitraries.test-support.ts';
import { TASK_TYPES, type WorkloadConfig } from './catalogue.ts';
import { caseloadDemand } from './demand.ts';
import { handOff, supportDemand, taskInMonth, type DelegatedTask } from './delegation.ts';
import type { Day } from '../../kernel/calendar.ts';
import { sumRanges, type Range } from '../../kernel/range.ts';

const COMPONENTS = ['low', 'central', 'high'] as const;
const HOLDERS = ['bs-1', 'bs-2', null] as const;
const slack = (x: number) => 1e-9 * Math.max(1, Math.abs(x));

/** A team of up to four practitioners, each with their own children (ids prefixed by the practitioner). */
const teamArb = (day: Day) => fc.array(caseloadArb(day, 5), { minLength: 1, maxLength: 4 })
  .map((loads) => loads.map((cases, p) => cases.map((c) => ({ ...c, childId: `p${p}-${c.childId}`, familyId: c.familyId && `p${p}-${c.familyId}` }))));

const taskArb = (day: Day, childIds: readonly string[]): fc.Arbitrary<DelegatedTask> => fc.record({
  taskId: fc.uuid(),
  childId: childIds.length ? fc.constantFrom(...childIds) : fc.constant('nobody'),
  type: fc.constantFrom(...TASK_TYPES),
  title: fc.constant('A task'),
  holderUserId: fc.constantFrom(...HOLDERS),
  requestedOn: fc.integer({ min: day - 40, max: day + 2 }),
  dueOn: fc.integer({ min: day - 20, max: day + 45 }),
  doneOn: fc.option(fc.integer({ min: day - 10, max: day + 40 }), { nil: null }),
  cancelled: fc.boolean(),
});

const scenario = onADay((day) => teamArb(day).chain((team) => {
  const childIds = team.flat().map((c) => c.childId);
  return fc.record({ team: fc.constant(team), tasks: fc.array(taskArb(day, childIds), { maxLength: 12 }), holders: fc.array(fc.constantFrom(...HOLDERS), { minLength: 12, maxLength: 12 }) });
}));

function teamTotals(team: ReturnType<typeof teamArb> extends fc.Arbitrary<infer T> ? T : never, tasks: readonly DelegatedTask[], day: Day, config: WorkloadConfig) {
  const ctx = ctxFor(config);
  const before = team.map((cases) => caseloadDemand(cases, day, ctx));
  const after = before.map((d) => handOff(d, tasks, day, config));
  const lines = after.flatMap((d) => d.handedOff);
  const support = HOLDERS.map((h) => supportDemand(lines, h).total);
  return { before: sumRanges(before.map((d) => d.total)), practitioners: after.map((d) => d.total), support, lines };
}

const expectClose = (a: Range, b: Range, what: string) => {
  for (const k of COMPONENTS) expect(Math.abs(a[k] - b[k]), `${what} ${k}: ${a[k]} vs ${b[k]}`).toBeLessThanOrEqual(slack(b[k]));
};

describe('tasks handed to business support', () => {
  test.prop([scenario, anyConfigArb])('delegating never changes the team’s total demand: what leaves the practitioners is what business support holds', ({ day, value }, config) => {
    const { before, practitioners, support } = teamTotals(value.team, value.tasks, day, config);
    expectClose(sumRanges([...practitioners, ...support]), before, 'team total');
  });

  test.prop([scenario, anyConfigArb])('who in business support holds a task changes only whose demand it is', ({ day, value }, config) => {
    const reassigned = value.tasks.map((t, i) => ({ ...t, holderUserId: value.holders[i] ?? null }));
    const a = teamTotals(value.team, value.tasks, day, config);
    const b = teamTotals(value.team, reassigned, day, config);
    a.practitioners.forEach((p, i) => expectClose(b.practitioners[i]!, p, `practitioner ${i}`));
    expectClose(sumRanges(b.support), sumRanges(a.support), 'business support in all');
  });

  test.prop([scenario, anyConfigArb])('a practitioner’s demand never goes below zero, and no task moves more than its hours', ({ day, value }, config) => {
    const { practitioners, lines } = teamTotals(value.team, value.tasks, day, config);
    for (const p of practitioners) for (const k of COMPONENTS) expect(p[k]).toBeGreaterThanOrEqual(-slack(p[k]));
    for (const line of lines) {
      const rule = config.taskHours.find((h) => h.type === line.type)!;
      for (const k of COMPONENTS) expect(line.hours[k]).toBeLessThanOrEqual(rule.hours[k] + slack(rule.hours[k]));
    }
  });

  test.prop([scenario, anyConfigArb])('only tasks of the month move hours: cancelled, future or already handed back ones move none', ({ day, value }, config) => {
    const { lines } = teamTotals(value.team, value.tasks, day, config);
    const counted = new Set(value.tasks.filter((t) => taskInMonth(t, day, config.horizonDays)).map((t) => t.taskId));
    for (const line of lines) expect(counted.has(line.taskId)).toBe(true);
    for (const t of value.tasks.filter((t) => t.cancelled || t.requestedOn > day)) expect(lines.some((l) => l.taskId === t.taskId)).toBe(false);
  });
});
