// Statistics benchmark (issue 17): every measure for the medium demo council from the register —
// the DfE workforce indicators, what the caseload hides (workloads included) — and the agency
// rules check, on PGlite, median of RUNS calls after a warm-up.
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { demoAgencyEngagements } from '../src/demo/agency.ts';
import { DEMO_COUNCIL } from '../src/demo/council.ts';
import { openDatabase } from '../src/platform/database.ts';
import { migrate } from '../src/platform/migrations.ts';
import { agencyCheck, councilMeasures } from '../src/statistics/service/measures.ts';
import { computeWorkloads } from '../src/workload/service/index.ts';
import { insertAgencyEngagements } from '../src/workforce/store.ts';
import { medianTimes, round, type BenchEnv } from './report.ts';

const AS_OF = '2026-11-23';
const RUNS = { warmUp: 3, runs: 15 };

export async function statisticsBenchmarks(env: BenchEnv): Promise<Record<string, number>> {
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrate(database.pool);
    const { councilId } = DEMO_COUNCIL;
    env.log('statistics: seeding the medium demo council');
    const data = generateCouncil({ ...DEMO_COUNCIL, seed: 1, asOf: AS_OF });
    await seedCouncil(database.db, data);
    await insertAgencyEngagements(database.db, demoAgencyEngagements(data, AS_OF));
    const all = await medianTimes(() => councilMeasures(database.db, councilId, AS_OF, 'FTE30'), RUNS);
    // The same with the day's workloads already computed (as the service view has them).
    const workloads = await computeWorkloads(database.db, councilId, AS_OF);
    const given = await medianTimes(() => councilMeasures(database.db, councilId, AS_OF, 'FTE30', workloads), RUNS);
    const agency = await medianTimes(() => agencyCheck(database.db, councilId, AS_OF), RUNS);
    return {
      practitioners: data.practitioners.length,
      council_measures_ms: round(all.ms),
      council_measures_cpu_ms: round(all.cpuMs),
      council_measures_ms_workloads_given: round(given.ms),
      agency_check_ms: round(agency.ms),
    };
  } finally {
    await database.close();
  }
}
