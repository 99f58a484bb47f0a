import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { DEMO_COUNCIL } from '../../src/demo/council.ts';
import { generateCouncil, type CouncilData, type GenerateOptions } from '../../src/demo/generate.ts';
import { seedCouncil } from '../../src/demo/service.ts';
import { DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../src/demo/users.ts';
import { buildApp } from '../../src/main.ts';
import type { DatabaseHandle } from '../../src/platform/database.ts';
import { openTestDatabase } from './database.ts';

/**
 * The browser tests' shared harness: Debian's Chromium through playwright-core (never a
 * downloaded browser), sign-in through the real form, and a visit that checks the page
 * rendered with its script and stylesheet, runs axe-core and takes a screenshot.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SKIP_BROWSER = process.env.CASEWEIGHT_SKIP_BROWSER === '1';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const SCREENSHOTS = path.resolve('test/screenshots');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}. Install it (apt-get install chromium), set CHROMIUM_PATH, or set CASEWEIGHT_SKIP_BROWSER=1.`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

/** Signs in through the form, as a person would; returns the page and the CSP errors it sees. */
export async function signInInBrowser(browser: Browser, base: string, role: string, domain?: string): Promise<{ page: Page; cspErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cspErrors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) cspErrors.push(m.text()); });
  await page.goto(`${base}/sign-in`);
  await page.fill('#email', demoEmail(role, domain));
  await page.fill('#password', DEMO_PASSWORD);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/sign-in')), page.click('button[type=submit]')]);
  return { page, cspErrors };
}

export interface AxeOutcome {
  page: string;
  violations: number;
  serious: string[];
}

/** Checks the page rendered (script ran, stylesheet loaded), runs axe, screenshots it; no serious or critical violations. */
export async function checkPage(page: Page, name: string, expectedStatus?: { base: string; url: string; status?: number }): Promise<AxeOutcome> {
  if (expectedStatus) {
    const res = await page.goto(`${expectedStatus.base}${expectedStatus.url}`);
    expect(res?.status(), `${name}: ${expectedStatus.url}`).toBe(expectedStatus.status ?? 200);
  }
  // GOV.UK Frontend's script ran (loaded with the CSP nonce) and marked the page.
  await expect.poll(() => page.evaluate("document.body.classList.contains('govuk-frontend-supported')")).toBe(true);
  expect(await page.evaluate("getComputedStyle(document.querySelector('.govuk-width-container')).maxWidth")).not.toBe('none');
  // page.evaluate is not subject to the page's CSP, so axe runs without weakening it.
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } })`)) as { violations: { id: string; impact: string | null; nodes: unknown[] }[] };
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  expect(serious, `${name}: serious or critical axe violations`).toEqual([]);
  return { page: name, violations: result.violations.length, serious };
}

/** The page at 390 px (a phone): nothing scrolls sideways; a screenshot; then back to 1280 px. */
export async function checkNarrow(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate('document.documentElement.scrollWidth'), `${name} at 390 px`).toBeLessThanOrEqual(390);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

export interface ServedCouncil {
  database: DatabaseHandle;
  app: FastifyInstance;
  /** The app's address, on a free port. */
  base: string;
  browser: Browser;
  data: CouncilData;
  close(): Promise<void>;
}

/**
 * How a browser test starts: the demo council seeded for today with its accounts, anything the
 * test adds (`prepare`, before the app starts), the app served on a free port, and Chromium.
 */
export async function serveDemoCouncil(
  scale: Pick<GenerateOptions, 'staffScale' | 'caseScale' | 'recordHistory'> = {},
  prepare?: (database: DatabaseHandle, data: CouncilData, today: string) => Promise<void>,
  appOptions: Parameters<typeof buildApp>[1] = { security: { signInPerMinute: 1000 } },
): Promise<ServedCouncil> {
  const today = new Date().toISOString().slice(0, 10);
  const database = await openTestDatabase('pglite');
  const data = generateCouncil({ ...DEMO_COUNCIL, seed: 1, asOf: today, ...scale });
  await seedCouncil(database.db, data);
  await seedDemoUsers(database.db, DEMO_COUNCIL.councilId, today);
  await prepare?.(database, data, today);
  const app = await buildApp(database, { logLevel: 'warn', ...appOptions });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  return {
    database, app, base, browser, data,
    close: async () => {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}
