import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestContext } from '../platform/request.ts';
import { errorBody } from '../platform/http.ts';
import { renderPage, webPages } from '../platform/web/index.ts';
import { sendDownload } from '../platform/web/downloads.ts';
import { tableCsv, tableXlsx } from '../standards/downloads.ts';
import { InvalidInputError } from '../kernel/errors.ts';
import type { NationalService } from './service/index.ts';
import { nationalDataTable, toCouncilView, toNationalView } from './pages/views.ts';

const hidden = { schema: { hide: true } };
type YearQuery = { Querystring: { year?: string } };
const yearQuery = { type: 'object', properties: { year: { type: 'string', maxLength: 4, description: 'census year, like 2025 (default: the latest held)' } } } as const;
const errors = { 400: errorBody, 401: errorBody, 404: errorBody };

/** A year the returns do not cover: the latest year instead, with an error summary saying so. */
async function withYear<T>(request: FastifyRequest<YearQuery>, load: (year: string | undefined) => Promise<T>) {
  try {
    return { data: await load(request.query.year), errorSummary: [] as { text: string }[] };
  } catch (error) {
    if (!(error instanceof InvalidInputError) || !error.problems.some((p) => p.field === 'year')) throw error;
    return { data: await load(undefined), errorSummary: [{ text: `${error.message} Showing the latest year instead.` }] };
  }
}

/** The national view (issue 17): pages, downloads and API. Access and audit are the national service's. */
export async function register(app: FastifyInstance, { national }: { national: NationalService }): Promise<void> {
  app.get<YearQuery>('/api/national', {
    schema: { summary: 'National figures recomputed from councils’ returns for a census year, each region, each council’s position, and the trend over years', tags: ['national'], querystring: yearQuery, response: errors },
  }, async (request) => {
    const d = await national.view(requestContext(request), request.query.year);
    return { year: d.year, years: d.years, councils: d.returns, measures: d.measures, trend: d.trend, regions: d.regions, positions: d.councils, caseloadBands: d.bands };
  });
  app.get<YearQuery & { Params: { code: string } }>('/api/national/councils/:code', {
    schema: {
      summary: 'One council’s return for a census year, beside its region and England, with its position among councils', tags: ['national'],
      params: { type: 'object', properties: { code: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,32}$' } }, required: ['code'] }, querystring: yearQuery, response: errors,
    },
  }, async (request) => national.council(requestContext(request), request.params.code, request.query.year));

  await webPages(app, (pages) => {
    pages.get<YearQuery>('/national', hidden, async (request, reply) => {
      const { data, errorSummary } = await withYear(request, (year) => national.view(requestContext(request), year));
      return renderPage(request, reply, 'national/pages/national.njk', { ...toNationalView(data), errorSummary });
    });
    pages.get<YearQuery & { Params: { code: string } }>('/national/councils/:code', hidden, async (request, reply) => {
      const { data, errorSummary } = await withYear(request, (year) => national.council(requestContext(request), request.params.code, year));
      return renderPage(request, reply, 'national/pages/council.njk', { ...toCouncilView(data), errorSummary });
    });
    for (const format of ['csv', 'xlsx'] as const) {
      pages.get<YearQuery>(`/national/export.${format}`, hidden, async (request, reply) => {
        const data = await national.download(requestContext(request), request.query.year, format === 'csv' ? 'CSV' : 'Excel');
        const table = nationalDataTable(data);
        return sendDownload(reply, format, `national-view-${data.year ?? 'none'}`, format === 'csv' ? tableCsv(table) : await tableXlsx(table));
      });
    }
  });
}
