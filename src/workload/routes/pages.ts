import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext, requireActor } from '../../platform/request.ts';
import { renderPage } from '../../platform/web/index.ts';
import { pageDate } from '../../platform/web/forms.ts';
import { parseDateInput } from '../../kernel/dates.ts';
import { NotFoundError } from '../../kernel/errors.ts';
import type { WorkloadService } from '../service/index.ts';
import { toPractitionerPageView } from '../pages/practitioner.ts';
import { parseTeamQuery, toTeamPageView } from '../pages/team.ts';
import { teamDataTable, teamPrintDocument } from '../pages/team-export.ts';
import { overdueTable, parseOverdueQuery, toOverdueView } from '../pages/overdue.ts';
import { DOWNLOAD_FORMATS, sendDownload } from '../../platform/web/downloads.ts';
import { documentPdf, tableCsv, tableXlsx } from '../../standards/downloads.ts';

type Query = Record<string, unknown> & { date?: string };
const hidden = { schema: { hide: true } };

/**
 * Workload pages: my workload, a practitioner's breakdown, a team, and the model settings.
 * Access is decided (and refusals audited, as 404s) by the workload services these call.
 */
export function pageRoutes(app: FastifyInstance, workload: WorkloadService): void {

  const practitionerPage = async (request: FastifyRequest, reply: FastifyReply, practitionerId: string | null) => {
    const actor = requireActor(request);
    if (practitionerId === null) throw new NotFoundError('You do not hold cases in Caseweight.');
    const { date, errorSummary } = pageDate((request.query as Query).date);
    const data = await workload.practitionerPage(requestContext(request), practitionerId, date);
    const self = actor.practitionerId === practitionerId;
    const view = toPractitionerPageView(data, { self });
    const breadcrumbs = self ? [] : [{ text: 'Home', href: '/' }, { text: 'Team workload', href: `/teams/${encodeURIComponent(data.breakdown.teamId)}?date=${date}` }];
    return renderPage(request, reply, 'workload/pages/practitioner.njk', { ...view, errorSummary, breadcrumbs });
  };

  app.get('/my-workload', hidden, async (request, reply) => practitionerPage(request, reply, requireActor(request).practitionerId));

  app.get<{ Params: { practitionerId: string } }>('/practitioners/:practitionerId', hidden, async (request, reply) =>
    practitionerPage(request, reply, request.params.practitionerId));

  app.get<{ Params: { teamId: string }; Querystring: Query }>('/teams/:teamId', hidden, async (request, reply) => {
    const { date, errorSummary } = pageDate(request.query.date);
    const data = await workload.teamPage(requestContext(request), request.params.teamId, date);
    const view = toTeamPageView(data, parseTeamQuery(request.query, data.team.service));
    return renderPage(request, reply, 'workload/pages/team.njk', { ...view, errorSummary });
  });

  app.get<{ Params: { teamId: string }; Querystring: Query }>('/teams/:teamId/overdue', hidden, async (request, reply) => {
    const { date, errorSummary } = pageDate(request.query.date);
    const data = await workload.teamOverdue(requestContext(request), request.params.teamId, date);
    return renderPage(request, reply, 'workload/pages/overdue.njk', { ...toOverdueView(data, parseOverdueQuery(request.query)), errorSummary, breadcrumbs: [{ text: 'Home', href: '/' }, { text: data.team.name, href: `/teams/${encodeURIComponent(data.team.teamId)}?date=${date}` }] });
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get<{ Params: { teamId: string }; Querystring: Query }>(`/teams/:teamId/overdue/export.${format}`, hidden, async (request, reply) => {
      const date = parseDateInput(request.query.date);
      const data = await workload.teamOverdue(requestContext(request), request.params.teamId, date, DOWNLOAD_FORMATS[format].name);
      const table = overdueTable(data, parseOverdueQuery(request.query));
      return sendDownload(reply, format, `overdue-${data.team.teamId}-${date}`, format === 'csv' ? tableCsv(table) : await tableXlsx(table));
    });
  }

  // The team page as a file: the same service call (access, audit) and the same view, then the file.
  for (const format of ['csv', 'xlsx', 'pdf'] as const) {
    app.get<{ Params: { teamId: string }; Querystring: Query }>(`/teams/:teamId/export.${format}`, hidden, async (request, reply) => {
      const date = parseDateInput(request.query.date);
      const data = await workload.teamDownload(requestContext(request), request.params.teamId, date, DOWNLOAD_FORMATS[format].name);
      const view = toTeamPageView(data, parseTeamQuery(request.query, data.team.service));
      const bytes = format === 'csv' ? tableCsv(teamDataTable(view)) : format === 'xlsx' ? await tableXlsx(teamDataTable(view)) : await documentPdf(teamPrintDocument(view));
      return sendDownload(reply, format, `team-workload-${data.team.teamId}-${date}`, bytes);
    });
  }

}
