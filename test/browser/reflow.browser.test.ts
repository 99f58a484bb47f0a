import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_COUNCIL } from '../../src/main.ts';
import { seedPilotRecordings } from '../../src/demo/service.ts';
import { demoAgencyEngagements } from '../../src/demo/agency.ts';
import { insertAgencyEngagements } from '../../src/workforce/store.ts';
import { backfillSnapshots } from '../../src/statistics/service/snapshots.ts';
import { checkPage, SCREENSHOTS, signInInBrowser, SKIP_BROWSER, serveDemoCouncil, type ServedCouncil } from '../support/browser.ts';

/**
 * Phones and print (WCAG 2.2 reflow, 1.4.10): every page the walk reaches, at 320 and 390 px
 * wide (and 700 and 1280), scrolls only up and down; chart text is at least 12 px as shown; chart data tables start
 * closed; the team table keeps its figures on one line at 1280 px; and the team page printed has
 * no navigation or filters. A screenshot of each page at 390 px goes to test/screenshots/.
 */
const TODAY = new Date().toISOString().slice(0, 10);
/** Phones (the WCAG reflow width and a common phone), a small tablet just past where the wide chart takes over, a laptop. */
const WIDTHS = [320, 390, 700, 1280] as const;
const MIN_CHART_TEXT_PX = 12;

interface Measure {
  page: string;
  width: number;
  scrollWidth: number;
  /** The elements sticking out furthest past the viewport, for the failure message. */
  offenders: string[];
  chartTexts: number;
  smallestChartTextPx: number | null;
  detailsOpen: number;
}

/** Runs in the page: how wide it scrolls, what sticks out, the chart text as shown, open chart tables. */
const MEASURE = `(() => {
  const vw = document.documentElement.clientWidth;
  const offenders = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= vw + 0.5) continue;
    // Inside a container that scrolls sideways on its own is fine (the page itself does not).
    let scrolled = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const ox = getComputedStyle(p).overflowX;
      if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') { scrolled = true; break; }
    }
    if (scrolled) continue;
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.classList.length ? '.' + [...el.classList].join('.') : '');
    offenders.push({ name, right: Math.round(r.right) });
  }
  offenders.sort((a, b) => b.right - a.right);
  const sizes = [];
  // Only the chart drawn for this width is shown (the other is display: none).
  for (const t of document.querySelectorAll('svg.app-chart__svg text')) {
    if (!t.textContent || !t.textContent.trim() || t.getClientRects().length === 0) continue;
    const ctm = t.getScreenCTM();
    const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
    sizes.push(parseFloat(getComputedStyle(t).fontSize) * scale);
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    offenders: offenders.slice(0, 5).map((o) => o.name + ' → ' + o.right + 'px'),
    chartTexts: sizes.length,
    smallestChartTextPx: sizes.length ? Math.round(Math.min(...sizes) * 10) / 10 : null,
    detailsOpen: document.querySelectorAll('details.app-chart__data[open]').length,
  };
})()`;

