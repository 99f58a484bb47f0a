import type { FastifyRequest } from 'fastify';
import type { Origin, RequestContext } from '../kernel/context.ts';
import { NotSignedInError } from '../kernel/errors.ts';
import type { Actor } from '../kernel/roles.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, resolved from the session on every request (identity's plugin); null when signed out. */
    actor: Actor | null;
  }
}

/** The signed-in person, or a 401 (pages: a redirect to sign-in). Every route that reads data calls it. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new NotSignedInError();
  return request.actor;
}

/** Where a request came from, for the audit log. */
export function requestOrigin(request: FastifyRequest): Origin {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

/** The request context every service takes: the signed-in person, where from, and now. */
export function requestContext(request: FastifyRequest): RequestContext {
  return { actor: requireActor(request), origin: requestOrigin(request), now: new Date() };
}
