import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../src/demo/users.ts';
import { generateCouncil } from '../../src/demo/generate.ts';
import { seedCouncil, seedPilotRecordings } from '../../src/demo/service.ts';
import { buildApp, DEMO_COUNCIL } from '../../src/main.ts';
import type { DatabaseHandle } from '../../src/platform/database.ts';
import { dfeCaseload } from '../../src/statistics/model.ts';
import { SOCIAL_WORKER_ROLES } from '../../src/statistics/pages/service.ts';
import { backfillSnapshots } from '../../src/statistics/service/snapshots.ts';
import { openTestDatabase } from '../support/database.ts';

/**
 * Every page in a real browser (Debian's chromium through playwright-core), signed in as each
 * demo role through the real sign-in form: key figures checked against the API, axe-core on
 * every page (no serious or critical violations), no CSP violations, a screenshot of each page.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SKIP = process.env.CASEWEIGHT_SKIP_BROWSER === '1';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SCREENSHOTS = path.resolve('test/screenshots');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TODAY = new Date().toISOString().slice(0, 10);
const { councilId } = DEMO_COUNCIL;
const TEAM = 'SF1';

if (SKIP) console.warn('Browser tests skipped: CASEWEIGHT_SKIP_BROWSER=1.');

describe.skipIf(SKIP)('pages in a real browser', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  const axeResults: { page: string; violations: number; serious: string[] }[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is not at ${CHROMIUM}. Install it (apt-get install -y chromium; .ci/run does), set CHROMIUM_PATH, or set CASEWEIGHT_SKIP_BROWSER=1 to skip the browser tests.`);
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    database = await openTestDatabase('pglite');
    const demo = generateCouncil({ ...DEMO_COUNCIL, seed: 1, asOf: TODAY });
    await seedCouncil(database.db, demo);
    await seedDemoUsers(database.db, councilId, TODAY);
    await seedPilotRecordings(database.db, demo, TEAM, TODAY);
    // Weekly snapshots over the last four weeks: trends and "over the safe band since".
    await backfillSnapshots(database.db, councilId, TODAY, 28, 7);
    app = await buildApp(database, { logLevel: 'warn' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
    if (axeResults.length) console.info(`axe: ${axeResults.length} pages, ${axeResults.reduce((s, r) => s + r.violations, 0)} violations in all (none serious or critical)`);
  });

  /** Signs in through the form, as a person would; returns the page and the CSP errors it sees. */
  async function signIn(role: string): Promise<{ page: Page; cspErrors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) cspErrors.push(m.text()); });
    await page.goto(`${base}/sign-in`);
    await page.fill('#email', demoEmail(role));
    await page.fill('#password', DEMO_PASSWORD);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/sign-in')), page.click('button[type=submit]')]);
    return { page, cspErrors };
  }

  /** Opens a page, checks it rendered, runs axe and takes a screenshot. */
  async function visit(page: Page, name: string, url?: string): Promise<void> {
    if (url) {
      const res = await page.goto(`${base}${url}`);
      expect(res?.status(), `${name}: ${url}`).toBe(200);
    }
    // GOV.UK Frontend's script ran (loaded with the CSP nonce) and marked the page.
    await expect.poll(() => page.evaluate("document.body.classList.contains('govuk-frontend-supported')")).toBe(true);
    // The stylesheet loaded (the CSP allowed it): the GOV.UK width container has a max width.
    expect(await page.evaluate("getComputedStyle(document.querySelector('.govuk-width-container')).maxWidth")).not.toBe('none');
    // page.evaluate is not subject to the page's CSP, so axe runs without weakening it.
    await page.evaluate(AXE_SOURCE);
    const result = (await page.evaluate(
      "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })",
    )) as { violations: { id: string; impact: string | null; nodes: unknown[] }[] };
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
    axeResults.push({ page: name, violations: result.violations.length, serious });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    expect(serious, `${name}: serious or critical axe violations`).toEqual([]);
  }

  const api = async (page: Page, url: string) => (await page.request.get(`${base}${url}`)).json();

  it('sign-in page, and its error, in the same layout', async () => {
    const page = await (await browser.newContext()).newPage();
    await visit(page, 'sign-in', '/sign-in');
    await page.fill('#email', demoEmail('practitioner'));
    await page.fill('#password', 'not the password');
    await page.click('button[type=submit]');
    await visit(page, 'sign-in-error');
    expect(await page.title()).toMatch(/^Error: /);
  });

  it('the pages about the service, from the footer, signed out', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/sign-in`);
    for (const [name, text] of [['accessibility', 'Accessibility statement'], ['privacy', 'Privacy notice'], ['cookies', 'Cookies'], ['help', 'Help'], ['contact', 'Contact']]) {
      await Promise.all([page.waitForURL(`${base}/${name}`), page.click(`.govuk-footer a:text-is("${text}")`)]);
      await visit(page, `service-${name}`);
      expect(await page.isVisible('.govuk-phase-banner')).toBe(true);
    }
  });

  it('practitioner: home, my workload with the API’s figures, and a case page', async () => {
    const { page, cspErrors } = await signIn('practitioner');
    await visit(page, 'practitioner-home', '/');
    await visit(page, 'practitioner-my-workload', `/my-workload?date=${TODAY}`);
    const shownCases = Number(await page.textContent('[data-figure="cases"]'));
    const me = await api(page, `/api/councils/${councilId}/practitioners/${await practitionerIdOf(page)}/workload?date=${TODAY}`);
    expect(shownCases).toBe(me.cases);
    expect(Number((await page.textContent('[data-figure="hours"]'))!.replace(/,/g, ''))).toBeCloseTo(me.demandHours.central, 0);
    await page.click('[data-testid="cases"] tbody tr:first-child a');
    await visit(page, 'practitioner-case');
    expect(await page.textContent('h1')).toBe(me.caseList[0].childName);
    expect(cspErrors).toEqual([]);
  });

  it('team manager: the team page matches the API, sorts without JavaScript, drills down to a practitioner and a case', async () => {
    const { page, cspErrors } = await signIn('team_manager');
    await visit(page, 'team-manager-team', `/teams/${TEAM}?date=${TODAY}`);
    const body = await api(page, `/api/councils/${councilId}/teams/${TEAM}/workload?date=${TODAY}`);
    for (const p of body.practitioners) {
      expect(Number(await page.textContent(`[data-practitioner="${p.practitionerId}"] [data-cell="cases"]`)), p.name).toBe(p.cases);
    }
    await page.click('th a:has-text("Cases")');
    await visit(page, 'team-manager-team-sorted');
    const cases = (await page.$$eval('[data-cell="cases"]', (cells) => cells.map((c) => Number(c.textContent)))) as number[];
    expect(cases).toEqual([...cases].sort((a, b) => b - a));
    await page.click('[data-testid="team-table"] tbody tr:first-child th a');
    await visit(page, 'team-manager-practitioner');
    await page.click('[data-testid="cases"] tbody tr:first-child a');
    await visit(page, 'team-manager-case');
    expect(cspErrors).toEqual([]);
  });

  it('head of service: the service view shows the DfE measure computed from the API, and team comparisons', async () => {
    const { page, cspErrors } = await signIn('service_manager');
    await visit(page, 'service-manager-service', `/service?date=${TODAY}`);
    const teams = (await api(page, `/api/councils/${councilId}/teams?date=${TODAY}`)).teams as { teamId: string }[];
    const workers = [];
    for (const t of teams) {
      for (const p of (await api(page, `/api/councils/${councilId}/teams/${t.teamId}/workload?date=${TODAY}`)).practitioners) {
        workers.push({ cases: p.cases, fte: p.fte, fte30: p.fte, agency: p.agency, socialWorker: SOCIAL_WORKER_ROLES.has(p.role) });
      }
    }
    const expected = Math.round(dfeCaseload(workers).caseload! * 10) / 10;
    expect(Number(await page.textContent('[data-figure="dfe-caseload"]'))).toBe(expected);
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(3);
    await page.click('[data-team="LC"] a');
    await visit(page, 'service-manager-largest-team');
    await visit(page, 'service-manager-settings', '/settings/workload-model');
    expect(cspErrors).toEqual([]);
  });

  it('performance analyst: statistics only', async () => {
    const { page } = await signIn('performance_analyst');
    await visit(page, 'analyst-service', `/service?date=${TODAY}`);
    expect((await page.goto(`${base}/my-workload`))?.status()).toBe(404);
    await visit(page, 'analyst-not-found');
  });

  it('system administrator: the settings page, an error summary on bad input, and the preview', async () => {
    const { page, cspErrors } = await signIn('system_administrator');
    await visit(page, 'admin-settings', '/settings/workload-model');
    await page.fill('#hours-cin_visit-central', 'two');
    await page.fill('#note', 'Time audit, March 2026');
    await page.click('button[value="preview"]');
    await visit(page, 'admin-settings-error');
    expect(await page.textContent('.govuk-error-summary')).toContain('must be a number');
    await page.fill('#hours-cin_visit-central', '3');
    await page.fill('#greenUpTo', '75');
    await page.click('button[value="preview"]');
    await visit(page, 'admin-settings-preview');
    expect(await page.textContent('[data-testid="preview"]')).toContain('What changes if you save this');
    expect(cspErrors).toEqual([]);
  });

  // Each preview computes the whole council twice: a test of its own, with time for a busy machine.
  it('system administrator: calibration from the pilot team\'s recorded time, ticking a proposal, and its preview', async () => {
    const { page, cspErrors } = await signIn('system_administrator');
    await visit(page, 'admin-calibration', '/settings/workload-model/calibration');
    expect(await page.locator('[data-testid="calibration"] tbody tr').count()).toBeGreaterThan(5);
    await page.check('input[name="include"][value="casework_time"]');
    await page.click('button[value="preview"]');
    await visit(page, 'admin-calibration-preview');
    expect(await page.textContent('[data-testid="preview"]')).toMatch(/What changes if you save the \d+ chosen proposals/);
    expect(cspErrors).toEqual([]);
  }, 180_000);

  it('business support and auditor: a home page that says what there is', async () => {
    for (const role of ['business_support', 'auditor']) {
      const { page } = await signIn(role);
      await visit(page, `${role.replace('_', '-')}-home`, '/');
    }
  });
});

async function practitionerIdOf(page: Page): Promise<string> {
  const id = await page.getAttribute('h1', 'data-practitioner-id');
  if (!id) throw new Error('The page does not say whose workload it shows.');
  return id;
}
