import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ROLE_LABELS } from '../../kernel/roles.ts';
import { errorBody } from '../../platform/http.ts';
import { requestContext, requestOrigin, requireActor } from '../../platform/request.ts';
import { safeNext } from '../model.ts';
import { renderRefusedPage } from '../pages/refused.ts';
import { renderSignInPage } from '../pages/sign-in.ts';
import { registerLinkPages } from './links.ts';
import { registerUserPages } from './users.ts';
import { SESSION_COOKIE, startSession } from './sessions.ts';
import type { IdentityService } from '../service/index.ts';

const wantsJson = (request: FastifyRequest) => (request.headers['content-type'] ?? '').includes('application/json') || (request.headers.accept ?? '').startsWith('application/json');

/** Sign-in (password and single sign-on), sign-out, who am I, and the CSRF token for API clients. */
export async function register(app: FastifyInstance, { identity, signInPerMinute }: { identity: IdentityService; signInPerMinute: number }): Promise<void> {
  const oidc = identity.oidc;
    app.get<{ Querystring: { next?: string } }>('/sign-in', { schema: { hide: true } }, async (request, reply) => {
    const token = reply.generateCsrf();
    return reply.type('text/html').send(renderSignInPage(reply, { csrfToken: token, next: safeNext(request.query.next), oidc: Boolean(oidc) }));
  });

  app.post<{ Body: { email?: string; password?: string; next?: string } }>('/sign-in', {
    // Per address: ten tries a minute. Per account, lockout after five failures (service.ts).
    config: { rateLimit: { max: signInPerMinute, timeWindow: '1 minute' } },
    schema: { hide: true },
  }, async (request, reply) => {
    const body = request.body ?? {};
    const result = await identity.signInWithPassword(String(body.email ?? ''), String(body.password ?? ''), requestOrigin(request));
    if (!result.ok) {
      if (wantsJson(request)) return reply.code(401).send({ error: 'not_signed_in', message: result.message });
      return reply.code(401).type('text/html').send(renderSignInPage(reply, {
        csrfToken: reply.generateCsrf(), next: safeNext(body.next), oidc: Boolean(oidc), error: result.message, email: String(body.email ?? ''),
      }));
    }
    await startSession(request, result.councilId, result.userId);
    if (wantsJson(request)) return reply.send({ signedIn: true });
    return reply.code(303).redirect(safeNext(body.next));
  });

  app.post('/sign-out', { schema: { hide: true } }, async (request, reply) => {
    if (request.actor) await identity.signOut(requestContext(request));
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
      if (!expected) return reply.code(400).type('text/html').send(renderSignInPage(reply, { csrfToken: reply.generateCsrf(), next: '/', oidc: true, error: 'Your sign-in took too long or was started elsewhere. Start again.' }));
      request.session.oidc = undefined;
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      let result: Awaited<ReturnType<NonNullable<IdentityService['oidc']>['finish']>>;
      try {
        result = await oidc.finish(query, expected, requestOrigin(request));
      } catch (error) {
        request.log.warn({ err: error }, 'single sign-on failed');
        result = { ok: false, message: 'Single sign-on did not complete. Start again, or use your Caseweight password.' };
      }
      // Known to the council's sign-in service but not let in: a page saying why and whom to ask (403, never JSON for a browser).
      if (!result.ok && result.refusal) return reply.code(403).type('text/html').header('cache-control', 'no-store').send(renderRefusedPage(reply, result.refusal, result.email, oidc.accessContact));
      if (!result.ok) return reply.code(401).type('text/html').send(renderSignInPage(reply, { csrfToken: reply.generateCsrf(), next: '/', oidc: true, error: result.message }));
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

  await registerLinkPages(app, identity);
  await registerUserPages(app, identity);

  app.get('/api/csrf-token', { schema: { summary: 'A CSRF token for this session, to send as the x-csrf-token header', tags: ['access'] } }, async (_request, reply) => ({ token: reply.generateCsrf() }));
}
