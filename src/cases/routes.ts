import type { FastifyInstance } from 'fastify';
import { parseDateInput } from '../kernel/dates.ts';
import { requestContext } from '../platform/request.ts';
import { renderPage, webPages } from '../platform/web/index.ts';
import { toCasePageView } from './pages/case.ts';
import type { CasesService } from './service/index.ts';

/** The case page. Access and its audit are decided by the cases service. */
export async function register(app: FastifyInstance, { cases }: { cases: CasesService }): Promise<void> {
  await webPages(app, (pages) => {
    pages.get<{ Params: { childId: string }; Querystring: { date?: string } }>('/children/:childId', { schema: { hide: true } }, async (request, reply) => {
      const data = await cases.casePage(requestContext(request), request.params.childId, parseDateInput(request.query.date));
      return renderPage(request, reply, 'cases/pages/case.njk', { ...toCasePageView(data), breadcrumbs: [{ text: 'Home', href: '/' }] });
    });
  });
}
