import type { FastifyInstance } from 'fastify';
import type { ServiceInfo } from '../config.ts';
import { accessibilityPage, contactPage, cookiesPage, helpPage, privacyPage, type ContentPage } from './locales/service-pages.ts';
import { renderPage } from './render.ts';

/** The service's own pages, the footer's links: open to everyone, signed in or not, and holding no child's data. */
export const SERVICE_PAGES: Record<string, (info: ServiceInfo) => ContentPage> = {
  '/accessibility': accessibilityPage,
  '/privacy': privacyPage,
  '/cookies': cookiesPage,
  '/help': helpPage,
  '/contact': contactPage,
};

export function servicePageRoutes(pages: FastifyInstance, info: ServiceInfo): void {
  for (const [url, page] of Object.entries(SERVICE_PAGES)) {
    const view = toContentView(page(info));
    pages.get(url, { schema: { hide: true } }, async (request, reply) => renderPage(request, reply, 'platform/web/templates/content.njk', { ...view }));
  }
}

/** The wording's tables in the shape govukTable takes; everything else as it is. */
function toContentView(page: ContentPage) {
  return {
    ...page,
    blocks: page.blocks.map((block) => ('table' in block
      ? { table: { caption: block.table.caption, captionClasses: 'govuk-table__caption--m', firstCellIsHeader: true, head: block.table.head.map((text) => ({ text })), rows: block.table.rows.map((row) => row.map((text) => ({ text }))) } }
      : block)),
  };
}
