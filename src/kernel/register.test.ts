import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { absentOn, coversDay, inPostOn, openOn, REGISTER, REGISTER_ENTITIES, registerColumnNames, registerColumns } from './register.ts';

const iso = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('open on a day, in post on a day', () => {
  it('an episode ending today is closed today, and was open yesterday', () => {
    expect(openOn({ start_date: '2026-01-05', end_date: '2026-12-02' }, '2026-12-02')).toBe(false);
    expect(openOn({ start_date: '2026-01-05', end_date: '2026-12-02' }, '2026-12-01')).toBe(true);
  });

  it('an episode starting today is open today; one with no end is open from its start', () => {
    expect(openOn({ start_date: '2026-12-02', end_date: null }, '2026-12-02')).toBe(true);
    expect(openOn({ start_date: '2026-12-02', end_date: null }, '2026-12-01')).toBe(false);
  });

  it('someone leaving on the census date is a leaver, not in post, on that date', () => {
    expect(inPostOn({ started_on: '2020-04-01', left_on: '2025-09-30' }, '2025-09-30')).toBe(false);
    expect(inPostOn({ started_on: '2020-04-01', left_on: '2025-09-30' }, '2025-09-29')).toBe(true);
    expect(inPostOn({ started_on: '2025-09-30', left_on: null }, '2025-09-30')).toBe(true);
  });

  it('an absence includes both its first and its last day', () => {
    expect(absentOn({ start_date: '2026-11-30', end_date: '2026-12-02' }, '2026-12-02')).toBe(true);
    expect(absentOn({ start_date: '2026-11-30', end_date: '2026-12-02' }, '2026-11-30')).toBe(true);
    expect(absentOn({ start_date: '2026-11-30', end_date: '2026-12-02' }, '2026-12-03')).toBe(false);
  });

  test.prop([iso, iso, iso])('a period covers exactly the days from its start to the day before its end', (a, b, day) => {
    const [start, end] = a <= b ? [a, b] : [b, a];
    const inside = new Date(`${start}T00:00:00Z`) <= new Date(`${day}T00:00:00Z`) && new Date(`${day}T00:00:00Z`) < new Date(`${end}T00:00:00Z`);
    expect(coversDay(start, end, day)).toBe(inside);
    expect(coversDay(start, null, day)).toBe(start <= day);
  });
});

describe('the register declared once', () => {
  it('every entity names its table, its id column among its columns, and the council first', () => {
    for (const entity of REGISTER_ENTITIES) {
      const names = registerColumnNames(entity);
      expect(names[0]).toBe('council_id');
      expect(names).toContain(REGISTER[entity].id);
      expect(registerColumns(entity).every(([, type]) => !type.endsWith('?'))).toBe(true);
    }
  });
});
