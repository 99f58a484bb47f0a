// Properties of allocation's pure rules over generated people, cases and policies: eligibility
// says why, suggestions rank by the rules they state, waiting work is exactly the cases without
// a working worker, and reconciliation never counts a case twice.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { englandCalendar, type Day } from '../../kernel/calendar.ts';
import { sumRanges } from '../../kernel/range.ts';
import { CASE_STATUSES } from '../../workload/model/catalogue.ts';
import { caseloadDemand } from '../../workload/model/demand.ts';
import { caseInputArb, caseloadArb, ctxFor, onADay } from '../../workload/model/arbitraries.test-support.ts';
import { eligibilityProblems, isEligible, type CandidateFacts, type CaseFacts } from './eligibility.ts';
import { DEFAULT_POLICY, QUALIFIED_ROLES, type AllocationPolicy } from './policy.ts';
import { compareSuggestions, hoursAfter, suggest, type Candidate } from './suggest.ts';
import { waitReason, waitingCases, type OpenCase } from './unallocated.ts';
import { reconcile } from './reconcile.ts';

const ROLES = [...QUALIFIED_ROLES, 'family_help_practitioner', 'family_support_worker'];
const ctx = ctxFor();

function personArb(day: Day, id: string): fc.Arbitrary<CandidateFacts> {
  return fc.record({
    practitionerId: fc.constant(id),
    name: fc.constant(`Person ${id}`),
    role: fc.constantFrom(...ROLES),
    asyeStart: fc.option(fc.integer({ min: day - 360, max: day }), { nil: null }),
    leftOn: fc.option(fc.integer({ min: day - 10, max: day + 60 }), { nil: null, freq: 4 }),
    absences: fc.array(fc.record({ start: fc.integer({ min: day - 30, max: day + 40 }), days: fc.integer({ min: 0, max: 60 }) }).map((a) => ({ start: a.start, end: a.start + a.days })), { maxLength: 2 }),
    caseworkHours: fc.constantFrom(0, 40, 80, 110),
    grantedChildIds: fc.constant(new Set<string>()),
    conflicts: fc.array(fc.record({ childId: fc.constantFrom(null, 'child-0', 'child-9'), familyId: fc.constantFrom(null, 'fam-a', 'fam-z') }), { maxLength: 1 }),
  });
}

const caseFactsArb: fc.Arbitrary<CaseFacts> = fc.record({
  childIds: fc.constant(['child-0']),
  familyIds: fc.constantFrom([], ['fam-a']),
  statuses: fc.uniqueArray(fc.constantFrom(...CASE_STATUSES), { minLength: 1, maxLength: 3 }),
  restrictedChildIds: fc.constantFrom([], ['child-0']),
});

const policyArb: fc.Arbitrary<AllocationPolicy> = fc.record({
  maxCases: fc.integer({ min: 0, max: 20 }), maxRatio: fc.constantFrom(0.5, 0.85, 1.2), months: fc.integer({ min: 0, max: 12 }),
  lookAhead: fc.integer({ min: 0, max: 60 }), absenceMin: fc.integer({ min: 1, max: 30 }),
}).map((p) => ({ ...DEFAULT_POLICY, asye: { maxCases: p.maxCases, maxRatio: p.maxRatio, noChildProtectionLeadMonths: p.months }, lookAheadDays: p.lookAhead, absenceMinDays: p.absenceMin }));

describe('eligibility', () => {
  test.prop([onADay((day) => fc.record({ person: personArb(day, 'p1'), kase: caseFactsArb, policy: policyArb, cases: fc.integer({ min: 0, max: 30 }), ratio: fc.option(fc.double({ min: 0, max: 2, noNaN: true }), { nil: null }) }))])(
    'each rule the person breaks is named once; only the ASYE child protection rule can be overridden', ({ day, value }) => {
      const { person, kase, policy, cases, ratio } = value;
      const problems = eligibilityProblems(person, kase, { cases, ratio }, policy, day);
      const codes = problems.map((p) => p.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const p of problems) expect(p.overridable).toBe(p.code === 'asye_child_protection');
      // Each rule, checked independently of the code's own wording.
      expect(codes.includes('role')).toBe(kase.statuses.some((s) => !policy.mayHold[s].includes(person.role)));
      expect(codes.includes('no_capacity')).toBe(person.caseworkHours <= 0);
      expect(codes.includes('leaving')).toBe(person.leftOn !== null && person.leftOn <= day + policy.lookAheadDays);
      expect(codes.includes('restricted')).toBe(kase.restrictedChildIds.length > 0);
      expect(codes.includes('asye_cases')).toBe(person.asyeStart !== null && cases > policy.asye.maxCases);
      expect(codes.includes('conflict')).toBe(person.conflicts.some((c) => (c.childId !== null && kase.childIds.includes(c.childId)) || (c.familyId !== null && kase.familyIds.includes(c.familyId))));
      expect(isEligible(problems)).toBe(problems.length === 0);
      expect(isEligible(problems, new Set(['asye_child_protection']))).toBe(problems.every((p) => p.code === 'asye_child_protection'));
    });
});

