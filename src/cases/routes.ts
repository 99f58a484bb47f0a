import type { FastifyInstance } from 'fastify';
import { requestContext } from '../platform/request.ts';
import { renderPage, webPages } from '../platform/web/index.ts';
import { pageDate } from '../platform/web/forms.ts';
import { toCasePageView } from './pages/case.ts';
import type { CasesService } from './service/index.ts';

/** The case page. Access and its audit are decided by the cases service. */
export async function register(app: FastifyInstance, { cases }: { cases: CasesService }): Promise<void> {
  await webPages(app, (pages) => {
    pages.get<{ Params: { childId: string }; Querystring: { date?: string } }>('/children/:childId', { schema: { hide: true } }, async (request, reply) => {
      const { date, errorSummary } = pageDate(request.query.date);
      const data = await cases.casePage(requestContext(request), request.params.childId, date);
      return renderPage(request, reply, 'cases/pages/case.njk', { ...toCasePageView(data), errorSummary, breadcrumbs: [{ text: 'Home', href: '/' }] });
    });
  });
}
