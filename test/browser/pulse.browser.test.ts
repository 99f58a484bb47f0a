import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoPulse } from '../../src/demo/service.ts';
import { checkNarrow, checkPage, signInInBrowser, SKIP_BROWSER, serveDemoCouncil, type ServedCouncil } from '../support/browser.ts';

/**
 * The monthly pulse in a real browser at 1280 px and 390 px, on the demo council's seeded answers:
 * a practitioner answers from My workload (the error summary first), then a service manager reads
 * the service table (small teams withheld) and one team's page; a team manager opens it from the
 * team page. axe on every page.
 */
describe.skipIf(SKIP_BROWSER)('the monthly pulse in a real browser', () => {
  let served: ServedCouncil;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    served = await serveDemoCouncil({ staffScale: 0.5, caseScale: 0.3, recordHistory: false }, (database, data, today) => seedDemoPulse(database.db, data, today));
    ({ base, browser } = served);
  }, 180_000);
  afterAll(async () => {
    await served?.close();
  });

  it('practitioner: answers from My workload in under a minute; a second visit says it is done', async () => {
    const { page, cspErrors } = await signInInBrowser(browser, base, 'practitioner');
    await page.goto(`${base}/my-workload`);
    await page.click('a:text-is("How is work this month? 1 minute")');
    await checkPage(page, 'pulse-form');
    await checkNarrow(page, 'pulse-form');
    // Two answers only: an error for each of the others, linked to its radios.
    await page.check('#workload-2');
    await page.check('#safe');
    await page.click('button:text-is("Send my answers")');
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('.govuk-error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['#extraHours', '#stay']);
    expect(await page.isChecked('#workload-2')).toBe(true);
    await checkPage(page, 'pulse-form-error');
    await checkNarrow(page, 'pulse-form-error');
    await page.check('#extraHours-3');
    await page.check('#stay-2');
    await Promise.all([page.waitForURL(/\/pulse\?sent=1$/), page.click('button:text-is("Send my answers")')]);
    expect(await page.locator('.govuk-panel__title').textContent()).toContain('Answers sent');
    await checkPage(page, 'pulse-sent');
    await page.goto(`${base}/pulse`);
    expect(await page.locator('[data-testid="pulse-answered"]').count()).toBe(1);
    expect(await page.locator('form[action="/pulse"]').count()).toBe(0);
    expect(cspErrors).toEqual([]);
  });

  it('service manager: every team beside its modelled workload, small teams withheld; one team month by month', async () => {
    const { page } = await signInInBrowser(browser, base, 'service_manager');
    await page.goto(`${base}/service`);
    await page.click('a:text-is("How people are doing")');
    await checkPage(page, 'pulse-results');
    await checkNarrow(page, 'pulse-results');
    const rows = page.locator('[data-testid="pulse-teams"] tbody tr');
    expect(await rows.count()).toBeGreaterThan(3);
    // The seeded small teams are withheld: words, no figures.
    expect(await page.locator('[data-testid="pulse-teams"] [data-withheld]').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-testid="service-figures"]').textContent()).toContain('People who answered');
    await rows.locator('th a').first().click();
    await page.waitForURL(/\/teams\/[^/]+\/pulse$/);
    await checkPage(page, 'pulse-team');
    await checkNarrow(page, 'pulse-team');
    expect(await page.locator('[data-testid="team-history"] tbody tr').count()).toBe(6);
  });

  it('team manager: opens the team’s pulse from the team page', async () => {
    const { page } = await signInInBrowser(browser, base, 'team_manager');
    await page.goto(`${base}/teams/SF1`);
    await page.click('a:text-is("How people in the team are doing")');
    await page.waitForURL(/\/teams\/SF1\/pulse$/);
    await checkPage(page, 'pulse-team-manager');
    expect(await page.locator('[data-testid="team-model"]').textContent()).toContain('Model and people');
  });
});