function candidateArb(day: Day, id: string, teamId: string): fc.Arbitrary<Candidate> {
  return fc.record({ facts: personArb(day, id), held: caseloadArb(day, 5), recent: fc.integer({ min: 0, max: 4 }) }).map(({ facts, held, recent }) => {
    const cases = held.map((c, i) => ({ ...c, childId: `${id}-c${i}`, episodes: c.episodes.map((e, j) => ({ ...e, id: `${id}-c${i}-e${j}` })) }));
    return { ...facts, grantedChildIds: new Set<string>(), conflicts: [], teamId, held: cases, hours: caseloadDemand(cases, day, ctx).total, formerChildIds: new Set(recent > 2 ? ['child-0'] : []), recentAllocations: recent };
  });
}

describe('suggestions', () => {
  const scenario = onADay((day) => fc.record({
    kase: caseInputArb(day, 'child-0', { open: true, familyId: fc.constantFrom(null, 'fam-a') }),
    people: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 6 }).chain((teams) => fc.tuple(...teams.map((t, i) => candidateArb(day, `p${i}`, `T${t}`)))),
  }));

  test.prop([scenario])('rank everyone once, eligible first, in the stated order, with "after" never below "now"', ({ day, value }) => {
    const { kase, people } = value;
    const facts: CaseFacts = { childIds: ['child-0'], familyIds: kase.familyId ? [kase.familyId] : [], statuses: ['cin_plan'], restrictedChildIds: [] };
    const alone = caseloadDemand([kase], day, ctx).total;
    const ranked = suggest({ cases: [kase], facts, alone }, people, DEFAULT_POLICY, day, ctx);
    expect(ranked.map((r) => r.practitionerId).sort()).toEqual(people.map((p) => p.practitionerId).sort());
    for (let i = 1; i < ranked.length; i++) expect(compareSuggestions(ranked[i - 1]!, ranked[i]!)).toBeLessThanOrEqual(0);
    const firstIneligible = ranked.findIndex((r) => !r.eligible);
    if (firstIneligible >= 0) expect(ranked.slice(firstIneligible).every((r) => !r.eligible)).toBe(true);
    for (const r of ranked) {
      expect(r.after.hours.central).toBeGreaterThanOrEqual(r.now.hours.central - 1e-9);
      expect(r.after.cases).toBe(r.now.cases + 1);
    }
  });

  test.prop([scenario])('re-scoring one person (their hours plus the case, sibling visits shared) equals recomputing their whole caseload', ({ day, value }) => {
    const { kase, people } = value;
    const alone = caseloadDemand([kase], day, ctx).total;
    for (const p of people) {
      const incremental = hoursAfter(p.held, p.hours, [kase], alone, day, ctx);
      const full = caseloadDemand([...p.held, kase], day, ctx).total;
      // With no sibling held, demand is additive; with one, the shortcut recomputes in full.
      expect(incremental.central).toBeCloseTo(full.central, 6);
      expect(incremental.high).toBeCloseTo(full.high, 6);
    }
    expect(sumRanges([alone]).central).toBeGreaterThanOrEqual(0);
  });
});

function openCaseArb(day: Day, i: number): fc.Arbitrary<OpenCase> {
  const holder = fc.record({
    practitionerId: fc.constantFrom('p1', 'p2'), name: fc.constant('Someone'), teamId: fc.constant('T1'),
    leftOn: fc.option(fc.integer({ min: day - 30, max: day + 30 }), { nil: null }),
    absence: fc.option(fc.record({ start: fc.integer({ min: day - 40, max: day }), days: fc.integer({ min: 0, max: 60 }) }).map((a) => ({ start: a.start, end: a.start + a.days })), { nil: null }),
  });
  return fc.record({
    input: caseInputArb(day, `child-${i}`, { familyId: fc.constantFrom(null, 'fam-a', 'fam-b') }),
    lead: fc.option(holder, { nil: null }),
    lastEnd: fc.option(fc.integer({ min: day - 100, max: day }), { nil: null }),
  }).map(({ input, lead, lastEnd }) => ({
    childId: `child-${i}`, name: `Child ${i}`, familyId: input.familyId, restricted: false, input, lead,
    lastLead: lead === null && lastEnd !== null ? { practitionerId: 'p3', name: 'Former', teamId: 'T1', end: lastEnd } : null,
  }));
}

