// Workload benchmarks: the medium council and the national scale, computed three ways — the
// model over data in memory, the model over the database (computeWorkloads), and the plain
// SQL formula (demand-sql.ts) — on PGlite, and on PostgreSQL too when DATABASE_URL is set.
import path from 'node:path';
import { sql } from 'kysely';
import { generateCouncil, nationalCouncilOptions, type CouncilData } from '../src/demo/generate.ts';
import { deleteCouncil, seedCouncil } from '../src/demo/service.ts';
import { inputsInMemory, workloadsInMemory } from '../src/demo/stats.ts';
import { openDatabase, type DatabaseHandle } from '../src/platform/database.ts';
import { migrate } from '../src/platform/migrations.ts';
import { practitionerDemandsSql } from './demand-sql.ts';
import { DEFAULT_CONFIG, englandCalendar, type ModelContext, type Range } from '../src/workload/model/index.ts';
import { computeWorkloads, loadModelContext, runWorkloads } from '../src/workload/service/index.ts';
import { medianMs, medianTimes, peakRssMb, round, timed, type BenchEnv, type Results } from './report.ts';

const AS_OF = '2026-11-23';

const modelContext = (): ModelContext => ({ config: DEFAULT_CONFIG, calendar: englandCalendar() });

/** `nationalCouncils` below 152 makes a quick smoke run of the same code. */
export async function workloadBenchmarks(env: BenchEnv, { nationalCouncils = 152 } = {}): Promise<Results> {
  const medium = await mediumBenchmarks(env);
  const national = await nationalBenchmarks(env, nationalCouncils);
  return { medium, national };
}

async function mediumBenchmarks(env: BenchEnv): Promise<Record<string, unknown>> {
  env.log('medium council: generating');
  const generated = await timed(() => generateCouncil({ councilId: 'bench-medium', name: 'Medium council (bench)', seed: 1, asOf: AS_OF }));
  const data = generated.value;
  const out: Record<string, unknown> = { ...counts([data]), seed_ms_generate: round(generated.ms) };
  const inputs = inputsInMemory(data, AS_OF);
  const ctx = modelContext();
  const memory = await medianTimes(() => runWorkloads(inputs, ctx), { warmUp: 5, runs: 25 });
  out.recompute_ms_memory = round(memory.ms, 2);
  out.recompute_cpu_ms_memory = round(memory.cpuMs, 2);
  out.recompute_ms_memory_from_rows = round((await medianTimes(() => workloadsInMemory(data, AS_OF, ctx), { warmUp: 5, runs: 25 })).ms, 2);

  const onDatabase = async (database: DatabaseHandle, suffix: string, councilId: string) => {
    const council = councilId === data.council.council_id ? data : withCouncilId(data, councilId);
    const written = await timed(() => seedCouncil(database.db, council));
    out[`seed_ms_write${suffix}`] = round(written.ms);
    out[`seed_ms${suffix}`] = round(generated.ms + written.ms);
    await sql`analyze`.execute(database.db);
    out[`recompute_ms_db${suffix}`] = round(await medianMs(() => computeWorkloads(database.db, councilId, AS_OF), { warmUp: 2, runs: 7 }));
    const ctx = await loadModelContext(database.db, councilId);
    out[`sql_ms${suffix}`] = round(await medianMs(() => practitionerDemandsSql(database.db, councilId, AS_OF, ctx), { warmUp: 2, runs: 7 }));
    const totals = await councilTotals(database, councilId);
    out[`sql_max_diff_hours${suffix}`] = largestDifference(totals.model, totals.plain);
  };

  env.log('medium council: PGlite');
  await withDatabase({ dataDir: path.join(env.workDir, 'medium') }, (db) => onDatabase(db, '', data.council.council_id));
  if (env.databaseUrl) {
    env.log('medium council: PostgreSQL');
    const councilId = `bench-medium-${process.pid}`;
    await onPostgres(env, out, async (db) => {
      try {
        await onDatabase(db, '_pg', councilId);
      } finally {
        await deleteCouncil(db.db, councilId);
      }
    });
  }
  return out;
}

