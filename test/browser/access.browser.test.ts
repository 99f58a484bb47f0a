import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoUsers } from '../../src/demo/users.ts';
import { generateCouncil, type CouncilData } from '../../src/demo/generate.ts';
import { seedCouncil } from '../../src/demo/service.ts';
import { buildApp, DEMO_COUNCIL } from '../../src/main.ts';
import type { DatabaseHandle } from '../../src/platform/database.ts';
import { checkPage, launchBrowser, signInInBrowser, SKIP_BROWSER } from '../support/browser.ts';
import { openTestDatabase } from '../support/database.ts';

/**
 * Emergency access and the audit log in a real browser: a practitioner refused a case asks for
 * emergency access (error summary first), reads the case; their manager reviews it; an auditor
 * sees who looked at the child. axe-core on every page.
 */
const TODAY = new Date().toISOString().slice(0, 10);

describe.skipIf(SKIP_BROWSER)('emergency access and the audit log in a real browser', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let data: CouncilData;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    data = generateCouncil({ ...DEMO_COUNCIL, seed: 1, asOf: TODAY, staffScale: 0.3, caseScale: 0.1, recordHistory: false });
    await seedCouncil(database.db, data);
    await seedDemoUsers(database.db, DEMO_COUNCIL.councilId, TODAY);
    app = await buildApp(database, { logLevel: 'warn', security: { signInPerMinute: 1000 } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
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
