// The exact referee's thread: HiGHS (WASM) solves synchronously and can run for its whole time
// limit, so it runs here, off the bench's main thread. Receives an LP-format model and options,
// answers with the status, objective and the named columns asked for.
import { parentPort } from 'node:worker_threads';
import highsModule from 'highs';

export interface HighsRequest {
  model: string;
  timeLimitSeconds: number;
  /** Column-name prefixes whose values to send back (all of them can be 100,000 entries). */
  columns: readonly string[];
}

export interface HighsAnswer {
  status: string;
  objective: number | null;
  columns: Record<string, number>;
  ms: number;
}

// The package's types describe its CommonJS entry (the loader under `.default`); the ESM build
// Node loads here exports the loader itself. Take whichever is there.
const loadHighs = ((highsModule as { default?: unknown }).default ?? highsModule) as typeof highsModule.default;
const highs = await loadHighs();

parentPort!.on('message', (request: HighsRequest) => {
  const started = performance.now();
  const solution = highs.solve(request.model, { time_limit: request.timeLimitSeconds, output_flag: false, presolve: 'on' });
  const ms = performance.now() - started;
  // A solution exists only with these statuses; any other (Infeasible, Empty, errors) has none to read.
  const solved = solution.Status === 'Optimal' || ((solution.Status === 'Time limit reached' || solution.Status === 'Iteration limit reached') && Number.isFinite(solution.ObjectiveValue));
  const columns: Record<string, number> = {};
  if (solved) {
    for (const [name, column] of Object.entries(solution.Columns)) {
      if (request.columns.some((p) => name.startsWith(p))) columns[name] = (column as { Primal: number }).Primal;
    }
  }
  parentPort!.postMessage({ status: solution.Status, objective: solved ? solution.ObjectiveValue : null, columns, ms } satisfies HighsAnswer);
});
