import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, workloadConfigSchema } from './catalogue.ts';
import { caseloadDemand } from './demand.ts';
import { handOff, supportDemand, type DelegatedTask } from './delegation.ts';
import { dayFromIso } from '../../kernel/calendar.ts';
import { ctxFor } from './arbitraries.test-support.ts';

const day = dayFromIso('2026-11-23');
const cinCase = { childId: 'c1', familyId: null, episodes: [{ id: 'e1', kind: 'cin_plan' as const, start: day - 60, end: null }], factors: [] };
const task = (over: Partial<DelegatedTask> = {}): DelegatedTask => ({ taskId: 't1', childId: 'c1', type: 'letter', title: 'Letter to school', holderUserId: 'bs-1', requestedOn: day - 1, dueOn: day + 3, doneOn: null, cancelled: false, ...over });

describe('handing a letter to business support', () => {
  it('takes the letter’s hours off the practitioner and says so in a line', () => {
    const before = caseloadDemand([cinCase], day, ctxFor());
    const after = handOff(before, [task()], day, DEFAULT_CONFIG);
    expect(after.handedOff).toHaveLength(1);
    expect(after.handedOff[0]!.text).toBe('Letter to school handed to business support: −1.5 h');
    expect(after.total.central).toBeCloseTo(before.total.central - 1.5, 9);
    expect(supportDemand(after.handedOff, 'bs-1').total.central).toBeCloseTo(1.5, 9);
    expect(supportDemand(after.handedOff, 'bs-2').total.central).toBe(0);
  });

  it('moves no more than the case’s case-management time, and says it is capped', () => {
    const before = caseloadDemand([cinCase], day, ctxFor());
    const after = handOff(before, [task(), task({ taskId: 't2' })], day, DEFAULT_CONFIG);
    // 2 h a month of case management (DOMAIN.md §4): 1.5 h, then the 0.5 h left.
    expect(after.handedOff.map((l) => l.hours.central)).toEqual([1.5, 0.5]);
    expect(after.handedOff[1]!.capped).toBe(true);
  });

  it('leaves a case it is not held with alone, and a task handed back last month', () => {
    const before = caseloadDemand([cinCase], day, ctxFor());
    expect(handOff(before, [task({ childId: 'c2' })], day, DEFAULT_CONFIG).handedOff).toEqual([]);
    expect(handOff(before, [task({ doneOn: day - 2 })], day, DEFAULT_CONFIG).handedOff).toEqual([]);
  });

  it('reads a configuration saved before task hours existed, with the defaults', () => {
    const { taskHours: _t, businessSupport: _b, ...older } = DEFAULT_CONFIG;
    const parsed = workloadConfigSchema.parse(JSON.parse(JSON.stringify(older)));
    expect(parsed.taskHours.find((t) => t.type === 'letter')!.hours.central).toBe(1.5);
    expect(parsed.businessSupport.taskShare).toBe(0.6);
  });
});
