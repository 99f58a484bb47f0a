import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../kernel/roles.ts';
import { pagesEnvironment } from './nunjucks.ts';

export interface NavItem {
  href: string;
  text: string;
  hint: string;
  active?: boolean;
}

/**
 * What the page shell needs from the areas, handed in once by the composition root so the
 * platform never imports an area: the council's name and the pages a person may open (asked
 * of the access policy).
 */
export interface WebShell {
  councilName(councilId: string): Promise<string>;
  navigationFor(actor: Actor, currentPath?: string): NavItem[];
  /** Links offered on a "not found" page (emergency access for caseworkers), or none. */
  notFoundLinks(actor: Actor | null, path: string): { href: string; text: string }[];
}

declare module 'fastify' {
  interface FastifyInstance {
    webShell: WebShell;
  }
}

export function setWebShell(app: FastifyInstance, shell: WebShell): void {
  app.decorate('webShell', shell);
}

/** The CSRF token, when @fastify/csrf-protection is registered; forms carry it. */
export function csrfTokenFor(reply: FastifyReply): string | undefined {
  const generate = (reply as unknown as { generateCsrf?: () => string }).generateCsrf;
  return typeof generate === 'function' ? generate.call(reply) : undefined;
}

export interface PageView {
  title: string;
  [key: string]: unknown;
}

const nonceOf = (reply: FastifyReply) => (reply as unknown as { cspNonce?: { script: string } }).cspNonce?.script;

/** Renders a page inside the layout with what every page needs: council, navigation, nonce, CSRF token. */
export async function renderPage(request: FastifyRequest, reply: FastifyReply, template: string, view: PageView, status = 200): Promise<FastifyReply> {
  const actor = request.actor ?? null;
  const path = request.url.split('?')[0] ?? '';
  const shell = request.server.webShell;
  const html = pagesEnvironment().render(template, {
    ...view,
    councilName: actor ? await shell.councilName(actor.councilId) : 'Caseweight',
    navigation: actor ? shell.navigationFor(actor, path).map((n) => ({ href: n.href, text: n.text, active: n.active })) : [],
    signedIn: actor !== null,
    actorName: actor?.name ?? '',
    csrfToken: csrfTokenFor(reply),
    cspNonce: nonceOf(reply),
  });
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/**
 * A page for someone not signed in (sign-in, its errors), in the same layout: no navigation,
 * no database.
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
    cspNonce: nonceOf(reply),
  });
}
