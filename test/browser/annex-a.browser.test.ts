import { copyFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_COUNCIL } from '../../src/main.ts';
import { checkPage, SCREENSHOTS, signInInBrowser, SKIP_BROWSER, serveDemoCouncil, type ServedCouncil } from '../support/browser.ts';

/**
 * The Annex A download as a data officer does it, at desktop and phone widths: the link on the
 * imports page downloads the workbook; another inspection date goes through the form. axe on
 * the page (no serious or critical violations), a screenshot of each width.
 */
const TODAY = new Date().toISOString().slice(0, 10);

describe.skipIf(SKIP_BROWSER)('the Annex A download in a real browser', () => {
  let served: ServedCouncil;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    served = await serveDemoCouncil({ staffScale: 0.1, caseScale: 0.05, recordHistory: false }, undefined, {});
    ({ base, browser } = served);
  }, 180_000);
  afterAll(async () => {
    await served?.close();
  });

  it.each([1280, 390])('offers the workbook at %i px, and both ways download it', async (width) => {
    const { page, cspErrors } = await signInInBrowser(browser, base, 'data_officer');
    await page.setViewportSize({ width, height: 900 });
    await checkPage(page, `annex-a-imports-${width}`, { base, url: '/imports' });
    // Nothing scrolls sideways at phone width.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);

    const link = page.getByRole('link', { name: 'Ofsted Annex A workbook (Excel)' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`ofsted-annex-a-${DEMO_COUNCIL.councilId}-${TODAY}.xlsx`);

    await page.getByText('Use another inspection date').click();
    await page.fill('#annex-a-date-day', '31');
    await page.fill('#annex-a-date-month', '3');
    await page.fill('#annex-a-date-year', '2026');
    await page.screenshot({ path: path.join(SCREENSHOTS, `annex-a-imports-${width}-date.png`), fullPage: true });
    const [dated] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the workbook' }).click()]);
    expect(dated.suggestedFilename()).toBe(`ofsted-annex-a-${DEMO_COUNCIL.councilId}-2026-03-31.xlsx`);
    expect(cspErrors).toEqual([]);
    for (const name of [`annex-a-imports-${width}`, `annex-a-imports-${width}-date`]) copyFileSync(path.join(SCREENSHOTS, `${name}.png`), `/tmp/${name}.png`);
    await page.context().close();
  }, 120_000);
});
