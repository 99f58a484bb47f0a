import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSsd } from '../../src/exchange/service/exports.ts';
import { DEMO_COUNCIL } from '../../src/main.ts';
import { checkPage, signInInBrowser, SKIP_BROWSER, serveDemoCouncil, type ServedCouncil } from '../support/browser.ts';
import { zipOf } from '../support/uploads.ts';

/**
 * The import pages in a real browser, as a data officer: upload form, its error summary, the
 * validation report, confirm, the imported report and the history. axe-core on each page
 * (no serious or critical violations) and no CSP violations; a screenshot of each.
 */

describe.skipIf(SKIP_BROWSER)('import pages in a real browser', () => {
  let served: ServedCouncil;
  let browser: Browser;
  let base: string;
  let zipPath: string;

  beforeAll(async () => {
    served = await serveDemoCouncil({ staffScale: 0.1, caseScale: 0.05 }, async (db) => {
      const files = await exportSsd(db.db, DEMO_COUNCIL.councilId);
      zipPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'cw-browser-')), 'extract.zip');
      writeFileSync(zipPath, zipOf(files.map((f) => ({ name: f.name, data: f.bytes }))));
    }, {});
    ({ base, browser } = served);
  }, 180_000);

  afterAll(async () => {
    await served?.close();
    if (zipPath) rmSync(path.dirname(zipPath), { recursive: true, force: true });
  });

  const visit = (page: Page, name: string, url?: string) => checkPage(page, name, url ? { base, url } : undefined);

  it('data officer: upload, error summary, report, confirm and history', async () => {
    const { page, cspErrors } = await signInInBrowser(browser, base, 'data_officer');
    await page.click('a[href="/imports"]');
    await visit(page, 'imports-upload');

    await page.click('button:has-text("Upload and check")');
    await visit(page, 'imports-upload-error');
    expect(await page.textContent('.govuk-error-summary')).toContain('Select the files to import');

    await page.setInputFiles('#files', zipPath);
    await Promise.all([page.waitForURL(/\/imports\/uploads\/[a-f0-9]{32}$/), page.click('button:has-text("Upload and check")')]);
    await visit(page, 'imports-report');
    expect(await page.textContent('[data-testid="status"]')).toContain('Ready to import');

    await Promise.all([page.waitForURL(/\/imports\/history\/ssd-/), page.click('button:has-text("Import these files")')]);
    await visit(page, 'imports-imported');
    await visit(page, 'imports-history', '/imports/history');
    expect(await page.locator('[data-testid="history"] tbody tr').count()).toBeGreaterThanOrEqual(1);
    expect(cspErrors).toEqual([]);
  });
});
