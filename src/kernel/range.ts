/** A low / central / high estimate. Every workload figure carries one. */
export interface Range {
  low: number;
  central: number;
  high: number;
}

export const ZERO: Range = Object.freeze({ low: 0, central: 0, high: 0 });


export const scaleRange = (r: Range, k: number): Range => ({ low: r.low * k, central: r.central * k, high: r.high * k });

export const sumRanges = (ranges: Iterable<Range>): Range => {
  let low = 0;
  let central = 0;
  let high = 0;
  for (const r of ranges) {
    low += r.low;
    central += r.central;
    high += r.high;
  }
  return { low, central, high };
};

export const roundRange = (r: Range, places = 2): Range => {
  const f = 10 ** places;
  return { low: Math.round(r.low * f) / f, central: Math.round(r.central * f) / f, high: Math.round(r.high * f) / f };
};
