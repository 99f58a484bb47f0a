// `npm run bench`: the benchmarks, run directly (the caseweight command never imports bench/).
// `npm run bench -- allocation import` runs only the sections named (`-- sufficiency`: statistics.sufficiency_ms).
import { runBenchmarks } from './run.ts';

const only = process.argv.slice(2);
await runBenchmarks(only.length > 0 ? { only } : {});
