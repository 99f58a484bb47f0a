import type { FastifyInstance } from 'fastify';
import { InvalidInputError, NotFoundError } from '../kernel/errors.ts';
import type { StoredAuditEvent } from './service.ts';
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

const eventView = (e: StoredAuditEvent) => ({
  seq: e.seq, at: e.occurredAt.toISOString(), userId: e.actorUserId, roles: e.actorRoles, action: e.action, recordType: e.recordType,
  recordId: e.recordId, childId: e.childId, fields: e.fields, ip: e.ip, reason: e.reason,
});

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

  app.get<{ Params: { councilId: string; childId: string } }>('/api/councils/:councilId/children/:childId/audit', {
    schema: { summary: "Who looked at this child's record", tags: ['audit'], params: params('councilId', 'childId'), response: { 404: errorBody } },
  }, async (request) => {
    const events = await access.auditOfChild(requestContext(request), request.params.childId);
    return { childId: request.params.childId, events: events.map(eventView) };
  });

  app.get<{ Params: { councilId: string }; Querystring: { user?: string } }>('/api/councils/:councilId/audit', {
    schema: { summary: 'What one person looked at', tags: ['audit'], params: params('councilId'), querystring: { type: 'object', properties: { user: idParam }, required: ['user'] }, response: { 400: errorBody, 404: errorBody } },
  }, async (request) => {
    const { events } = await access.auditOfPerson(requestContext(request), request.query.user!);
    return { userId: request.query.user, events: events.map(eventView) };
  });

  await webPages(app, (pages) => {
    pages.get('/audit', hidden, async (request, reply) => {
      const ctx = requestContext(request);
      const reviews = await access.listBreakGlassForReview(ctx, true);
      return renderPage(request, reply, 'access/pages/audit-home.njk', {
        title: 'Audit log',
        reviews: reviews.map((r) => ({
          id: r.break_glass_id, userId: r.user_id, userName: r.user_name, childId: r.child_id, reason: r.reason,
          started: r.started_at.toISOString().replace('T', ' ').slice(0, 16), ownAccess: r.user_id === ctx.actor.userId,
        })),
      });
    });

    pages.get<{ Querystring: { child?: string } }>('/audit/children', hidden, async (request, reply) =>
      reply.code(303).redirect(`/audit/children/${encodeURIComponent(requireId(request.query.child, "the child's id"))}`));
    pages.get<{ Querystring: { user?: string } }>('/audit/people', hidden, async (request, reply) =>
      reply.code(303).redirect(`/audit/people/${encodeURIComponent(requireId(request.query.user, "the person's user id"))}`));

    pages.get<{ Params: { childId: string } }>('/audit/children/:childId', hidden, async (request, reply) => {
      const childId = requireId(request.params.childId, "the child's id");
      const events = await access.auditOfChild(requestContext(request), childId);
      return renderPage(request, reply, 'access/pages/audit-events.njk', {
        title: `Who looked at child ${childId}`, caption: 'Newest first (the latest 500)', rows: toAuditRows(events),
        downloads: downloadLinks(`/audit/children/${encodeURIComponent(childId)}`, '', AUDIT_FORMATS),
        breadcrumbs: [{ text: 'Audit log', href: '/audit' }],
      });
    });

    pages.get<{ Params: { userId: string } }>('/audit/people/:userId', hidden, async (request, reply) => {
      const userId = requireId(request.params.userId, "the person's user id");
      const { subject, events } = await access.auditOfPerson(requestContext(request), userId);
      return renderPage(request, reply, 'access/pages/audit-events.njk', {
        title: `What ${subject?.name ?? userId} looked at`, caption: 'Newest first (the latest 500)', rows: toAuditRows(events),
        downloads: downloadLinks(`/audit/people/${encodeURIComponent(userId)}`, '', AUDIT_FORMATS),
        breadcrumbs: [{ text: 'Audit log', href: '/audit' }],
      });
    });

    // The same searches as files: the same use case (access check, and an export in the audit log).
    for (const format of AUDIT_FORMATS) {
      pages.get<{ Params: { childId: string } }>(`/audit/children/:childId/export.${format}`, hidden, async (request, reply) => {
        const childId = requireId(request.params.childId, "the child's id");
        const events = await access.auditOfChild(requestContext(request), childId, DOWNLOAD_FORMATS[format].name);
        const table = auditDataTable(`Who looked at child ${childId}`, events);
        return sendDownload(reply, format, `audit-child-${childId}`, format === 'csv' ? tableCsv(table) : await tableXlsx(table));
      });
      pages.get<{ Params: { userId: string } }>(`/audit/people/:userId/export.${format}`, hidden, async (request, reply) => {
        const userId = requireId(request.params.userId, "the person's user id");
        const { subject, events } = await access.auditOfPerson(requestContext(request), userId, DOWNLOAD_FORMATS[format].name);
        const table = auditDataTable(`What ${subject?.name ?? userId} looked at`, events);
        return sendDownload(reply, format, `audit-person-${userId}`, format === 'csv' ? tableCsv(table) : await tableXlsx(table));
      });
    }

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
