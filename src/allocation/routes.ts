import type { FastifyInstance } from 'fastify';
import { requestContext } from '../platform/request.ts';
import { dateQuery, errorBody } from '../platform/http.ts';
import { renderPage, webPages } from '../platform/web/index.ts';
import { pageDate } from '../platform/web/forms.ts';
import { sendDownload } from '../platform/web/downloads.ts';
import { tableCsv } from '../standards/downloads.ts';
import { parseDateInput } from '../kernel/dates.ts';
import { dayFromIso, isoFromDay } from '../kernel/calendar.ts';
import { InvalidInputError, NotAllowedError } from '../kernel/errors.ts';
import { decisionsTable, readDecisionForm, toDecisionsView, toSuggestionsView, toUnallocatedView } from './pages/views.ts';
import { isPlanMode, readPlanForm, readScenario, toPlanChooserView, toPlanView, toWhatIfView } from './pages/plan-views.ts';
import type { AllocationService } from './service/index.ts';

const hidden = { schema: { hide: true } };
const id = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } as const;
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
/** The decisions page looks back four weeks unless asked otherwise. */
const DECISIONS_DAYS = 28;
const sinceDefault = (date: string) => isoFromDay(dayFromIso(date) - DECISIONS_DAYS);
const teamParam = (value: unknown) => (typeof value === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : undefined);

