// Times each phase of the large SSD import, to find where the time goes (issue 8, item 7).
// Run: npx tsx bench/import-phases.ts [postgres://…]
import { largeSsdExtract } from './import.ts';
import { ReportBuilder } from '../src/standards/report.ts';
import { mapSsd } from '../src/exchange/model/ssd/map.ts';
import { DEFAULT_ROLE_MAPPING } from '../src/exchange/model/ssd/roles.ts';
import { confirm } from '../src/exchange/service/index.ts';
import * as store from '../src/exchange/store.ts';
import { planSync } from '../src/exchange/model/sync.ts';
import { openDatabase } from '../src/platform/database.ts';
import { migrate } from '../src/platform/migrations.ts';
import { readSsdFiles } from '../src/standards/ssd/read.ts';
import { insertCouncil } from '../src/workforce/store.ts';

const AS_OF = '2026-03-31';
const times: Record<string, number> = {};
const cpu: Record<string, number> = {};
/** Wall time and this process's CPU time: the machine may be shared, and PGlite runs on this thread. */
const time = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
  const start = performance.now();
  const startCpu = process.cpuUsage();
  const out = await f();
  times[name] = Math.round(performance.now() - start);
  const used = process.cpuUsage(startCpu);
  cpu[name] = Math.round((used.user + used.system) / 1000);
  return out;
};

const { data, files } = await time('generate', () => largeSsdExtract());
console.log({ children: data.children.length, practitioners: data.practitioners.length, allocations: data.allocations.length, episodes: data.episodes.length, recorded: data.recorded.length, bytes: files.reduce((s, f) => s + f.bytes.length, 0) });
const url = process.argv[2];
const database = await openDatabase(url ? { databaseUrl: url } : { dataDir: 'memory://' });
await migrate(database.pool);
const councilId = `phases-${Date.now()}`;
const report = new ReportBuilder();
const total = performance.now();
const read = await time('read', () => readSsdFiles(files, report));
const mapped = await time('map', () => mapSsd(read.tables, { councilId, extractDate: AS_OF, roleMapping: DEFAULT_ROLE_MAPPING, fullTimeWeeklyHours: 37 }, report));
await database.db.transaction().execute(async (trx) => {
  await insertCouncil(trx, { council_id: councilId, name: 'Phases', la_code: null });
  const state = await time('loadState', () => store.loadRegisterState(trx, councilId, 'ssd'));
  const plan = await time('plan', () => planSync(mapped.snapshot, state, AS_OF));
  await time('apply', () => store.applyPlan(trx, councilId, plan));
  await time('sourced', () => store.recordSourced(trx, councilId, 'ssd', 'i1', plan.sourced));
  await time('flags', () => store.replaceFlags(trx, councilId, 'ssd', 'i1', plan.flags));
});
times.total_after_generate = Math.round(performance.now() - total);
// The same extract again, as a nightly import of an unchanged register would be.
const again = await time('reimport_same_extract', () => confirm(database.db, { councilId, format: 'ssd', files, importedBy: 'bench', extractDate: AS_OF }));
if (again.status !== 'unchanged') throw new Error(`The second import changed something (${again.status}).`);
console.log('wall ms', times, 'cpu ms', cpu, { rssMb: Math.round(process.memoryUsage().rss / 1048576) });
await database.close();
