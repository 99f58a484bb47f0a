import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ukClock, ukDateTime, ukDay, ukDayStart, ukWallClock } from './time.ts';

describe('UK local time', () => {
  it('is GMT in winter and BST in summer', () => {
    expect(ukDateTime(new Date('2026-12-02T10:19:00Z'))).toBe('2 December 2026 at 10:19');
    expect(ukDateTime(new Date('2026-07-01T10:19:00Z'))).toBe('1 July 2026 at 11:19');
    expect(ukClock(new Date('2026-07-01T23:30:00Z'))).toBe('00:30');
    expect(ukDay(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
    expect(ukDay(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
  });

  it('changes the clocks on the last Sundays of March and October', () => {
    expect(ukClock(new Date('2026-03-29T00:59:00Z'))).toBe('00:59');
    expect(ukClock(new Date('2026-03-29T01:00:00Z'))).toBe('02:00');
    expect(ukClock(new Date('2026-10-25T00:59:00Z'))).toBe('01:59');
    expect(ukClock(new Date('2026-10-25T01:00:00Z'))).toBe('01:00');
  });

  it('a UK day starts at its own midnight, and every moment falls in the day it names', () => {
    expect(ukDayStart('2026-07-01').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(ukDayStart('2026-12-01').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    fc.assert(fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (at) => {
      const day = ukDay(at);
      const start = ukDayStart(day);
      expect(start.getTime()).toBeLessThanOrEqual(at.getTime());
      expect(ukDay(start)).toBe(day);
      expect(ukWallClock(at).toISOString().slice(0, 10)).toBe(day);
    }));
  });
});
