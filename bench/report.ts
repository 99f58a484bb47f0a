import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { terminalTable } from '../src/cli/tables.ts';

/** Results as written to latest.json: one object per group (medium, national, pages, …). */
export type Results = Record<string, Record<string, unknown>>;

/** What every section is given. */
export interface BenchEnv {
  /** PostgreSQL for the *_pg figures; undefined runs PGlite only. */
  databaseUrl: string | undefined;
  /** A fresh folder for this run's PGlite databases, removed afterwards. */
  workDir: string;
  log(message: string): void;
}

/** A figure with a ceiling, checked after every run and written with its verdict: a time under `underMs`, or any figure at most `atMost` (a gap in per cent, a count that must stay 0). */
export type Goal = { metric: string; underMs: number; atMost?: undefined } | { metric: string; atMost: number; underMs?: undefined };

export type GoalVerdict = Goal & {
  value: number | null;
  pass: boolean;
};

const meets = (g: Goal, value: number) => (g.atMost !== undefined ? value <= g.atMost : value < g.underMs);
const goalText = (g: Goal) => (g.atMost !== undefined ? `≤ ${g.atMost}` : `< ${g.underMs} ms`);

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export const round = (x: number, places = 1): number => Math.round(x * 10 ** places) / 10 ** places;

/** Milliseconds one call takes, with its result. */
export async function timed<T>(f: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await f();
  return { ms: performance.now() - start, value };
}

/**
 * Median milliseconds over `runs` calls after `warmUp` unmeasured ones (JIT, caches), wall
 * clock and this process's CPU time: on a shared machine the two part company. A full GC
 * before each measured call, when node runs with --expose-gc (npm run bench does), keeps one
 * call's garbage from landing in the next one's time.
 */
export async function medianTimes(f: () => unknown, { warmUp, runs }: { warmUp: number; runs: number }): Promise<{ ms: number; cpuMs: number }> {
  for (let i = 0; i < warmUp; i++) await f();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const startCpu = process.cpuUsage();
    wall.push((await timed(f)).ms);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  return { ms: median(wall), cpuMs: median(cpu) };
}

export const medianMs = async (f: () => unknown, counts: { warmUp: number; runs: number }): Promise<number> => (await medianTimes(f, counts)).ms;

/** The process's peak resident set so far, from the operating system (not a sample). */
export const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/** A value at a dotted path (`national.sql_ms`). */
export function at(results: Results, metric: string): unknown {
  return metric.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), results);
}

export function judge(results: Results, goals: readonly Goal[]): GoalVerdict[] {
  return goals.map((g) => {
    const value = at(results, g.metric);
    return typeof value === 'number' ? { ...g, value, pass: meets(g, value) } : { ...g, value: null, pass: false };
  });
}

/**
 * Writes latest.json. Groups this run did not produce (a section left out or failed) keep
 * their previous figures, so one section's run never erases another's.
 */
export async function writeResults(file: string, results: Results): Promise<void> {
  let previous: Results = {};
  try {
    previous = JSON.parse(await readFile(file, 'utf8')) as Results;
  } catch {
    // No earlier results, or unreadable ones: start afresh.
  }
  // This run's groups first, in its order; earlier groups it did not produce after them.
  const merged: Results = { ...results };
  for (const [group, figures] of Object.entries(previous)) if (!(group in merged)) merged[group] = figures;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(merged, null, 2)}\n`);
}

/** One table per group, goals beside the figures they judge. */
export function printResults(results: Results, verdicts: readonly GoalVerdict[]): void {
  const goalOf = new Map(verdicts.map((v) => [v.metric, v]));
  for (const [group, figures] of Object.entries(results)) {
    if (group === 'goals') continue;
    const table = terminalTable({ head: [group, 'value', 'goal'], colAligns: ['left', 'right', 'left'] });
    for (const [key, value] of Object.entries(figures)) {
      const goal = goalOf.get(`${group}.${key}`);
      table.push([key, format(value), goal ? `${goalText(goal)}: ${goal.pass ? 'met' : 'MISSED'}` : '']);
    }
    console.log(table.toString());
  }
}

function format(value: unknown): string {
  // Tiny non-zero values (SQL against the model: about 1e-13 hours) must not print as 0.
  if (typeof value === 'number') return value !== 0 && Math.abs(value) < 0.001 ? value.toExponential(1) : value.toLocaleString('en-GB', { maximumFractionDigits: 3 });
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