describe.skipIf(SKIP_BROWSER)('reflow, chart text and print', () => {
  let served: ServedCouncil;
  let browser: Browser;
  let base: string;
  const measures: Measure[] = [];
  const axe: { page: string; violations: number }[] = [];

  beforeAll(async () => {
    served = await serveDemoCouncil({}, async (db, data, today) => {
      await backfillSnapshots(db.db, DEMO_COUNCIL.councilId, today, 28, 7);
      await seedPilotRecordings(db.db, data, 'SF1', today);
      await insertAgencyEngagements(db.db, demoAgencyEngagements(data, today));
    });
    ({ base, browser } = served);
  }, 240_000);

  afterAll(async () => {
    await served?.close();
    if (measures.length) {
      console.info(['page                         width  scrollWidth  chart text (smallest px, count)  open tables',
        ...measures.map((m) => `${m.page.padEnd(28)} ${String(m.width).padStart(5)}  ${String(m.scrollWidth).padStart(11)}  ${String(m.smallestChartTextPx ?? '–').padStart(8)} (${m.chartTexts})${' '.repeat(20)}${m.detailsOpen}`),
        `axe at 390 px: ${axe.map((a) => `${a.page} ${a.violations}`).join(', ')}`].join('\n'));
    }
  });

  /** The page at 320 and 390 px: measured, checked, and at 390 px screenshot and run through axe. */
  async function reflow(page: Page, name: string, url?: string): Promise<void> {
    const target = url ? `${base}${url}` : page.url();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      const res = await page.goto(target);
      expect(res?.status(), `${name}: ${target}`).toBe(200);
      const m = { page: name, width, ...((await page.evaluate(MEASURE)) as Omit<Measure, 'page' | 'width'>) };
      measures.push(m);
      expect.soft(m.scrollWidth, `${name} at ${width} px scrolls sideways: ${m.offenders.join(', ')}`).toBeLessThanOrEqual(width);
      if (m.smallestChartTextPx !== null) expect.soft(m.smallestChartTextPx, `${name} at ${width} px: chart text`).toBeGreaterThanOrEqual(MIN_CHART_TEXT_PX - 0.5);
      expect.soft(m.detailsOpen, `${name}: chart tables open by default`).toBe(0);
      if (width === 390) {
        // checkPage fails on serious or critical axe violations; keep measuring the other pages.
        const outcome = await checkPage(page, `reflow-390-${name}`).catch((e: Error) => e);
        if (outcome instanceof Error) expect.soft(outcome.message, `${name} at 390 px: axe`).toBeUndefined();
        else axe.push({ page: name, violations: outcome.violations });
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('sign-in', async () => {
    const page = await (await browser.newContext()).newPage();
    await reflow(page, 'sign-in', '/sign-in');
  });

  it('the pages about the service, signed out', async () => {
    const page = await (await browser.newContext()).newPage();
    for (const name of ['accessibility', 'privacy', 'cookies', 'help', 'contact']) await reflow(page, name, `/${name}`);
  });

  it('practitioner: home, my workload, a case', async () => {
    const { page } = await signInInBrowser(browser, base, 'practitioner');
    await reflow(page, 'home', '/');
    await reflow(page, 'my-workload', `/my-workload?date=${TODAY}`);
    const caseHref = await page.getAttribute('[data-testid="cases"] tbody tr:first-child a', 'href');
    await reflow(page, 'case', caseHref!);
  });

  it('team manager: team, practitioner, case; the team table at 1280 px; the team page printed', async () => {
    const { page } = await signInInBrowser(browser, base, 'team_manager');
    await reflow(page, 'team', `/teams/SF1?date=${TODAY}`);

    // At 1280 px every figure in the team table is on one line (a range may have a line of its own).
    await page.goto(`${base}/teams/SF1?date=${TODAY}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reflow-1280-team.png'), fullPage: true });
    const wrapped = (await page.evaluate(`[...document.querySelectorAll('[data-testid="team-table"] td.govuk-table__cell--numeric')]
      .filter((c) => {
        const range = document.createRange();
        range.selectNodeContents(c);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom / 4)));
        return lines.size > 1 + c.querySelectorAll('br').length;
      })
      .map((c) => c.textContent.trim())`)) as string[];
    expect.soft(wrapped, 'team table figures wrapped at 1280 px').toEqual([]);
    const tableWidth = await page.$eval('[data-testid="team-table"]', (t) => ({ table: t.scrollWidth, box: t.parentElement!.clientWidth }));
    expect.soft(tableWidth.table, 'team table cut off at 1280 px').toBeLessThanOrEqual(tableWidth.box);

    // Printed: no navigation, filters, phase banner, skip link or footer; no URLs after links.
    await page.emulateMedia({ media: 'print' });
    const printed = (await page.evaluate(`(() => {
      const shown = (sel) => [...document.querySelectorAll(sel)].some((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden');
      const after = [...document.querySelectorAll('main a[href]')].map((a) => getComputedStyle(a, '::after').content).filter((c) => c && c !== 'none' && c !== 'normal' && c !== '""');
      return {
        navigation: shown('.govuk-service-navigation'), filters: shown('.app-filters'), skipLink: shown('.govuk-skip-link'),
        phaseBanner: shown('.govuk-phase-banner'), footer: shown('.govuk-footer'), urlsAfterLinks: after.length,
        scrollWidth: document.documentElement.scrollWidth, width: document.documentElement.clientWidth,
      };
    })()`)) as Record<string, boolean | number>;
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reflow-print-team.png'), fullPage: true });
    expect.soft(printed).toMatchObject({ navigation: false, filters: false, skipLink: false, phaseBanner: false, footer: false, urlsAfterLinks: 0 });
    await page.emulateMedia({ media: 'screen' });

    const practitionerHref = await page.getAttribute('[data-testid="team-table"] tbody tr:first-child th a', 'href');
    await reflow(page, 'practitioner', practitionerHref!);
    const caseHref = await page.getAttribute('[data-testid="cases"] tbody tr:first-child a', 'href');
    await reflow(page, 'team-case', caseHref!);
    await reflow(page, 'team-audit-home', '/audit');
  });

  it('head of service: service view, sufficiency (with a what-if), the largest team, settings', async () => {
    const { page } = await signInInBrowser(browser, base, 'service_manager');
    await reflow(page, 'service', `/service?date=${TODAY}`);
    await reflow(page, 'agency-rules', `/service/agency?date=${TODAY}`);
    await reflow(page, 'sufficiency', `/sufficiency?date=${TODAY}&change=fill-vacancies&change=demand-10`);
    await reflow(page, 'largest-team', `/teams/LC?date=${TODAY}`);
    await reflow(page, 'settings', '/settings/workload-model');
  });

  it('data officer, system administrator and auditor: imports, calibration and the audit log', async () => {
    const officer = await signInInBrowser(browser, base, 'data_officer');
    await reflow(officer.page, 'imports-upload', '/imports');
    await reflow(officer.page, 'imports-history', '/imports/history');
    const admin = await signInInBrowser(browser, base, 'system_administrator');
    await reflow(admin.page, 'calibration', '/settings/workload-model/calibration');
    const auditor = await signInInBrowser(browser, base, 'auditor');
    await reflow(auditor.page, 'audit-home', '/audit');
    await reflow(auditor.page, 'audit-person', '/audit/people/demo-practitioner');
  });
});
