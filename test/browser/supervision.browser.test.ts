import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNarrow, checkPage, signInInBrowser, SKIP_BROWSER, serveDemoCouncil, type ServedCouncil } from '../support/browser.ts';

/**
 * Supervision as a team manager and their supervisee would use it, at 1280 px and 390 px: the
 * team page's supervision column, the supervisee's page, the form (its error summary first), the
 * session with both parts, the supervisee's comment, and the service view's share on time. axe
 * on every page.
 */
describe.skipIf(SKIP_BROWSER)('supervision in a real browser', () => {
  let served: ServedCouncil;
  let browser: Browser;
  let base: string;
  let me: string;
  let childId: string;

  beforeAll(async () => {
    served = await serveDemoCouncil({ staffScale: 0.3, caseScale: 0.3, recordHistory: false });
    ({ base, browser } = served);
    me = (await served.database.db.selectFrom('users').select('practitioner_id').where('user_id', '=', 'demo-practitioner').executeTakeFirstOrThrow()).practitioner_id!;
    const today = new Date().toISOString().slice(0, 10);
    childId = served.data.allocations.find((a) => a.practitioner_id === me && a.role === 'lead' && a.end_date === null && a.start_date <= today && !served.data.children.find((c) => c.child_id === a.child_id)!.restricted)!.child_id;
  }, 180_000);
  afterAll(async () => {
    await served?.close();
  });

  it('team manager: the team page shows supervision beside the band; records a session with both parts', async () => {
    const { page } = await signInInBrowser(browser, base, 'team_manager');
    await page.goto(`${base}/teams/SF1`);
    expect(await page.locator('[data-testid="team-table"] th:text-is("Band and supervision")').count()).toBe(1);
    expect(await page.locator(`[data-practitioner="${me}"] [data-cell="band"] [data-cell="supervision"] .govuk-tag`).count()).toBe(1);
    await page.click(`[data-practitioner="${me}"] [data-cell="supervision"] a`);
    await checkPage(page, 'supervision-supervisee');
    await checkNarrow(page, 'supervision-supervisee');
    await page.click('a:text-is("Record a supervision session")');
    await checkPage(page, 'supervision-form');
    await checkNarrow(page, 'supervision-form');

    await page.fill('#minutes', '');
    await page.click('button:text-is("Save the session")');
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getAttribute('.govuk-error-summary a', 'href')).toBe('#minutes');
    await checkPage(page, 'supervision-form-error');

    await page.fill('#minutes', '90');
    await page.fill(`#decision-${childId}`, 'Request the school report before the review.');
    await page.fill('#wellbeing', 'Private: tired after the hearing.');
    await Promise.all([page.waitForURL(/\/supervision\/[^/]+$/), page.click('button:text-is("Save the session")')]);
    expect(await page.locator('[data-testid="reflective"]').textContent()).toContain('tired after the hearing');
    expect(await page.locator('[data-testid="session-cases"] a').count()).toBe(1);
    await checkPage(page, 'supervision-session');
    await checkNarrow(page, 'supervision-session');
  });

  it('supervisee: sees their own supervision and adds a comment; the service view shows the share on time', async () => {
    const { page } = await signInInBrowser(browser, base, 'practitioner');
    await page.goto(`${base}/practitioners/${me}/supervision`);
    expect(await page.locator('[data-testid="supervision-state"]').textContent()).toMatch(/On time|Due soon/);
    await page.click('[data-testid="sessions"] a >> nth=0');
    await page.click('button:text-is("Add comment")');
    await expect.poll(() => page.locator('.govuk-error-summary a[href="#comment"]').count()).toBe(1);
    await page.fill('#comment', 'Agreed; I will ask for the report today.');
    await Promise.all([page.waitForURL(/\/supervision\/[^/]+$/), page.click('button:text-is("Add comment")')]);
    expect(await page.locator('[data-testid="reflective"]').textContent()).toContain('ask for the report');
    await checkPage(page, 'supervision-session-supervisee');
    await checkNarrow(page, 'supervision-session-supervisee');

    const { page: head } = await signInInBrowser(browser, base, 'service_manager');
    await head.goto(`${base}/service`);
    expect(await head.locator('[data-testid="supervision-on-time"] tbody tr').count()).toBeGreaterThan(0);
    await checkPage(head, 'service-supervision');
    await head.goto(`${base}/settings/supervision`);
    await checkPage(head, 'supervision-policy');
    await checkNarrow(head, 'supervision-policy');
  });
});
