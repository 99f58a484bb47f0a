import type { FastifyInstance } from 'fastify';
import { parseDateInput } from '../kernel/dates.ts';
import { requestContext } from '../platform/request.ts';
import { renderPage, webPages } from '../platform/web/index.ts';
import { toServicePageView } from './pages/service.ts';
import type { StatisticsService } from './service/index.ts';

/** The service view (heads of service, analysts): teams compared, the DfE measure, trends. */
export async function register(app: FastifyInstance, { statistics }: { statistics: StatisticsService }): Promise<void> {
  await webPages(app, (pages) => {
    pages.get<{ Querystring: { date?: string; basis?: string } }>('/service', { schema: { hide: true } }, async (request, reply) => {
      const data = await statistics.servicePage(requestContext(request), parseDateInput(request.query.date));
      const view = toServicePageView(data, request.query.basis === 'FTE' ? 'FTE' : 'FTE30');
      return renderPage(request, reply, 'statistics/pages/service.njk', view);
    });
  });
}
