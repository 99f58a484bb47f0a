// Sufficiency and the safe range: pure functions over the workload model's figures.
export * from './case-mix.ts';
export * from './safe-range.ts';
export * from './forecast.ts';
export * from './sufficiency.ts';
