// Allocation's model: pure functions, plain data in and out, no clock and no I/O.
export * from './policy.ts';
export * from './reasons.ts';
export * from './eligibility.ts';
export * from './suggest.ts';
export * from './unallocated.ts';
export * from './reconcile.ts';
export * from './plan.ts';
export * from './plan-problem.ts';
export * from './what-if.ts';
