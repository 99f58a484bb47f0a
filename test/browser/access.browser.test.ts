import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouncilData } from '../../src/demo/generate.ts';
import { checkPage, signInInBrowser, SKIP_BROWSER, serveDemoCouncil, type ServedCouncil } from '../support/browser.ts';

/**
 * Emergency access and the audit log in a real browser: a practitioner refused a case asks for
 * emergency access (error summary first), reads the case; their manager reviews it; an auditor
 * sees who looked at the child. axe-core on every page.
 */

describe.skipIf(SKIP_BROWSER)('emergency access and the audit log in a real browser', () => {
  let served: ServedCouncil;
  let browser: Browser;
  let base: string;
  let data: CouncilData;

  beforeAll(async () => {
    served = await serveDemoCouncil({ staffScale: 0.3, caseScale: 0.1, recordHistory: false });
    ({ base, browser, data } = served);
  }, 180_000);
  afterAll(async () => {
    await served?.close();
  });

  it('walks break-glass from request to review, and the audit of who looked', async () => {
    const outsider = data.allocations.find((a) => a.end_date === null && a.team_id === 'FD')!.child_id;

    const { page, cspErrors } = await signInInBrowser(browser, base, 'practitioner');
    expect((await page.goto(`${base}/children/${outsider}`))?.status()).toBe(404);
    await checkPage(page, 'access-case-refused');
    await page.click(`a[href="/children/${outsider}/emergency-access"]`);
    await checkPage(page, 'access-emergency-form');
    await page.click('button:has-text("Open the record")');
    await checkPage(page, 'access-emergency-error');
    expect(await page.textContent('.govuk-error-summary')).toContain('at least 15 characters');
    await page.fill('#reason', 'Police called out of hours; child reported missing');
    await Promise.all([page.waitForURL(`${base}/children/${outsider}`), page.click('button:has-text("Open the record")')]);
    await checkPage(page, 'access-case-opened');

    const manager = await signInInBrowser(browser, base, 'team_manager');
    await checkPage(manager.page, 'access-audit-home', { base, url: '/audit' });
    expect(await manager.page.textContent('[data-testid="break-glass-review"]')).toContain('child reported missing');
    await manager.page.check('input[name="outcome"][value="justified"]');
    await Promise.all([manager.page.waitForURL(`${base}/audit`), manager.page.click('button:has-text("Record the review")')]);
    expect(await manager.page.locator('[data-testid="break-glass-review"]').count()).toBe(0);

    const auditor = await signInInBrowser(browser, base, 'auditor');
    await checkPage(auditor.page, 'access-audit-child', { base, url: `/audit/children/${outsider}` });
    expect(await auditor.page.textContent('[data-testid="audit"]')).toContain('Used emergency access');
    await checkPage(auditor.page, 'access-audit-person', { base, url: '/audit/people/demo-practitioner' });
    expect([...cspErrors, ...manager.cspErrors, ...auditor.cspErrors]).toEqual([]);
  });
});
