import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNarrow, checkPage, signInInBrowser, SKIP_BROWSER, serveDemoCouncil, type ServedCouncil } from '../support/browser.ts';

/**
 * The account pages as a system administrator would use them, in a real browser at 1280 px and
 * 390 px: the list, an add form with its error summary, the one-time link, the person's page, and
 * the set-password page the link opens. axe on every page; nobody else reaches them.
 */

describe.skipIf(SKIP_BROWSER)('account pages in a real browser', () => {
  let served: ServedCouncil;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    served = await serveDemoCouncil({ staffScale: 0.3, caseScale: 0.05, recordHistory: false });
    ({ base, browser } = served);
  }, 180_000);
  afterAll(async () => {
    await served?.close();
  });

  it('system administrator: list, add (error summary, then the link), the person, and setting a password', async () => {
    const { page, cspErrors } = await signInInBrowser(browser, base, 'system_administrator');
    await checkPage(page, 'accounts-list', { base, url: '/users' });
    await checkNarrow(page, 'accounts-list');

    await page.goto(`${base}/users/new`);
    await page.click('form[action="/users/new"] button');
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    await checkPage(page, 'accounts-add-error');
    await checkNarrow(page, 'accounts-add-error');

    await page.fill('#name', 'Priya Shah');
    await page.fill('#email', 'priya.shah@demo.caseweight.example');
    await page.check('input[name=roles][value=practitioner]');
    await page.fill('#teamIds', 'SF1');
    await page.click('form[action="/users/new"] button');
    await expect.poll(() => page.textContent('h1')).toContain('User added');
    await checkPage(page, 'accounts-link');
    const link = (await page.locator('a[href*="/set-password?token="], code, .app-one-time-link').first().textContent()) ?? '';
    const token = /token=([A-Za-z0-9_-]+)/.exec((await page.content()))?.[1];
    expect(token, link).toBeTruthy();
    await checkNarrow(page, 'accounts-link');

    await page.goto(`${base}/users`);
    await page.click('text=Priya Shah');
    await checkPage(page, 'accounts-person');
    await checkNarrow(page, 'accounts-person');
    expect(cspErrors).toEqual([]);

    // The person opens the link, signed out, and sets their own password.
    const fresh = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await fresh.goto(`${base}/set-password?token=${token}`);
    await checkPage(fresh, 'accounts-set-password-390');
    expect(await fresh.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  });

  it('refuses the account pages to a service manager with a "Page not found"', async () => {
    const { page } = await signInInBrowser(browser, base, 'service_manager');
    const res = await page.goto(`${base}/users`);
    expect(res?.status()).toBe(404);
    expect(await page.textContent('h1')).toContain('Page not found');
  });
});
