import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNarrow, checkPage, signInInBrowser, SKIP_BROWSER, serveDemoCouncil, type ServedCouncil } from '../support/browser.ts';

/**
 * Sufficiency and the safe range in a real browser at 1280 px and 390 px: a head of service opens
 * it from the service view, reads the tornado chart and its table, and tries the what-if (a GET
 * form, no script needed); an analyst downloads a table. axe on every page.
 */
describe.skipIf(SKIP_BROWSER)('sufficiency and the safe range in a real browser', () => {
  let served: ServedCouncil;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    served = await serveDemoCouncil({ staffScale: 0.5, caseScale: 0.5, recordHistory: false });
    ({ base, browser } = served);
  }, 180_000);
  afterAll(async () => {
    await served?.close();
  });

  it('head of service: from the service view to the safe range, its tornado chart and the FTE needed; the what-if without JavaScript', async () => {
    const { page, cspErrors } = await signInInBrowser(browser, base, 'service_manager');
    await page.goto(`${base}/service`);
    await page.click('a:text-is("Sufficiency and the safe range")');
    await page.waitForURL(/\/sufficiency\?date=/);
    // Not even a minor axe finding on this page (checkPage itself fails on serious ones).
    expect((await checkPage(page, 'sufficiency')).violations).toBe(0);
    await checkNarrow(page, 'sufficiency');
    expect(await page.locator('#history-chart svg').count()).toBe(2);
    // The tornado chart is an image with a name, and its figures open as a table.
    const chart = page.locator('#sensitivity-chart svg.app-chart__svg--wide');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.getAttribute('aria-label')).toContain('What moves the safe range most');
    await page.click('#sensitivity-chart + details summary');
    expect(await page.locator('#sensitivity-chart + details tbody tr').count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('[data-testid="forecast-method"]').textContent()).toContain('Method:');
    expect(await page.locator('[data-testid="drivers"] tbody tr').count()).toBe(5);

    // The what-if: tick two changes and show; the comparison appears, the boxes stay ticked.
    await page.check('input[name="change"][value="fill-vacancies"]');
    await page.check('input[name="change"][value="demand-10"]');
    await Promise.all([page.waitForURL(/change=fill-vacancies/), page.click('button:text-is("Show the figures with these changes")')]);
    expect(await page.locator('[data-testid="what-if"] tbody tr').count()).toBe(6);
    expect(await page.isChecked('input[name="change"][value="fill-vacancies"]')).toBe(true);
    expect(await page.isChecked('input[name="change"][value="halve-agency"]')).toBe(false);
    expect((await checkPage(page, 'sufficiency-what-if')).violations).toBe(0);
    await checkNarrow(page, 'sufficiency-what-if');
    expect(cspErrors).toEqual([]);
  });

  it('performance analyst: downloads the FTE needed as CSV; a team manager is not offered the page', async () => {
    const { page } = await signInInBrowser(browser, base, 'performance_analyst');
    await page.goto(`${base}/sufficiency`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="needed"] ~ [data-testid="downloads"] a:text-is("Download as CSV")')]);
    expect(download.suggestedFilename()).toMatch(/^sufficiency-needed-\d{4}-\d{2}-\d{2}\.csv$/);
    const manager = await signInInBrowser(browser, base, 'team_manager');
    await manager.page.goto(`${base}/service`);
    expect(await manager.page.locator('a:text-is("Sufficiency and the safe range")').count()).toBe(0);
    const res = await manager.page.goto(`${base}/sufficiency`);
    expect(res?.status()).toBe(404);
  });
});
