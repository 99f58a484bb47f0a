import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { accessPageRoutes, mayBreakGlass } from '../../access/page-routes.ts';
import { requireActor } from '../request.ts';
import { casesPageRoutes } from '../../cases/routes.ts';
import { importPageRoutes } from '../../exchange/routes.ts';
import { InvalidInputError, NotFoundError, NotSignedInError } from '../../kernel/errors.ts';
import type { AppServices, RouteRegistrar } from '../http.ts';
import { statisticsPageRoutes } from '../../statistics/routes.ts';
import { workloadPageRoutes } from '../../workload/routes/pages.ts';
import { assetRoutes } from './assets.ts';
import { en } from './locales/en.ts';
import { navigationFor } from '../../access/navigation.ts';
import { renderPage, renderStandalone } from './render.ts';

/**
 * The pages: one encapsulated Fastify context holding the page routes of every area, with its
 * own security headers (a CSP with a nonce for the GOV.UK template's one inline script, and no
 * 'unsafe-inline' anywhere), form parsing and an error handler that answers in HTML.
 */
export const pageRoutes: RouteRegistrar = async (app, services) => {
  // The sign-in page (access area) renders through the same layout when this is present.
  if (!app.hasReplyDecorator('viewAsync')) {
    app.decorateReply('viewAsync', function (this: FastifyReply, template: string, data: Record<string, unknown>) {
      return Promise.resolve(renderStandalone(this, template, data));
    });
  }
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
    pages.setErrorHandler(pageErrorHandler(services));

    assetRoutes(pages);
    pages.get('/', { schema: { hide: true } }, async (request, reply) => {
      const actor = requireActor(request);
      return renderPage(services.database.db, request, reply, 'platform/web/templates/home.njk', { title: en.home.title, links: navigationFor(actor) });
    });
    await workloadPageRoutes(pages, services);
    await casesPageRoutes(pages, services);
    await statisticsPageRoutes(pages, services);
    await importPageRoutes(pages, services);
    await accessPageRoutes(pages, services);
  });
};

function pageErrorHandler({ database }: AppServices) {
  return async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const page = (status: number, title: string, paragraphs: string[]) =>
      renderPage(database.db, request, reply, 'platform/web/templates/error.njk', { title, paragraphs }, status);
    if (error instanceof NotSignedInError) {
      return reply.code(303).redirect(`/sign-in?next=${encodeURIComponent(request.url)}`);
    }
    // A record you may not see answers 404, exactly like one that does not exist. Caseworkers
    // are offered emergency access, whether or not the record exists, so the offer reveals nothing.
    if (error instanceof NotFoundError) {
      const child = /^\/children\/([^/?]+)$/.exec(request.url.split('?')[0] ?? '')?.[1];
      const links = child && request.actor && mayBreakGlass(request.actor) ? [{ href: `/children/${child}/emergency-access`, text: 'If a child may be at risk now, ask for emergency access' }] : [];
      return renderPage(database.db, request, reply, 'platform/web/templates/error.njk', { title: en.errors.notFoundTitle, paragraphs: [en.errors.notFound], links }, 404);
    }
    if (error instanceof InvalidInputError) return page(400, en.errors.invalidTitle, [error.message]);
    if (error.validation) return page(400, en.errors.invalidTitle, ['Check the web address: one of its values is not valid.']);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return page(error.statusCode, en.errors.invalidTitle, [error.statusCode === 403 ? 'Your form expired or was sent from somewhere else. Go back, reload the page and try again.' : error.message]);
    }
    request.log.error({ err: error, requestId: request.id }, 'page failed');
    return page(500, en.errors.serverTitle, [en.errors.server(request.id)]);
  };
}

