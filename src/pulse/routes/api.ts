import type { FastifyInstance } from 'fastify';
import { requestContext } from '../../platform/request.ts';
import { errorBody } from '../../platform/http.ts';
import type { PulseResultsData, PulseService, TeamResult } from '../service/index.ts';

const id = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } as const;
const monthQuery = { type: 'object', properties: { month: { type: 'string', maxLength: 7, description: 'YYYY-MM, an ended month (default: the latest)' } } } as const;
const errors = { 400: errorBody, 401: errorBody, 404: errorBody };
const code = { type: 'integer', minimum: 1, maximum: 5 } as const;

// The published table only: a withheld team carries why, never a number.
const team = (t: TeamResult) => ({
  teamId: t.teamId, name: t.name, shown: t.cell.shown,
  ...(t.cell.shown ? { figures: t.cell.figures } : { why: t.cell.why }),
  modelled: t.modelled, agreement: t.agreement,
});
const results = (d: PulseResultsData) => ({ month: d.month, minimumGroup: d.minGroup, service: d.service, teams: d.teams.map(team) });

/** The pulse's API, under the council's prefix like every area's: answer, and read the aggregates. */
export async function registerPulseApi(app: FastifyInstance, pulse: PulseService): Promise<void> {
  app.get<{ Params: { councilId: string } }>('/api/councils/:councilId/pulse', {
    schema: { summary: 'The month open for the pulse, and whether you have answered it', tags: ['pulse'], params: { type: 'object', properties: { councilId: id }, required: ['councilId'] }, response: errors },
  }, async (request) => pulse.form(requestContext(request), request.params.councilId));

  app.post<{ Params: { councilId: string }; Body: Record<string, unknown> }>('/api/councils/:councilId/pulse', {
    schema: {
      summary: 'Answer this month’s pulse (once): each answer 1–5 in the order the form lists them. Kept anonymously: see the README.',
      tags: ['pulse'],
      params: { type: 'object', properties: { councilId: id }, required: ['councilId'] },
      body: { type: 'object', properties: { workload: code, extraHours: code, safe: code, stay: code } },
      response: { ...errors, 409: errorBody },
    },
  }, async (request, reply) => reply.code(201).send(await pulse.answer(requestContext(request), request.body ?? {}, request.params.councilId)));

  app.get<{ Params: { councilId: string }; Querystring: { month?: string } }>('/api/councils/:councilId/pulse/results', {
    schema: {
      summary: 'The pulse for every team and the service in an ended month, beside each team’s modelled workload; groups under the minimum (and any that would reveal one by subtraction) are withheld',
      tags: ['pulse'], params: { type: 'object', properties: { councilId: id }, required: ['councilId'] }, querystring: monthQuery, response: errors,
    },
  }, async (request) => results(await pulse.serviceResults(requestContext(request), request.query.month, request.params.councilId)));

  app.get<{ Params: { councilId: string; teamId: string }; Querystring: { month?: string } }>('/api/councils/:councilId/teams/:teamId/pulse', {
    schema: {
      summary: 'One team’s pulse in an ended month (and the service’s), its modelled workload, and its earlier months',
      tags: ['pulse'], params: { type: 'object', properties: { councilId: id, teamId: id }, required: ['councilId', 'teamId'] }, querystring: monthQuery, response: errors,
    },
  }, async (request) => {
    const d = await pulse.teamResults(requestContext(request), request.params.teamId, request.query.month, request.params.councilId);
    return { month: d.month, minimumGroup: d.minGroup, service: d.service, team: team(d.team), history: d.history.map((h) => ({ month: h.month, shown: h.cell.shown, ...(h.cell.shown ? { figures: h.cell.figures } : { why: h.cell.why }) })) };
  });
}
