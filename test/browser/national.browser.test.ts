import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNationalReturns } from '../../src/demo/national.ts';
import { NATIONAL_TENANT, seedNationalTenant } from '../../src/demo/users.ts';
import { operatorActor } from '../../src/kernel/roles.ts';
import { createNationalService } from '../../src/national/service/index.ts';
import { checkNarrow, checkPage, signInInBrowser, SKIP_BROWSER, serveDemoCouncil, type ServedCouncil } from '../support/browser.ts';

/**
 * The national view in a real browser at 1280 px and 390 px: the national analyst reads England's
 * figures, the trend, where councils sit and the regions (charts as SVG with their tables), opens
 * one council, and downloads the CSV. axe on every page.
 */
describe.skipIf(SKIP_BROWSER)('the national view in a real browser', () => {
  let served: ServedCouncil;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    served = await serveDemoCouncil({ staffScale: 0.2, caseScale: 0.2, recordHistory: false }, async (database) => {
      await seedNationalTenant(database.db);
      const files = generateNationalReturns(1, [2024, 2025]).map((r) => ({ name: `${r.council.code}-${r.censusYear}.json`, bytes: new TextEncoder().encode(JSON.stringify(r)) }));
      await createNationalService({ db: database.db }).importReturns({ actor: operatorActor(NATIONAL_TENANT.councilId, { userId: 'operator:test', name: 'test' }), origin: { ip: 'test' }, now: new Date() }, files);
    });
    ({ base, browser } = served);
  }, 240_000);
  afterAll(async () => {
    await served?.close();
  });

  it('national analyst: England, trends, councils and regions; one council beside its region; the CSV', async () => {
    const { page, cspErrors } = await signInInBrowser(browser, base, 'national_analyst');
    await page.goto(`${base}/`);
    await page.click('a:text-is("National view")');
    await page.waitForURL(/\/national$/);
    await checkPage(page, 'national');
    await checkNarrow(page, 'national');
    expect(await page.locator('[data-testid="national-figures"] [data-measure="caseload"]').textContent()).toMatch(/\d+\.\d/);
    expect(await page.locator('svg.app-chart__svg[role="img"]').count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('[data-testid="councils"] tbody tr').count()).toBe(152);
    expect(await page.locator('[data-testid="regions"] tbody tr').count()).toBe(9);
    await page.click('nav[aria-label="Census years"] a:text-is("2024")');
    await page.waitForURL(/year=2024$/);
    await page.locator('[data-testid="councils"] tbody tr th a').first().click();
    await page.waitForURL(/\/national\/councils\/[^/?]+\?year=2024$/);
    await checkPage(page, 'national-council');
    await checkNarrow(page, 'national-council');
    expect(await page.locator('[data-testid="positions"] tbody tr').count()).toBe(6);
    const csv = await page.request.get(`${base}/national/export.csv?year=2025`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\n').filter((l) => l.trim()).length).toBe(154);
    expect(cspErrors).toEqual([]);
  });
});
