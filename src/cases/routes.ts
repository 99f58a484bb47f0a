import type { FastifyInstance } from 'fastify';
import { requestOrigin, requireActor } from '../platform/request.ts';
import { renderPage } from '../platform/web/render.ts';
import { parseDateInput } from '../kernel/dates.ts';
import type { AppServices } from '../platform/http.ts';
import { toCasePageView } from './pages/case.ts';
import { loadCasePage } from './service.ts';

/** The case page. Access and its audit are decided by the case services the loader calls. */
export async function casesPageRoutes(app: FastifyInstance, { database }: AppServices): Promise<void> {
  app.get<{ Params: { childId: string }; Querystring: { date?: string } }>('/children/:childId', { schema: { hide: true } }, async (request, reply) => {
    const actor = requireActor(request);
    const date = parseDateInput(request.query.date);
    const data = await loadCasePage(database.db, actor, requestOrigin(request), request.params.childId, date);
    return renderPage(database.db, request, reply, 'cases/pages/case.njk', { ...toCasePageView(data), breadcrumbs: [{ text: 'Home', href: '/' }] });
  });
}
