import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TEAM } from '../../src/demo/users.ts';
import type { CouncilData } from '../../src/demo/generate.ts';
import { DEMO_COUNCIL } from '../../src/main.ts';
import { coverageFrom, SSD_COMPLETION } from '../../src/exchange/model/coverage.ts';
import { replaceCensus, replaceCoverage } from '../../src/exchange/store.ts';
import { checkPage, signInInBrowser, SKIP_BROWSER, serveDemoCouncil, type ServedCouncil } from '../support/browser.ts';

/**
 * What the council's data cannot show, in a real browser: a child protection case of a council
 * whose SSD extract has no core group table shows core groups as not in your data (not
 * overdue); the service view shows the imported census's caseload with its date. At 1280 and
 * 390 px, with axe; nothing scrolls sideways. Screenshots to /tmp/ssd-mapping-*.png.
 */
const TODAY = new Date().toISOString().slice(0, 10);

describe.skipIf(SKIP_BROWSER)('not in your data, and the census caseload, in a real browser', () => {
  let served: ServedCouncil;
  let browser: Browser;
  let base: string;
  let data: CouncilData;

  beforeAll(async () => {
    served = await serveDemoCouncil({ staffScale: 0.3, caseScale: 0.1, recordHistory: false }, async (db) => {
      // As an SSD import of a council's own extract records it: every event table, no core groups.
      const tables = new Set(Object.values(SSD_COMPLETION).map((c) => c.table).filter((t): t is string => t !== null));
      await replaceCoverage(db.db, DEMO_COUNCIL.councilId, 'ssd', 'test-import', coverageFrom(SSD_COMPLETION, tables));
      await replaceCensus(db.db, DEMO_COUNCIL.councilId, 'test-census', {
        censusDate: '2025-09-30', vacancies: { fte: 3, agencyFte: 1, agencyHeadcount: 1 },
        workers: [18, 15, 0, 21, 12].map((cases, i) => ({
          swe: `SW${String(i).padStart(10, '0')}`, practitionerId: null, agency: i === 3, fte: 1, fte30: i === 4 ? 0.6 : 1, orgRole: cases ? '5' : '6',
          roleStart: '2020-01-01', roleEnd: null, startOrigin: null, leaverDestination: null, reasonLeave: null, cases30: cases, workingDaysLost: 0, absentOn30Sept: false, reasonAbsence: null,
        })),
      });
    });
    ({ base, browser, data } = served);
  }, 180_000);
  afterAll(async () => {
    await served?.close();
  });

  const look = async (page: Awaited<ReturnType<typeof signInInBrowser>>['page'], url: string, name: string) => {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await checkPage(page, `ssd-mapping-${name}-${width}`, { base, url });
      const scroll = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect(scroll, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `/tmp/ssd-mapping-${name}-${width}.png`, fullPage: true });
    }
  };

  it('shows core groups on a child protection case as not in your data, never overdue', async () => {
    const restricted = new Set(data.children.filter((c) => c.restricted).map((c) => c.child_id));
    // A child protection case held in the team manager's own team.
    const inTeam = new Set(data.allocations.filter((a) => a.team_id === DEMO_TEAM && a.role === 'lead' && a.end_date === null).map((a) => a.child_id));
    const cp = data.episodes.find((e) => e.kind === 'cp_plan' && e.end_date === null && e.start_date < TODAY && inTeam.has(e.child_id) && !restricted.has(e.child_id))!;
    const { page } = await signInInBrowser(browser, base, 'team_manager');
    await look(page, `/children/${encodeURIComponent(cp.child_id)}`, 'case');
    const rows = await page.$$eval('[data-testid="schedule"] tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    const core = rows.find((r) => r.includes('Core group'))!;
    expect(core).toContain('Not in your data');
    expect(core).not.toContain('Overdue');
    expect(await page.textContent('[data-figure="not-in-data"]')).toMatch(/still counts? in the workload/);
  });

  it('shows the census caseload with its date beside the register figure', async () => {
    const { page } = await signInInBrowser(browser, base, 'service_manager');
    await look(page, '/service', 'service');
    const text = await page.textContent('[data-testid="census-caseload"]');
    expect(text).toContain('From your workforce census of 30 September 2025');
    // (18 + 15 + 21 + 12) ÷ (1 + 1 + 1 + 0.6)
    expect(await page.textContent('[data-figure="census-caseload"]')).toBe('18.3');
  });
});
