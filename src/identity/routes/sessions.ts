import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import session from '@fastify/session';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import '../../platform/request.ts';
import type { IdentityService } from '../service/index.ts';

declare module 'fastify' {
  interface Session {
    councilId?: string;
    userId?: string;
    /** ms since epoch: the absolute timeout runs from here. */
    signedInAt?: number;
    /** ms since epoch: the idle timeout runs from here. */
    lastSeenAt?: number;
    oidc?: { state: string; nonce: string; codeVerifier: string; next: string };
  }
}

export interface SecurityOptions {
  sessionSecret: string;
  secureCookies: boolean | 'auto';
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Sign-in attempts allowed per address per minute (account lockout is separate). */
  signInPerMinute: number;
}

export const SESSION_COOKIE = 'caseweight.sid';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cookies, server-side sessions, CSRF on every unsafe request, security headers, and the
 * signed-in person resolved on every request (with idle and absolute timeouts).
 */
export async function registerSessions(app: FastifyInstance, identity: IdentityService, options: SecurityOptions): Promise<void> {
  const idleMs = options.sessionIdleMinutes * 60_000;
  const absoluteMs = options.sessionAbsoluteHours * 3_600_000;

  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: options.secureCookies === true ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  await app.register(formbody, { bodyLimit: 1_048_576 });
  await app.register(cookie);
  await app.register(session, {
    secret: options.sessionSecret,
    cookieName: SESSION_COOKIE,
    saveUninitialized: false,
    rolling: true,
    store: identity.sessionStore(idleMs),
    cookie: { httpOnly: true, sameSite: 'lax', secure: options.secureCookies, maxAge: idleMs, path: '/' },
  });
  await app.register(csrf, { sessionPlugin: '@fastify/session' });
  await app.register(rateLimit, { global: false });

  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    request.actor = null;
    const s = request.session;
    if (!s?.userId || !s.councilId) return;
    const now = Date.now();
    const expired = now - (s.signedInAt ?? 0) > absoluteMs || now - (s.lastSeenAt ?? 0) > idleMs;
    const actor = expired ? null : await identity.loadActor(s.councilId, s.userId, new Date(now));
    if (!actor) {
      await s.destroy();
      return;
    }
    s.lastSeenAt = now;
    request.actor = actor;
  });

  // Checked in preHandler: in onRequest the form body is not parsed yet and every token fails (STACK.md).
  app.addHook('preHandler', (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    if (!UNSAFE.has(request.method)) return done();
    app.csrfProtection(request, reply, done);
  });
}

/** Starts a fresh session for a person who has just proved who they are (no session fixation). */
export async function startSession(request: FastifyRequest, councilId: string, userId: string): Promise<void> {
  await request.session.regenerate();
  const now = Date.now();
  request.session.councilId = councilId;
  request.session.userId = userId;
  request.session.signedInAt = now;
  request.session.lastSeenAt = now;
}
