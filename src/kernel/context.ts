import type { Actor } from './roles.ts';
import { ukDay } from './time.ts';

/** Where a request came from, for the audit log. */
export interface Origin {
  ip: string;
  userAgent?: string | null;
}

/**
 * What every use case is told about the request: who is acting, from where, and what time it
 * is (a clock passed in, so tests can fix it). Pages, the API and the CLI all build one.
 */
export interface RequestContext {
  actor: Actor;
  origin: Origin;
  now: Date;
}

/** The working date of a context (the UK calendar day), as the register's ISO day. */
export const today = (ctx: Pick<RequestContext, 'now'>): string => ukDay(ctx.now);
