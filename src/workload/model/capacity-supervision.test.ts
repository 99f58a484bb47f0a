import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { capacityInputArb } from './arbitraries.test-support.ts';
import { dayFromIso, englandCalendar } from '../../kernel/calendar.ts';
import { capacity, type CapacityInput, type SupervisionTime } from './capacity.ts';
import { DEFAULT_CONFIG } from './catalogue.ts';

const cal = englandCalendar();
const day = dayFromIso('2026-03-02');
const worker = (over: Partial<CapacityInput> = {}): CapacityInput => ({ role: 'social_worker', fte: 1, contractedWeeklyHours: 37, asyeStart: null, leftOn: null, absences: [], ...over });
const cap = (p: CapacityInput) => capacity(p, day, DEFAULT_CONFIG, cal);
const none: SupervisionTime = { receivedHours: 0, receivedSessions: 0, givenHours: 0, givenSessions: 0 };

/** Supervision is workload for both people (DOMAIN.md §10): recorded sessions replace the flat estimate. */
describe('recorded supervision in capacity', () => {
  test('a supervisee with recorded sessions gets those hours in place of the 1.63 h estimate, marked as recorded', () => {
    const c = cap(worker({ supervision: { ...none, receivedHours: 3, receivedSessions: 2 } }));
    expect(c.protectedTime.find((p) => p.code === 'supervision')).toEqual({ code: 'supervision', name: 'Supervision', hours: 3, basis: { recordedSessions: 2 } });
    expect(c.availableHours).toBeCloseTo(cap(worker()).availableHours - (3 - 1.63), 9);
  });

  test('with no recorded session the estimate stands, with no basis claimed', () => {
    expect(cap(worker({ supervision: none })).protectedTime.find((p) => p.code === 'supervision')).toEqual({ code: 'supervision', name: 'Supervision', hours: 1.63 });
  });

  test('an ASYE worker with recorded weekly sessions: the recorded hours replace the estimate and the extra-supervision allowance', () => {
    const asyeStart = dayFromIso('2026-02-02');
    const flat = cap(worker({ asyeStart }));
    const recorded = cap(worker({ asyeStart, supervision: { ...none, receivedHours: 6, receivedSessions: 4 } }));
    expect(recorded.asyeHours).toBeCloseTo(flat.asyeHours - 1.5, 9);
    expect(recorded.availableHours).toBeCloseTo(flat.availableHours + 1.63 + 1.5 - 6, 9);
  });

  test('a supervisor: the sessions they held come off as "Supervising others"', () => {
    const c = cap(worker({ role: 'senior_practitioner', supervision: { ...none, givenHours: 4.5, givenSessions: 3 } }));
    expect(c.protectedTime.at(-1)).toEqual({ code: 'supervising', name: 'Supervising others', hours: 4.5, basis: { recordedSessions: 3 } });
    expect(c.availableHours).toBeCloseTo(cap(worker({ role: 'senior_practitioner' })).availableHours - 4.5, 9);
  });

  const supArb = fc.record({ receivedHours: fc.double({ min: 0, max: 12, noNaN: true }), receivedSessions: fc.integer({ min: 0, max: 6 }), givenHours: fc.double({ min: 0, max: 30, noNaN: true }), givenSessions: fc.integer({ min: 0, max: 20 }) });

  test.prop([capacityInputArb(day), supArb])('the protected lines still add up: available = contracted − leave − protected − ASYE − absence (floored at 0)', (input, sup) => {
    const c = cap({ ...input, supervision: sup });
    const protectedHours = c.protectedTime.reduce((s, p) => s + p.hours, 0);
    expect(c.availableHours).toBeCloseTo(Math.max(0, c.contractedHours - c.leaveHours - protectedHours - c.asyeHours - c.absenceHours), 6);
  });

  test.prop([capacityInputArb(day), supArb, fc.double({ min: 0.5, max: 10, noNaN: true })])('more supervising given never adds casework time', (input, sup, more) => {
    const base = cap({ ...input, supervision: { ...sup, givenSessions: Math.max(1, sup.givenSessions) } });
    const heavier = cap({ ...input, supervision: { ...sup, givenSessions: Math.max(1, sup.givenSessions), givenHours: sup.givenHours + more } });
    expect(heavier.caseworkHours).toBeLessThanOrEqual(base.caseworkHours + 1e-9);
  });
});
