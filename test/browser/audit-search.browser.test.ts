import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_COUNCIL } from '../../src/main.ts';
import { recordAudit } from '../../src/platform/audit.ts';
import { checkPage, signInInBrowser, SKIP_BROWSER, serveDemoCouncil, type ServedCouncil } from '../support/browser.ts';

/**
 * The audit search and the grants review list in a real browser, for each role that reaches
 * them, at 1280 and 390 px: axe on every page, nothing scrolls sideways, screenshots in
 * /tmp/audit-search-*.png for a person to look at.
 */
const ROLES = ['team_manager', 'service_manager', 'auditor'] as const;
const WIDTHS = [1280, 390] as const;

describe.skipIf(SKIP_BROWSER)('audit search and grants in a real browser', () => {
  let served: ServedCouncil;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    served = await serveDemoCouncil({ staffScale: 0.3, caseScale: 0.1, recordHistory: false }, async (db, data) => {
      // More than a page of the practitioner's looks, so the pagination shows.
      const own = data.allocations.filter((a) => a.end_date === null && a.team_id === 'SF1').slice(0, 5).map((a) => a.child_id);
      for (let i = 0; i < 70; i++) {
        await recordAudit(db.db, { councilId: DEMO_COUNCIL.councilId, actorUserId: 'demo-practitioner', actorRoles: ['practitioner'], action: 'read', recordType: 'child', recordId: own[i % 5], childId: own[i % 5], fields: 'case page: summary, schedule', ip: '10.1.2.3' }, new Date(Date.now() - (70 - i) * 3_600_000));
      }
      await recordAudit(db.db, { councilId: DEMO_COUNCIL.councilId, actorUserId: 'demo-practitioner', actorRoles: ['practitioner'], action: 'read', recordType: 'team', recordId: 'SF1', fields: 'team workload', ip: '10.1.2.3' });
    });
    ({ base, browser } = served);
  }, 180_000);
  afterAll(async () => {
    await served?.close();
  });

  it.each(ROLES)('%s: search, choose, results, errors and grants at 1280 and 390 px', async (role) => {
    const { page, cspErrors } = await signInInBrowser(browser, base, role);
    const sideways: string[] = [];
    const broken: string[] = [];
    const shoot = async (name: string) => {
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as number;
        if (overflow > 0) sideways.push(`${name} at ${width}: ${overflow}px`);
        await page.screenshot({ path: `/tmp/audit-search-${role}-${name}-${width}.png`, fullPage: true });
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await checkPage(page, `audit-search-${role}-${name}`);
      // Every link shown opens for this role.
      const hrefs = await page.$$eval('main a[href^="/"]', (as) => as.map((a) => a.getAttribute('href')!));
      for (const href of new Set(hrefs)) {
        const res = await page.request.get(`${base}${href}`, { maxRedirects: 0 });
        if (res.status() >= 400) broken.push(`${name}: ${href} → ${res.status()}`);
      }
    };

    await page.goto(`${base}/audit`);
    await shoot('home');
    // Bad dates: the error summary, the boxes marked.
    await page.fill('#child', 'C0000001');
    await page.fill('#from-day', '31');
    await page.fill('#from-month', '2');
    await page.fill('#from-year', '2026');
    await page.fill('#to-month', '1');
    await page.click('button:has-text("Search the audit log")');
    expect(await page.textContent('.govuk-error-summary')).toContain('The start date must be a real date');
    await shoot('errors');
    // Several people: a list to choose from.
    await page.goto(`${base}/audit`);
    await page.fill('#person', 'caseweight.example');
    await page.click('button:has-text("Search the audit log")');
    expect(await page.textContent('h1')).toContain('Choose the person');
    await shoot('choose');
    // One person, paged.
    await page.goto(`${base}/audit`);
    await page.fill('#person', 'practitioner@');
    await page.click('button:has-text("Search the audit log")');
    expect(page.url()).toContain('/audit/people/demo-practitioner');
    expect(await page.isVisible('.govuk-pagination')).toBe(true);
    expect(await page.textContent('[data-testid="audit"]')).toContain('Workload of team');
    await shoot('results');
    await page.goto(`${base}/audit/grants`);
    await shoot('grants');
    expect(sideways).toEqual([]);
    expect(broken).toEqual([]);
    expect(cspErrors).toEqual([]);
  }, 180_000);
});
