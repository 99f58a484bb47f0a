// What-if over generated teams: the scenario's cases go only to people the rules allow, nobody
// else's cases move, and the new cases or the leaver's are all accounted for.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { Day } from '../../kernel/calendar.ts';
import { caseloadDemand } from '../../workload/model/demand.ts';
import { caseloadArb, ctxFor, onADay } from '../../workload/model/arbitraries.test-support.ts';
import { DEFAULT_POLICY } from './policy.ts';
import { NEW_STARTER_ID, whatIf, type WhatIfCandidate } from './what-if.ts';

const ctx = ctxFor();

function personArb(day: Day, i: number): fc.Arbitrary<WhatIfCandidate> {
  return fc.record({ held: caseloadArb(day, 5), hours: fc.constantFrom(18.5, 30, 37), role: fc.constantFrom('social_worker', 'senior_practitioner', 'family_support_worker') }).map(({ held, hours, role }) => {
    const id = `p${i}`;
    const cases = held.map((c, k) => ({ ...c, childId: `${id}-c${k}`, familyId: c.familyId === null ? null : `${id}-${c.familyId}`, episodes: c.episodes.map((e, j) => ({ ...e, id: `${id}-c${k}-e${j}` })) }));
    const capacityInput = { role, fte: hours / 37, contractedWeeklyHours: hours, asyeStart: null, leftOn: null, absences: [] };
    return {
      practitionerId: id, name: `Person ${i}`, teamId: 'T1', role, asyeStart: null, leftOn: null, absences: [], caseworkHours: hours * 2.5,
      grantedChildIds: new Set<string>(), conflicts: [], held: cases, hours: caseloadDemand(cases, day, ctx).total, formerChildIds: new Set<string>(), recentAllocations: 0, capacityInput,
    };
  });
}

const teamArb = onADay((day) => fc.integer({ min: 2, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => personArb(day, i)))));

describe('what-if', () => {
  test.prop([teamArb, fc.nat()])('a leaver’s cases go to others (or are counted as unplaced); nobody else loses a case', ({ day, value: team }, pick) => {
    const leaver = team[pick % team.length]!;
    const r = whatIf(team, { kind: 'leaver', practitionerId: leaver.practitionerId }, DEFAULT_POLICY, day, ctx);
    expect(r.rows.find((x) => x.practitionerId === leaver.practitionerId)!.after).toBeNull();
    expect(r.moving).toBe(leaver.held.length);
    const gained = r.rows.filter((x) => x.practitionerId !== leaver.practitionerId).reduce((n, x) => n + (x.after!.cases - x.before.cases), 0);
    expect(gained + r.unplaced).toBe(leaver.held.length);
    for (const x of r.rows) if (x.practitionerId !== leaver.practitionerId) expect(x.after!.cases).toBeGreaterThanOrEqual(x.before.cases);
  });

  test.prop([teamArb, fc.integer({ min: 1, max: 12 })])('more cases a month: each new case goes to someone who may hold it, or is unplaced', ({ day, value: team }, count) => {
    const r = whatIf(team, { kind: 'more_cases', caseType: 'cp_plan', count }, DEFAULT_POLICY, day, ctx);
    const gained = r.rows.reduce((n, x) => n + (x.after!.cases - x.before.cases), 0);
    expect(gained + r.unplaced).toBe(count);
    // A child protection plan needs a registered social worker (DOMAIN.md §6): a family support worker never gains one.
    for (const x of r.rows) if (team.find((t) => t.practitionerId === x.practitionerId)!.role === 'family_support_worker') expect(x.after!.cases).toBe(x.before.cases);
    for (const x of r.rows) expect(x.after!.hours.central).toBeGreaterThanOrEqual(x.before.hours.central - 1e-9);
  });

  test.prop([teamArb])('a new starter only takes work from people over the band, and adds themselves', ({ day, value: team }) => {
    const r = whatIf(team, { kind: 'starter', role: 'social_worker', asye: false, fte: 1, contractedWeeklyHours: 37 }, DEFAULT_POLICY, day, ctx);
    const starter = r.rows.find((x) => x.practitionerId === NEW_STARTER_ID)!;
    expect(starter.before.cases).toBe(0);
    for (const x of r.rows) {
      if (x.practitionerId === NEW_STARTER_ID) continue;
      const p = team.find((t) => t.practitionerId === x.practitionerId)!;
      const inBand = p.hours.central <= ctx.config.bands.greenUpTo * p.caseworkHours;
      if (inBand) expect(x.after!.cases).toBeGreaterThanOrEqual(x.before.cases);
    }
  });
});
