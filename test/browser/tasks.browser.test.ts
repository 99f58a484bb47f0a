import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoTasks } from '../../src/demo/tasks.ts';
import { checkNarrow, checkPage, signInInBrowser, SKIP_BROWSER, serveDemoCouncil, type ServedCouncil } from '../support/browser.ts';

/**
 * Tasks handed to business support in a real browser, at 1280 px and 390 px, with axe on every
 * page: the practitioner hands a letter over from My workload (its error summary first), business
 * support claims it from the queue and hands it back, and sees their own workload.
 */
describe.skipIf(SKIP_BROWSER)('tasks handed to business support in a real browser', () => {
  let served: ServedCouncil;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    served = await serveDemoCouncil({ staffScale: 0.3, caseScale: 0.3, recordHistory: false }, async (database, data, today) => {
      await seedDemoTasks(database.db, data.council.council_id, today);
    });
    ({ base, browser } = served);
  }, 180_000);
  afterAll(async () => {
    await served?.close();
  });

  it('practitioner: hands a letter to business support from My workload, after the error summary', async () => {
    const { page } = await signInInBrowser(browser, base, 'practitioner');
    await page.goto(`${base}/my-workload`);
    await checkPage(page, 'tasks-my-workload');
    expect(await page.locator('[data-testid="handed-off"] li').count()).toBeGreaterThan(0);
    await page.locator('a:has-text("Hand a task to business support")').first().click();
    await checkPage(page, 'tasks-choose-type');
    await checkNarrow(page, 'tasks-choose-type');
    await page.click('button:text-is("Continue")');
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    await page.check('input[name=type][value=letter]');
    await page.click('button:text-is("Continue")');
    await checkPage(page, 'tasks-new-letter');
    await checkNarrow(page, 'tasks-new-letter');
    await page.click('button:text-is("Send to business support")');
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getAttribute('.govuk-error-summary a', 'href')).toBe('#title');
    await checkPage(page, 'tasks-new-letter-error');
    await page.fill('#title', 'Letter to the health visitor');
    await page.fill('#details-addresseeName', 'Ms J Reid, health visitor');
    await page.fill('#details-addresseeAddress', 'Northby Health Centre');
    await page.fill('#instructions', 'Ask for the latest developmental check.');
    await Promise.all([page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/), page.click('button:text-is("Send to business support")')]);
    expect(await page.textContent('[data-testid="task-status"]')).toContain('Waiting to be claimed');
    await checkPage(page, 'tasks-task-asker');
    await checkNarrow(page, 'tasks-task-asker');
    await page.goto(`${base}/tasks`);
    await checkPage(page, 'tasks-list');
    await checkNarrow(page, 'tasks-list');
    expect(await page.textContent('main')).toContain('Letter to the health visitor');
  });

  it('business support: claims from the queue, hands back done, and sees their workload', async () => {
    const { page } = await signInInBrowser(browser, base, 'business_support');
    await page.goto(`${base}/tasks/queue`);
    await checkPage(page, 'tasks-queue');
    await checkNarrow(page, 'tasks-queue');
    await page.locator('[data-testid="to-claim"] a').first().click();
    await checkPage(page, 'tasks-task-support');
    expect(await page.textContent('main')).toContain('not the child’s record');
    await page.click('button:text-is("Claim this task")');
    await page.waitForLoadState();
    await page.click('button:text-is("Hand back as done")');
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    await checkPage(page, 'tasks-task-handback-error');
    await checkNarrow(page, 'tasks-task-handback-error');
    await page.fill('#text-complete', 'Done and sent today.');
    await page.click('button:text-is("Hand back as done")');
    await expect.poll(() => page.textContent('[data-testid="task-status"]')).toContain('Handed back done');
    await page.goto(`${base}/tasks/workload`);
    await checkPage(page, 'tasks-support-workload');
    await checkNarrow(page, 'tasks-support-workload');
    expect(await page.locator('[data-testid="support-lines"] li').count()).toBeGreaterThan(0);
  });
});
