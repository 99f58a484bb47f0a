import { describe, expect, it } from 'vitest';
import type { PractitionerSummaryView } from '../model/views.ts';
import { parseTeamQuery, toTeamPageView, type TeamPageData } from './team.ts';

const room = { fewest: 1, central: 2, most: 3 };
const person = (id: string, name: string, cases: number, ratio: number | null, band: PractitionerSummaryView['band'], role = 'social_worker'): PractitionerSummaryView => ({
  practitionerId: id, name, teamId: 'T1', role, fte: 1, agency: false, inAsye: false, cases,
  demandHours: { low: 70 * (ratio ?? 0), central: 100 * (ratio ?? 0), high: 140 * (ratio ?? 0) }, capacityHours: ratio === null ? 0 : 100,
  ratio: ratio === null ? null : { low: ratio * 0.7, central: ratio, high: ratio * 1.4 }, band,
  headroom: { family_help: room, referral: room, cin_plan: room, cp_plan: room, looked_after: room, care_leaver: room },
});

const data: TeamPageData = {
  team: { teamId: 'T1', name: 'Safeguarding 1', service: 'child_protection' },
  date: '2026-11-23',
  configVersion: 2,
  bands: { greenUpTo: 0.85, amberUpTo: 1 },
  practitioners: [
    person('P1', 'Ann Able', 12, 0.7, 'green'),
    person('P2', 'Bo Brown', 18, 1.1, 'red'),
    person('P3', 'Cy <Coe>', 15, 0.9, 'amber', 'senior_practitioner'),
    person('P4', 'Di Dunn', 3, null, 'cover'),
  ],
  absences: [{ practitionerId: 'P1', kind: 'sickness', start: '2026-11-20', end: '2026-11-27' }, { practitionerId: 'P2', kind: 'annual_leave', start: '2026-10-01', end: '2026-10-05' }],
  posts: [{ postId: 'X', role: 'social_worker', fte: 1, status: 'vacant', coveredBy: null }, { postId: 'Y', role: 'social_worker', fte: 1, status: 'filled', coveredBy: null }],
  history: [
    { practitionerId: 'P2', date: '2026-11-01', band: 'green' }, { practitionerId: 'P2', date: '2026-11-02', band: 'amber' },
    { practitionerId: 'P2', date: '2026-11-23', band: 'red' }, { practitionerId: 'P3', date: '2026-11-23', band: 'amber' },
  ],
};

describe('team page view', () => {
  it('defaults to the heaviest workload first, with no capacity counted heaviest, and headroom for the team’s usual case type', () => {
    const q = parseTeamQuery({}, 'child_protection');
    expect(q).toEqual({ sort: 'ratio', order: 'desc', role: '', band: '', type: 'cp_plan' });
    const view = toTeamPageView(data, q);
    expect(view.rows.map((r) => r.practitionerId)).toEqual(['P4', 'P2', 'P3', 'P1']);
    expect(view.head.find((h) => h.active)?.ariaSort).toBe('descending');
  });

  it('sorts by any column and builds links that keep the filters', () => {
    const view = toTeamPageView(data, parseTeamQuery({ sort: 'cases', order: 'asc', role: 'social_worker' }, 'child_protection'));
    expect(view.rows.map((r) => r.cases)).toEqual([3, 12, 18]);
    const cases = view.head.find((h) => h.text === 'Cases')!;
    expect(cases.href).toContain('order=desc');
    expect(cases.href).toContain('role=social_worker');
  });

  it('ignores unknown query values instead of failing', () => {
    expect(parseTeamQuery({ sort: 'drop table', order: 'sideways', role: 'x', band: 'blue', type: 'y' }, 'care_leavers'))
      .toEqual({ sort: 'ratio', order: 'asc', role: '', band: '', type: 'care_leaver' });
  });

  it('filters by band, where "over" means amber or red', () => {
    const view = toTeamPageView(data, parseTeamQuery({ band: 'over' }, 'child_protection'));
    expect(view.rows.map((r) => r.practitionerId).sort()).toEqual(['P2', 'P3']);
    expect(view.shown).toBe(2);
    // Work needing cover is its own band, not "over".
    expect(toTeamPageView(data, parseTeamQuery({ band: 'cover' }, 'child_protection')).rows.map((r) => r.practitionerId)).toEqual(['P4']);
    expect(view.total).toBe(4);
  });

  it('says who is over the safe band and for how long, longest first', () => {
    const view = toTeamPageView(data, parseTeamQuery({}, 'child_protection'));
    expect(view.over.map((o) => [o.name, o.since])).toEqual([
      ['Bo Brown', 'Since 2 November 2026 (21 days)'],
      ['Cy <Coe>', 'Since 23 November 2026 (0 days)'],
    ]);
  });

  it('lists current and coming absences, vacancies, and the chart with its table', () => {
    const view = toTeamPageView(data, parseTeamQuery({}, 'child_protection'));
    expect(view.absences).toEqual([{ name: 'Ann Able', kind: 'Sickness', from: '20 November 2026', to: '27 November 2026' }]);
    expect(view.vacancies).toEqual([{ role: 'Social worker', fte: '1', cover: 'Not covered' }]);
    expect(view.chart.table.rows[0]).toEqual(['Di Dunn', '–', 'Needs cover']);
    expect(view.chart.svg).not.toContain('Cy <Coe>');
    expect(view.summary.find((s) => s.label === 'Over the safe band')?.value).toBe('2');
    expect(view.summary.find((s) => s.label === 'Cases needing cover')?.value).toBe('3');
  });

  it('lists cases held by someone with no casework time as needing cover, apart from those over the band', () => {
    const view = toTeamPageView(data, parseTeamQuery({}, 'child_protection'));
    expect(view.needingCover.map((p) => [p.name, p.cases])).toEqual([['Di Dunn', 3]]);
    expect(view.over.map((p) => p.name)).not.toContain('Di Dunn');
  });
});
