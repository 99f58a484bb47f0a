// `npm run bench`: the benchmarks, run directly (the caseweight command never imports bench/).
import { runBenchmarks } from './run.ts';

await runBenchmarks();
