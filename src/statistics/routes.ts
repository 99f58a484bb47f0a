import type { FastifyInstance } from 'fastify';
import { parseDateInput } from '../kernel/dates.ts';
import { requestContext } from '../platform/request.ts';
import { renderPage, webPages } from '../platform/web/index.ts';
import { pageDate } from '../platform/web/forms.ts';
import { toServicePageView } from './pages/service.ts';
import { serviceDataTable } from './pages/service-export.ts';
import { servicePrintDocument } from './pages/service-print.ts';
import { distributionDataTable, hiddenDataTable, indicatorsDataTable } from './pages/measures.ts';
import { agencyDataTable, toAgencyView } from './pages/agency.ts';
import { DOWNLOAD_FORMATS, sendDownload } from '../platform/web/downloads.ts';
import { documentPdf, tableCsv, tableXlsx, type DataTable } from '../standards/downloads.ts';
import type { CaseloadFteBasis } from './model.ts';
import type { StatisticsService } from './service/index.ts';

const basisOf = (q: { basis?: string }): CaseloadFteBasis => (q.basis === 'FTE' ? 'FTE' : 'FTE30');
const file = async (format: 'csv' | 'xlsx', table: DataTable) => (format === 'csv' ? tableCsv(table) : tableXlsx(table));
const id = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } as const;
const query = { type: 'object', properties: { date: { type: 'string' }, basis: { type: 'string', enum: ['FTE30', 'FTE'] } } } as const;

type ServiceView = ReturnType<typeof toServicePageView>;
/** The service view's other tables, each a download of its own (the page's view, so the files agree with it). */
const SERVICE_TABLES: Record<'indicators' | 'hidden' | 'distribution', (w: NonNullable<ServiceView['workforce']>, dateText: string) => DataTable> = {
  indicators: indicatorsDataTable, hidden: hiddenDataTable, distribution: distributionDataTable,
};

/** The service view (heads of service, analysts): teams compared, the DfE measures and what they hide, trends; the agency rules. */
export async function register(app: FastifyInstance, { statistics }: { statistics: StatisticsService }): Promise<void> {
  app.get<{ Params: { councilId: string }; Querystring: { date?: string; basis?: string } }>('/api/councils/:councilId/statistics/measures', {
    schema: {
      summary: 'Every DfE workforce indicator (from the register on the date, and from the latest imported census), unrounded and as published, with its definition; and what the caseload measure hides',
      tags: ['statistics'], params: { type: 'object', properties: { councilId: id }, required: ['councilId'] }, querystring: query,
    },
  }, async (request) => statistics.measures(requestContext(request), request.params.councilId, parseDateInput(request.query.date), basisOf(request.query)));

  app.get<{ Params: { councilId: string }; Querystring: { date?: string } }>('/api/councils/:councilId/statistics/agency-rules', {
    schema: {
      summary: 'Agency social workers checked against the DfE agency rules (each finding with its rule), and the quarterly agency data return’s figures',
      tags: ['statistics'], params: { type: 'object', properties: { councilId: id }, required: ['councilId'] }, querystring: { type: 'object', properties: { date: { type: 'string' } } },
    },
  }, async (request) => statistics.agencyRules(requestContext(request), request.params.councilId, parseDateInput(request.query.date)));

  await webPages(app, (pages) => {
    pages.get<{ Querystring: { date?: string; basis?: string } }>('/service', { schema: { hide: true } }, async (request, reply) => {
      const { date, errorSummary } = pageDate(request.query.date);
      const basis = basisOf(request.query);
      const data = await statistics.servicePage(requestContext(request), date, basis);
      return renderPage(request, reply, 'statistics/pages/service.njk', { ...toServicePageView(data, basis), errorSummary });
    });
    // The service view's teams as a file, and the whole view as a PDF: the same service call (access, audit) and the same view.
    for (const format of ['csv', 'xlsx', 'pdf'] as const) {
      pages.get<{ Querystring: { date?: string; basis?: string } }>(`/service/export.${format}`, { schema: { hide: true } }, async (request, reply) => {
        const date = parseDateInput(request.query.date);
        const basis = basisOf(request.query);
        const view = toServicePageView(await statistics.serviceDownload(requestContext(request), date, DOWNLOAD_FORMATS[format].name, basis), basis);
        const bytes = format === 'pdf' ? await documentPdf(servicePrintDocument(view)) : await file(format, serviceDataTable(view));
        return sendDownload(reply, format, `service-view-${date}`, bytes);
      });
    }
    for (const [name, toTable] of Object.entries(SERVICE_TABLES)) {
      for (const format of ['csv', 'xlsx'] as const) {
        pages.get<{ Querystring: { date?: string; basis?: string } }>(`/service/${name}/export.${format}`, { schema: { hide: true } }, async (request, reply) => {
          const date = parseDateInput(request.query.date);
          const basis = basisOf(request.query);
          const view = toServicePageView(await statistics.serviceDownload(requestContext(request), date, `${DOWNLOAD_FORMATS[format].name} (${name})`, basis), basis);
          return sendDownload(reply, format, `service-${name}-${date}`, await file(format, toTable(view.workforce!, view.dateText)));
        });
      }
    }

    pages.get<{ Querystring: { date?: string } }>('/service/agency', { schema: { hide: true } }, async (request, reply) => {
      const { date, errorSummary } = pageDate(request.query.date);
      const ctx = requestContext(request);
      return renderPage(request, reply, 'statistics/pages/agency.njk', { ...toAgencyView(await statistics.agencyRules(ctx, ctx.actor.councilId, date)), errorSummary });
    });
    for (const format of ['csv', 'xlsx'] as const) {
      pages.get<{ Querystring: { date?: string } }>(`/service/agency/export.${format}`, { schema: { hide: true } }, async (request, reply) => {
        const date = parseDateInput(request.query.date);
        const ctx = requestContext(request);
        const view = toAgencyView(await statistics.agencyRules(ctx, ctx.actor.councilId, date, DOWNLOAD_FORMATS[format].name));
        return sendDownload(reply, format, `agency-rules-${date}`, await file(format, agencyDataTable(view)));
      });
    }
  });
}
