import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InvalidInputError, NotFoundError } from '../kernel/errors.ts';
import type { AuditNames, AuditQuery, AuditResult, StoredAuditEvent } from './service.ts';
import { AUDIT_DAYS_ALONE, auditSearchQuery, isDatesAlone, parseAuditSearch, type AuditSearch } from './model/audit-search.ts';
import { longDay, personName, recordWords } from './model/audit-words.ts';
import { ukDateTime, ukDay } from '../kernel/time.ts';
import { auditFormView, EMPTY_SEARCH } from './pages/audit-form.ts';
import { paginationView } from './pages/pagination.ts';
import { toGrantsView } from './pages/grants.ts';
import { errorBody, idParam } from '../platform/http.ts';
import { requestContext, requireActor } from '../platform/request.ts';
import { renderPage, webPages } from '../platform/web/index.ts';
import { toAuditRows } from './pages/audit.ts';
import { auditDataTable } from './pages/audit-export.ts';
import { DOWNLOAD_FORMATS, downloadLinks, sendDownload } from '../platform/web/downloads.ts';
import { tableCsv, tableXlsx } from '../standards/downloads.ts';
import type { AccessService } from './service.ts';

const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const hidden = { schema: { hide: true } };
const AUDIT_FORMATS = ['csv', 'xlsx'] as const;
const params = (...names: string[]) => ({ type: 'object', properties: Object.fromEntries(names.map((n) => [n, idParam])) });

function requireId(value: unknown, what: string): string {
  if (typeof value !== 'string' || !ID.test(value.trim())) throw new InvalidInputError(`Enter ${what} using letters, numbers, dots, dashes or underscores.`);
  return value.trim();
}

function sameCouncil(councilId: string, actorCouncil: string, what: string): void {
  if (councilId !== actorCouncil) throw new NotFoundError(`There is no ${what}.`);
}

const eventView = (names: AuditNames) => (e: StoredAuditEvent) => ({
  seq: e.seq, at: e.occurredAt.toISOString(), userId: e.actorUserId, who: personName(e.actorUserId, names), roles: e.actorRoles, action: e.action,
  recordType: e.recordType, recordId: e.recordId, record: recordWords(e, names), childId: e.childId, fields: e.fields, ip: e.ip, reason: e.reason,
});

type ApiAuditQuery = { from?: string; to?: string; page?: number; pageSize?: number };

/** An API search's query: the same date rules as the form (a problem is a 400 naming the field). */
function apiQuery(q: ApiAuditQuery, who: { userId?: string | null; childId?: string | null }, now: Date): AuditQuery {
  const parsed = parseAuditSearch({ from: q.from, to: q.to, user: who.userId ?? undefined, child: who.childId ?? undefined }, ukDay(now), { datesAlone: true });
  if (!parsed.ok) throw new InvalidInputError(parsed.problems.map((p) => p.message).join('. '), parsed.problems.map((p) => ({ ...p, field: p.field.replace(/-day$/, '') })));
  return { ...who, from: parsed.search.from, to: parsed.search.to, page: q.page ?? 1, pageSize: q.pageSize ?? 500 };
}

const pageJson = (r: AuditResult) => ({ page: r.page, pages: r.pages, pageSize: r.pageSize, total: r.total, events: r.events.map(eventView(r.names)) });

const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path);

/**
 * A results page's question: its address names the person or child (or neither: the council's
 * log by date); the query adds dates, a child (for a person) and the page.
 */
function resultsQuery(query: Record<string, string>, who: Who, now: Date) {
  const q = { ...query, ...(who.user ? { user: who.user, person: '' } : { child: who.child ?? '', person: '', user: '' }) };
  return parseAuditSearch(q, ukDay(now), { datesAlone: !who.user && !who.child });
}

/** Whose audit a results page shows: a person, a child, both, or (neither) the whole council's between two days. */
type Who = { child?: string; user?: string };

