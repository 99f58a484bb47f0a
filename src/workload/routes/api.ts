import type { FastifyInstance } from 'fastify';
import { requestContext } from '../../platform/request.ts';
import { parseDateInput } from '../../kernel/dates.ts';
import { breakdown, dateQuery, errorBody, practitionerSummary, schedule } from './schemas.ts';
import type { WorkloadService } from '../service/index.ts';

const id = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } as const;
const errors = { 400: errorBody, 401: errorBody, 404: errorBody };

export function apiRoutes(app: FastifyInstance, workload: WorkloadService): void {
  app.get<{ Params: { councilId: string; teamId: string }; Querystring: { date?: string } }>('/api/councils/:councilId/teams/:teamId/overdue', {
    schema: {
      summary: "What is overdue or due in the next 10 working days across a team's cases, by worker",
      tags: ['cases'],
      params: { type: 'object', properties: { councilId: id, teamId: id }, required: ['councilId', 'teamId'] },
      querystring: dateQuery,
      response: errors,
    },
  }, async (request) => {
    return workload.teamOverdue(requestContext(request), request.params.teamId, parseDateInput(request.query.date), undefined, request.params.councilId);
  });

  app.get<{ Params: { councilId: string } }>('/api/councils/:councilId/workload-model/calibration', {
    schema: {
      summary: 'Recorded time against the workload model, activity by activity (records, recorded central and interval, the model, a verdict and proposed hours), and the share of available time recorded on cases, by role and pooled, with its proposal',
      tags: ['workload'],
      params: { type: 'object', properties: { councilId: id }, required: ['councilId'] },
      response: errors,
    },
  }, async (request) => {
    const data = await workload.calibration(requestContext(request), request.params.councilId);
    return { version: data.version, since: data.since, report: data.report, caseworkShareByRole: data.share, caseworkTime: data.caseworkTime };
  });

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
