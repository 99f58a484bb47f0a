import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { anyConfigArb, capacityInputArb, caseloadArb, ctxFor, onADay } from './arbitraries.test-support.ts';
import { bandFor, headroom, HEADROOM_TYPES, referenceCaseDemand, safeCaseRange, workloadRatio } from './bands.ts';
import { dayFromIso } from '../../kernel/calendar.ts';
import { DEFAULT_CONFIG, parseWorkloadConfig } from './catalogue.ts';
import type { Range } from '../../kernel/range.ts';
import { practitionerWorkload } from './workload.ts';

const ctx = ctxFor();
const day = dayFromIso('2026-03-02');
const range = (low: number, central: number, high: number): Range => ({ low, central, high });

describe('bands and headroom, default configuration', () => {
  test('green up to 85% of casework hours, amber to 100%, red beyond (DOMAIN.md §5)', () => {
    expect(bandFor(85, 100, DEFAULT_CONFIG)).toBe('green');
    expect(bandFor(85.01, 100, DEFAULT_CONFIG)).toBe('amber');
    expect(bandFor(100, 100, DEFAULT_CONFIG)).toBe('amber');
    expect(bandFor(100.01, 100, DEFAULT_CONFIG)).toBe('red');
  });

  test('with no casework time, any demand is red (in effect unallocated), none is no band', () => {
    expect(bandFor(0.5, 0, DEFAULT_CONFIG)).toBe('cover');
    expect(bandFor(0, 0, DEFAULT_CONFIG)).toBe('none');
    expect(workloadRatio(range(1, 2, 3), 0)).toBeNull();
  });

  test('headroom counts whole cases before leaving green, cautious with the high estimate', () => {
    // Green ends at 85 h. Central: 60 + 2 × 10 = 80, a third would make 90. High: 70 + 14 = 84.
    // Low: (85 - 42) / 7 = 6.1, so 6.
    expect(headroom(range(42, 60, 70), 100, range(7, 10, 14), DEFAULT_CONFIG)).toEqual({ fewest: 1, central: 2, most: 6 });
    // Already amber on every estimate: no room, whatever the case costs.
    expect(headroom(range(88, 90, 99), 100, range(1, 2, 3), DEFAULT_CONFIG)).toEqual({ fewest: 0, central: 0, most: 0 });
    // Each estimate is judged on its own: amber centrally, but 80 h on the low estimate leaves room for 5 one-hour cases.
    expect(headroom(range(80, 90, 99), 100, range(1, 2, 3), DEFAULT_CONFIG)).toEqual({ fewest: 0, central: 0, most: 5 });
    // A case type that costs nothing never fills a green caseload.
    expect(headroom(range(0, 10, 20), 100, range(0, 0, 0), DEFAULT_CONFIG).central).toBe(Number.POSITIVE_INFINITY);
    // Nor does one costing next to nothing: past 2^53 cases, counting one more changes nothing
    // (this used to loop for ever; if this test hangs, that guard has gone).
    expect(headroom(range(0, 0, 0), 100, range(1e-15, 1e-15, 1e-15), DEFAULT_CONFIG).central).toBe(Number.POSITIVE_INFINITY);
  });

  test('a family help case costs 4 h support + 2 h case management every month, so its reference is flat', () => {
    const ref = referenceCaseDemand('family_help', day, ctx);
    expect(ref.central).toBeCloseTo(6, 9);
    expect(ref.low).toBeCloseTo(4.2, 9);
    expect(ref.high).toBeCloseTo(8.4, 9);
    // 0.85 × 120 h = 102 h of green time: 17 cases at 6 h; 102 / 8.4 with the high estimate, 102 / 4.2 with the low.
    const safe = safeCaseRange({ family_help: 1 }, 120, day, ctx);
    expect(safe.central).toBeCloseTo(17, 9);
    expect(safe.low).toBeCloseTo(102 / 8.4, 9);
    expect(safe.high).toBeCloseTo(102 / 4.2, 9);
    expect(safeCaseRange({}, 120, day, ctx)).toEqual(range(0, 0, 0));
  });
});

