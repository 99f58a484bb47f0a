import type { FastifyInstance } from 'fastify';
import { parseDateInput } from '../kernel/dates.ts';
import { dateQuery, errorBody } from '../platform/http.ts';
import { requestContext } from '../platform/request.ts';
import type { WorkforceService } from './service.ts';

export function register(app: FastifyInstance, { workforce }: { workforce: WorkforceService }): void {
  app.get<{ Params: { councilId: string }; Querystring: { date?: string } }>('/api/councils/:councilId/teams', {
    schema: {
      summary: "The council's teams, with staff in post, FTE and vacant posts",
      tags: ['workforce'],
      params: { type: 'object', properties: { councilId: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } }, required: ['councilId'] },
      querystring: dateQuery,
      response: {
        200: {
          type: 'object',
          properties: {
            councilId: { type: 'string' }, date: { type: 'string' },
            teams: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  teamId: { type: 'string' }, name: { type: 'string' }, service: { type: 'string' },
                  practitioners: { type: 'integer' }, fte: { type: 'number' }, vacancies: { type: 'integer' },
                },
              },
            },
          },
        },
        400: errorBody,
        404: errorBody,
      },
    },
  }, async (request) => {
    const date = parseDateInput(request.query.date);
    const { council, teams } = await workforce.listTeams(requestContext(request), request.params.councilId, date);
    return {
      councilId: council.council_id,
      date,
      teams: teams.map((t) => ({ teamId: t.team_id, name: t.name, service: t.service, practitioners: t.practitioners, fte: Math.round(t.fte * 100) / 100, vacancies: t.vacancies })),
    };
  });

  app.get('/api/councils', {
    schema: {
      summary: 'Councils in this deployment',
      tags: ['workforce'],
      response: { 200: { type: 'object', properties: { councils: { type: 'array', items: { type: 'object', properties: { councilId: { type: 'string' }, name: { type: 'string' } } } } } } },
    },
  }, async (request) => {
    return { councils: (await workforce.ownCouncils(requestContext(request))).map((c) => ({ councilId: c.council_id, name: c.name })) };
  });
}
