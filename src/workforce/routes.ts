import type { FastifyInstance } from 'fastify';
import { requestOrigin, requireActor } from '../platform/request.ts';
import { authorise } from '../access/service.ts';
import { parseDateInput } from '../kernel/dates.ts';
import { NotFoundError } from '../kernel/errors.ts';
import type { AppServices } from '../platform/http.ts';
import { dateQuery, errorBody } from '../workload/routes/schemas.ts';
import { getCouncil, listCouncils, listTeams } from './store.ts';

export function workforceRoutes(app: FastifyInstance, { database }: AppServices): void {
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
    const actor = requireActor(request);
    const date = parseDateInput(request.query.date);
    const council = await getCouncil(database.db, request.params.councilId);
    if (!council) throw new NotFoundError(`There is no council "${request.params.councilId}".`);
    await authorise(database.db, actor, 'read', { kind: 'council_workforce', councilId: council.council_id }, 'teams', requestOrigin(request));
    const teams = await listTeams(database.db, council.council_id, date);
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
    const actor = requireActor(request);
    // Someone signed in sees their own council only.
    return { councils: (await listCouncils(database.db)).filter((c) => c.council_id === actor.councilId).map((c) => ({ councilId: c.council_id, name: c.name })) };
  });
}
