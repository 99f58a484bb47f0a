import { describe, expect, it } from 'vitest';
import { toServicePageView, type ServicePageData } from './service.ts';

const person = (teamId: string, role: string, cases: number, fte: number, band: 'green' | 'amber' | 'red' | 'none', extra: Partial<ServicePageData['people'][number]> = {}) =>
  ({ teamId, role, cases, fte, band, agency: false, inAsye: false, demandCentral: cases * 5, caseworkHours: 100 * fte, ...extra });

const data: ServicePageData = {
  date: '2026-11-23',
  configVersion: 1,
  bands: { greenUpTo: 0.85, amberUpTo: 1 },
  teams: [{ teamId: 'A', name: 'Team A', service: 'child_protection', vacancies: 2 }, { teamId: 'B', name: 'Team B', service: 'family_help', vacancies: 0 }],
  people: [
    person('A', 'social_worker', 16, 1, 'amber'), person('A', 'social_worker', 8, 0.5, 'green', { agency: true }),
    person('A', 'team_manager', 0, 1, 'none'),
    // Family help practitioners are not social workers: outside the DfE measure.
    person('B', 'family_help_practitioner', 30, 1, 'red'),
  ],
  snapshots: [
    { date: '2026-11-22', role: 'social_worker', fte: 1, cases: 14, band: 'green' },
    { date: '2026-11-23', role: 'social_worker', fte: 1, cases: 16, band: 'amber' },
  ],
  census: null,
};

describe('service view', () => {
  it('gives the DfE measure: social workers’ cases (agency included) ÷ FTE of those holding one or more', () => {
    const view = toServicePageView(data);
    expect(view.dfe).toEqual({ caseload: '16', cases: '24', caseHolders: 2, fte: '1.5' });
    expect(view.basis).toBe('FTE30');
    expect(view.otherBasis).toBe('FTE');
  });

  it('compares teams on the DfE measure and on workload, with a chart and its table', () => {
    const view = toServicePageView(data);
    const a = view.teams.find((t) => t.teamId === 'A')!;
    expect(a).toMatchObject({ cases: 24, caseload: '16', over: 1, agency: 1, vacancies: 2 });
    expect(view.teams.find((t) => t.teamId === 'B')!.caseload).toBe('–');
    expect(view.chart.table.rows.map((r) => r[0])).toEqual(['Team A', 'Team B']);
  });

  it('shows the measure from the imported workforce census beside the register’s, with its census date', () => {
    expect(toServicePageView(data).census).toBeNull();
    const census = { censusDate: '2025-09-30', workers: [
      { cases30: 18, fte: 1, fte30: 1, agency: false }, { cases30: 9, fte: 0.6, fte30: 0.5, agency: true },
      // A leaver (no Cases30) and a worker holding none: outside the measure.
      { cases30: null, fte: 1, fte30: null, agency: false }, { cases30: 0, fte: 1, fte30: 1, agency: false },
    ] };
    const view = toServicePageView({ ...data, census });
    expect(view.census).toEqual({ dateText: '30 September 2025', caseload: '18', cases: '27', caseHolders: 2, fte: '1.5' });
    expect(toServicePageView({ ...data, census }, 'FTE').census!.caseload).toBe('16.9');
    // The register's own figure is unchanged beside it.
    expect(view.dfe.caseload).toBe('16');
  });

  it('draws trends once there are two snapshot days', () => {
    const view = toServicePageView(data);
    expect(view.trends.map((t) => t.table.rows)).toEqual([
      [['2026-11-22', '14'], ['2026-11-23', '16']],
      [['2026-11-22', '0%'], ['2026-11-23', '100%']],
    ]);
    expect(toServicePageView({ ...data, snapshots: data.snapshots.slice(1) }).trends).toEqual([]);
  });
});
