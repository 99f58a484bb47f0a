import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { groupFigures, MIN_GROUP, publishMonth, type AnswerRow } from './publish.ts';
import type { AnswerCode } from './questions.ts';

const TEAMS = ['A', 'B', 'C', 'D', 'E', 'F'];
const code = fc.integer({ min: 1, max: 5 }) as fc.Arbitrary<AnswerCode>;
const answer = (teamId: string | null) => fc.record({ workload: code, extraHours: code, safe: code, stay: code }).map((a): AnswerRow => ({ teamId, ...a }));
// Small groups are the point: each team gets 0–9 answers, around the threshold, and a few people
// are in no one team or answered in a team no longer listed.
const answerSet = fc.tuple(...[...TEAMS, null, 'GONE'].map((t) => fc.integer({ min: 0, max: t === null || t === 'GONE' ? 3 : 9 })))
  .chain((counts) => fc.tuple(...counts.map((n, i) => fc.array(answer([...TEAMS, null, 'GONE'][i]!), { minLength: n, maxLength: n }))))
  .chain((groups) => fc.shuffledSubarray(groups.flat(), { minLength: groups.flat().length }));

const row = (teamId: string | null, workload: AnswerCode = 2): AnswerRow => ({ teamId, workload, extraHours: 3, safe: 2, stay: 1 });
const rows = (teamId: string | null, n: number, workload?: AnswerCode) => Array.from({ length: n }, () => row(teamId, workload));

describe('publishing a month of pulse answers', () => {
  test.prop([answerSet])('no shown group has fewer than five people behind it', (answers) => {
    const published = publishMonth('2026-03', answers, TEAMS);
    for (const t of published.teams) if (t.shown) expect(t.figures.respondents).toBeGreaterThanOrEqual(MIN_GROUP);
    if (published.service) expect(published.service.respondents).toBeGreaterThanOrEqual(MIN_GROUP);
    else expect(answers.length).toBeLessThan(MIN_GROUP);
  });

  test.prop([answerSet])('the service total minus the shown teams is nobody or at least five people (no small group by subtraction)', (answers) => {
    const published = publishMonth('2026-03', answers, TEAMS);
    if (!published.service) {
      expect(published.teams.every((t) => !t.shown)).toBe(true);
      return;
    }
    const shownTotal = published.teams.reduce((s, t) => s + (t.shown ? t.figures.respondents : 0), 0);
    const remainder = published.service.respondents - shownTotal;
    expect(remainder === 0 || remainder >= MIN_GROUP, `remainder ${remainder}`).toBe(true);
  });

  test.prop([answerSet])('a shown team’s figures are exactly its own answers; withheld teams say why', (answers) => {
    const published = publishMonth('2026-03', answers, TEAMS);
    for (const t of published.teams) {
      const own = answers.filter((a) => a.teamId === t.teamId);
      if (t.shown) expect(t.figures).toEqual(groupFigures(own));
      else expect(t.why).toBe(own.length < MIN_GROUP ? 'too_few' : 'protects_others');
    }
  });

  test.prop([answerSet])('a team of five or more is withheld only when a smaller group (a small team, or people in no listed team) needs protecting', (answers) => {
    const published = publishMonth('2026-03', answers, TEAMS);
    const withheldForOthers = published.teams.filter((t) => !t.shown && t.why === 'protects_others');
    // Complementary suppression only ever follows a small group being withheld.
    if (withheldForOthers.length > 0) expect(published.teams.some((t) => !t.shown && t.why === 'too_few') || answers.some((a) => a.teamId === null || a.teamId === 'GONE')).toBe(true);
  });

  test('a team of four is withheld, and so is the next smallest team, so the service total cannot be used to work it out', () => {
    const answers = [...rows('A', 4, 5), ...rows('B', 6), ...rows('C', 9)];
    const published = publishMonth('2026-03', answers, ['A', 'B', 'C']);
    expect(published.teams.map((t) => (t.shown ? t.figures.respondents : t.why))).toEqual(['too_few', 'protects_others', 9]);
    expect(published.service?.respondents).toBe(19);
  });

  test('two small teams together make a group of five or more: nothing else is withheld', () => {
    const published = publishMonth('2026-03', [...rows('A', 3), ...rows('B', 2), ...rows('C', 6)], ['A', 'B', 'C']);
    expect(published.teams.map((t) => (t.shown ? t.figures.respondents : t.why))).toEqual(['too_few', 'too_few', 6]);
  });

  test('people in no one team count in the service total, and are protected like a small team', () => {
    const published = publishMonth('2026-03', [...rows(null, 2), ...rows('A', 7), ...rows('B', 5)], ['A', 'B']);
    expect(published.service?.respondents).toBe(14);
    expect(published.teams.map((t) => (t.shown ? t.figures.respondents : t.why))).toEqual([7, 'protects_others']);
  });

  test('fewer than five in all: nothing is shown, not even the service total', () => {
    const published = publishMonth('2026-03', rows('A', 4), ['A']);
    expect(published.service).toBeNull();
    expect(published.teams[0]).toEqual({ teamId: 'A', shown: false, why: 'too_few' });
  });

  test('headline shares: manageable is agree or strongly agree; over five hours is the top two bands; the average uses band middles', () => {
    const f = groupFigures([
      { workload: 1, extraHours: 1, safe: 1, stay: 1 }, { workload: 2, extraHours: 2, safe: 3, stay: 2 }, { workload: 3, extraHours: 4, safe: 4, stay: 4 },
      { workload: 4, extraHours: 5, safe: 2, stay: 5 }, { workload: 5, extraHours: 3, safe: 5, stay: 3 },
    ]);
    expect(f).toEqual({ respondents: 5, manageable: 0.4, overFiveExtraHours: 0.4, averageExtraHours: (0 + 1 + 7.5 + 12 + 3.5) / 5, feelSafe: 0.4, mayLeave: 0.4 });
  });
});
