import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCouncilReturn, type ReturnPerson } from './figures.ts';
import { MEASURE_KEYS, REGION_NAMES, RETURN_VERSION } from './format.ts';
import { readCouncilReturn } from './read.ts';

const schema = JSON.parse(readFileSync(new URL('../../../docs/council-return.schema.json', import.meta.url), 'utf8'));
const people: ReturnPerson[] = Array.from({ length: 60 }, (_, i) => ({ role: i % 10 === 0 ? 'team_manager' : 'social_worker', fte: 1, agency: i % 7 === 0, cases: i % 10 === 0 ? 0 : 10 + (i % 12), band: i % 3 === 0 ? 'amber' : 'green', daysLost: i % 4 === 0 ? 6 : 0 }));
const doc = buildCouncilReturn({ inPost: people, movers: [], posts: [{ role: 'social_worker', fte: 1, status: 'vacant', covered: true }] }, { code: 'T1', name: 'Test', region: 'London', censusDate: '2025-09-30', producedBy: 'test' });

describe('reading a council return', () => {
  it('the documented schema names the same version, measures and regions as the code', () => {
    expect(schema.properties.version.const).toBe(RETURN_VERSION);
    expect([...schema.properties.measures.required].sort()).toEqual([...MEASURE_KEYS].sort());
    expect(schema.properties.council.properties.region.enum).toEqual(REGION_NAMES);
  });

  it('reads back what the builder writes', () => {
    expect(readCouncilReturn(JSON.stringify(doc))).toEqual({ ok: true, value: doc });
  });

  it('rejects published cells that do not add up, naming the cell', () => {
    const bad = structuredClone(doc);
    const row = bad.tables[0]!.headcount.findIndex((r) => typeof r[2] === 'number' && (r[2] as number) > 10);
    bad.tables[0]!.headcount[row]![2] = (bad.tables[0]!.headcount[row]![2] as number) + 7;
    const read = readCouncilReturn(JSON.stringify(bad));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems.join(' ')).toMatch(/but its parts add up to/);
  });

  it('rejects an unknown measure and a measure that is neither a number nor a symbol', () => {
    const read = readCouncilReturn(JSON.stringify({ ...doc, measures: { ...doc.measures, caseload: 'about 16', names: 1 } }));
    expect(!read.ok && read.problems).toEqual(['measures.caseload: expected a number of 0 or more, or "c", "x" or "z"; found "about 16".', `measures.names: not a measure of version ${RETURN_VERSION}.`]);
  });
});
