// Import benchmarks (issue 8, item 7). The lead wires this into bench/run.ts as the `import` section.
import { generateCouncil } from '../src/demo/generate.ts';
import { cinBenchmarks } from './cin.ts';
import { ssda903Benchmarks } from './ssda903.ts';
import { confirm } from '../src/exchange/service/index.ts';
import { exportAnnexA } from '../src/exchange/service/annex-a.ts';
import { DEFAULT_ROLE_MAPPING } from '../src/exchange/model/ssd/roles.ts';
import { registerToSsd } from '../src/exchange/model/ssd/export.ts';
import { openDatabase } from '../src/platform/database.ts';
import { migrate } from '../src/platform/migrations.ts';
import { writeSsdFiles } from '../src/standards/ssd/write.ts';

const AS_OF = '2026-03-31';

/** The size: about 60,000 involvement and episode rows for 10,000 children. */
export const TARGET_INVOLVEMENT_AND_EPISODE_ROWS = 60_000;

/** A large council's SSD set: about 10,000 children, 500 practitioners and 60,000 involvement and episode rows. */
export function largeSsdExtract() {
  const generated = generateCouncil({ councilId: 'large', name: 'Large', seed: 42, asOf: AS_OF, staffScale: 2.4, caseScale: 1.5 });
  const data = { ...generated, allocations: withAllocationHistory(generated, TARGET_INVOLVEMENT_AND_EPISODE_ROWS) };
  const files = writeSsdFiles(registerToSsd(data, DEFAULT_ROLE_MAPPING));
  return { data, files };
}

type Council = ReturnType<typeof generateCouncil>;

/**
 * The demo generator holds only current allocations, but a real extract carries each child's
 * earlier workers too (ssd_involvements keeps closed rows). Adds closed allocations, each
 * ending the day before the child's earliest one starts, to a colleague in the same team,
 * until involvements and episodes together reach `target`.
 */
export function withAllocationHistory(data: Council, target: number): Council['allocations'] {
  const out = [...data.allocations];
  const byTeam = new Map<string, string[]>();
  for (const p of data.practitioners) byTeam.set(p.team_id, [...(byTeam.get(p.team_id) ?? []), p.practitioner_id]);
  const earliest = new Map<string, (typeof out)[number]>();
  for (const a of data.allocations) {
    const held = earliest.get(a.child_id);
    if (!held || a.start_date < held.start_date) earliest.set(a.child_id, a);
  }
  const firsts = [...earliest.values()];
  const day = 86_400_000;
  for (let round = 1; out.length + data.episodes.length < target && firsts.length > 0; round++) {
    for (let i = 0; i < firsts.length && out.length + data.episodes.length < target; i++) {
      const a = firsts[i]!;
      const team = byTeam.get(a.team_id) ?? [a.practitioner_id];
      const end = new Date(Date.parse(a.start_date) - day);
      const start = new Date(end.getTime() - (60 + ((i * 37 + round * 11) % 240)) * day);
      const prior = { ...a, allocation_id: `${a.allocation_id}-H${round}`, practitioner_id: team[(i + round) % team.length]!, start_date: iso(start), end_date: iso(end) };
      out.push(prior);
      firsts[i] = prior;
    }
  }
  return out;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const round2 = (x: number) => Math.round(x * 100) / 100;

type SsdFiles = ReturnType<typeof largeSsdExtract>['files'];

/**
 * The same extract as a council's files usually are: one row in every 500 of the involvements
 * and the visits has lost its key, so the import leaves those rows out and imports the rest.
 */
export function withDefects(files: SsdFiles, every = 500): SsdFiles {
  return files.map((f) => {
    if (!/^ssd_(involvements|cin_visits|cp_visits|cla_visits)\.csv$/.test(f.name)) return f;
    const lines = new TextDecoder().decode(f.bytes).split('\n');
    // Line 1 is the header; the key is the first column.
    const damaged = lines.map((line, i) => (i > 0 && i % every === 0 && line ? line.replace(/^[^,]*/, '') : line));
    return { ...f, bytes: new TextEncoder().encode(damaged.join('\n')) };
  });
}

interface Timed { ms: number; rows: { read: number; imported: number; rejected: number }; annexAMs?: number }

async function timeImport(databaseUrl: string | undefined, files: SsdFiles, annexA = false): Promise<Timed> {
  const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' });
  try {
    await migrate(database.pool);
    const councilId = `bench-${Date.now()}`;
    const start = performance.now();
    const result = await confirm(database.db, { councilId, format: 'ssd', files, importedBy: 'bench', extractDate: AS_OF });
    const ms = performance.now() - start;
    if (result.status !== 'imported') throw new Error(`The benchmark import did not import (${result.status}).`);
    const totals = result.report.totals ?? { read: 0, imported: 0, rejected: 0 };
    const timed: Timed = { ms: Math.round(ms), rows: { read: totals.read, imported: totals.imported, rejected: totals.rejected } };
    if (annexA) {
      const begun = performance.now();
      await exportAnnexA(database.db, councilId, AS_OF);
      timed.annexAMs = Math.round(performance.now() - begun);
    }
    return timed;
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
    };
    const clean = await timeImport(undefined, files, true);
    out.ssd_large_ms = clean.ms;
    out.ssd_large_rows_read = clean.rows.read;
    out.annex_a_large_ms = clean.annexAMs!;
    // Side by side in one run: the defects' cost is the ratio, not the absolute time.
    const messy = await timeImport(undefined, withDefects(files));
    out.ssd_large_with_defects_ms = messy.ms;
    out.ssd_large_with_defects_imported = messy.rows.imported;
    out.ssd_large_with_defects_rejected = messy.rows.rejected;
    out.ssd_large_with_defects_ratio = round2(messy.ms / clean.ms);
    if (process.env.DATABASE_URL) out.ssd_large_ms_pg = (await timeImport(process.env.DATABASE_URL, files)).ms;
    out.peak_rss_mb = Math.round(peak / 1024 / 1024);
    // After the peak is taken: the CIN figures are their own measurement (bench/cin.ts).
    Object.assign(out, await cinBenchmarks());
    Object.assign(out, await ssda903Benchmarks());
    return out;
  } finally {
    clearInterval(timer);
  }
}
