import { describe, expect, it } from 'vitest';
import { ageOn, toCasePageView, type CasePageData } from './case.ts';

const data: CasePageData = {
  date: '2026-11-23',
  configVersion: 1,
  child: { childId: 'C1', name: 'Zoe Zed', dateOfBirth: '2015-11-24', sex: 'F', familyId: 'F1', restricted: true },
  episodes: [
    { kind: 'cin_plan', start: '2025-01-01', end: '2026-03-01', placementDistanceMiles: null, placementLongTerm: null, s47Outcome: null },
    { kind: 'looked_after', start: '2026-03-01', end: null, placementDistanceMiles: 32, placementLongTerm: true, s47Outcome: null },
  ],
  factors: [{ factor: 'interpreter', start: '2025-01-01', end: null }, { factor: 'missing', start: '2025-01-01', end: '2025-06-01' }],
  allocations: [
    { practitionerId: 'P0', practitionerName: 'Old Worker', teamId: 'T1', role: 'lead', start: '2025-01-01', end: '2026-03-01' },
    { practitionerId: 'P1', practitionerName: 'Ann Able', teamId: 'T2', role: 'lead', start: '2026-03-01', end: null },
  ],
  schedule: { childId: 'C1', childName: 'Zoe Zed', date: '2026-11-23', configVersion: 1, statuses: ['Looked after'], overdue: 1, notInData: 0,
    items: [{ activityCode: 'lac_visit', name: 'Looked-after child visit', status: 'Looked after', dueOn: '2026-11-01', lastDoneOn: '2026-09-20', state: 'overdue', daysOverdue: 22, conditional: false, ruleSource: 'reg. 28' }] },
  demand: { statuses: ['looked_after'], total: { low: 10, central: 14.2, high: 20 },
    activities: [{ name: 'Looked-after child visit', occurrences: 0.7, multiplier: 1.3, hours: { low: 3, central: 4.4, high: 6 }, why: ['Placement 32 miles away'] }] },
  sources: { 'Looked-after child visit': 'Estimate' },
};

describe('case page view', () => {
  it('summarises the child as on the page date', () => {
    const view = toCasePageView(data);
    expect(ageOn('2015-11-24', '2026-11-23')).toBe(10);
    expect(ageOn('2015-11-23', '2026-11-23')).toBe(11);
    expect(Object.fromEntries(view.summary.map((r) => [r.key, r.value]))).toMatchObject({
      'Date of birth': '24 November 2015 (age 10)', 'Status now': 'Looked after', 'Allocated to': 'Ann Able', Complexity: 'Needs an interpreter',
      Access: 'Restricted record: only people with a grant can see it',
    });
  });

  it('shows status and allocation history latest first, and the schedule with overdue work', () => {
    const view = toCasePageView(data);
    expect(view.episodes[0]).toEqual({ status: 'Looked after', from: '1 March 2026', to: 'Open', details: 'Placement 32 miles away, intended to last until 18' });
    expect(view.allocations.map((a) => a.name)).toEqual(['Ann Able', 'Old Worker']);
    expect(view.schedule[0]).toMatchObject({ stateText: 'Overdue by 22 days', tag: 'govuk-tag--red', lastDone: '20 September 2026' });
  });

  it('explains the hours the case generates, with the source of each figure', () => {
    const view = toCasePageView(data);
    expect(view.hours).toEqual({ central: '14.2', low: '10', high: '20' });
    expect(view.activities).toEqual([{ name: 'Looked-after child visit', occurrences: '0.7', hours: '4.4', range: '3 to 6', why: 'Placement 32 miles away', source: 'Estimate' }]);
  });
});
