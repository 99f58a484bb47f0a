import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNarrow, checkPage, signInInBrowser, SKIP_BROWSER, serveDemoCouncil, type ServedCouncil } from '../support/browser.ts';
import { DEMO_COUNCIL } from '../../src/demo/council.ts';

/**
 * Allocation as a team manager uses it, in a real browser at 1280 px and 390 px: the work waiting,
 * one case's suggestions, the decision form's error summary, the decision recorded, the worker
 * seeing the case on My workload, and business support's decisions page. axe on every page.
 */
describe.skipIf(SKIP_BROWSER)('allocation pages in a real browser', () => {
  let served: ServedCouncil;
  let browser: Browser;
  let base: string;
  let released: string;

  beforeAll(async () => {
    served = await serveDemoCouncil({ staffScale: 0.3, caseScale: 0.3, recordHistory: false }, async (database, data, today) => {
      // One SF1 case with no siblings whose worker's allocation ended today: it waits for a new worker.
      const lead = data.allocations.find((a) => a.team_id === 'SF1' && a.role === 'lead' && a.end_date === null && a.start_date < today
        && data.children.find((c) => c.child_id === a.child_id && c.family_id === null && !c.restricted))!;
      released = lead.child_id;
      await sql`update allocations set end_date = ${today} where council_id = ${DEMO_COUNCIL.councilId} and allocation_id = ${lead.allocation_id}`.execute(database.db);
    });
    ({ base, browser } = served);
  }, 180_000);
  afterAll(async () => {
    await served?.close();
  });

  it('team manager: waiting work, suggestions, an error, the decision, and the worker sees it', async () => {
    const { page, cspErrors } = await signInInBrowser(browser, base, 'team_manager');
    await page.click('.govuk-service-navigation a:text-is("Allocation")');
    await checkPage(page, 'allocation-waiting');
    await checkNarrow(page, 'allocation-waiting');
    await expect.poll(() => page.locator('[data-testid="waiting"]').textContent()).toContain(released);
    expect(await page.textContent('main')).toContain('does not write to the case management system');

    await page.click(`[data-testid="waiting"] a[href^="/allocation/cases/${released}"]`);
    await checkPage(page, 'allocation-case');
    await checkNarrow(page, 'allocation-case');
    const suggested = (await page.textContent('main h2:has-text("Suggested:")'))!.replace('Suggested: ', '').trim();

    // Nothing chosen: the error summary names each missing answer and links to it.
    await page.click('button:text-is("Record the decision")');
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    expect(await page.title()).toMatch(/^Error: /);
    const summary = await page.textContent('.govuk-error-summary');
    expect(summary).toContain('Choose who takes the case');
    expect(summary).toContain('Choose the reason');
    await checkPage(page, 'allocation-case-error');
    await checkNarrow(page, 'allocation-case-error');

    await page.check('input[name=practitionerId] >> nth=0');
    await page.check('input[name=reasonCode][value=worker_left]');
    await page.fill('#note', 'Previous worker moved teams; please visit this week.');
    await Promise.all([page.waitForURL(/\/allocation\/decisions\?recorded=/), page.click('button:text-is("Record the decision")')]);
    await checkPage(page, 'allocation-decisions');
    await checkNarrow(page, 'allocation-decisions');
    const banner = await page.textContent('.govuk-notification-banner');
    expect(banner).toContain(`allocated to ${suggested}`);
    expect(await page.textContent('[data-testid="decisions"]')).toContain(released);
    expect(cspErrors).toEqual([]);

    // The worker now holds it: on their workload page, as the API tells the manager.
    const decisions = await (await page.request.get(`${base}/api/councils/${DEMO_COUNCIL.councilId}/allocation/decisions`)).json();
    const mine = decisions.rows.find((r: { childId: string }) => r.childId === released);
    expect(mine.practitionerName).toBe(suggested);
    await page.goto(`${base}/practitioners/${mine.practitionerId}`);
    expect(await page.textContent('main')).toContain(mine.childName);
  });

  it('team manager: a plan to bring the team under the band, edited and partly accepted, and a what-if', async () => {
    const { page, cspErrors } = await signInInBrowser(browser, base, 'team_manager');
    await page.goto(`${base}/allocation`);
    await page.click('a:text-is("Plan many cases at once")');
    await checkPage(page, 'allocation-plan-choose');
    await checkNarrow(page, 'allocation-plan-choose');
    await page.check('input[name=mode][value=balance]');
    await page.click('button:text-is("Make the plan")');
    await checkPage(page, 'allocation-plan');
    await checkNarrow(page, 'allocation-plan');
    const moving = await page.locator('input[name=accept]:checked').count();
    expect(moving).toBeGreaterThan(0);
    // Untick all but the first moving row, and accept that part with one reason.
    const ticked = page.locator('input[name=accept]:checked');
    for (let i = (await ticked.count()) - 1; i >= 1; i--) await ticked.nth(i).uncheck();
    await page.fill('#note', 'Rebalancing after the new referrals this week.');
    await Promise.all([page.waitForURL(/\/allocation\/decisions/), page.click('button:text-is("Accept the ticked rows")')]);
    expect(await page.textContent('[data-testid="decisions"]')).toContain('Workload adjustment');

    await page.goto(`${base}/allocation/what-if`);
    await page.check('input[name=kind][value=more_cases]');
    await page.fill('#count', '6');
    await page.click('button:text-is("Show the effect")');
    await checkPage(page, 'allocation-what-if');
    await checkNarrow(page, 'allocation-what-if');
    expect(await page.textContent('[data-testid="what-if-heading"]')).toContain('6 more cases a month');
    expect(cspErrors).toEqual([]);
  });

  it('business support: the decisions to enter, with the file, and no link to allocating', async () => {
    const { page, cspErrors } = await signInInBrowser(browser, base, 'business_support');
    await page.click('.govuk-service-navigation a:text-is("Allocation decisions")');
    await checkPage(page, 'allocation-decisions-business-support');
    await checkNarrow(page, 'allocation-decisions-business-support');
    expect(await page.locator('main a[href="/allocation"]').count()).toBe(0);
    const csv = await page.request.get(`${base}${await page.getAttribute('a[download]', 'href')}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(released);
    expect(cspErrors).toEqual([]);
  });
});