describe('bands and headroom over generated practitioners and configurations', () => {
  const scenario = onADay((d) => fc.record({ cases: caseloadArb(d), person: capacityInputArb(d) }));

  test.prop([scenario, anyConfigArb])('6. headroom sits exactly at the green edge, and fewest <= central <= most', ({ day, value }, config) => {
    const ctx = ctxFor(config);
    const w = practitionerWorkload({ ...value.person, practitionerId: 'p' }, value.cases, day, ctx);
    const hours = w.capacity.caseworkHours;
    const demand = w.demand.total.central;
    for (const type of HEADROOM_TYPES) {
      const room = w.headroom[type];
      expect(room.fewest, type).toBeLessThanOrEqual(room.central);
      expect(room.central, type).toBeLessThanOrEqual(room.most);
      const perCase = referenceCaseDemand(type, day, ctx).central;
      if (bandFor(demand, hours, config) !== 'green') {
        expect(room.central, type).toBe(0);
      } else if (perCase > 0) {
        expect(bandFor(demand + room.central * perCase, hours, config), type).toBe('green');
        expect(bandFor(demand + (room.central + 1) * perCase, hours, config), type).not.toBe('green');
      }
    }
  });

  test.prop([scenario, anyConfigArb])('2. the workload ratio is ordered low <= central <= high, and the band follows the central ratio', ({ day, value }, config) => {
    const w = practitionerWorkload({ ...value.person, practitionerId: 'p' }, value.cases, day, ctxFor(config));
    if (w.capacity.caseworkHours > 0) {
      const r = w.ratio!;
      expect(r.low).toBeLessThanOrEqual(r.central);
      expect(r.central).toBeLessThanOrEqual(r.high);
      const expected = r.central <= config.bands.greenUpTo ? 'green' : r.central <= config.bands.amberUpTo ? 'amber' : 'red';
      expect(w.band).toBe(expected);
    } else {
      expect(w.ratio).toBeNull();
      expect(w.band).toBe(w.demand.total.central > 0 ? 'cover' : 'none');
    }
    expect(w.caseCount).toBe(w.demand.cases.filter((c) => c.statuses.length > 0).length);
  });

  // Monthly work (family help, court) costs the same each day, so its ratio cannot depend on how
  // long the horizon is: demand and capacity must cover the same days.
  const monthlyOnly = onADay((d) => fc.record({
    cases: caseloadArb(d).map((cs) => cs.map((c) => ({ ...c, episodes: c.episodes.map((e) => ({ ...e, kind: e.kind === 'court_proceedings' ? e.kind : 'family_help' as const })) }))),
    person: capacityInputArb(d).map((p) => ({ ...p, absences: [] })),
  }));
  test.prop([monthlyOnly, anyConfigArb, fc.constantFrom(7, 14, 91.3125)])('the ratio of monthly work does not depend on the horizon', ({ day, value }, config, horizonDays) => {
    const ratio = (c: typeof config) => practitionerWorkload({ ...value.person, practitionerId: 'p' }, value.cases, day, ctxFor(c)).ratio;
    const a = ratio(config);
    const b = ratio({ ...config, horizonDays });
    if (a === null) expect(b).toBeNull();
    else expect(b!.central).toBeCloseTo(a.central, 9);
  });

  // Headroom from a bare range, so green starting points and large headrooms are common.
  const hoursArb = fc.integer({ min: 0, max: 20_000 }).map((n) => n / 100);
  const orderedArb = fc.tuple(hoursArb, hoursArb, hoursArb).map((xs) => xs.sort((a, b) => a - b)).map(([l, c, h]) => range(l!, c!, h!));
  test.prop([orderedArb, orderedArb, fc.integer({ min: 0, max: 20_000 }).map((n) => n / 100), anyConfigArb])(
    '6. ... also for any demand, case cost and casework hours',
    (demand, perCase, hours, config) => {
      const room = headroom(demand, hours, perCase, config);
      expect(room.fewest).toBeLessThanOrEqual(room.central);
      expect(room.central).toBeLessThanOrEqual(room.most);
      fc.pre(perCase.central > 0 && bandFor(demand.central, hours, config) === 'green');
      expect(bandFor(demand.central + room.central * perCase.central, hours, config)).toBe('green');
      expect(bandFor(demand.central + (room.central + 1) * perCase.central, hours, config)).not.toBe('green');
    },
  );
});

describe('capacity as a range, carried into the workload range (DOMAIN.md §5)', () => {
  test('the ratio pairs the least demand with the most time and the most demand with the least: green at the central can be red at the high end', () => {
    const r = workloadRatio(range(60, 80, 95), range(78, 100, 100))!;
    expect(r.low).toBeCloseTo(0.6);
    expect(r.central).toBeCloseTo(0.8);
    expect(r.high).toBeCloseTo(95 / 78);
    expect(bandFor(80, 100, DEFAULT_CONFIG)).toBe('green');
    expect(r.high).toBeGreaterThan(DEFAULT_CONFIG.bands.amberUpTo);
  });

  test.prop([onADay((d) => fc.record({ cases: caseloadArb(d), person: capacityInputArb(d) })), anyConfigArb])(
    'every practitioner: capacity low ≤ central ≤ high, the central is the hours bands use, and the ratio range holds the central', ({ day: d, value }, config) => {
      const w = practitionerWorkload({ practitionerId: 'p', ...value.person }, value.cases, d, ctxFor(config));
      const c = w.capacity.caseworkRange;
      expect(c.low).toBeLessThanOrEqual(c.central + 1e-9);
      expect(c.central).toBeLessThanOrEqual(c.high + 1e-9);
      expect(c.central).toBeCloseTo(w.capacity.caseworkHours, 9);
      if (w.ratio) {
        expect(w.ratio.low).toBeLessThanOrEqual(w.ratio.central + 1e-9);
        expect(w.ratio.central).toBeLessThanOrEqual(w.ratio.high + 1e-9);
        // Never narrower than demand's own range over the central capacity.
        expect(w.ratio.high).toBeGreaterThanOrEqual(w.demand.total.high / w.capacity.caseworkHours - 1e-9);
      }
    });

  test('the default keeps today’s central and takes the low end from the evidence (73% of paid hours against 93%)', () => {
    expect(DEFAULT_CONFIG.capacity.caseworkTime).toMatchObject({ low: 0.78, central: 1, high: 1 });
  });
});

describe('versions saved before the casework-time range', () => {
  test('read as today’s capacity with the evidence’s low end, and a range the wrong way round is refused in words', () => {
    const old = structuredClone(DEFAULT_CONFIG) as unknown as { capacity: Record<string, unknown> };
    delete old.capacity.caseworkTime;
    const parsed = parseWorkloadConfig(old);
    expect(parsed.ok && parsed.config.capacity.caseworkTime.central).toBe(1);
    const wrong = structuredClone(DEFAULT_CONFIG);
    wrong.capacity.caseworkTime.low = 0.9;
    wrong.capacity.caseworkTime.central = 0.8;
    const refused = parseWorkloadConfig(wrong);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems.map((p) => p.message).join(' ')).toContain('no more than the central share');
  });
});
