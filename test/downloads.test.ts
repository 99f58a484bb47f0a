// Downloads people use: the team workload (CSV, Excel, PDF), the service view and the audit
// searches (CSV, Excel), through the real app. Each file carries the page's own figures (tested
// equal, cell by cell), is offered only to those who may see the page, and leaves an export event.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil, type CouncilData } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { seedDemoUsers } from '../src/demo/users.ts';
import { buildApp } from '../src/main.ts';
import { listAuditEvents } from '../src/platform/audit.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { en } from '../src/platform/web/locales/en.ts';
import { formatNumber } from '../src/platform/web/nunjucks.ts';
import { signInAs, type Cookies } from './support/auth.ts';
import { newCouncilId, openTestDatabase } from './support/database.ts';
import { pdfText } from './support/pdf-text.ts';

const AS_OF = '2026-11-23';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const decode = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
/** The cells of each body row of the table marked data-testid="…", as text. */
function pageTable(html: string, testId: string): string[][] {
  const table = new RegExp(`<table[^>]*data-testid="${testId}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? '';
  // Supervision sits under the band on the team page and is not part of the workload files: left out.
  const body = (/<tbody[\s\S]*?<\/tbody>/.exec(table)?.[0] ?? '').replace(/<span[^>]*data-cell="supervision"[\s\S]*?(?=<\/td>)/g, '');
  return [...body.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((row) => [...row[0].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => decode(c[1]!)));
}
const links = (html: string) => [...(/<ul[^>]*data-testid="downloads"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '').matchAll(/href="([^"]+)"[^>]*>([^<]+)</g)].map((m) => ({ href: m[1]!.replace(/&amp;/g, '&'), text: m[2]! }));
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** "2026-11-23 10:15" (a file's UK wall clock) as the page writes it: "23 November 2026 at 10:15". */
const pageWhen = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)} at ${iso.slice(11, 16)}`;
/** A CSV cell as written, with the formula guard (a leading ') taken off: the demo practitioner's name begins with "=". */
const unguard = (cell: string) => cell.replace(/^'(?=[=+\-@\t\r])/, '');
const csvRows = (body: Buffer) => parse(body, { bom: true, columns: true }) as Record<string, string>[];
async function xlsxRows(body: Buffer, sheet: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer); // exceljs types a Buffer as an ArrayBuffer
  const ws = book.getWorksheet(sheet)!;
  const head = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  ws.eachRow((row, n) => { if (n > 1) rows.push(Object.fromEntries(head.map((h, i) => [h, row.getCell(i + 1).value]))); });
  return { ws, head, rows };
}

describe('downloads of the team, service and audit pages', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let councilId: string;
  let domain: string;
  let data: CouncilData;
  const jars = new Map<string, Cookies>();
  const get = async (role: string, url: string) => {
    if (!jars.has(role)) jars.set(role, await signInAs(app, role, domain));
    return app.inject({ method: 'GET', url, cookies: jars.get(role)!, headers: { accept: 'text/html' } });
  };
  const exportsBy = async (userId: string) =>
    (await listAuditEvents(database.db, councilId, { actorUserId: userId, limit: 50 })).filter((e) => e.action === 'export' || e.action === 'denied');

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    councilId = newCouncilId();
    domain = `${councilId}.test`;
    data = generateCouncil({ councilId, name: 'Downloads Borough', seed: 53, asOf: AS_OF, staffScale: 0.3, caseScale: 0.2, recordHistory: false });
    // A name that would run as a formula in Excel: it must arrive as text.
    const sf1 = data.practitioners.find((p) => p.team_id === 'SF1' && p.role === 'social_worker')!;
    sf1.name = '=HYPERLINK("http://example.com","Ann")';
    await seedCouncil(database.db, data);
    await seedDemoUsers(database.db, councilId, AS_OF, domain);
    app = await buildApp(database, { logLevel: 'silent', security: { signInPerMinute: 1000 } });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('team: CSV, Excel and PDF carry the figures of the page, in its order and under its filters', async () => {
    const page = await get('team_manager', `/teams/SF1?date=${AS_OF}&sort=name&order=asc`);
    expect(page.statusCode).toBe(200);
    const offered = links(page.body);
    expect(offered.map((l) => l.text)).toEqual(['Download as CSV', 'Download as Excel', 'Download as PDF']);
    expect(offered[0]!.href).toBe(`/teams/SF1/export.csv?sort=name&order=asc&type=${new URL(offered[0]!.href, 'http://x').searchParams.get('type')}&date=${AS_OF}`);
    const shown = pageTable(page.body, 'team-table');
    expect(shown.length).toBeGreaterThan(3);

    const csv = await get('team_manager', offered[0]!.href);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="team-workload-SF1-${AS_OF}.csv"`);
    expect(csv.headers['cache-control']).toBe('no-store');
    const rows = csvRows(csv.rawPayload);
    expect(rows).toHaveLength(shown.length);
    const room = Object.keys(rows[0]!).find((k) => k.startsWith('Room for more') && k.endsWith('(central)'))!;
    // Each figure of the file, worded as the page words it: the central figure, and its range.
    const worded = (r: Record<string, string>) => {
      const n = (k: string) => formatNumber(Number(r[k]));
      const fewest = r[room.replace('(central)', '(fewest)')], most = r[room.replace('(central)', '(most)')];
      return {
        hours: { central: n('Hours a month (central)'), range: `${n('Hours a month (low)')} to ${n('Hours a month (high)')}` },
        capacity: n('Casework hours'),
        ratio: r['Workload (central)'] ? { central: r['Workload (central)']!, range: `${r['Workload (low)']} to ${r['Workload (high)']}` } : { central: en.bands.none!, range: '' },
        headroom: r[room] === 'No limit' ? { central: 'No limit', range: '' } : { central: r[room]!, range: fewest === most ? '' : `${fewest} to ${most}` },
      };
    };
    const onPage = (f: { central: string; range: string }) => (f.range ? `${f.central} ${f.range}` : f.central);
    const inPdf = (f: { central: string; range: string }) => (f.range ? `${f.central} (${f.range})` : f.central);
    rows.forEach((r, i) => {
      const [name, role, cases, hours, capacity, ratio, headroom, band] = shown[i]!;
      const w = worded(r);
      expect(name!.startsWith(r.Name!.replace(/^'(?==)/, ''))).toBe(true);
      expect(role).toBe(r.Role);
      expect(cases).toBe(r.Cases);
      expect(hours).toBe(onPage(w.hours));
      expect(capacity).toBe(w.capacity);
      expect(ratio).toBe(onPage(w.ratio));
      expect(headroom).toBe(onPage(w.headroom));
      expect(band).toBe(r.Band);
    });
    // The formula-like name is quoted in the CSV.
    expect(rows.map((r) => r.Name)).toContain(`'=HYPERLINK("http://example.com","Ann")`);

    const xlsx = await get('team_manager', offered[1]!.href);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX);
    const book = await xlsxRows(xlsx.rawPayload, 'Team workload');
    expect(book.head).toEqual(Object.keys(rows[0]!));
    expect(book.rows).toHaveLength(rows.length);
    book.rows.forEach((x, i) => {
      const r = rows[i]!;
      expect(x.Name).toBe(r.Name!.replace(/^'(?==)/, ''));
      expect(x.Cases).toBe(Number(r.Cases));
      expect(x['Hours a month (central)']).toBe(Number(r['Hours a month (central)']));
      expect(x['Workload (central)'] === null ? '' : `${Math.round((x['Workload (central)'] as number) * 100)}%`).toBe(r['Workload (central)']);
    });
    // Text that begins with "=" stays text: no formula anywhere.
    book.ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));

    const pdf = await get('team_manager', offered[2]!.href);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const raw = pdf.rawPayload.toString('latin1');
    expect(raw.startsWith('%PDF')).toBe(true);
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('/Lang (en-GB)');
    const text = pdfText(pdf.rawPayload);
    const teamName = decode(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(page.body)![1]!);
    expect(text).toContain(`${teamName}: team workload`);
    // Each person in the table: their name (as in the CSV, which matches the page; a long one wraps) and, cell by cell, the page's figures.
    const squeezed = text.replace(/\s+/g, '');
    rows.forEach((r) => {
      const w = worded(r);
      expect(squeezed).toContain(r.Name!.replace(/^'(?==)/, '').replace(/\s+/g, ''));
      expect(squeezed).toContain([r.Role, r.Cases, inPdf(w.hours), w.capacity, inPdf(w.ratio), r.Band].join('').replace(/\s+/g, ''));
    });
    for (const label of ['People in post', 'Cases held', 'Team workload', 'Over the safe band']) expect(text).toContain(label);

    const events = await exportsBy('demo-team-manager');
    expect(events.map((e) => e.fields)).toEqual(expect.arrayContaining(['team workload: CSV download', 'team workload: Excel download', 'team workload: PDF download']));
    expect(events.every((e) => e.recordId === 'SF1' || e.action !== 'export' || e.recordType !== 'team')).toBe(true);
  });

  it('team: someone who may not see the team gets 404 for every format, and the refusal is audited', async () => {
    const other = data.teams.find((t) => t.team_id !== 'SF1')!.team_id;
    for (const format of ['csv', 'xlsx', 'pdf']) {
      const res = await get('team_manager', `/teams/${other}/export.${format}?date=${AS_OF}`);
      expect(res.statusCode, format).toBe(404);
      expect(res.headers['content-type']).toContain('text/html');
    }
    const denied = (await exportsBy('demo-team-manager')).filter((e) => e.action === 'denied');
    expect(denied.map((e) => e.fields)).toEqual(expect.arrayContaining(['team workload (PDF download)']));
    expect((await get('team_manager', `/teams/${other}?date=${AS_OF}`)).body).not.toContain('data-testid="downloads"');
  });

  it('service view: CSV and Excel carry the teams table of the page', async () => {
    const page = await get('performance_analyst', `/service?date=${AS_OF}`);
    expect(page.statusCode).toBe(200);
    const offered = links(page.body);
    // The teams table's own links come first; the whole view as a PDF too (the measures' tables have links of their own).
    expect(offered.map((l) => l.text)).toEqual(['Download as CSV', 'Download as Excel', 'Download as PDF']);
    const shown = pageTable(page.body, 'teams');
    const csv = await get('performance_analyst', offered[0]!.href);
    expect(csv.statusCode).toBe(200);
    const rows = csvRows(csv.rawPayload);
    expect(rows).toHaveLength(shown.length);
    rows.forEach((r, i) => {
      const [team, people, fte, cases, caseload, workload, over, agency, vacancies] = shown[i]!;
      expect(team).toBe(r.Team);
      expect(people).toBe(r.People);
      expect(fte).toBe(formatNumber(Number(r.FTE)));
      expect(cases).toBe(r.Cases);
      expect(caseload).toBe(r['DfE caseload (FTE on the census date)'] === '' ? '–' : formatNumber(Number(r['DfE caseload (FTE on the census date)'])));
      expect(workload).toBe(r.Workload === '' ? '–' : r.Workload);
      expect(over).toBe(`${r['People over the safe band']} (${r['Share over the safe band'] || '–'})`);
      expect(agency).toBe(r['Agency staff']);
      expect(vacancies).toBe(r['Vacant posts']);
    });
    const xlsx = await get('performance_analyst', offered[1]!.href);
    const book = await xlsxRows(xlsx.rawPayload, 'Teams');
    book.rows.forEach((x, i) => {
      expect(x.Team).toBe(rows[i]!.Team);
      expect(x.Cases).toBe(Number(rows[i]!.Cases));
      expect(typeof x.FTE).toBe('number');
    });
    expect((await exportsBy('demo-performance-analyst')).map((e) => e.fields)).toEqual(expect.arrayContaining(['service view: CSV download', 'service view: Excel download']));
    expect((await get('practitioner', `/service/export.csv?date=${AS_OF}`)).statusCode).toBe(404);
  });

  it('audit searches: CSV and Excel of who looked at a child and of what a person looked at, as the page lists them, in UK time', async () => {
    const childId = data.allocations.find((a) => a.end_date === null && a.team_id === 'SF1')!.child_id;
    // Something to find: the practitioner opens the case, then the auditor searches.
    await get('practitioner', `/children/${childId}`);
    for (const [path, who] of [[`/audit/children/${childId}`, 'child'], ['/audit/people/demo-practitioner', 'person']] as const) {
      const page = await get('auditor', path);
      expect(page.statusCode, who).toBe(200);
      const offered = links(page.body);
      expect(offered.map((l) => l.text)).toEqual(['Download as CSV', 'Download as Excel']);
      const shown = pageTable(page.body, 'audit');
      const rows = csvRows((await get('auditor', offered[0]!.href)).rawPayload);
      // The auditor's own looks are recorded against the search, not listed in it: file and page list the same events.
      expect(rows.length, who).toBeGreaterThan(0);
      expect(rows.map((r) => [pageWhen(r['When (UK time)']!), unguard(r.Who!), r['What happened'], unguard(r.Record!), r.From, r.Reason]), who).toEqual(shown);
      const xlsx = await xlsxRows((await get('auditor', offered[1]!.href)).rawPayload, 'Audit');
      expect(xlsx.rows[0]!['When (UK time)']).toBeInstanceOf(Date);
      // The cell holds the UK wall clock: read as UTC fields, it is the minute the page shows.
      expect(xlsx.rows.map((r) => pageWhen((r['When (UK time)'] as Date).toISOString().slice(0, 16).replace('T', ' ')))).toEqual(shown.map((r) => r[0]));
    }
    expect((await exportsBy('demo-auditor')).map((e) => e.fields)).toEqual(expect.arrayContaining([
      'who looked at this child: CSV download', 'who looked at this child: Excel download', 'what this person looked at: CSV download',
    ]));
    expect((await get('practitioner', '/audit/people/demo-practitioner/export.csv')).statusCode).toBe(404);
    expect((await get('performance_analyst', `/audit/children/${childId}/export.xlsx`)).statusCode).toBe(404);
  });

  it('audit searches: a search of many pages downloads every page, under the same dates, in the pages’ order', async () => {
    // 60 looks (more than one page of 50) by the practitioner at their own cases.
    const own = data.allocations.filter((a) => a.end_date === null && a.team_id === 'SF1').slice(0, 3).map((a) => a.child_id);
    for (let i = 0; i < 60; i++) await get('practitioner', `/children/${own[i % own.length]}`);
    const today = new Date().toISOString().slice(0, 10);
    const base = `/audit/people/demo-practitioner?from=2020-01-01&to=${today}`;
    const first = await get('auditor', base);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('govuk-pagination');
    const pageRows = pageTable(first.body, 'audit');
    expect(pageRows).toHaveLength(50);
    const second = await get('auditor', `${base}&page=2`);
    const all = [...pageRows, ...pageTable(second.body, 'audit')];
    const offered = links(first.body);
    expect(offered[0]!.href).toBe(`/audit/people/demo-practitioner/export.csv?from=2020-01-01&to=${today}`);
    const rows = csvRows((await get('auditor', offered[0]!.href)).rawPayload);
    expect(rows.map((r) => [pageWhen(r['When (UK time)']!), unguard(r.Who!), r['What happened'], unguard(r.Record!), r.From, r.Reason])).toEqual(all);
    // A range before anything happened finds nothing, in the page and the file alike.
    const none = await get('auditor', '/audit/people/demo-practitioner?from=2020-01-01&to=2020-01-31');
    expect(pageTable(none.body, 'audit')).toEqual([]);
    expect(csvRows((await get('auditor', '/audit/people/demo-practitioner/export.csv?from=2020-01-01&to=2020-01-31')).rawPayload)).toEqual([]);
  });
});
