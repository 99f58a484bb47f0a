import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../tables.ts';
import { getCouncil } from '../../workforce/store.ts';
import { navigationFor } from '../../access/navigation.ts';
import { pagesEnvironment } from './nunjucks.ts';

const councilNames = new Map<string, string>();

async function councilName(db: Kysely<Database>, councilId: string): Promise<string> {
  let name = councilNames.get(councilId);
  if (name === undefined) {
    name = (await getCouncil(db, councilId))?.name ?? 'Caseweight';
    councilNames.set(councilId, name);
  }
  return name;
}

/** The CSRF token, when the lead's @fastify/csrf-protection is registered; forms carry it. */
export function csrfTokenFor(reply: FastifyReply): string | undefined {
  const generate = (reply as unknown as { generateCsrf?: () => string }).generateCsrf;
  return typeof generate === 'function' ? generate.call(reply) : undefined;
}

export interface PageView {
  title: string;
  [key: string]: unknown;
}

/** Renders a page inside the layout with what every page needs: council, navigation, nonce, CSRF token. */
export async function renderPage(db: Kysely<Database>, request: FastifyRequest, reply: FastifyReply, template: string, view: PageView, status = 200): Promise<FastifyReply> {
  const actor = request.actor ?? null;
  const path = request.url.split('?')[0] ?? '';
  const html = pagesEnvironment().render(template, {
    ...view,
    councilName: actor ? await councilName(db, actor.councilId) : 'Caseweight',
    navigation: actor ? navigationFor(actor, path).map((n) => ({ href: n.href, text: n.text, active: n.active })) : [],
    signedIn: actor !== null,
    actorName: actor?.name ?? '',
    csrfToken: csrfTokenFor(reply),
    cspNonce: (reply as unknown as { cspNonce?: { script: string } }).cspNonce?.script,
  });
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/**
 * A page for someone not signed in (sign-in, its errors), in the same layout: no navigation,
 * no database. The access area calls it as reply.viewAsync (see pages/index.ts).
 */
export function renderStandalone(reply: FastifyReply, template: string, data: Record<string, unknown>): string {
  const title = typeof data.title === 'string' ? data.title : typeof data.pageTitle === 'string' ? data.pageTitle : 'Caseweight';
  const error = typeof data.error === 'string' && data.error ? [{ text: data.error, href: '#email' }] : [];
  return pagesEnvironment().render(template, {
    errorSummary: error,
    ...data,
    title,
    councilName: 'Caseweight',
    navigation: [],
    signedIn: false,
    cspNonce: (reply as unknown as { cspNonce?: { script: string } }).cspNonce?.script,
  });
}
