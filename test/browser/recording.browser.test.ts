import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNarrow, checkPage, signInInBrowser, SKIP_BROWSER, serveDemoCouncil, type ServedCouncil } from '../support/browser.ts';

/**
 * Recording a visit as a practitioner would, from My workload's due list, in a real browser at
 * 1280 px and 390 px (the form, its error summary, the confirmation), and the team's overdue list
 * as the team manager sees it. axe on every page.
 */
describe.skipIf(SKIP_BROWSER)('recording and the overdue list in a real browser', () => {
  let served: ServedCouncil;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    served = await serveDemoCouncil({ staffScale: 0.3, caseScale: 0.3, recordHistory: true });
    ({ base, browser } = served);
  }, 180_000);
  afterAll(async () => {
    await served?.close();
  });

  it('practitioner: records a visit from the due list; an error first; the confirmation; the item leaves the list', async () => {
    const { page, cspErrors } = await signInInBrowser(browser, base, 'practitioner');
    await page.goto(`${base}/my-workload`);
    const links = page.locator('[data-testid="due"] a[href*="/record?activity="]');
    expect(await links.count()).toBeGreaterThan(0);
    const href = (await links.first().getAttribute('href'))!;
    const before = await page.locator(`[data-testid="due"] a[href="${href}"]`).count();
    await links.first().click();
    await checkPage(page, 'record-form');
    await checkNarrow(page, 'record-form');
    // The activity is chosen from the link; today's date and the time are filled in. Nothing else: one error.
    await page.click('button:text-is("Record it")');
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    expect(await page.title()).toMatch(/^Error: /);
    await checkPage(page, 'record-form-error');
    await page.check('input[name=childSeen][value=yes]');
    await page.check('input[name=seenAlone][value=yes]');
    await page.fill('#directMinutes', '45');
    await page.fill('#travelMinutes', '30');
    await page.fill('#note', 'Saw the child alone at home; room tidy, says school is going well.');
    await Promise.all([page.waitForURL(/\/recorded/), page.click('button:text-is("Record it")')]);
    await checkPage(page, 'record-done');
    await checkNarrow(page, 'record-done');
    expect(await page.textContent('.govuk-panel')).toContain('Recorded');
    await page.goto(`${base}/my-workload`);
    expect(await page.locator(`[data-testid="due"] a[href="${href}"]`).count()).toBeLessThan(before);
    expect(cspErrors).toEqual([]);
  });

  it('team manager: the team’s overdue list from the team page, filtered, with its downloads', async () => {
    const { page, cspErrors } = await signInInBrowser(browser, base, 'team_manager');
    await page.goto(`${base}/teams/SF1`);
    await page.click('a:text-is("What is overdue or due soon across the team")');
    await checkPage(page, 'team-overdue');
    await checkNarrow(page, 'team-overdue');
    const all = await page.locator('[data-testid="overdue"] tbody tr').count();
    await page.selectOption('#state', 'overdue');
    await page.click('button:text-is("Show")');
    const overdue = await page.locator('[data-testid="overdue"] tbody tr').count();
    expect(overdue).toBeLessThanOrEqual(all);
    const csv = await page.request.get(`${base}${await page.getAttribute('a[download][href*="export.csv"]', 'href')}`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).trim().split('\n').length - 1).toBe(overdue);
    expect(cspErrors).toEqual([]);
  });
});