/** Allocation: the work waiting for a worker, suggestions for one case, decisions. Access and audit are the allocation service's. */
export async function register(app: FastifyInstance, { allocation }: { allocation: AllocationService }): Promise<void> {
  app.get<{ Params: { councilId: string }; Querystring: { date?: string; team?: string } }>('/api/councils/:councilId/allocation/unallocated', {
    schema: {
      summary: 'Cases waiting for a worker in the teams you allocate for: status, wait in working days, siblings and what is due',
      tags: ['allocation'],
      params: { type: 'object', properties: { councilId: id }, required: ['councilId'] },
      querystring: { ...dateQuery, properties: { ...dateQuery.properties, team: id } },
      response: errors,
    },
  }, async (request) => allocation.unallocated(requestContext(request), parseDateInput(request.query.date), request.query.team, request.params.councilId));

  app.get<{ Params: { councilId: string; childId: string }; Querystring: { date?: string; split?: string } }>('/api/councils/:councilId/children/:childId/allocation-suggestions', {
    schema: {
      summary: 'Everyone who could take a case, ranked, with their workload now and after, continuity and why anyone is not eligible',
      tags: ['allocation'],
      params: { type: 'object', properties: { councilId: id, childId: id }, required: ['councilId', 'childId'] },
      querystring: { ...dateQuery, properties: { ...dateQuery.properties, split: { type: 'string', enum: ['yes', 'no'] } } },
      response: errors,
    },
  }, async (request) => allocation.suggestions(requestContext(request), request.params.childId, parseDateInput(request.query.date), { split: request.query.split === 'yes' }, request.params.councilId));

  app.post<{ Params: { councilId: string }; Body: Record<string, unknown> }>('/api/councils/:councilId/allocations', {
    schema: {
      summary: 'Record an allocation decision: the case (and its waiting siblings) to a worker, with a reason code and a note',
      tags: ['allocation'],
      params: { type: 'object', properties: { councilId: id }, required: ['councilId'] },
      body: {
        type: 'object', required: ['childId', 'practitionerId', 'reasonCode', 'note'],
        properties: {
          childId: id, practitionerId: id, reasonCode: { type: 'string', maxLength: 40 }, note: { type: 'string', maxLength: 4000 },
          splitReason: { type: 'string', maxLength: 4000 }, overrides: { type: 'array', items: { type: 'string', maxLength: 40 }, maxItems: 5 },
          overrideReason: { type: 'string', maxLength: 4000 }, date: { type: 'string', maxLength: 10 },
        },
      },
      response: errors,
    },
  }, async (request, reply) => {
    const b = request.body;
    const result = await allocation.allocate(requestContext(request), {
      childId: String(b.childId), practitionerId: String(b.practitionerId), reasonCode: String(b.reasonCode), note: String(b.note),
      splitReason: typeof b.splitReason === 'string' ? b.splitReason : undefined,
      overrides: Array.isArray(b.overrides) ? b.overrides.map(String) : undefined,
      overrideReason: typeof b.overrideReason === 'string' ? b.overrideReason : undefined,
    }, b.date === undefined ? undefined : parseDateInput(b.date), request.params.councilId);
    return reply.code(201).send(result);
  });

  app.get<{ Params: { councilId: string }; Querystring: { since?: string } }>('/api/councils/:councilId/allocation/decisions', {
    schema: {
      summary: 'Allocation decisions since a date, with whether the latest import confirms each',
      tags: ['allocation'],
      params: { type: 'object', properties: { councilId: id }, required: ['councilId'] },
      querystring: { type: 'object', properties: { since: { type: 'string', maxLength: 10 } } },
      response: errors,
    },
  }, async (request) => {
    const since = request.query.since === undefined ? sinceDefault(parseDateInput(undefined)) : parseDateInput(request.query.since, 'since');
    return allocation.decisions(requestContext(request), since, undefined, request.params.councilId);
  });

  app.get<{ Params: { councilId: string } }>('/api/councils/:councilId/allocation/settings', {
    schema: { summary: "The council's allocation rules: who may hold each status, an ASYE worker's limits, how far ahead leaving and absence count", tags: ['allocation'], params: { type: 'object', properties: { councilId: id }, required: ['councilId'] }, response: errors },
  }, async (request) => {
    const ctx = requestContext(request);
    await allocation.inCouncil(ctx, request.params.councilId, 'allocation rules');
    return allocation.readPolicy(ctx);
  });

  app.put<{ Params: { councilId: string }; Body: { settings: unknown; note: string } }>('/api/councils/:councilId/allocation/settings', {
    schema: {
      summary: 'Save new allocation rules as the next version, with a note saying why',
      tags: ['allocation'],
      params: { type: 'object', properties: { councilId: id }, required: ['councilId'] },
      body: { type: 'object', required: ['settings', 'note'], properties: { settings: { type: 'object' }, note: { type: 'string', maxLength: 2000 } } },
      response: errors,
    },
  }, async (request, reply) => {
    const ctx = requestContext(request);
    await allocation.inCouncil(ctx, request.params.councilId, 'allocation rules');
    return reply.code(201).send(await allocation.savePolicy(ctx, request.body.settings, request.body.note));
  });

  app.post<{ Params: { councilId: string }; Body: { practitionerId: string; childId?: string; familyId?: string; reason: string } }>('/api/councils/:councilId/allocation/conflicts', {
    schema: {
      summary: 'Declare a conflict of interest: the person is never offered that child or family',
      tags: ['allocation'],
      params: { type: 'object', properties: { councilId: id }, required: ['councilId'] },
      body: { type: 'object', required: ['practitionerId', 'reason'], properties: { practitionerId: id, childId: id, familyId: id, reason: { type: 'string', maxLength: 2000 } } },
      response: errors,
    },
  }, async (request, reply) => {
    const ctx = requestContext(request);
    await allocation.inCouncil(ctx, request.params.councilId, 'conflict of interest');
    return reply.code(201).send(await allocation.declareConflict(ctx, request.body));
  });

  await webPages(app, (pages) => {
    pages.get<{ Querystring: { date?: string; team?: string } }>('/allocation', hidden, async (request, reply) => {
      const { date, errorSummary } = pageDate(request.query.date);
      const data = await allocation.unallocated(requestContext(request), date, teamParam(request.query.team) || undefined);
      return renderPage(request, reply, 'allocation/pages/unallocated.njk', { ...toUnallocatedView(data), errorSummary, breadcrumbs: [{ text: 'Home', href: '/' }] });
    });

    pages.get<{ Params: { childId: string }; Querystring: { date?: string; split?: string } }>('/allocation/cases/:childId', hidden, async (request, reply) => {
      const { date, errorSummary } = pageDate(request.query.date);
      const split = request.query.split === 'yes';
      const data = await allocation.suggestions(requestContext(request), request.params.childId, date, { split });
      return renderPage(request, reply, 'allocation/pages/case.njk', { ...toSuggestionsView(data, { split }), errorSummary: errorSummary.length ? errorSummary : undefined, breadcrumbs: crumbs(date) });
    });

    pages.post<{ Params: { childId: string }; Querystring: { date?: string; split?: string }; Body: Record<string, unknown> }>('/allocation/cases/:childId', hidden, async (request, reply) => {
      const ctx = requestContext(request);
      const { date } = pageDate(request.query.date);
      const split = request.query.split === 'yes';
      const form = readDecisionForm(request.body ?? {});
      try {
        const result = await allocation.allocate(ctx, {
          childId: request.params.childId, practitionerId: form.practitionerId, reasonCode: form.reasonCode, note: form.note,
          splitReason: split ? form.splitReason : undefined,
          overrides: form.overrides, overrideReason: form.overrideReason,
        }, date);
        return reply.code(303).redirect(`/allocation/decisions?recorded=${encodeURIComponent(result.decisions[0]!.decisionId)}`);
      } catch (error) {
        if (!(error instanceof InvalidInputError) && !(error instanceof NotAllowedError)) throw error;
        const problems = error instanceof InvalidInputError && error.problems.length > 0 ? error.problems : [{ field: 'practitionerId', message: error.message }];
        const data = await allocation.suggestions(ctx, request.params.childId, date, { split });
        return renderPage(request, reply, 'allocation/pages/case.njk', { ...toSuggestionsView(data, { split, form, problems }), breadcrumbs: crumbs(date) }, 400);
      }
    });

    type PlanQuery = { date?: string; team?: string; mode?: string; practitioner?: string };
    const planRequest = (q: PlanQuery, date: string, teamId: string) => ({
      mode: isPlanMode(q.mode) ? q.mode : 'waiting' as const, teamId, date,
      practitionerId: typeof q.practitioner === 'string' && q.practitioner ? q.practitioner : undefined,
    });

    pages.get<{ Querystring: PlanQuery }>('/allocation/plan', hidden, async (request, reply) => {
      const ctx = requestContext(request);
      const { date, errorSummary } = pageDate(request.query.date);
      const options = await allocation.planOptions(ctx, date, teamParam(request.query.team));
      const chooser = (problems: { field: string; message: string }[] = []) =>
        renderPage(request, reply, 'allocation/pages/plan-choose.njk', { ...toPlanChooserView(options.teams, options.teamId, options.people, date, problems), breadcrumbs: crumbs(date) }, problems.length ? 400 : 200);
      if (request.query.mode === undefined) return chooser();
      if (!isPlanMode(request.query.mode)) return chooser([{ field: 'mode', message: 'Choose what to plan.' }]);
      if (request.query.mode === 'leaver' && !request.query.practitioner) return chooser([{ field: 'practitioner', message: 'Choose who is leaving.' }]);
      try {
        const data = await allocation.plan(ctx, planRequest(request.query, date, options.teamId));
        return renderPage(request, reply, 'allocation/pages/plan.njk', { ...toPlanView(data, null), errorSummary: errorSummary.length ? errorSummary : undefined, breadcrumbs: crumbs(date) });
      } catch (error) {
        // A leaver who is not in the team (a stale or edited address): the choice again, saying so.
        if (error instanceof InvalidInputError) return chooser(error.problems);
        throw error;
      }
    });

    pages.post<{ Querystring: PlanQuery; Body: Record<string, unknown> }>('/allocation/plan', hidden, async (request, reply) => {
      const ctx = requestContext(request);
      const { date } = pageDate(request.query.date);
      const options = await allocation.planOptions(ctx, date, teamParam(request.query.team));
      const form = readPlanForm(request.body ?? {});
      const plan = planRequest(request.query, date, options.teamId);
      if (request.body?.action === 'accept') {
        const accepted = new Map((form.accepted ?? []).map((unitId) => [unitId, form.edits.get(unitId) ?? '']));
        try {
          await allocation.acceptPlan(ctx, plan, { accepted, reasonCode: form.reasonCode, note: form.note });
          return reply.code(303).redirect(`/allocation/decisions?since=${date}`);
        } catch (error) {
          if (!(error instanceof InvalidInputError) && !(error instanceof NotAllowedError)) throw error;
          const problems = error instanceof InvalidInputError && error.problems.length ? error.problems : [{ field: 'accept', message: error.message }];
          const data = await allocation.plan(ctx, { ...plan, edits: form.edits });
          return renderPage(request, reply, 'allocation/pages/plan.njk', { ...toPlanView(data, form, problems), breadcrumbs: crumbs(date) }, 400);
        }
      }
      const data = await allocation.plan(ctx, { ...plan, edits: form.edits });
      return renderPage(request, reply, 'allocation/pages/plan.njk', { ...toPlanView(data, form), breadcrumbs: crumbs(date) }, data.editProblems.length ? 400 : 200);
    });

    pages.get<{ Querystring: Record<string, string | undefined> }>('/allocation/what-if', hidden, async (request, reply) => {
      const ctx = requestContext(request);
      const q = request.query;
      const { date, errorSummary } = pageDate(q.date);
      const options = await allocation.planOptions(ctx, date, teamParam(q.team));
      const form: Record<string, string> = Object.fromEntries(Object.entries(q).filter((e): e is [string, string] => typeof e[1] === 'string').map(([k, v]) => [k, v.slice(0, 80)]));
      form.team = options.teamId;
      const parsed = readScenario(q, dayFromIso(date));
      let data = null;
      let problems = parsed.problems;
      try {
        if (parsed.scenario) data = await allocation.whatIf(ctx, { teamId: options.teamId, date, scenario: parsed.scenario });
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        problems = error.problems;
      }
      const view = toWhatIfView(data, form, date, options.teams, options.people, problems);
      return renderPage(request, reply, 'allocation/pages/what-if.njk', { ...view, errorSummary: [...errorSummary, ...view.errorSummary], breadcrumbs: crumbs(date) }, problems.length ? 400 : 200);
    });

    pages.get<{ Querystring: { since?: string; recorded?: string } }>('/allocation/decisions', hidden, async (request, reply) => {
      const { since, errorSummary } = decisionsSince(request.query.since);
      const data = await allocation.decisions(requestContext(request), since);
      const recorded = typeof request.query.recorded === 'string' && /^[0-9a-f-]{36}$/.test(request.query.recorded) ? request.query.recorded : null;
      return renderPage(request, reply, 'allocation/pages/decisions.njk', { ...toDecisionsView(data, since, recorded), errorSummary });
    });

    pages.get<{ Querystring: { since?: string } }>('/allocation/decisions/export.csv', hidden, async (request, reply) => {
      const { since } = decisionsSince(request.query.since);
      const data = await allocation.decisions(requestContext(request), since, 'CSV');
      return sendDownload(reply, 'csv', `allocation-decisions-since-${since}`, tableCsv(decisionsTable(data.rows, since)));
    });
  });
}

const crumbs = (date: string) => [{ text: 'Home', href: '/' }, { text: 'Allocation', href: `/allocation?date=${date}` }];

/** The decisions page's "since" date: the address's own, or four weeks back, saying so when it could not be used. */
function decisionsSince(value: unknown): { since: string; errorSummary: { text: string }[] } {
  if (value === undefined || value === '') return { since: sinceDefault(parseDateInput(undefined)), errorSummary: [] };
  const { date, errorSummary } = pageDate(value);
  return errorSummary.length ? { since: sinceDefault(date), errorSummary } : { since: date, errorSummary: [] };
}