async function nationalBenchmarks(env: BenchEnv, councilCount: number): Promise<Record<string, unknown>> {
  const options = nationalCouncilOptions(1, AS_OF).slice(0, councilCount);
  const out: Record<string, unknown> = {};
  const councils: CouncilData[] = [];

  await withDatabase({ dataDir: path.join(env.workDir, 'national') }, async (database) => {
    let generateMs = 0;
    let writeMs = 0;
    for (const [i, o] of options.entries()) {
      const generated = await timed(() => generateCouncil(o));
      const written = await timed(() => seedCouncil(database.db, generated.value));
      generateMs += generated.ms;
      writeMs += written.ms;
      councils.push(generated.value);
      if ((i + 1) % 38 === 0) env.log(`national: generated and seeded ${i + 1} of ${options.length} councils (${Math.round((generateMs + writeMs) / 1000)} s)`);
    }
    Object.assign(out, counts(councils));
    out.seed_ms_generate = round(generateMs);
    out.seed_ms_write = round(writeMs);
    out.seed_ms = round(generateMs + writeMs);
    // PGlite runs no autovacuum: statistics exist only once someone asks for them.
    out.analyze_ms = round((await timed(() => sql`analyze`.execute(database.db))).ms);

    env.log('national: in memory');
    // The model alone (the "in-memory model alone"): inputs prepared once, as the
    // database path prepares them, then every council's ratios. Rows → ratios is reported beside it.
    const inputs = councils.map((data) => inputsInMemory(data, AS_OF));
    const ctx = modelContext();
    const memory = await medianTimes(() => {
      for (const i of inputs) runWorkloads(i, ctx);
    }, { warmUp: 1, runs: 5 });
    out.recompute_ms_memory = round(memory.ms);
    out.recompute_cpu_ms_memory = round(memory.cpuMs);
    const fromRows = await medianTimes(() => {
      for (const data of councils) workloadsInMemory(data, AS_OF, ctx);
    }, { warmUp: 1, runs: 3 });
    out.recompute_ms_memory_from_rows = round(fromRows.ms);
    Object.assign(out, await fromDatabase(env, database, councils.map((c) => c.council.council_id), ''));
  });

  if (env.databaseUrl) {
    const ids = councils.map((c) => `bench-${process.pid}-${c.council.council_id}`);
    await onPostgres(env, out, async (database) => {
      try {
        env.log('national: seeding PostgreSQL');
        const written = await timed(async () => {
          for (const [i, data] of councils.entries()) await seedCouncil(database.db, withCouncilId(data, ids[i]!));
        });
        out.seed_ms_write_pg = round(written.ms);
        await sql`analyze`.execute(database.db);
        Object.assign(out, await fromDatabase(env, database, ids, '_pg'));
      } finally {
        env.log('national: removing the benchmark councils from PostgreSQL');
        for (const id of ids) await deleteCouncil(database.db, id);
      }
    });
  }
  out.sql_to_db_ratio = round((out.sql_ms as number) / (out.recompute_ms_db as number), 2);
  out.sql_to_memory_ratio = round((out.sql_ms as number) / (out.recompute_ms_memory as number), 2);
  out.peak_rss_mb = peakRssMb();
  return out;
}

