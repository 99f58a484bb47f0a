import type { FastifyInstance } from 'fastify';
import { requestContext } from '../../platform/request.ts';
import { parseDateInput } from '../../kernel/dates.ts';
import { breakdown, dateQuery, errorBody, practitionerSummary, schedule } from './schemas.ts';
import type { WorkloadService } from '../service/index.ts';

const id = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } as const;
const errors = { 400: errorBody, 401: errorBody, 404: errorBody };

export function apiRoutes(app: FastifyInstance, workload: WorkloadService): void {
  app.get<{ Params: { councilId: string; teamId: string }; Querystring: { date?: string } }>('/api/councils/:councilId/teams/:teamId/workload', {
    schema: {
      summary: "A team's workload: each practitioner's cases, hours, capacity, ratio range, band and headroom",
      tags: ['workload'],
      params: { type: 'object', properties: { councilId: id, teamId: id }, required: ['councilId', 'teamId'] },
      querystring: dateQuery,
      response: {
        200: {
          type: 'object',
          properties: {
            councilId: { type: 'string' }, date: { type: 'string' }, configVersion: { type: 'integer' },
            team: { type: 'object', properties: { teamId: { type: 'string' }, name: { type: 'string' }, service: { type: 'string' } } },
            practitioners: { type: 'array', items: practitionerSummary },
          },
        },
        ...errors,
      },
    },
  }, async (request) => workload.teamWorkload(requestContext(request), request.params.councilId, request.params.teamId, parseDateInput(request.query.date)));

  app.get<{ Params: { councilId: string; practitionerId: string }; Querystring: { date?: string } }>('/api/councils/:councilId/practitioners/:practitionerId/workload', {
    schema: {
      summary: "One practitioner's workload, down to each case and activity with its hours and why",
      tags: ['workload'],
      params: { type: 'object', properties: { councilId: id, practitionerId: id }, required: ['councilId', 'practitionerId'] },
      querystring: dateQuery,
      response: { 200: breakdown, ...errors },
    },
  }, async (request) => workload.practitionerBreakdown(requestContext(request), request.params.councilId, request.params.practitionerId, parseDateInput(request.query.date)));

  app.get<{ Params: { councilId: string; childId: string }; Querystring: { date?: string } }>('/api/councils/:councilId/children/:childId/schedule', {
    schema: {
      summary: "One case's statutory schedule: what is due, when, and what is overdue",
      tags: ['cases'],
      params: { type: 'object', properties: { councilId: id, childId: id }, required: ['councilId', 'childId'] },
      querystring: dateQuery,
      response: { 200: schedule, ...errors },
    },
  }, async (request) => workload.caseSchedule(requestContext(request), request.params.councilId, request.params.childId, parseDateInput(request.query.date)));
}
