import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { bandFor, bandOfRatio } from './bands.ts';

const bands = { greenUpTo: 0.85, amberUpTo: 1 };

describe('the band rule', () => {
  it('with no casework capacity, any demand is work needing cover and none is "none"', () => {
    expect(bandFor(10, 0, bands)).toBe('cover');
    expect(bandFor(0, 0, bands)).toBe('none');
    expect(bandFor(10, -1, bands)).toBe('cover');
  });

  it('puts the thresholds themselves in the lower band', () => {
    expect(bandFor(85, 100, bands)).toBe('green');
    expect(bandFor(100, 100, bands)).toBe('amber');
    expect(bandFor(100.01, 100, bands)).toBe('red');
  });

  test.prop([fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0.01, max: 1000, noNaN: true })])(
    'the band of demand and capacity is the band of their ratio', (demand, capacity) => {
      expect(bandFor(demand, capacity, bands)).toBe(bandOfRatio(demand / capacity, bands));
    });
});