/** The model from the database and the SQL formula over every council, one pass each. */
async function fromDatabase(env: BenchEnv, database: DatabaseHandle, ids: readonly string[], suffix: string) {
  const model = new Map<string, Range>();
  const plain = new Map<string, Range>();
  env.log(`national: model from the database${suffix}`);
  const modelRun = await timed(async () => {
    for (const id of ids) {
      const { results } = await computeWorkloads(database.db, id, AS_OF);
      for (const r of results) model.set(`${id}/${r.practitioner.practitioner_id}`, r.workload.demand.total);
    }
  });
  env.log(`national: plain SQL${suffix}`);
  const plainRun = await timed(async () => {
    for (const id of ids) {
      const rows = await practitionerDemandsSql(database.db, id, AS_OF, await loadModelContext(database.db, id));
      for (const r of rows) plain.set(`${id}/${r.practitionerId}`, r.demand);
    }
  });
  return {
    [`recompute_ms_db${suffix}`]: round(modelRun.ms),
    [`sql_ms${suffix}`]: round(plainRun.ms),
    [`sql_max_diff_hours${suffix}`]: largestDifference(model, plain),
  };
}

/** Largest difference in hours, over low, central and high, between the model and the SQL formula. */
function largestDifference(model: ReadonlyMap<string, Range>, plain: ReadonlyMap<string, Range>): number {
  if (model.size !== plain.size) return Infinity;
  let worst = 0;
  for (const [key, m] of model) {
    const s = plain.get(key);
    if (!s) return Infinity;
    for (const k of ['low', 'central', 'high'] as const) worst = Math.max(worst, Math.abs(s[k] - m[k]));
  }
  return worst;
}

async function councilTotals(database: DatabaseHandle, councilId: string) {
  const { ctx, results } = await computeWorkloads(database.db, councilId, AS_OF);
  const rows = await practitionerDemandsSql(database.db, councilId, AS_OF, ctx);
  return {
    model: new Map(results.map((r) => [r.practitioner.practitioner_id, r.workload.demand.total])),
    plain: new Map(rows.map((r) => [r.practitionerId, r.demand])),
  };
}

function counts(councils: readonly CouncilData[]) {
  let practitioners = 0;
  let fte = 0;
  let children = 0;
  let episodes = 0;
  let openCases = 0;
  for (const d of councils) {
    const inPost = d.practitioners.filter((p) => p.started_on <= AS_OF && (p.left_on === null || p.left_on > AS_OF));
    practitioners += inPost.length;
    fte += inPost.reduce((s, p) => s + p.fte, 0);
    children += d.children.length;
    episodes += d.episodes.length;
    openCases += new Set(d.allocations.filter((a) => a.role === 'lead' && a.start_date <= AS_OF && (a.end_date === null || a.end_date > AS_OF)).map((a) => a.child_id)).size;
  }
  return { councils: councils.length, practitioners_in_post: practitioners, fte_in_post: round(fte), children, episodes, open_cases: openCases };
}

/** The same council under another id (a shared PostgreSQL may hold councils of that name). */
function withCouncilId(data: CouncilData, councilId: string): CouncilData {
  const rows = <T extends { council_id: string }>(list: readonly T[]) => list.map((r) => ({ ...r, council_id: councilId }));
  return {
    council: { ...data.council, council_id: councilId },
    teams: rows(data.teams), practitioners: rows(data.practitioners), absences: rows(data.absences), posts: rows(data.posts),
    children: rows(data.children), episodes: rows(data.episodes), factors: rows(data.factors), allocations: rows(data.allocations),
    recorded: rows(data.recorded),
  };
}

/** The PostgreSQL figures; a failure there is recorded beside the PGlite figures, not instead of them. */
async function onPostgres(env: BenchEnv, out: Record<string, unknown>, use: (database: DatabaseHandle) => Promise<void>): Promise<void> {
  try {
    await withDatabase({ databaseUrl: env.databaseUrl }, use);
  } catch (error) {
    env.log(`PostgreSQL figures failed: ${(error as Error).stack ?? String(error)}`);
    out.error_pg = (error as Error).message;
  }
}

async function withDatabase<T>(options: { dataDir?: string; databaseUrl?: string }, use: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const database = await openDatabase(options);
  try {
    await migrate(database.pool);
    return await use(database);
  } finally {
    await database.close();
  }
}
