import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { MIN_GROUP, publishMonth, type AnswerRow } from '../model/publish.ts';
import type { AnswerCode } from '../model/questions.ts';
import type { PulseResultsData } from '../service/index.ts';
import { pulseDataTable } from './results-export.ts';
import { toServiceResultsView } from './results.ts';

const TEAMS = ['T1', 'T2', 'T3', 'T4', 'T5'];
const code = fc.integer({ min: 1, max: 5 }) as fc.Arbitrary<AnswerCode>;
const answers = fc.tuple(...[...TEAMS, null].map(() => fc.integer({ min: 0, max: 8 }))).chain((counts) =>
  fc.tuple(...counts.map((n, i) => fc.array(fc.record({ workload: code, extraHours: code, safe: code, stay: code }).map((a): AnswerRow => ({ teamId: [...TEAMS, null][i]!, ...a })), { minLength: n, maxLength: n }))))
  .map((groups) => groups.flat());

/** The service's data for a month, as the service builds it from the published table. */
function resultsData(rows: readonly AnswerRow[]): PulseResultsData {
  const table = publishMonth('2026-02', rows, TEAMS);
  return {
    month: '2026-02', months: ['2026-02'], minGroup: MIN_GROUP, greenUpTo: 0.85, service: table.service,
    teams: table.teams.map((cell) => ({ teamId: cell.teamId, name: `Team ${cell.teamId}`, staff: 12, cell, modelled: { people: 10, overBand: 3, medianRatio: 0.8 }, agreement: 'agree', openable: true })),
  };
}

describe('the pulse pages and download over generated answer sets', () => {
  test.prop([answers])('the page shows figures only for groups of five or more, and words for the rest', (rows) => {
    const view = toServiceResultsView(resultsData(rows));
    for (const t of view.teams) {
      const own = rows.filter((r) => r.teamId === t.teamId).length;
      if (t.figures) expect(Number(t.figures.respondents)).toBeGreaterThanOrEqual(MIN_GROUP);
      else expect(t.withheld).toMatch(/^Not shown/);
      // A group under five is never shown, whatever else is.
      if (own < MIN_GROUP) expect(t.figures).toBeNull();
    }
    if (view.service) expect(Number(view.service.respondents)).toBeGreaterThanOrEqual(MIN_GROUP);
    else expect(rows.length).toBeLessThan(MIN_GROUP);
  });

  test.prop([answers])('the CSV holds the same rows: no count under five, and a withheld row has no figures at all', (rows) => {
    const table = pulseDataTable(resultsData(rows));
    const count = table.columns.findIndex((c) => c.header === 'People who answered');
    const figures = table.columns.map((c, i) => (c.kind === 'percent' || c.kind === 'decimal' ? i : -1)).filter((i) => i >= 0 && !table.columns[i]!.header.startsWith('Modelled'));
    for (const row of table.rows) {
      const n = row[count];
      if (n === null) for (const i of figures) expect(row[i]).toBeNull();
      else expect(n).toBeGreaterThanOrEqual(MIN_GROUP);
    }
    const shownTeams = table.rows.slice(0, -1).filter((r) => r[count] !== null).reduce((s, r) => s + (r[count] as number), 0);
    const service = table.rows.at(-1)![count];
    // The service row minus the shown teams is nobody or a group of five or more.
    if (typeof service === 'number') expect(service - shownTeams === 0 || service - shownTeams >= MIN_GROUP).toBe(true);
  });
});
