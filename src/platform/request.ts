import type { FastifyRequest } from 'fastify';
import { NotSignedInError } from '../kernel/errors.ts';
import type { Actor } from '../access/model.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, resolved from the session on every request; null when signed out. */
    actor: Actor | null;
  }
}

/** The signed-in person, or a 401 (pages: a redirect to sign-in). Every route that reads data calls it. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new NotSignedInError();
  return request.actor;
}

/** Where a request came from, for the audit log. */
export function requestOrigin(request: FastifyRequest): { ip: string; userAgent: string | null } {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}
