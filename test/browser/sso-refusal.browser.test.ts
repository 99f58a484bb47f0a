import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil } from '../../src/demo/generate.ts';
import { seedCouncil } from '../../src/demo/service.ts';
import { seedDemoUsers } from '../../src/demo/users.ts';
import { parseGroupMapping } from '../../src/kernel/sso-groups.ts';
import { buildApp } from '../../src/main.ts';
import { DEFAULT_SERVICE_INFO } from '../../src/platform/config.ts';
import type { DatabaseHandle } from '../../src/platform/database.ts';
import { checkPage, launchBrowser, SCREENSHOTS, signInInBrowser, SKIP_BROWSER } from '../support/browser.ts';
import { newCouncilId, openTestDatabase } from '../support/database.ts';
import { OIDC_CLIENT, startTestProvider, type TestProvider } from '../support/oidc.ts';

/**
 * The pages single sign-on shows someone Caseweight turns away (no access, switched off, too many
 * groups), in a real browser at 1280 and 390 px: axe on each, and none scrolls sideways.
 */
const MAPPED = '0f8fad5b-d9cb-469f-a165-70867728950e';
const UNMAPPED = 'a3bb189e-8bf9-3888-9912-ace4e6543002';

const freePort = () => new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as AddressInfo;
    probe.close(() => resolve(port));
  });
});

describe.skipIf(SKIP_BROWSER)('single sign-on refusal pages in a real browser', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let provider: TestProvider;
  let browser: Browser;
  let base: string;
  let domain: string;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    const councilId = newCouncilId();
    domain = `${councilId}.test`;
    await seedCouncil(database.db, generateCouncil({ councilId, name: 'Refusals', seed: 47, asOf: '2026-11-23', staffScale: 0.2, caseScale: 0.05, recordHistory: false }));
    await seedDemoUsers(database.db, councilId, '2026-11-23', domain);
    await database.db.updateTable('users').set({ disabled: true }).where('council_id', '=', councilId).where('user_id', '=', 'demo-auditor').execute();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const redirectUri = `${base}/sign-in/oidc/callback`;
    provider = await startTestProvider({
      mapped: { email: `practitioner@${domain}`, name: 'Mapped', groups: [MAPPED] },
      stranger: { email: `a.very.long.name.for.a.stranger.who.has.no.access@${domain}`, name: 'Stranger', groups: [UNMAPPED] },
      disabled: { email: `auditor@${domain}`, name: 'Switched off', groups: [MAPPED] },
      overage: { email: `team.manager@${domain}`, name: 'Many groups', _claim_names: { groups: 'src1' }, _claim_sources: { src1: { endpoint: 'https://graph.microsoft.com/v1.0/users/x/getMemberObjects' } } },
    }, { entra: true, redirectUri });
    app = await buildApp(database, {
      logLevel: 'warn',
      oidc: { issuer: provider.issuer, ...OIDC_CLIENT, redirectUri, councilId, groups: parseGroupMapping(`${MAPPED} roles: practitioner`).mapping },
      service: { ...DEFAULT_SERVICE_INFO, councilName: 'Refusals Borough Council', accessContact: 'the Children’s Services systems team', accessEmail: 'childrens.systems.team@refusals-borough.example' },
    });
    await app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await provider?.close();
    await database?.close();
  });

  it.each([
    ['stranger', 'sso-no-access', 'You do not have access to Caseweight'],
    ['disabled', 'sso-disabled', 'Your Caseweight account is switched off'],
    ['overage', 'sso-groups-overage', 'Caseweight could not check your access'],
  ])('%s: a GOV.UK page saying whom to ask', async (accountId, name, heading) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // The browser starts the sign-in (its session holds state, nonce and verifier); the provider's own login pages are walked over HTTP.
    const start = await context.request.get(`${base}/sign-in/oidc`, { maxRedirects: 0 });
    expect(start.status()).toBe(303);
    const callback = await provider.throughProvider(start.headers().location!, accountId);
    const res = await page.goto(callback.href);
    expect(res?.status()).toBe(403);
    await expect.poll(() => page.locator('h1').textContent()).toBe(heading);
    expect(await page.locator('main a[href^="mailto:"]').textContent()).toBe('childrens.systems.team@refusals-borough.example');
    await checkPage(page, name);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth'), `${name} at 390 px`).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-390.png`), fullPage: true });
    await context.close();
  });

  it('a single sign-on account’s page tells the system administrator its roles come from its groups', async () => {
    const request = (await browser.newContext()).request;
    const start = await request.get(`${base}/sign-in/oidc`, { maxRedirects: 0 });
    const callback = await provider.throughProvider(start.headers().location!, 'mapped');
    expect((await request.get(callback.href, { maxRedirects: 0 })).status()).toBe(303);
    const { page, cspErrors } = await signInInBrowser(browser, base, 'system_administrator', domain);
    await checkPage(page, 'sso-user-from-groups', { base, url: '/users/demo-practitioner' });
    expect(await page.locator('.govuk-inset-text').textContent()).toMatch(/come from their groups/);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth'), 'user page at 390 px').toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sso-user-from-groups-390.png'), fullPage: true });
    expect(cspErrors).toEqual([]);
  });
});
