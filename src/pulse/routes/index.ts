import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/request.ts';
import { renderPage, webPages } from '../../platform/web/index.ts';
import { sendDownload } from '../../platform/web/downloads.ts';
import { tableCsv } from '../../standards/downloads.ts';
import { InvalidInputError } from '../../kernel/errors.ts';
import { AlreadyAnsweredError, type PulseService } from '../service/index.ts';
import { toPulseFormView } from '../pages/form.ts';
import { toServiceResultsView, toTeamResultsView } from '../pages/results.ts';
import { pulseDataTable } from '../pages/results-export.ts';
import { registerPulseApi } from './api.ts';

const hidden = { schema: { hide: true } };
type MonthQuery = { Querystring: { month?: string } };

/**
 * A month in the address that cannot be shown (mistyped, or not ended yet): the latest ended month
 * instead, with an error summary saying so, as pageDate does for dates.
 */
async function withMonth<T>(request: FastifyRequest<MonthQuery>, load: (month: string | undefined) => Promise<T>): Promise<{ data: T; errorSummary: { text: string }[] }> {
  try {
    return { data: await load(request.query.month), errorSummary: [] };
  } catch (error) {
    if (!(error instanceof InvalidInputError) || !error.problems.some((p) => p.field === 'month')) throw error;
    return { data: await load(undefined), errorSummary: [{ text: `${error.message} Showing the latest month that has ended instead.` }] };
  }
}

/** The monthly pulse: answering it, and its aggregates for the service and each team. Access and audit are the pulse service's. */
export async function register(app: FastifyInstance, { pulse }: { pulse: PulseService }): Promise<void> {
  await registerPulseApi(app, pulse);
  await webPages(app, (pages) => {
    pages.get<{ Querystring: { sent?: string } }>('/pulse', hidden, async (request, reply) => {
      const data = await pulse.form(requestContext(request));
      return renderPage(request, reply, 'pulse/pages/form.njk', { ...toPulseFormView(data, {}, [], request.query.sent === '1'), breadcrumbs: [{ text: 'Home', href: '/' }] });
    });

    pages.post<{ Body: Record<string, unknown> }>('/pulse', hidden, async (request, reply) => {
      const ctx = requestContext(request);
      const body = request.body ?? {};
      try {
        await pulse.answer(ctx, body);
        return reply.code(303).redirect('/pulse?sent=1');
      } catch (error) {
        if (error instanceof AlreadyAnsweredError) return reply.code(303).redirect('/pulse');
        if (!(error instanceof InvalidInputError)) throw error;
        const data = await pulse.form(ctx);
        return renderPage(request, reply, 'pulse/pages/form.njk', { ...toPulseFormView(data, body, error.problems), breadcrumbs: [{ text: 'Home', href: '/' }] }, 400);
      }
    });

    pages.get<MonthQuery>('/pulse/results', hidden, async (request, reply) => {
      const { data, errorSummary } = await withMonth(request, (month) => pulse.serviceResults(requestContext(request), month));
      return renderPage(request, reply, 'pulse/pages/results.njk', { ...toServiceResultsView(data), errorSummary });
    });

    pages.get<MonthQuery>('/pulse/results/export.csv', hidden, async (request, reply) => {
      const data = await pulse.serviceDownload(requestContext(request), request.query.month, 'CSV');
      return sendDownload(reply, 'csv', `pulse-${data.month}`, tableCsv(pulseDataTable(data)));
    });

    pages.get<MonthQuery & { Params: { teamId: string } }>('/teams/:teamId/pulse', hidden, async (request, reply) => {
      const { data, errorSummary } = await withMonth(request, (month) => pulse.teamResults(requestContext(request), request.params.teamId, month));
      return renderPage(request, reply, 'pulse/pages/team.njk', { ...toTeamResultsView(data), errorSummary });
    });
  });
}
