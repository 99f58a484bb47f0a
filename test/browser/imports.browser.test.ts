import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../src/access/demo-users.ts';
import { generateCouncil } from '../../src/demo/generate.ts';
import { seedCouncil } from '../../src/demo/service.ts';
import { exportSsd } from '../../src/imports/exports.ts';
import { buildApp, DEMO_COUNCIL } from '../../src/platform/app.ts';
import type { DatabaseHandle } from '../../src/platform/database.ts';
import { openTestDatabase } from '../support/database.ts';
import { zipOf } from '../support/uploads.ts';

/**
 * The import pages in a real browser, as a data officer: upload form, its error summary, the
 * validation report, confirm, the imported report and the history. axe-core on each page
 * (no serious or critical violations) and no CSP violations; a screenshot of each.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SKIP = process.env.CASEWEIGHT_SKIP_BROWSER === '1';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SCREENSHOTS = path.resolve('test/screenshots');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TODAY = new Date().toISOString().slice(0, 10);

describe.skipIf(SKIP)('import pages in a real browser', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let zipPath: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}. Install it, set CHROMIUM_PATH, or set CASEWEIGHT_SKIP_BROWSER=1.`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    database = await openTestDatabase('pglite');
    await seedCouncil(database.db, generateCouncil({ ...DEMO_COUNCIL, seed: 1, asOf: TODAY, staffScale: 0.1, caseScale: 0.05 }));
    await seedDemoUsers(database.db, DEMO_COUNCIL.councilId, TODAY);
    const files = await exportSsd(database.db, DEMO_COUNCIL.councilId);
    zipPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'cw-browser-')), 'extract.zip');
    writeFileSync(zipPath, zipOf(files.map((f) => ({ name: f.name, data: f.bytes }))));
    app = await buildApp(database, { logLevel: 'warn' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
    if (zipPath) rmSync(path.dirname(zipPath), { recursive: true, force: true });
  });

  async function visit(page: Page, name: string, url?: string): Promise<void> {
    if (url) expect((await page.goto(`${base}${url}`))?.status(), `${name}: ${url}`).toBe(200);
    await expect.poll(() => page.evaluate("document.body.classList.contains('govuk-frontend-supported')")).toBe(true);
    await page.evaluate(AXE_SOURCE);
    const result = (await page.evaluate(
      "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })",
    )) as { violations: { id: string; impact: string | null; nodes: unknown[] }[] };
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
    console.info(`axe ${name}: ${result.violations.length} violations (${result.violations.map((v) => `${v.id}:${v.impact}`).join(', ') || 'none'})`);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    expect(serious, `${name}: serious or critical axe violations`).toEqual([]);
  }

  it('data officer: upload, error summary, report, confirm and history', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) cspErrors.push(m.text()); });
    await page.goto(`${base}/sign-in`);
    await page.fill('#email', demoEmail('data_officer'));
    await page.fill('#password', DEMO_PASSWORD);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/sign-in')), page.click('button[type=submit]')]);
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
