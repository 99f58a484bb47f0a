import { performance } from 'node:perf_hooks';
import { seedDemoUsers } from '../src/demo/users.ts';
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { clearChartCache } from '../src/platform/web/charts.ts';
import { buildApp, DEMO_COUNCIL } from '../src/main.ts';
import { openDatabase } from '../src/platform/database.ts';
import { migrate } from '../src/platform/migrations.ts';
import { takeSnapshot } from '../src/statistics/service/snapshots.ts';
import { listTeams } from '../src/workforce/store.ts';

const AS_OF = '2026-11-23';
const RUNS = 25;
const WARM_UP = 5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Pages benchmark (issue 4): server time to render the team page for the largest team of the
 * demo council, signed in as the demo head of service, median of RUNS renders through
 * app.inject after a warm-up (template compilation, first echarts render, JIT).
 */
export async function pagesBenchmarks(): Promise<Record<string, number>> {
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrate(database.pool);
    const { councilId } = DEMO_COUNCIL;
    await seedCouncil(database.db, generateCouncil({ ...DEMO_COUNCIL, seed: 1, asOf: AS_OF }));
    const users = await seedDemoUsers(database.db, councilId, AS_OF);
    await takeSnapshot(database.db, councilId, AS_OF);
    const teams = await listTeams(database.db, councilId, AS_OF);
    const largest = [...teams].sort((a, b) => b.practitioners - a.practitioners || a.team_id.localeCompare(b.team_id))[0]!;

    const app = await buildApp(database, { logLevel: 'silent' });
    try {
      const jar: Record<string, string> = {};
      const keep = (res: { cookies: { name: string; value: string }[] }) => { for (const c of res.cookies) jar[c.name] = c.value; };
      const tokenRes = await app.inject({ method: 'GET', url: '/api/csrf-token' });
      keep(tokenRes);
      const email = users.find((u) => u.roles.includes('service_manager'))!.email;
      const { DEMO_PASSWORD } = await import('../src/demo/users.ts');
      keep(await app.inject({ method: 'POST', url: '/sign-in', cookies: jar, headers: { accept: 'application/json' }, payload: { email, password: DEMO_PASSWORD, _csrf: tokenRes.json().token } }));

      const url = `/teams/${encodeURIComponent(largest.team_id)}?date=${AS_OF}`;
      const measure = async (cold: boolean) => {
        const times: number[] = [];
        for (let i = 0; i < WARM_UP + RUNS; i++) {
          if (cold) clearChartCache();
          const start = performance.now();
          const res = await app.inject({ method: 'GET', url, cookies: jar, headers: { accept: 'text/html' } });
          const ms = performance.now() - start;
          if (res.statusCode !== 200) throw new Error(`The team page answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
          if (i >= WARM_UP) times.push(ms);
        }
        return Math.round(median(times) * 10) / 10;
      };
      // A reload with unchanged figures reuses the chart's SVG; the cold figure draws it every time.
      const coldChart = await measure(true);
      return { team_ms_server: await measure(false), team_ms_server_chart_uncached: coldChart };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}
