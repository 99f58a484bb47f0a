import { describe, expect, it } from 'vitest';
import { DEMO_COUNCIL } from './council.ts';
import { generateCouncil } from './generate.ts';
import { measureLettersAndMinutes } from './measure-tasks.ts';
import { DEFAULT_CONFIG, englandCalendar } from '../workload/model/index.ts';

const AS_OF = '2026-11-23';

/** The demo council's figure for the report (issue 16, item 2): hours a month off social workers when business support takes letters and minutes. */
describe('hours moved in the demo council', () => {
  it('moves letters’ and minutes’ hours off social workers, and no more than their cases hold', () => {
    const data = generateCouncil({ ...DEMO_COUNCIL, seed: 1, asOf: AS_OF });
    const f = measureLettersAndMinutes(data, AS_OF, { config: DEFAULT_CONFIG, calendar: englandCalendar() });
    const r = (x: number) => Math.round(x);
    console.log(`Demo council ${AS_OF}: ${f.socialWorkers} social workers, ${f.cases} open cases; letters and minutes to business support move ${r(f.moved.central)} h a month (${r(f.moved.low)} to ${r(f.moved.high)}): letters ${r(f.letters.central)} h, minutes ${r(f.minutes.central)} h, of ${r(f.before.central)} h of case demand (${((100 * f.moved.central) / f.before.central).toFixed(1)}%), ${(f.moved.central / f.socialWorkers).toFixed(1)} h per social worker.`);
    // One letter a case a month at 1.5 h, unless a case has less case-management time than that (never, by default: 2 h).
    expect(f.letters.central).toBeCloseTo(1.5 * f.cases, 6);
    expect(f.minutes.central).toBeGreaterThan(0);
    expect(f.moved.central).toBeLessThan(f.before.central);
  });
});
