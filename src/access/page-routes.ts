import type { FastifyInstance } from 'fastify';
import { renderPage } from '../platform/web/render.ts';
import { InvalidInputError, NotFoundError } from '../kernel/errors.ts';
import type { AppServices } from '../platform/http.ts';
import { decide, type Actor } from './model.ts';
import { toAuditRows } from './pages/audit.ts';
import { requestOrigin, requireActor } from '../platform/request.ts';
import { auditOfChild, auditOfPerson, breakGlass, listBreakGlassForReview, reviewBreakGlassUse } from './service.ts';

const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const hidden = { schema: { hide: true } };

/** Whether this person's role may use emergency access at all (the policy, not a role check here). */
export const mayBreakGlass = (actor: Actor) =>
  decide(actor, 'break_glass', { kind: 'child', councilId: actor.councilId, childId: '', restricted: false, holderIds: [], teamIds: [] }).allowed;

function requireId(value: unknown, what: string): string {
  if (typeof value !== 'string' || !ID.test(value.trim())) throw new InvalidInputError(`Enter ${what} using letters, numbers, dots, dashes or underscores.`);
  return value.trim();
}

/** The audit log's pages, the break-glass review, and the emergency-access form. */
export async function accessPageRoutes(app: FastifyInstance, { database }: AppServices): Promise<void> {
  const db = database.db;

  app.get('/audit', hidden, async (request, reply) => {
    const actor = requireActor(request);
    const reviews = await listBreakGlassForReview(db, actor, requestOrigin(request), true);
    return renderPage(db, request, reply, 'access/pages/audit-home.njk', {
      title: 'Audit log',
      reviews: reviews.map((r) => ({
        id: r.break_glass_id, userId: r.user_id, userName: r.user_name, childId: r.child_id, reason: r.reason,
        started: r.started_at.toISOString().replace('T', ' ').slice(0, 16), ownAccess: r.user_id === actor.userId,
      })),
    });
  });

  app.get<{ Querystring: { child?: string } }>('/audit/children', hidden, async (request, reply) =>
    reply.code(303).redirect(`/audit/children/${encodeURIComponent(requireId(request.query.child, "the child's id"))}`));
  app.get<{ Querystring: { user?: string } }>('/audit/people', hidden, async (request, reply) =>
    reply.code(303).redirect(`/audit/people/${encodeURIComponent(requireId(request.query.user, "the person's user id"))}`));

  app.get<{ Params: { childId: string } }>('/audit/children/:childId', hidden, async (request, reply) => {
    const actor = requireActor(request);
    const childId = requireId(request.params.childId, "the child's id");
    const events = await auditOfChild(db, actor, childId, requestOrigin(request));
    return renderPage(db, request, reply, 'access/pages/audit-events.njk', {
      title: `Who looked at child ${childId}`, caption: 'Newest first (the latest 500)', rows: toAuditRows(events),
      breadcrumbs: [{ text: 'Audit log', href: '/audit' }],
    });
  });

  app.get<{ Params: { userId: string } }>('/audit/people/:userId', hidden, async (request, reply) => {
    const actor = requireActor(request);
    const userId = requireId(request.params.userId, "the person's user id");
    const { subject, events } = await auditOfPerson(db, actor, userId, requestOrigin(request));
    return renderPage(db, request, reply, 'access/pages/audit-events.njk', {
      title: `What ${subject?.name ?? userId} looked at`, caption: 'Newest first (the latest 500)', rows: toAuditRows(events),
      breadcrumbs: [{ text: 'Audit log', href: '/audit' }],
    });
  });

  app.post<{ Params: { id: string }; Body: { outcome?: string; note?: string } }>('/audit/break-glass/:id/review', hidden, async (request, reply) => {
    const actor = requireActor(request);
    await reviewBreakGlassUse(db, actor, requireId(request.params.id, 'the review'), request.body?.outcome, String(request.body?.note ?? ''), requestOrigin(request));
    return reply.code(303).redirect('/audit');
  });

  app.get<{ Params: { childId: string } }>('/children/:childId/emergency-access', hidden, async (request, reply) => {
    const actor = requireActor(request);
    if (!mayBreakGlass(actor)) throw new NotFoundError('There is nothing here that you can see.');
    const childId = requireId(request.params.childId, "the child's id");
    return renderPage(db, request, reply, 'access/pages/emergency-access.njk', { title: 'Emergency access', childId, reason: '' });
  });

  app.post<{ Params: { childId: string }; Body: { reason?: string } }>('/children/:childId/emergency-access', hidden, async (request, reply) => {
    const actor = requireActor(request);
    const childId = requireId(request.params.childId, "the child's id");
    const reason = String(request.body?.reason ?? '');
    try {
      await breakGlass(db, actor, childId, reason, requestOrigin(request));
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      return renderPage(db, request, reply, 'access/pages/emergency-access.njk', { title: 'Error: Emergency access', childId, reason, error: error.message }, 400);
    }
    return reply.code(303).redirect(`/children/${encodeURIComponent(childId)}`);
  });
}
