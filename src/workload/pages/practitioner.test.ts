import { describe, expect, it } from 'vitest';
import type { BreakdownView } from '../model/views.ts';
import { toPractitionerPageView, type PractitionerPageData } from './practitioner.ts';

const room = { fewest: 0, central: 1, most: 2 };
const breakdown: BreakdownView = {
  practitionerId: 'P1', name: 'Ann Able', teamId: 'T1', role: 'social_worker', fte: 1, agency: false, inAsye: true, cases: 2,
  demandHours: { low: 63, central: 90, high: 126 }, capacityHours: 100, ratio: { low: 0.63, central: 0.9, high: 1.26 }, band: 'amber',
  headroom: { family_help: room, referral: room, cin_plan: room, cp_plan: { fewest: null, central: null, most: null } as never, looked_after: room, care_leaver: room },
  date: '2026-11-23', configVersion: 3,
  capacity: { contractedHours: 160, leaveHours: 21, protectedTime: [{ code: 'supervision', name: 'Supervision', hours: 1.5 }], asyeHours: 16, absenceHours: 0, availableHours: 121.5, caseworkShare: 1, caseworkHours: 100 },
  caseList: [
    { childId: 'C1', childName: 'Zoe', statuses: ['Child protection plan'], hours: { low: 40, central: 60, high: 80 },
      activities: [{ code: 'cp_visit', name: 'Child protection visit', category: 'direct', occurrences: 2.1, multiplier: 1, siblingShare: 1, hours: { low: 4, central: 6.3, high: 9 }, why: ['Every 10 working days'] },
        { code: 'x', name: 'Nothing', category: 'admin', occurrences: 0, multiplier: 1, siblingShare: 1, hours: { low: 0, central: 0, high: 0 }, why: [] }] },
    { childId: 'C2', childName: 'Yan', statuses: ['Looked after'], hours: { low: 20, central: 30, high: 46 }, activities: [] },
  ],
};
const data: PractitionerPageData = {
  breakdown,
  bands: { greenUpTo: 0.85, amberUpTo: 1 },
  due: [
    { childId: 'C1', childName: 'Zoe', name: 'Child protection visit', activityCode: 'cp_visit', dueOn: '2026-11-20', state: 'overdue', daysOverdue: 3, conditional: false },
    { childId: 'C2', childName: 'Yan', name: 'Looked-after review', activityCode: 'lac_review', dueOn: '2026-12-01', state: 'due_soon', daysOverdue: 0, conditional: false },
    { childId: 'C2', childName: 'Yan', name: 'Looked-after visit', activityCode: 'lac_visit', dueOn: '2027-01-10', state: 'upcoming', daysOverdue: 0, conditional: false },
  ],
};

describe('practitioner page view', () => {
  it('gives the workload as a range against the safe band, in hours and as a picture with a table', () => {
    const view = toPractitionerPageView(data, { self: true });
    expect(view.title).toBe('My workload');
    expect(view.ratio).toBe('90%');
    expect(view.ratioRange).toBe('63% to 126%');
    expect(view.chart.table.rows).toEqual([
      ['Low estimate', '63 hours', 'Within safe band'], ['Central estimate', '90 hours', 'Over safe band'], ['High estimate', '126 hours', 'Over capacity'],
    ]);
  });

  it('lists what is due in the next two weeks and everything overdue, soonest first', () => {
    const view = toPractitionerPageView(data, { self: true });
    expect(view.due.map((d) => [d.name, d.stateText])).toEqual([['Child protection visit', 'Overdue by 3 days'], ['Looked-after review', 'Due soon']]);
    expect(view.overdue).toBe(1);
  });

  it('explains each case by its activities and shows protected time, ASYE included', () => {
    const view = toPractitionerPageView(data, { self: false });
    expect(view.title).toBe('Ann Able: workload');
    expect(view.caseList[0]!.activities).toEqual([{ name: 'Child protection visit', occurrences: '2.1', hours: '6.3', why: 'Every 10 working days' }]);
    expect(view.protectedTime.map((p) => p.name)).toEqual(['Supervision', 'ASYE development time and extra supervision']);
    expect(view.headroom.find((h) => h.type === 'Child protection plan')?.text).toBe('No limit');
    expect(view.headroom.find((h) => h.type === 'Family help')?.text).toBe('1 (0 to 2)');
  });
});
