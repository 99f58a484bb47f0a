// The service's own pages (accessibility, privacy, cookies, help, contact): open signed in or
// out, reached from the footer of every page, under a phase banner, in the council's words, and
// linking nowhere outside the site except the addresses the council configured.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { seedDemoUsers } from '../src/demo/users.ts';
import { buildApp } from '../src/main.ts';
import type { ServiceInfo } from '../src/platform/config.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { signInAs, type Cookies } from './support/auth.ts';
import { newCouncilId, openTestDatabase } from './support/database.ts';

const AS_OF = '2026-11-23';
const HTML = { accept: 'text/html' };
const PAGES = ['/accessibility', '/privacy', '/cookies', '/help', '/contact'];
const SERVICE: ServiceInfo = {
  councilName: 'Footer Borough Council',
  supportEmail: 'caseweight.help@footer.example',
  dpoEmail: 'dpo@footer.example',
  privacyUrl: 'https://www.footer.example/privacy',
  accessContact: undefined,
  accessEmail: 'caseweight.help@footer.example',
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 10,
};
const CONFIGURED = new Set([`mailto:${SERVICE.supportEmail}`, `mailto:${SERVICE.dpoEmail}`, SERVICE.privacyUrl]);

const hrefs = (html: string) => [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
const outside = (html: string) => hrefs(html).filter((h) => !(h.startsWith('/') && !h.startsWith('//')) && !h.startsWith('#') && !h.startsWith('?') && !CONFIGURED.has(h));

function expectShell(html: string, where: string) {
  expect(html, where).toContain('govuk-phase-banner');
  expect(html, where).toMatch(/govuk-phase-banner__content__tag[^>]*>\s*Beta\s*</);
  expect(html, where).toContain('This is a new service. Help us improve it: <a class="govuk-link" href="/contact">tell us what you think</a>.');
  const footer = html.slice(html.indexOf('class="govuk-footer"'));
  for (const [href, text] of [['/accessibility', 'Accessibility statement'], ['/privacy', 'Privacy notice'], ['/cookies', 'Cookies'], ['/help', 'Help'], ['/contact', 'Contact']]) {
    expect(footer, `${where}: footer link ${text}`).toContain(`<a class="govuk-footer__link" href="${href}">${text}</a>`);
  }
  expect(html, where).not.toMatch(/Crown copyright|govuk-footer__crown|nationalarchives/);
}

describe('the service’s own pages', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let domain: string;
  let manager: Cookies;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    const councilId = newCouncilId();
    domain = `${councilId}.example`;
    await seedCouncil(database.db, generateCouncil({ councilId, name: 'Footer Borough', seed: 5, asOf: AS_OF, staffScale: 0.4, caseScale: 0.1 }));
    await seedDemoUsers(database.db, councilId, AS_OF, domain);
    app = await buildApp(database, { logLevel: 'silent', service: SERVICE });
    manager = await signInAs(app, 'team_manager', domain);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const get = (url: string, cookies: Cookies = {}) => app.inject({ url, cookies, headers: HTML });

  it.each(PAGES)('%s answers 200 signed out and signed in, with the banner and footer, linking only inside the site', async (url) => {
    for (const [who, cookies] of [['signed out', {}], ['signed in', manager]] as const) {
      const res = await get(url, cookies);
      expect(res.statusCode, `${url} ${who}`).toBe(200);
      expect(res.body.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(res.body).toContain('<h1 class="govuk-heading-l">');
      expectShell(res.body, `${url} ${who}`);
      expect(outside(res.body), `${url} ${who}`).toEqual([]);
      // No file names, section numbers or placeholders on a page people read.
      expect(res.body).not.toMatch(/\.md\b|§|\[[a-z ]+\]|undefined|\[object Object\]/i);
    }
  });

  it('puts the banner and footer on the home, team, sign-in and error pages too', async () => {
    const pages = [
      ['home', await get('/', manager), 200],
      ['team', await get(`/teams/SF1?date=${AS_OF}`, manager), 200],
      ['sign-in', await get('/sign-in'), 200],
      ['not found', await get('/no-such-page', manager), 404],
      ['not found, signed out', await get('/no-such-page'), 404],
      ['bad input', await get('/teams/%00', manager), 400],
    ] as const;
    for (const [name, res, status] of pages) {
      expect(res.statusCode, `${name}: ${/<h1[^>]*>([^<]*)/.exec(res.body)?.[1]} ${/govuk-body">([^<]*)/.exec(res.body)?.[1]}`).toBe(status);
      expectShell(res.body, name);
      expect(outside(res.body), name).toEqual([]);
    }
  });

  it('shows the council’s details from configuration', async () => {
    const privacy = (await get('/privacy')).body;
    expect(privacy).toContain('Footer Borough Council is the data controller');
    expect(privacy).toContain('<a class="govuk-link" href="mailto:dpo@footer.example">dpo@footer.example</a>');
    expect(privacy).toContain('<a class="govuk-link" href="https://www.footer.example/privacy">Read Footer Borough Council’s full privacy notice</a>');
    const contact = (await get('/contact')).body;
    expect(contact).toContain('Caseweight is run by Footer Borough Council.');
    expect(contact).toContain('href="mailto:caseweight.help@footer.example"');
    const accessibility = (await get('/accessibility')).body;
    expect(accessibility).toContain('href="mailto:caseweight.help@footer.example"');
    expect(accessibility).toContain('Footer Borough Council is committed to making this service accessible');
  });

  it('lists the one session cookie and says there are no analytics cookies', async () => {
    const html = (await get('/cookies')).body;
    expect(html).toContain('<th scope="row" class="govuk-table__header">caseweight.sid</th>');
    expect(html).toContain('After 30 minutes without using the service, and always 10 hours after you sign in');
    expect(html).toContain('HttpOnly');
    expect(html).toContain('SameSite=Lax');
    expect(html).toContain('No analytics or advertising cookies');
    // The cookie the page describes is the one the service sets.
    const signIn = await get('/api/csrf-token');
    const cookie = signIn.cookies.find((c) => c.name === 'caseweight.sid');
    expect(cookie?.httpOnly).toBe(true);
    expect(String(cookie?.sameSite).toLowerCase()).toBe('lax');
    // Max-Age 30 minutes, renewed on every request (the session itself ends at 10 hours at most).
    expect(Math.round(((cookie?.expires as Date).getTime() - Date.now()) / 60_000)).toBe(30);
  });

  it('follows the sample accessibility statement and lists the known problems', async () => {
    const html = (await get('/accessibility')).body;
    for (const heading of ['How accessible this service is', 'Feedback and contact information', 'Enforcement procedure', 'Technical information about this service’s accessibility', 'Compliance status', 'Non-accessible content', 'Non-compliance with the accessibility regulations', 'Disproportionate burden', 'Content that’s not within the scope of the accessibility regulations', 'What we’re doing to improve accessibility', 'Preparation of this accessibility statement']) {
      expect(html, heading).toContain(`>${heading}</h`);
    }
    expect(html).toContain('Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018');
    expect(html).toContain('partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard');
    expect(html).toContain('has not yet been checked by hand');
    expect(html).toMatch(/axe-core[^<]*Chromium/);
    expect(html).toMatch(/last tested on \d{1,2} [A-Z][a-z]+ \d{4}/);
  });

  it('says what each page is for on the help page', async () => {
    const html = (await get('/help')).body;
    for (const page of ['My workload', 'Team workload', 'A child’s case', 'Service view', 'Workload model', 'Imports', 'Audit log']) expect(html).toContain(`>${page}</h3>`);
  });
});
