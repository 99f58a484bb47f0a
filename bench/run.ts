// `caseweight bench` (npm run bench): runs each benchmark section, checks the goals and writes
// bench/results/latest.json. A section is a function returning groups of figures; add one to
// SECTIONS to add a benchmark. Sections load their code when they run, so one that fails to
// load or run is reported without losing the others.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../src/platform/config.ts';
import { judge, printResults, round, writeResults, type BenchEnv, type Goal, type Results } from './report.ts';

export interface BenchSection {
  name: string;
  goals: Goal[];
  run(env: BenchEnv): Promise<Results>;
}

export const SECTIONS: BenchSection[] = [
  // First: its national peak RSS is the process's peak so far, so nothing bigger may run before it.
  {
    name: 'workload',
    goals: [
      { metric: 'medium.recompute_ms_memory', underMs: 50 },
      { metric: 'national.recompute_ms_memory', underMs: 2000 },
      { metric: 'national.recompute_ms_db', underMs: 30_000 },
    ],
    run: async (env) => (await import('./workload.ts')).workloadBenchmarks(env),
  },
  {
    name: 'statistics',
    goals: [{ metric: 'statistics.council_measures_ms', underMs: 200 }],
    run: async (env) => ({ statistics: await (await import('./statistics.ts')).statisticsBenchmarks(env) }),
  },
  { name: 'pages', goals: [], run: async () => ({ pages: await (await import('./pages.ts')).pagesBenchmarks() }) },
  { name: 'import', goals: [], run: async () => ({ import: await (await import('./import.ts')).importBenchmarks() }) },
  // The sufficiency page's whole computation for the medium demo council (statistics.sufficiency_ms).
  { name: 'sufficiency', goals: [], run: async () => ({ statistics: await (await import('./sufficiency.ts')).sufficiencyBenchmarks() }) },
  {
    name: 'allocation',
    goals: [
      { metric: 'allocation.small_gap_pct', atMost: 2 },
      { metric: 'allocation.small_ms', underMs: 200 },
      { metric: 'allocation.large_gap_pct', atMost: 2 },
      { metric: 'allocation.large_ms', underMs: 1000 },
      { metric: 'allocation.eligibility_violations', atMost: 0 },
      { metric: 'allocation.suggest_ms', underMs: 50 },
    ],
    run: async (env) => (await import('./allocation.ts')).allocationBenchmarks(env),
  },
  {
    name: 'national',
    goals: [{ metric: 'statistics.national_return_ms', underMs: 2000 }],
    run: async (env) => ({ statistics: await (await import('./national.ts')).nationalBenchmarks(env) }),
  },
];

const RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');

export async function runBenchmarks(options: { only?: readonly string[] } = {}): Promise<Results> {
  const { databaseUrl } = readConfig();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'caseweight-bench-'));
  const started = Date.now();
  const loadAtStart = os.loadavg()[0]!;
  const env: BenchEnv = { databaseUrl, workDir, log: (m) => console.error(`[bench ${Math.round((Date.now() - started) / 1000)} s] ${m}`) };
  const unknown = options.only?.filter((name) => !SECTIONS.some((s) => s.name === name)) ?? [];
  if (unknown.length > 0) throw new Error(`No bench section ${unknown.join(', ')}: choose from ${SECTIONS.map((s) => s.name).join(', ')}.`);
  const sections = SECTIONS.filter((s) => !options.only || options.only.includes(s.name));
  const goals = sections.flatMap((s) => s.goals);
  const results: Results = {};
  const failed: string[] = [];
  try {
    for (const section of sections) {
      env.log(`section ${section.name}`);
      try {
        // Several sections report under one heading (statistics.*): merge their figures, don't replace them.
        for (const [key, value] of Object.entries(await section.run(env))) {
          const before = results[key];
          results[key] = before && typeof before === 'object' && value && typeof value === 'object' ? { ...before, ...value } : value;
        }
      } catch (error) {
        failed.push(section.name);
        console.error(`The ${section.name} benchmarks failed:`, error);
        results[section.name] = { error: (error as Error).message };
      }
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const verdicts = judge(results, goals).filter((v) => v.value !== null);
  results.goals = Object.fromEntries(verdicts.map((v) => [v.metric, { ...(v.atMost !== undefined ? { at_most: v.atMost } : { under_ms: v.underMs }), value: v.value, pass: v.pass }]));
  results.run = {
    date: new Date().toISOString(),
    node: process.version,
    node_flags: process.execArgv.join(' '),
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memory_gb: round(os.totalmem() / 1024 ** 3),
    // The machine may be shared: its load says how far to trust the wall-clock figures.
    load_average_at_start: round(loadAtStart, 2),
    load_average_at_end: round(os.loadavg()[0]!, 2),
    databases: databaseUrl ? 'pglite, postgresql' : 'pglite',
    gc_between_runs: typeof globalThis.gc === 'function',
    sections: sections.map((s) => s.name),
    failed,
    total_s: round((Date.now() - started) / 1000),
  };
  await writeResults(RESULTS_FILE, results);
  printResults(results, verdicts);
  console.log(`Written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
  if (failed.length > 0) process.exitCode = 1;
  return results;
}
