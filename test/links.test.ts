// Pages link only to what the viewer may open: for every role, follow every link on every page
// reachable from the home page and find no refusal (and no error).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { seedDemoUsers, seedNationalTenant } from '../src/demo/users.ts';
import { ROLES } from '../src/kernel/roles.ts';
import { buildApp } from '../src/main.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { takeSnapshot } from '../src/statistics/service/snapshots.ts';
import { DEFAULT_CONFIG } from '../src/workload/model/index.ts';
import { insertConfigVersion } from '../src/workload/store.ts';
import { signInAs, type Cookies } from './support/auth.ts';
import { newCouncilId, openTestDatabase } from './support/database.ts';

const AS_OF = new Date().toISOString().slice(0, 10);
/**
 * Enough pages to reach every kind of page for every role (team, practitioner, case, audit…)
 * without walking every sort order; the five footer pages (accessibility, privacy, cookies,
 * help, contact) come on top.
 */
const MAX_PAGES = 75;
/** The settings pages (the history, each version) and audit person pages left in the queue when the budget runs out are opened too. */
const MAX_SETTINGS_PAGES = 20;
/** Who may read the workload model's settings, and so its history (the access matrix lists them too). */
const SETTINGS_READERS: string[] = ['team_manager', 'service_manager', 'performance_analyst', 'system_administrator'];

describe('every link leads somewhere the viewer may go', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let domain: string;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    const councilId = newCouncilId();
    domain = `${councilId}.example`;
    await seedCouncil(database.db, generateCouncil({ councilId, name: 'Links Borough', seed: 41, asOf: AS_OF, staffScale: 0.4, caseScale: 0.2 }));
    await seedDemoUsers(database.db, councilId, AS_OF, domain);
    // The national analyst signs in to a national tenant of their own (no returns there: the empty national view).
    await seedNationalTenant(database.db, newCouncilId(), domain);
    await takeSnapshot(database.db, councilId, AS_OF);
    // A second version of the model, so the settings history has differences to link to.
    const changed = structuredClone(DEFAULT_CONFIG);
    changed.bands.greenUpTo = 0.8;
    await insertConfigVersion(database.db, councilId, changed, 'Narrower safe band', 'links', { createdByName: 'Links Admin' });
    app = await buildApp(database, { logLevel: 'silent', security: { signInPerMinute: 1000 } });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  // The path and the query's keys: one visit per kind of address (sort and filter variants are the same page).
  const shape = (href: string) => {
    const url = new URL(href, 'http://x');
    return `${url.pathname}?${[...url.searchParams.keys()].sort().join('&')}`;
  };

  // What a page says, without its markup: where developer language would show.
  const visibleText = (html: string) =>
    html.replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ').replace(/<!--[\s\S]*?-->/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&[a-z]+;|&#\d+;/g, ' ');
  /** File names, section signs, internal codes, record types, user ids and UTC: none belongs on a page. */
  const DEVELOPER_LANGUAGE = /\.md\b|§|\bUTC\b|\bFTE30\b|\bCases30\b|\bdemo-[a-z]+(?:-[a-z]+)*\b|\b[a-z]+_[a-z_]+\b/;
  // Those who search the audit log also start from a search (a form, so no link leads there):
  // its list of people to choose from and each person's pages must open too.
  const AUDIT_ROLES: readonly string[] = ['team_manager', 'service_manager', 'auditor'];
  const MUST_REACH: Record<string, string[]> = Object.fromEntries(AUDIT_ROLES.map((r) => [r, ['/audit/grants?', '/audit/people/:id?', '/audit/people/:id?from']]));

  it.each(ROLES)('%s: no link refuses', async (role) => {
    const jar: Cookies = await signInAs(app, role, domain);
    const seen = new Set<string>();
    const queue = ['/', ...(AUDIT_ROLES.includes(role) ? [`/audit/search?person=${encodeURIComponent(domain)}&from-day=1&from-month=1&from-year=2020`] : [])];
    const reached = new Set<string>();
    const refused: string[] = [];
    const jargon: string[] = [];
    const opened = new Set<string>();
    let visited = 0;
    const open = async (href: string, follow: (target: string) => boolean) => {
      visited += 1;
      reached.add(shape(href).replace(/^\/audit\/people\/[^/?]+/, '/audit/people/:id'));
      const res = await app.inject({ url: href, cookies: jar, headers: { accept: 'text/html' } });
      if (res.statusCode >= 300 && res.statusCode < 400) return;
      if (res.statusCode !== 200) {
        refused.push(`${href} → ${res.statusCode}`);
        return;
      }
      const found = String(res.headers['content-type']).startsWith('text/html') ? DEVELOPER_LANGUAGE.exec(visibleText(res.body)) : null;
      if (found) jargon.push(`${href}: “${visibleText(res.body).slice(Math.max(0, found.index - 40), found.index + 40).replace(/\s+/g, ' ')}”`);
      opened.add(href.split('?')[0]!);
      for (const [, link] of res.body.matchAll(/<a [^>]*href="([^"#]+)/g)) {
        const target = link!.replace(/&amp;/g, '&');
        if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/assets') || target === '/sign-out') continue;
        const resolved = target.startsWith('?') ? `${href.split('?')[0]}${target}` : target;
        const key = shape(resolved);
        if (seen.has(key) || !follow(resolved)) continue;
        seen.add(key);
        queue.push(resolved);
      }
    };
    while (queue.length > 0 && visited < MAX_PAGES) await open(queue.shift()!, () => true);
    // The settings pages (and their history) and the audit's person pages are few but sit deep in
    // the walk, behind every page a team opens: finish them, whatever the budget left.
    const settings = (href: string) => href.startsWith('/settings/') || href.startsWith('/audit/people/');
    for (let extra = 0, left = queue.filter(settings); left.length > 0 && extra < MAX_SETTINGS_PAGES; extra += 1) {
      const href = left.shift()!;
      queue.splice(queue.indexOf(href), 1);
      await open(href, settings);
      left = queue.filter(settings);
    }
    expect(refused).toEqual([]);
    expect(jargon).toEqual([]);
    expect(visited).toBeGreaterThan(0);
    // The child-level returns a data officer downloads are among the links followed (and answered 200).
    if (role === 'data_officer') expect([...seen]).toContain('/imports/annex-a.xlsx?');
    for (const page of MUST_REACH[role] ?? []) expect([...reached], page).toContain(page);
    // The settings history is reached from the settings page, by everyone who may read the settings.
    const history = ['/settings/workload-model/history', '/settings/workload-model/history/2', '/settings/workload-model/history/1'];
    if (SETTINGS_READERS.includes(role)) expect(history.filter((h) => !opened.has(h))).toEqual([]);
    else expect(history.filter((h) => opened.has(h))).toEqual([]);
    // A walk of up to MAX_PAGES pages, some of which compute the whole council: time for a busy machine.
  }, 240_000);
});
