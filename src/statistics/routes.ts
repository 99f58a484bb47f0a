import type { FastifyInstance } from 'fastify';
import { parseDateInput } from '../kernel/dates.ts';
import { requestContext } from '../platform/request.ts';
import { renderPage, webPages } from '../platform/web/index.ts';
import { pageDate } from '../platform/web/forms.ts';
import { toServicePageView } from './pages/service.ts';
import { serviceDataTable } from './pages/service-export.ts';
import { DOWNLOAD_FORMATS, sendDownload } from '../platform/web/downloads.ts';
import { tableCsv, tableXlsx } from '../standards/downloads.ts';
import type { StatisticsService } from './service/index.ts';

/** The service view (heads of service, analysts): teams compared, the DfE measure, trends. */
export async function register(app: FastifyInstance, { statistics }: { statistics: StatisticsService }): Promise<void> {
  await webPages(app, (pages) => {
    pages.get<{ Querystring: { date?: string; basis?: string } }>('/service', { schema: { hide: true } }, async (request, reply) => {
      const { date, errorSummary } = pageDate(request.query.date);
      const data = await statistics.servicePage(requestContext(request), date);
      const view = toServicePageView(data, request.query.basis === 'FTE' ? 'FTE' : 'FTE30');
      return renderPage(request, reply, 'statistics/pages/service.njk', { ...view, errorSummary });
    });
    // The service view's teams as a file: the same service call (access, audit) and the same view.
    for (const format of ['csv', 'xlsx'] as const) {
      pages.get<{ Querystring: { date?: string; basis?: string } }>(`/service/export.${format}`, { schema: { hide: true } }, async (request, reply) => {
        const date = parseDateInput(request.query.date);
        const data = await statistics.serviceDownload(requestContext(request), date, DOWNLOAD_FORMATS[format].name);
        const table = serviceDataTable(toServicePageView(data, request.query.basis === 'FTE' ? 'FTE' : 'FTE30'));
        return sendDownload(reply, format, `service-view-${date}`, format === 'csv' ? tableCsv(table) : await tableXlsx(table));
      });
    }
  });
}
