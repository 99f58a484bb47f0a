import type { FastifyInstance } from 'fastify';
import { requestOrigin, requireActor } from '../platform/request.ts';
import { renderPage } from '../platform/web/render.ts';
import { parseDateInput } from '../kernel/dates.ts';
import type { AppServices } from '../platform/http.ts';
import { loadServicePage } from './service/index.ts';
import { toServicePageView } from './pages/service.ts';

/** The service view (heads of service, analysts): teams compared, the DfE measure, trends. */
export async function statisticsPageRoutes(app: FastifyInstance, { database }: AppServices): Promise<void> {
  app.get<{ Querystring: { date?: string; basis?: string } }>('/service', { schema: { hide: true } }, async (request, reply) => {
    const actor = requireActor(request);
    const date = parseDateInput(request.query.date);
    const data = await loadServicePage(database.db, actor, requestOrigin(request), date);
    const view = toServicePageView(data, request.query.basis === 'FTE' ? 'FTE' : 'FTE30');
    return renderPage(database.db, request, reply, 'statistics/pages/service.njk', view);
  });
}
