// The workload model: pure functions, plain data in and out, no clock and no I/O.
export * from '../../kernel/calendar.ts';
export * from './catalogue.ts';
export * from '../../kernel/range.ts';
export * from './episodes.ts';
export * from './intervals.ts';
export * from './demand.ts';
export * from './capacity.ts';
export * from './bands.ts';
export * from './schedule.ts';
export * from './workload.ts';
export * from './delegation.ts';
export * from './config-diff.ts';
export * from './calibration.ts';
export * from './calibration-draft.ts';
export * from './calibration-share.ts';
