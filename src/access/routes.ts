import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listAuditEvents, recordAudit } from '../platform/audit.ts';
import { InvalidInputError, NotFoundError } from '../kernel/errors.ts';
import type { AppServices } from '../platform/http.ts';
import { errorBody } from '../workload/routes/schemas.ts';
import { ROLE_LABELS } from './model.ts';
import type { OidcSignIn } from '../identity/oidc.ts';
import { SESSION_COOKIE, startSession } from '../identity/plugin.ts';
import { requestOrigin, requireActor } from '../platform/request.ts';
import { auditOfChild, auditOfPerson, breakGlass, grantAccess, listBreakGlassForReview, reviewBreakGlassUse, signInWithPassword } from './service.ts';
import { renderSignInPage } from '../identity/pages/sign-in.ts';

const id = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } as const;

/** Only same-site paths: an open redirect after sign-in would hand people to a phishing page. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

const wantsJson = (request: FastifyRequest) => (request.headers['content-type'] ?? '').includes('application/json') || (request.headers.accept ?? '').startsWith('application/json');

export function accessRoutes(oidc: OidcSignIn | undefined) {
  return function register(app: FastifyInstance, { database, security }: AppServices): void {
    const db = database.db;

    app.get<{ Querystring: { next?: string } }>('/sign-in', { schema: { hide: true } }, async (request, reply) => {
      const token = reply.generateCsrf();
      return reply.type('text/html').send(await renderSignInPage(reply, { csrfToken: token, next: safeNext(request.query.next), oidc: Boolean(oidc) }));
    });

    app.post<{ Body: { email?: string; password?: string; next?: string } }>('/sign-in', {
      // Per address: ten tries a minute. Per account, lockout after five failures (service.ts).
      config: { rateLimit: { max: security.signInPerMinute, timeWindow: '1 minute' } },
      schema: { hide: true },
    }, async (request, reply) => {
      const body = request.body ?? {};
      const result = await signInWithPassword(db, String(body.email ?? ''), String(body.password ?? ''), requestOrigin(request));
      if (!result.ok) {
        if (wantsJson(request)) return reply.code(401).send({ error: 'not_signed_in', message: result.message });
        return reply.code(401).type('text/html').send(await renderSignInPage(reply, {
          csrfToken: reply.generateCsrf(), next: safeNext(body.next), oidc: Boolean(oidc), error: result.message, email: String(body.email ?? ''),
        }));
      }
      await startSession(request, result.councilId, result.userId);
      if (wantsJson(request)) return reply.send({ signedIn: true });
      return reply.code(303).redirect(safeNext(body.next));
    });

    app.post('/sign-out', { schema: { hide: true } }, async (request, reply) => {
      const actor = request.actor;
      if (actor) await recordAudit(db, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'sign_out', recordType: 'session', recordId: actor.userId, ip: request.ip });
      await request.session.destroy();
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      if (wantsJson(request)) return reply.send({ signedIn: false });
      return reply.code(303).redirect('/sign-in');
    });

    if (oidc) {
      app.get<{ Querystring: { next?: string } }>('/sign-in/oidc', { schema: { hide: true } }, async (request, reply) => {
        const started = await oidc.start();
        request.session.oidc = { state: started.state, nonce: started.nonce, codeVerifier: started.codeVerifier, next: safeNext(request.query.next) };
        return reply.code(303).redirect(started.url);
      });
      app.get('/sign-in/oidc/callback', { schema: { hide: true }, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (request, reply) => {
        const expected = request.session.oidc;
        if (!expected) return reply.code(400).type('text/html').send(await renderSignInPage(reply, { csrfToken: reply.generateCsrf(), next: '/', oidc: true, error: 'Your sign-in took too long or was started elsewhere. Start again.' }));
        request.session.oidc = undefined;
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
        let result: Awaited<ReturnType<OidcSignIn['finish']>>;
        try {
          result = await oidc.finish(db, query, expected, requestOrigin(request));
        } catch (error) {
          request.log.warn({ err: error }, 'single sign-on failed');
          result = { ok: false, message: 'Single sign-on did not complete. Start again, or use your Caseweight password.' };
        }
        if (!result.ok) return reply.code(401).type('text/html').send(await renderSignInPage(reply, { csrfToken: reply.generateCsrf(), next: '/', oidc: true, error: result.message }));
        await startSession(request, result.councilId, result.userId);
        return reply.code(303).redirect(expected.next);
      });
    }

    app.get('/api/me', {
      schema: { summary: 'Who is signed in, and their roles', tags: ['access'], response: { 401: errorBody } },
    }, async (request) => {
      const actor = requireActor(request);
      return { userId: actor.userId, councilId: actor.councilId, name: actor.name, roles: actor.roles, roleNames: actor.roles.map((r) => ROLE_LABELS[r]), practitionerId: actor.practitionerId, teamIds: actor.teamIds };
    });

    app.get('/api/csrf-token', { schema: { summary: 'A CSRF token for this session, to send as the x-csrf-token header', tags: ['access'] } }, async (_request, reply) => ({ token: reply.generateCsrf() }));

    app.post<{ Params: { councilId: string; childId: string }; Body: { reason?: string } }>('/api/councils/:councilId/children/:childId/break-glass', {
      schema: { summary: "Emergency access to a child's record: a typed reason, 60 minutes, reviewed by a manager", tags: ['access'], params: { type: 'object', properties: { councilId: id, childId: id } }, response: { 400: errorBody, 404: errorBody } },
    }, async (request) => {
      const actor = requireActor(request);
      if (request.params.councilId !== actor.councilId) throw new NotFoundError(`There is no case "${request.params.childId}".`);
      const { expiresAt } = await breakGlass(db, actor, request.params.childId, String(request.body?.reason ?? ''), requestOrigin(request));
      return { childId: request.params.childId, expiresAt: expiresAt.toISOString(), message: 'Emergency access is open for 60 minutes. A manager will review it.' };
    });

    app.post<{ Params: { councilId: string; childId: string }; Body: { userId?: string; reason?: string } }>('/api/councils/:councilId/children/:childId/grants', {
      schema: { summary: 'Give one person explicit access to a restricted record', tags: ['access'], params: { type: 'object', properties: { councilId: id, childId: id } }, response: { 400: errorBody, 404: errorBody } },
    }, async (request) => {
      const actor = requireActor(request);
      if (request.params.councilId !== actor.councilId) throw new NotFoundError(`There is no case "${request.params.childId}".`);
      if (!request.body?.userId) throw new InvalidInputError('Say who the grant is for (userId).', [{ field: 'userId', message: 'Required.' }]);
      await grantAccess(db, actor, request.body.userId, request.params.childId, String(request.body.reason ?? ''), requestOrigin(request));
      return { granted: true };
    });

    app.get<{ Params: { councilId: string }; Querystring: { all?: string } }>('/api/councils/:councilId/break-glass', {
      schema: { summary: 'Emergency accesses for review', tags: ['access'], params: { type: 'object', properties: { councilId: id } }, response: { 404: errorBody } },
    }, async (request) => {
      const actor = requireActor(request);
      const rows = await listBreakGlassForReview(db, actor, requestOrigin(request), request.query.all !== 'true');
      return { items: rows.map((r) => ({ ...r, started_at: r.started_at.toISOString(), expires_at: r.expires_at.toISOString() })) };
    });

    app.post<{ Params: { councilId: string; id: string }; Body: { outcome?: string; note?: string } }>('/api/councils/:councilId/break-glass/:id/review', {
      schema: { summary: 'Record a manager’s review of an emergency access', tags: ['access'], params: { type: 'object', properties: { councilId: id, id: { type: 'string', maxLength: 64 } } }, response: { 400: errorBody, 404: errorBody } },
    }, async (request) => {
      const actor = requireActor(request);
      await reviewBreakGlassUse(db, actor, request.params.id, request.body?.outcome, String(request.body?.note ?? ''), requestOrigin(request));
      return { reviewed: true };
    });

    app.get<{ Params: { councilId: string; childId: string } }>('/api/councils/:councilId/children/:childId/audit', {
      schema: { summary: "Who looked at this child's record", tags: ['audit'], params: { type: 'object', properties: { councilId: id, childId: id } }, response: { 404: errorBody } },
    }, async (request) => {
      const actor = requireActor(request);
      const events = await auditOfChild(db, actor, request.params.childId, requestOrigin(request));
      return { childId: request.params.childId, events: events.map(eventView) };
    });

    app.get<{ Params: { councilId: string }; Querystring: { user?: string } }>('/api/councils/:councilId/audit', {
      schema: { summary: 'What one person looked at', tags: ['audit'], params: { type: 'object', properties: { councilId: id } }, querystring: { type: 'object', properties: { user: id }, required: ['user'] }, response: { 400: errorBody, 404: errorBody } },
    }, async (request) => {
      const actor = requireActor(request);
      const { events } = await auditOfPerson(db, actor, request.query.user!, requestOrigin(request));
      return { userId: request.query.user, events: events.map(eventView) };
    });
  };
}

function eventView(e: Awaited<ReturnType<typeof listAuditEvents>>[number]) {
  return { seq: e.seq, at: e.occurredAt.toISOString(), userId: e.actorUserId, roles: e.actorRoles, action: e.action, recordType: e.recordType, recordId: e.recordId, childId: e.childId, fields: e.fields, ip: e.ip, reason: e.reason };
}

