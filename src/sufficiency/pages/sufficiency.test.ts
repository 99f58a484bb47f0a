import { describe, expect, it } from 'vitest';
import { parseWhatIf } from './sufficiency.ts';

describe('the what-if in the address', () => {
  it('reads the ticked changes, one or several, and ignores anything else', () => {
    expect(parseWhatIf(undefined)).toEqual({ fillVacancies: false, halveAgency: false, demandUp: 0 });
    expect(parseWhatIf('fill-vacancies')).toEqual({ fillVacancies: true, halveAgency: false, demandUp: 0 });
    expect(parseWhatIf(['halve-agency', 'demand-10', 'demand-1000', 7])).toEqual({ fillVacancies: false, halveAgency: true, demandUp: 0.1 });
  });
});
