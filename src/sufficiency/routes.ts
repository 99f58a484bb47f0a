import type { FastifyInstance } from 'fastify';
import { parseDateInput } from '../kernel/dates.ts';
import { requestContext } from '../platform/request.ts';
import { errorBody } from '../platform/http.ts';
import { renderPage, webPages } from '../platform/web/index.ts';
import { pageDate } from '../platform/web/forms.ts';
import { DOWNLOAD_FORMATS, sendDownload } from '../platform/web/downloads.ts';
import { tableCsv, tableXlsx } from '../standards/downloads.ts';
import { NotFoundError } from '../kernel/errors.ts';
import { parseWhatIf, sufficiencyDataTable, TABLE_KEYS, toSufficiencyView, type TableKey } from './pages/sufficiency.ts';
import type { SufficiencyService } from './service/index.ts';

type Query = { Querystring: { date?: string; change?: string | string[] } };
const id = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } as const;

/** Sufficiency and the safe range: the page, each table as CSV and Excel, and the API. Access and audit are the service's. */
export async function register(app: FastifyInstance, { sufficiency }: { sufficiency: SufficiencyService }): Promise<void> {
  app.get<Query & { Params: { councilId: string } }>('/api/councils/:councilId/sufficiency', {
    schema: {
      summary: 'The safe range for the council’s case mix and its sensitivities, the demand forecast, and the FTE needed to keep everyone in the safe band today and in 12 months against the establishment; `change` (fill-vacancies, halve-agency, demand-10) adds a what-if',
      tags: ['sufficiency'],
      params: { type: 'object', properties: { councilId: id }, required: ['councilId'] },
      querystring: { type: 'object', properties: { date: { type: 'string', maxLength: 10 }, change: { anyOf: [{ type: 'string', maxLength: 40 }, { type: 'array', maxItems: 3, items: { type: 'string', maxLength: 40 } }] } } },
      response: { 400: errorBody, 401: errorBody, 404: errorBody },
    },
  }, async (request) => {
    const { history, ...data } = await sufficiency.page(requestContext(request), parseDateInput(request.query.date), parseWhatIf(request.query.change), request.params.councilId);
    return { ...data, history: history.map((h) => ({ date: h.date, openCases: h.total, byType: h.byType, closures: h.closures })) };
  });

  await webPages(app, (pages) => {
    pages.get<Query>('/sufficiency', { schema: { hide: true } }, async (request, reply) => {
      const { date, errorSummary } = pageDate(request.query.date);
      const data = await sufficiency.page(requestContext(request), date, parseWhatIf(request.query.change));
      return renderPage(request, reply, 'sufficiency/pages/sufficiency.njk', {
        ...toSufficiencyView(data), errorSummary, breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Service view', href: `/service?date=${date}` }],
      });
    });
    // Each table as a file: the same service call (access, audit as an export) and the same view.
    for (const format of ['csv', 'xlsx'] as const) {
      pages.get<Query & { Params: { table: string } }>(`/sufficiency/:table/export.${format}`, { schema: { hide: true } }, async (request, reply) => {
        const key = request.params.table as TableKey;
        if (!TABLE_KEYS.includes(key)) throw new NotFoundError('There is no such table.');
        const date = parseDateInput(request.query.date);
        const data = await sufficiency.download(requestContext(request), date, parseWhatIf(request.query.change), `${key} ${DOWNLOAD_FORMATS[format].name}`);
        const table = sufficiencyDataTable(toSufficiencyView(data), key);
        return sendDownload(reply, format, `sufficiency-${key}-${date}`, format === 'csv' ? tableCsv(table) : await tableXlsx(table));
      });
    }
  });
}
