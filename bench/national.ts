// National view benchmark (issue 17 item 8): 152 councils' returns imported into a national
// tenant (read, checked, written in one transaction) and the national view aggregated from them.
import { generateNationalReturns } from '../src/demo/national.ts';
import { seedNationalTenant } from '../src/demo/users.ts';
import type { RequestContext } from '../src/kernel/context.ts';
import { operatorActor } from '../src/kernel/roles.ts';
import { openDatabase } from '../src/platform/database.ts';
import { migrate } from '../src/platform/migrations.ts';
import { createNationalService } from '../src/national/service/index.ts';
import type { BenchEnv } from './report.ts';

export async function nationalBenchmarks(env: BenchEnv): Promise<Record<string, number>> {
  // The returns exist before the clock starts: councils send them; the national view receives them.
  const files = generateNationalReturns(1, [2025]).map((r) => ({ name: `${r.council.code}-${r.censusYear}.json`, bytes: new TextEncoder().encode(JSON.stringify(r, null, 2)) }));
  const database = await openDatabase(env.databaseUrl ? { databaseUrl: env.databaseUrl } : { dataDir: 'memory://' });
  try {
    await migrate(database.pool);
    const hub = `bench-national-${Date.now()}`;
    await seedNationalTenant(database.db, hub, `${hub}.bench`);
    const national = createNationalService({ db: database.db });
    const ctx: RequestContext = { actor: operatorActor(hub, { userId: 'operator:bench', name: 'bench' }), origin: { ip: 'bench' }, now: new Date() };
    const analyst: RequestContext = { ...ctx, actor: { ...ctx.actor, kind: 'staff', userId: 'demo-national-analyst', roles: ['national_analyst'] } };
    const start = performance.now();
    const result = await national.importReturns(ctx, files);
    const imported = performance.now();
    const view = await national.view(analyst, '2025');
    const end = performance.now();
    if (result.accepted !== files.length) throw new Error(`The benchmark returns did not all import: ${result.rejected} rejected.`);
    env.log(`national caseload ${view.measures.find((m) => m.key === 'caseload')!.value} from ${view.returns} returns`);
    return {
      national_return_ms: Math.round(end - start),
      national_return_import_ms: Math.round(imported - start),
      national_return_aggregate_ms: Math.round(end - imported),
      national_return_councils: view.returns,
      national_return_kb: Math.round(files.reduce((s, f) => s + f.bytes.length, 0) / 1024),
    };
  } finally {
    await database.close();
  }
}
