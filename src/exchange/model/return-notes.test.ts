// What a CIN-only or 903-only import says it left out, and what the register then assumes.
import { describe, expect, it } from 'vitest';
import { ReportBuilder } from '../../standards/report.ts';
import { CIN_COMPLETION, coverageFrom, SSDA903_COMPLETION } from './coverage.ts';
import { returnNotes } from './return-notes.ts';

const child = (id: string) => ({ child_id: id }) as never;
const worker = { practitioner_id: 'W1' } as never;

type Args = Parameters<typeof returnNotes>;
function notes(format: Args[0], register: Args[1], s: Args[2], coverage: Args[3]) {
  const report = new ReportBuilder();
  returnNotes(format, register, s, coverage, report);
  return report.notes;
}

describe('what a return about children leaves out', () => {
  it('a CIN census into an empty register: no workers, no absences, posts or hours, no names, and the work it cannot show', () => {
    const out = notes('cin', { practitioners: [], children: [] }, { children: [child('A'), child('B')], allocations: [] }, coverageFrom(CIN_COMPLETION, new Set(['cin'])));
    expect(out).toEqual([
      expect.stringMatching(/^No social workers, teams or allocations: a CIN census does not say who holds each case.*no one's caseload/),
      expect.stringMatching(/^No absences, posts or contracted hours: a CIN census is about children/),
      expect.stringMatching(/^No names or families: 2 children new to Caseweight/),
      'A CIN census does not show when these are done: referral decision, core group meeting, child protection visit, child in need visit and child in need plan review. Unless another import shows them, schedules show them as not in your data rather than overdue, and they still count in workload.',
    ]);
    // Plain words: no element, table or field names.
    for (const n of out) expect(n).not.toMatch(/[a-z]_[a-z]|LAchildID|CINdetails/);
  });

  it('a CIN census beside the SSD: allocations kept as held, and no names note when every child is already held', () => {
    const out = notes('cin', { practitioners: [worker], children: [child('A')] }, { children: [child('A')], allocations: [] }, coverageFrom(CIN_COMPLETION, new Set(['cin'])));
    expect(out[0]).toMatch(/^No allocations: a CIN census does not say who holds each case\. Allocations already held are kept/);
    expect(out.join(' ')).not.toMatch(/No names/);
    expect(out.join(' ')).toMatch(/No absences, posts or contracted hours/);
  });

  it('an SSDA903 return: visits are not in it, reviews are when the reviews table came', () => {
    const empty = { practitioners: [], children: [] };
    const withReviews = notes('903', empty, { children: [child('A')], allocations: [] }, coverageFrom(SSDA903_COMPLETION, new Set(['header', 'reviews'])));
    expect(withReviews[0]).toMatch(/^No social workers or teams: Caseweight holds no workers yet, and an SSDA903 return cannot add them/);
    expect(withReviews.at(-1)).toBe('An SSDA903 return does not show when these are done: looked-after child visit. Unless another import shows them, schedules show them as not in your data rather than overdue, and they still count in workload.');
    const without = notes('903', empty, { children: [child('A')], allocations: [] }, coverageFrom(SSDA903_COMPLETION, new Set(['header'])));
    expect(without.at(-1)).toMatch(/: looked-after child visit and looked-after review\./);
    const held = notes('903', { practitioners: [worker], children: [child('A')] }, { children: [child('A')], allocations: [{} as never] }, coverageFrom(SSDA903_COMPLETION, new Set(['reviews'])));
    expect(held.join(' ')).not.toMatch(/No social workers|No names/);
  });
});