function auditTitle(result: AuditResult, who: Who): string {
  if (!who.user && !who.child) return 'Everything in the audit log';
  if (!who.user) return `Who looked at child ${who.child}`;
  const name = result.subject?.name ?? 'an account no longer on record';
  return result.childId ? `What ${name} did with child ${result.childId}’s record` : `What ${name} looked at`;
}

function auditSummary(result: AuditResult, search: AuditSearch): string {
  const when = search.from && search.to ? ` between ${longDay(search.from)} and ${longDay(search.to)}` : search.from ? ` from ${longDay(search.from)}` : search.to ? ` up to ${longDay(search.to)}` : '';
  const n = result.total;
  return `${n === 0 ? 'No entries' : n === 1 ? '1 entry' : `${n.toLocaleString('en-GB')} entries`}${when}, in UK time.`;
}

/** Grants, emergency access and the audit log: the JSON API and the pages. Each handler calls one access use case. */
export async function register(app: FastifyInstance, { access }: { access: AccessService }): Promise<void> {
  app.post<{ Params: { councilId: string; childId: string }; Body: { reason?: string } }>('/api/councils/:councilId/children/:childId/break-glass', {
    schema: { summary: "Emergency access to a child's record: a typed reason, 60 minutes, reviewed by a manager", tags: ['access'], params: params('councilId', 'childId'), response: { 400: errorBody, 404: errorBody } },
  }, async (request) => {
    const ctx = requestContext(request);
    sameCouncil(request.params.councilId, ctx.actor.councilId, `case "${request.params.childId}"`);
    const { expiresAt } = await access.breakGlass(ctx, request.params.childId, String(request.body?.reason ?? ''));
    return { childId: request.params.childId, expiresAt: expiresAt.toISOString(), message: 'Emergency access is open for 60 minutes. A manager will review it.' };
  });

  app.post<{ Params: { councilId: string; childId: string }; Body: { userId?: string; reason?: string; days?: number } }>('/api/councils/:councilId/children/:childId/grants', {
    schema: { summary: "Give one person explicit access to a restricted record (the child's team manager or a service manager; 30 days unless `days` says otherwise, at most 90)", tags: ['access'], params: params('councilId', 'childId'), response: { 400: errorBody, 404: errorBody } },
  }, async (request) => {
    const ctx = requestContext(request);
    sameCouncil(request.params.councilId, ctx.actor.councilId, `case "${request.params.childId}"`);
    if (!request.body?.userId) throw new InvalidInputError('Say who the grant is for (userId).', [{ field: 'userId', message: 'Required.' }]);
    const days = request.body.days === undefined ? undefined : Number(request.body.days);
    const { expiresAt } = await access.grantAccess(ctx, request.body.userId, request.params.childId, String(request.body.reason ?? ''), days);
    return { granted: true, expiresAt: expiresAt.toISOString() };
  });

  app.get<{ Params: { councilId: string }; Querystring: { all?: string } }>('/api/councils/:councilId/break-glass', {
    schema: { summary: 'Emergency accesses for review', tags: ['access'], params: params('councilId'), response: { 404: errorBody } },
  }, async (request) => {
    const rows = await access.listBreakGlassForReview(requestContext(request), request.query.all !== 'true');
    return { items: rows.map((r) => ({ ...r, started_at: r.started_at.toISOString(), expires_at: r.expires_at.toISOString() })) };
  });

  app.post<{ Params: { councilId: string; id: string }; Body: { outcome?: string; note?: string } }>('/api/councils/:councilId/break-glass/:id/review', {
    schema: { summary: 'Record a manager’s review of an emergency access', tags: ['access'], params: { type: 'object', properties: { councilId: idParam, id: { type: 'string', maxLength: 64 } } }, response: { 400: errorBody, 404: errorBody } },
  }, async (request) => {
    await access.reviewBreakGlassUse(requestContext(request), request.params.id, request.body?.outcome, String(request.body?.note ?? ''));
    return { reviewed: true };
  });

  app.get<{ Params: { councilId: string } }>('/api/councils/:councilId/grants', {
    schema: { summary: 'Grants to restricted records, running and ended in the last 30 days, for review (auditors and service managers: all; team managers: their teams’ children)', tags: ['access'], params: params('councilId'), response: { 404: errorBody } },
  }, async (request) => {
    const ctx = requestContext(request);
    sameCouncil(request.params.councilId, ctx.actor.councilId, 'list of grants');
    const grants = await access.listGrantsForReview(ctx);
    return {
      items: grants.map((g) => ({
        grantId: g.grantId, userId: g.userId, userName: g.userName, childId: g.childId, reason: g.reason, grantedBy: g.grantedBy, grantedByName: g.grantedByName,
        grantedAt: g.grantedAt.toISOString(), expiresAt: g.expiresAt?.toISOString() ?? null, endedAt: g.endedAt?.toISOString() ?? null, state: g.state,
        daysLeft: g.daysLeft, mayRevoke: g.mayRevoke,
      })),
    };
  });

  app.post<{ Params: { councilId: string; grantId: string } }>('/api/councils/:councilId/grants/:grantId/revoke', {
    schema: { summary: 'End a grant to a restricted record at once (the child’s team manager or a service manager)', tags: ['access'], params: { type: 'object', properties: { councilId: idParam, grantId: { type: 'string', maxLength: 64 } } }, response: { 400: errorBody, 404: errorBody } },
  }, async (request) => {
    const ctx = requestContext(request);
    sameCouncil(request.params.councilId, ctx.actor.councilId, 'grant');
    await access.revokeGrant(ctx, request.params.grantId);
    return { revoked: true };
  });

  const auditQuerystring = {
    type: 'object',
    properties: {
      from: { type: 'string', maxLength: 10, description: 'From this UK day (YYYY-MM-DD), included' },
      to: { type: 'string', maxLength: 10, description: 'To this UK day (YYYY-MM-DD), included' },
      page: { type: 'integer', minimum: 1, maximum: 100000, description: 'Which page, newest first (1 unless given)' },
      pageSize: { type: 'integer', minimum: 1, maximum: 500, description: 'Entries a page (500 unless given: the latest 500, as before paging)' },
    },
  } as const;

  app.get<{ Params: { councilId: string; childId: string }; Querystring: ApiAuditQuery }>('/api/councils/:councilId/children/:childId/audit', {
    schema: { summary: "Who looked at this child's record, newest first; between two UK days (from, to) and a page at a time", tags: ['audit'], params: params('councilId', 'childId'), querystring: auditQuerystring, response: { 400: errorBody, 404: errorBody } },
  }, async (request) => {
    const ctx = requestContext(request);
    sameCouncil(request.params.councilId, ctx.actor.councilId, `case "${request.params.childId}"`);
    const result = await access.searchAudit(ctx, apiQuery(request.query, { childId: request.params.childId }, ctx.now));
    return { childId: request.params.childId, ...pageJson(result) };
  });

  app.get<{ Params: { councilId: string }; Querystring: ApiAuditQuery & { user?: string; child?: string } }>('/api/councils/:councilId/audit', {
    schema: {
      summary: 'What one person looked at (user), who looked at one child (child), or both; or, for auditors and service managers, everything between two UK days at most 31 days apart (from, to alone); a page at a time, newest first', tags: ['audit'], params: params('councilId'),
      querystring: { ...auditQuerystring, properties: { ...auditQuerystring.properties, user: idParam, child: idParam } }, response: { 400: errorBody, 404: errorBody },
    },
  }, async (request) => {
    const ctx = requestContext(request);
    sameCouncil(request.params.councilId, ctx.actor.councilId, 'audit log');
    if (!request.query.user && !request.query.child && !request.query.from && !request.query.to) {
      throw new InvalidInputError(`Say whose actions (user) or which child’s record (child) to search, or give dates (from, to) at most ${AUDIT_DAYS_ALONE} days apart.`, [{ field: 'user', message: 'Give user, child, both, or dates.' }]);
    }
    const result = await access.searchAudit(ctx, apiQuery(request.query, { userId: request.query.user ?? null, childId: request.query.child ?? null }, ctx.now));
    return { ...(request.query.user ? { userId: request.query.user } : {}), ...(request.query.child ? { childId: request.query.child } : {}), ...pageJson(result) };
  });

  type Reply = Parameters<typeof renderPage>[1];
  type Request = Parameters<typeof renderPage>[0];

  async function auditHome(request: Request, reply: Reply, form: ReturnType<typeof auditFormView>, status = 200) {
    const ctx = requestContext(request);
    const reviews = await access.listBreakGlassForReview(ctx, true);
    return renderPage(request, reply, 'access/pages/audit-home.njk', {
      title: 'Audit log', form, errorSummary: form.errorSummary, mayRevoke: access.mayRevokeGrants(ctx.actor),
      datesAlone: access.mayAuditCouncil(ctx.actor) ? AUDIT_DAYS_ALONE : null,
      reviews: reviews.map((r) => ({
        id: r.break_glass_id, userName: r.user_name, childId: r.child_id, reason: r.reason, started: ukDateTime(r.started_at),
        ownAccess: r.user_id === ctx.actor.userId, auditHref: `/audit/people/${encodeURIComponent(r.user_id)}`,
      })),
    }, status);
  }

  async function grantsPage(request: Request, reply: Reply, notice: { ended?: string; problem?: string } = {}, status = 200) {
    const ctx = requestContext(request);
    const view = toGrantsView(await access.listGrantsForReview(ctx), access.mayRevokeGrants(ctx.actor));
    return renderPage(request, reply, 'access/pages/grants.njk', {
      title: 'Access to restricted records', ...view, ended: notice.ended,
      errorSummary: notice.problem ? [{ text: notice.problem, href: '#running' }] : [],
      breadcrumbs: [{ text: 'Audit log', href: '/audit' }],
    }, status);
  }

  /** Who looked at a child, or what a person looked at (on one child, when the address says): between two UK days, a page at a time. */
  async function auditResultsPage(request: FastifyRequest<{ Querystring: Record<string, string> }>, reply: Reply, who: Who) {
    const ctx = requestContext(request);
    const parsed = resultsQuery(request.query, who, ctx.now);
    const path = who.user ? `/audit/people/${encodeURIComponent(who.user)}` : who.child ? `/audit/children/${encodeURIComponent(who.child)}` : '/audit/days';
    const keepChild = who.user ? (typeof request.query.child === 'string' ? request.query.child : '') : '';
    if (!parsed.ok) {
      // Still the access check (and its audit) before anything is shown: a bad date does not reveal whether the person exists.
      await access.checkAuditSearch(ctx, { userId: who.user ?? null, childId: who.child ?? null });
      return renderPage(request, reply, 'access/pages/audit-events.njk', {
        title: who.user ? 'What a person looked at' : who.child ? `Who looked at child ${who.child}` : 'Everything in the audit log', summary: 'Check the dates.', path, keepChild, rows: [],
        form: auditFormView(parsed.values, parsed.problems), errorSummary: auditFormView(parsed.values, parsed.problems).errorSummary,
        breadcrumbs: [{ text: 'Audit log', href: '/audit' }],
      }, 400);
    }
    const { search } = parsed;
    const result = await access.searchAudit(ctx, { userId: who.user ?? null, childId: search.childId, from: search.from, to: search.to, page: search.page });
    const query = auditSearchQuery(search, { child: Boolean(who.user) });
    const title = auditTitle(result, who);
    return renderPage(request, reply, 'access/pages/audit-events.njk', {
      title, summary: auditSummary(result, search), path, keepChild, filtered: Boolean(search.from || search.to),
      caption: result.pages > 1 ? `Newest first: page ${result.page} of ${result.pages}` : 'Newest first',
      rows: toAuditRows(result.events, result.names), pages: result.pages,
      pagination: paginationView(result.page, result.pages, (n) => withQuery(path, [query, n > 1 ? `page=${n}` : ''].filter(Boolean).join('&'))),
      form: auditFormView(parsed.values),
      downloads: downloadLinks(path, query ? `?${query}` : '', AUDIT_FORMATS),
      breadcrumbs: [{ text: 'Audit log', href: '/audit' }],
    });
  }

  async function auditDownload(request: FastifyRequest<{ Querystring: Record<string, string> }>, reply: Reply, format: (typeof AUDIT_FORMATS)[number], who: Who) {
    const ctx = requestContext(request);
    const parsed = resultsQuery(request.query, who, ctx.now);
    if (!parsed.ok) throw new InvalidInputError(parsed.problems.map((p) => p.message).join('. '), parsed.problems);
    const { search } = parsed;
    const result = await access.searchAudit(ctx, { userId: who.user ?? null, childId: search.childId, from: search.from, to: search.to }, DOWNLOAD_FORMATS[format].name);
    const about = [
      ...(search.from ? [{ label: 'From (UK day)', value: search.from }] : []),
      ...(search.to ? [{ label: 'To (UK day)', value: search.to }] : []),
      ...(result.total > result.events.length ? [{ label: 'Note', value: `The newest ${result.events.length} of ${result.total} entries` }] : []),
    ];
    const table = auditDataTable(auditTitle(result, who), result.events, result.names, about);
    const name = [who.user ? `audit-person-${who.user}` : who.child ? `audit-child-${who.child}` : 'audit', search.childId && who.user ? search.childId : '', search.from ?? '', search.to ?? ''].filter(Boolean).join('-');
    return sendDownload(reply, format, name, format === 'csv' ? tableCsv(table) : await tableXlsx(table));
  }

  await webPages(app, (pages) => {
    pages.get('/audit', hidden, async (request, reply) => auditHome(request, reply, auditFormView(EMPTY_SEARCH)));

    // The search form: a name or email is looked up (one match goes straight to their actions, several are listed to choose from).
    pages.get<{ Querystring: Record<string, string> }>('/audit/search', hidden, async (request, reply) => {
      const ctx = requestContext(request);
      const parsed = parseAuditSearch(request.query, ukDay(ctx.now), { datesAlone: access.mayAuditCouncil(ctx.actor) });
      if (!parsed.ok) return auditHome(request, reply, auditFormView(parsed.values, parsed.problems), 400);
      const { search } = parsed;
      if (isDatesAlone(search)) return reply.code(303).redirect(withQuery('/audit/days', auditSearchQuery(search)));
      const rest = auditSearchQuery(search, { child: true });
      if (search.userId) return reply.code(303).redirect(withQuery(`/audit/people/${encodeURIComponent(search.userId)}`, rest));
      if (!search.person) return reply.code(303).redirect(withQuery(`/audit/children/${encodeURIComponent(search.childId!)}`, auditSearchQuery(search)));
      const { people, more } = await access.findPeopleToAudit(ctx, search.person);
      if (people.length === 0) {
        const problem = { field: 'person', message: `No one whose actions you can search has a name or email address containing “${search.person}”` };
        return auditHome(request, reply, auditFormView(parsed.values, [problem]), 400);
      }
      const href = (userId: string) => withQuery(`/audit/people/${encodeURIComponent(userId)}`, rest);
      if (people.length === 1) return reply.code(303).redirect(href(people[0]!.userId));
      return renderPage(request, reply, 'access/pages/audit-choose.njk', {
        title: 'Choose the person', person: search.person, more,
        people: people.map((p) => ({ name: p.name, email: p.email, href: href(p.userId) })),
        breadcrumbs: [{ text: 'Audit log', href: '/audit' }],
      });
    });

    // The forms before the search had one box each: their addresses still work.
    pages.get<{ Querystring: { child?: string } }>('/audit/children', hidden, async (request, reply) =>
      reply.code(303).redirect(`/audit/children/${encodeURIComponent(requireId(request.query.child, "the child's id"))}`));
    pages.get<{ Querystring: { user?: string } }>('/audit/people', hidden, async (request, reply) =>
      reply.code(303).redirect(`/audit/people/${encodeURIComponent(requireId(request.query.user, "the person's user id"))}`));

    pages.get<{ Params: { childId: string }; Querystring: Record<string, string> }>('/audit/children/:childId', hidden, async (request, reply) =>
      auditResultsPage(request, reply, { child: requireId(request.params.childId, "the child's id") }));
    pages.get<{ Params: { userId: string }; Querystring: Record<string, string> }>('/audit/people/:userId', hidden, async (request, reply) =>
      auditResultsPage(request, reply, { user: requireId(request.params.userId, "the person's user id") }));
    // The whole council's log between two days (auditors and service managers).
    pages.get<{ Querystring: Record<string, string> }>('/audit/days', hidden, async (request, reply) => auditResultsPage(request, reply, {}));

    // The same searches as files: the same use case (access check, and an export in the audit log), every page at once.
    for (const format of AUDIT_FORMATS) {
      pages.get<{ Params: { childId: string }; Querystring: Record<string, string> }>(`/audit/children/:childId/export.${format}`, hidden, async (request, reply) =>
        auditDownload(request, reply, format, { child: requireId(request.params.childId, "the child's id") }));
      pages.get<{ Params: { userId: string }; Querystring: Record<string, string> }>(`/audit/people/:userId/export.${format}`, hidden, async (request, reply) =>
        auditDownload(request, reply, format, { user: requireId(request.params.userId, "the person's user id") }));
      pages.get<{ Querystring: Record<string, string> }>(`/audit/days/export.${format}`, hidden, async (request, reply) => auditDownload(request, reply, format, {}));
    }

    pages.get('/audit/grants', hidden, async (request, reply) => grantsPage(request, reply));

    pages.post<{ Params: { grantId: string } }>('/audit/grants/:grantId/revoke', hidden, async (request, reply) => {
      const ctx = requestContext(request);
      try {
        const { childId, userName } = await access.revokeGrant(ctx, requireId(request.params.grantId, 'the grant'));
        return grantsPage(request, reply, { ended: `${userName}’s access to child ${childId} has ended.` });
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        return grantsPage(request, reply, { problem: error.message }, 400);
      }
    });

    pages.post<{ Params: { id: string }; Body: { outcome?: string; note?: string } }>('/audit/break-glass/:id/review', hidden, async (request, reply) => {
      await access.reviewBreakGlassUse(requestContext(request), requireId(request.params.id, 'the review'), request.body?.outcome, String(request.body?.note ?? ''));
      return reply.code(303).redirect('/audit');
    });

    pages.get<{ Params: { childId: string } }>('/children/:childId/emergency-access', hidden, async (request, reply) => {
      if (!access.mayBreakGlass(requireActor(request))) throw new NotFoundError('There is nothing here that you can see.');
      const childId = requireId(request.params.childId, "the child's id");
      return renderPage(request, reply, 'access/pages/emergency-access.njk', { title: 'Emergency access', childId, reason: '' });
    });

    pages.post<{ Params: { childId: string }; Body: { reason?: string } }>('/children/:childId/emergency-access', hidden, async (request, reply) => {
      const childId = requireId(request.params.childId, "the child's id");
      const reason = String(request.body?.reason ?? '');
      try {
        await access.breakGlass(requestContext(request), childId, reason);
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        return renderPage(request, reply, 'access/pages/emergency-access.njk', { title: 'Error: Emergency access', childId, reason, error: error.message }, 400);
      }
      return reply.code(303).redirect(`/children/${encodeURIComponent(childId)}`);
    });
  });
}