describe('waiting work', () => {
  const scenario = onADay((day) => fc.integer({ min: 0, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => openCaseArb(day, i)))));

  test.prop([scenario])('lists exactly the open cases without a working worker, each once, siblings together, longest family wait first', ({ day, value: cases }) => {
    const waiting = waitingCases(cases, day, englandCalendar(), DEFAULT_POLICY);
    const expected = cases.filter((c) => waitReason(c, day, DEFAULT_POLICY) !== null).map((c) => c.childId).sort();
    expect(waiting.map((w) => w.childId).sort()).toEqual(expected);
    for (const w of waiting) {
      const c = cases.find((x) => x.childId === w.childId)!;
      // A case with a lead whose worker neither left nor is away long-term never waits.
      if (c.lead && (c.lead.leftOn === null || c.lead.leftOn > day) && !(c.lead.absence && c.lead.absence.start <= day && c.lead.absence.end >= day && c.lead.absence.end - c.lead.absence.start + 1 >= DEFAULT_POLICY.longTermAbsenceDays)) {
        throw new Error(`${w.childId} has a working worker but is listed`);
      }
      expect(w.waitingWorkingDays).toBeLessThanOrEqual(w.ageWorkingDays);
      expect(w.waitingSince).toBeGreaterThanOrEqual(w.openedOn);
    }
    // Siblings waiting are next to each other.
    const families = waiting.map((w) => w.familyId).filter((f) => f !== null);
    for (const f of new Set(families)) {
      const at = waiting.map((w, i) => (w.familyId === f ? i : -1)).filter((i) => i >= 0);
      expect(at[at.length - 1]! - at[0]!).toBe(at.length - 1);
    }
  });
});

describe('reconciliation with the next import', () => {
  const scenario = fc.record({
    decisions: fc.uniqueArray(fc.record({ child: fc.integer({ min: 0, max: 5 }), practitioner: fc.constantFrom('p1', 'p2', 'p3'), effective: fc.integer({ min: 100, max: 110 }) }), { selector: (d) => d.child, maxLength: 6 }),
    leads: fc.array(fc.record({ child: fc.integer({ min: 0, max: 5 }), practitioner: fc.constantFrom('p1', 'p2', 'p3'), start: fc.integer({ min: 90, max: 120 }) }), { maxLength: 8 }),
  });

  test.prop([scenario])('confirms exactly the decisions the system shows, names any later different worker, and never leaves a case with two open leads it decided', ({ decisions, leads }) => {
    const ds = decisions.map((d, i) => ({ decisionId: `d${i}`, childId: `c${d.child}`, practitionerId: d.practitioner, allocationId: `cw-${i}`, effective: d.effective }));
    const ls = leads.map((l, i) => ({ allocationId: `ext-${i}`, childId: `c${l.child}`, practitionerId: l.practitioner, start: l.start }));
    const out = reconcile(ds, ls, (id) => `Name ${id}`, String);
    expect(out.map((o) => o.decisionId)).toEqual(ds.map((d) => d.decisionId));
    for (const o of out) {
      const d = ds.find((x) => x.decisionId === o.decisionId)!;
      const theirs = ls.filter((l) => l.childId === d.childId);
      const shows = theirs.some((l) => l.practitionerId === d.practitionerId);
      expect(o.outcome === 'confirmed').toBe(shows);
      if (o.outcome === 'mismatch') {
        expect(theirs.some((l) => l.start > d.effective && l.practitionerId !== d.practitionerId)).toBe(true);
        expect(o.text).toContain('Name');
      }
      // Caseweight's own row closes whenever the system shows a worker for the child, so the case counts once.
      if (o.outcome !== 'awaiting') expect(o.closeAllocation.allocationId).toBe(d.allocationId);
      else expect(o.closeAllocations.every((c) => c.allocationId.startsWith('ext-') && c.end >= d.effective)).toBe(true);
    }
  });
});
