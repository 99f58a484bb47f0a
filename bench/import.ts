// Import benchmarks (issue 8, item 7). The lead wires this into bench/run.ts as the `import` section.
import { generateCouncil } from '../src/demo/generate.ts';
import { confirm } from '../src/imports/service.ts';
import { DEFAULT_ROLE_MAPPING } from '../src/imports/ssd/roles.ts';
import { registerToSsd } from '../src/imports/ssd/export.ts';
import { openDatabase } from '../src/platform/database.ts';
import { migrate } from '../src/platform/migrations.ts';
import { writeSsdFiles } from '../src/standards/ssd/write.ts';

const AS_OF = '2026-03-31';

/** A large council's SSD set: about 10,000 children and 500 practitioners. */
export function largeSsdExtract() {
  const data = generateCouncil({ councilId: 'large', name: 'Large', seed: 42, asOf: AS_OF, staffScale: 2.4, caseScale: 1.5 });
  const files = writeSsdFiles(registerToSsd({ ...data, episodes: data.episodes, recorded: data.recorded }, DEFAULT_ROLE_MAPPING));
  return { data, files };
}

async function timeImport(databaseUrl: string | undefined, files: ReturnType<typeof largeSsdExtract>['files']): Promise<number> {
  const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' });
  try {
    await migrate(database.pool);
    const councilId = `bench-${Date.now()}`;
    const start = performance.now();
    const result = await confirm(database.db, { councilId, format: 'ssd', files, importedBy: 'bench', extractDate: AS_OF });
    const ms = performance.now() - start;
    if (result.status !== 'imported') throw new Error(`The benchmark import did not import (${result.status}).`);
    return Math.round(ms);
  } finally {
    await database.close();
  }
}

export async function importBenchmarks(): Promise<Record<string, number | string | boolean>> {
  const { data, files } = largeSsdExtract();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const out: Record<string, number | string | boolean> = {
      ssd_large_children: data.children.length,
      ssd_large_practitioners: data.practitioners.length,
      ssd_large_involvement_and_episode_rows: data.allocations.length + data.episodes.length,
      ssd_large_recorded_rows: data.recorded.length,
      ssd_large_ms: await timeImport(undefined, files),
    };
    if (process.env.DATABASE_URL) out.ssd_large_ms_pg = await timeImport(process.env.DATABASE_URL, files);
    out.peak_rss_mb = Math.round(peak / 1024 / 1024);
    out.cin_20k_validate_ms = 'not built yet';
    return out;
  } finally {
    clearInterval(timer);
  }
}
