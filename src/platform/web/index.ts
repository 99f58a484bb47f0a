import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidInputError, NotFoundError, NotSignedInError } from '../../kernel/errors.ts';
import { DEFAULT_SERVICE_INFO, type ServiceInfo } from '../config.ts';
import { requireActor } from '../request.ts';
import { assetRoutes } from './assets.ts';
import { en } from './locales/en.ts';
import { renderPage, setWebShell, type WebShell } from './render.ts';
import { servicePageRoutes } from './service-pages.ts';

export { renderPage, renderStandalone, type WebShell } from './render.ts';

/**
 * The page shell: assets, the home page, the service's own pages (accessibility, privacy,
 * cookies, help, contact: the council's details from configuration) and the HTML error pages.
 * Called once by the composition root, before the areas register their pages.
 */
export async function registerWebShell(app: FastifyInstance, shell: WebShell, service: ServiceInfo = DEFAULT_SERVICE_INFO): Promise<void> {
  setWebShell(app, shell);
  await webPages(app, async (pages) => {
    assetRoutes(pages);
    servicePageRoutes(pages, service);
    pages.get('/', { schema: { hide: true } }, async (request, reply) => {
      const actor = requireActor(request);
      return renderPage(request, reply, 'platform/web/templates/home.njk', { title: en.home.title, links: shell.navigationFor(actor) });
    });
  });
}

/**
 * Registers an area's pages in an encapsulated context with the pages' own security headers
 * (a CSP with a nonce for the GOV.UK template's one inline script, and no 'unsafe-inline'),
 * form parsing and an error handler that answers in HTML.
 */
export async function webPages(app: FastifyInstance, register: (pages: FastifyInstance) => void | Promise<void>): Promise<void> {
  await app.register(async (pages) => {
    if (!pages.hasReplyDecorator('cspNonce')) {
      await pages.register(helmet, {
        enableCSPNonces: true,
        contentSecurityPolicy: {
          directives: {
            'default-src': ["'self'"],
            'script-src': ["'self'"],
            'style-src': ["'self'"],
            'img-src': ["'self'", 'data:'],
            'form-action': ["'self'"],
            'frame-ancestors': ["'none'"],
            // TLS and HSTS are the platform's; upgrading here would break http on loopback.
            'upgrade-insecure-requests': null,
          },
        },
      });
    }
    if (!pages.hasContentTypeParser('application/x-www-form-urlencoded')) await pages.register(formbody);
    pages.setErrorHandler(pageErrorHandler);
    await register(pages);
  });
}

async function pageErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const page = (status: number, title: string, paragraphs: string[]) =>
    renderPage(request, reply, 'platform/web/templates/error.njk', { title, paragraphs }, status);
  if (error instanceof NotSignedInError) {
    return reply.code(303).redirect(`/sign-in?next=${encodeURIComponent(request.url)}`);
  }
  // A record you may not see answers 404, exactly like one that does not exist.
  if (error instanceof NotFoundError) {
    const links = request.server.webShell.notFoundLinks(request.actor ?? null, request.url.split('?')[0] ?? '');
    return renderPage(request, reply, 'platform/web/templates/error.njk', { title: en.errors.notFoundTitle, paragraphs: [en.errors.notFound], links }, 404);
  }
  if (error instanceof InvalidInputError) return page(400, en.errors.invalidTitle, [error.message]);
  if (error.validation) return page(400, en.errors.invalidTitle, ['Check the web address: one of its values is not valid.']);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return page(error.statusCode, en.errors.invalidTitle, [error.statusCode === 403 ? 'Your form expired or was sent from somewhere else. Go back, reload the page and try again.' : error.message]);
  }
  request.log.error({ err: error, requestId: request.id }, 'page failed');
  return page(500, en.errors.serverTitle, [en.errors.server(request.id)]);
}
