import type { FastifyInstance } from 'fastify';
import { requestContext } from '../../platform/request.ts';
import { errorBody } from '../../platform/http.ts';
import { TASK_TYPES, type Step } from '../model/index.ts';
import type { TasksService } from '../service/index.ts';

const id = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } as const;
const STEPS = ['claim', 'complete', 'return', 'answer', 'cancel'] as const;
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** The tasks API under the council's prefix, with the same session and CSRF rules as the pages. */
export async function registerTasksApi(app: FastifyInstance, tasks: TasksService): Promise<void> {
  const council = { type: 'object', properties: { councilId: id }, required: ['councilId'] } as const;

  app.get<{ Params: { councilId: string } }>('/api/councils/:councilId/tasks', {
    schema: { summary: 'Your tasks with business support: those you asked for and those on the cases you hold (still to do, or closed in the past two weeks)', tags: ['tasks'], params: council, response: { 401: errorBody, 404: errorBody } },
  }, async (request) => tasks.myTasks(requestContext(request), request.params.councilId));

  app.post<{ Params: { councilId: string; childId: string }; Body: Record<string, unknown> }>('/api/councils/:councilId/children/:childId/tasks', {
    schema: {
      summary: 'Hand a task on a case to business support: the team’s queue, or a named person (assignTo)',
      tags: ['tasks'],
      params: { type: 'object', properties: { councilId: id, childId: id }, required: ['councilId', 'childId'] },
      body: {
        type: 'object', required: ['type', 'title', 'instructions', 'dueOn'],
        properties: {
          type: { type: 'string', enum: [...TASK_TYPES] }, title: { type: 'string', maxLength: 200 }, instructions: { type: 'string', maxLength: 6000 },
          dueOn: { type: 'string', maxLength: 10, description: 'YYYY-MM-DD' }, assignTo: { type: 'string', maxLength: 64 },
          details: { type: 'object', additionalProperties: { type: 'string', maxLength: 2000 }, description: 'What the task needs, by field (a letter: addresseeName, addresseeAddress)' },
        },
      },
      response: { 400: errorBody, 401: errorBody, 404: errorBody },
    },
  }, async (request, reply) => {
    const b = request.body;
    const [year = '', month = '', day = ''] = typeof b.dueOn === 'string' && isoDay.test(b.dueOn) ? b.dueOn.split('-') : [];
    const details = Object.fromEntries(Object.entries((b.details ?? {}) as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
    const result = await tasks.createTask(requestContext(request), request.params.childId, {
      type: String(b.type), title: String(b.title ?? ''), instructions: String(b.instructions ?? ''), day, month, year,
      assignTo: typeof b.assignTo === 'string' ? b.assignTo : '', details,
    }, request.params.councilId);
    return reply.code(201).send(result);
  });

  const taskParams = { type: 'object', properties: { councilId: id, taskId: id }, required: ['councilId', 'taskId'] } as const;
  app.get<{ Params: { councilId: string; taskId: string } }>('/api/councils/:councilId/tasks/:taskId', {
    schema: { summary: 'One task: what it needs (never the child’s record), its status and the steps you may take; the view is audited as the task’s', tags: ['tasks'], params: taskParams, response: { 401: errorBody, 404: errorBody } },
  }, async (request) => tasks.openTask(requestContext(request), request.params.taskId, request.params.councilId));

  app.post<{ Params: { councilId: string; taskId: string; step: (typeof STEPS)[number] }; Body: { text?: string } | undefined }>('/api/councils/:councilId/tasks/:taskId/:step', {
    schema: {
      summary: 'Move a task on: claim, complete (hand back done: text says what was done, added to the case notes), return (text: the question), answer (text), cancel',
      tags: ['tasks'],
      params: { type: 'object', properties: { councilId: id, taskId: id, step: { type: 'string', enum: [...STEPS] } }, required: ['councilId', 'taskId', 'step'] },
      body: { type: ['object', 'null'], properties: { text: { type: 'string', maxLength: 6000 } } },
      response: { 400: errorBody, 401: errorBody, 404: errorBody },
    },
  }, async (request) => tasks.moveTask(requestContext(request), request.params.taskId, request.params.step as Step, request.body?.text ?? '', request.params.councilId));

  app.get<{ Params: { councilId: string; teamId: string } }>('/api/councils/:councilId/teams/:teamId/task-queue', {
    schema: { summary: 'A team’s business support queue: titles, due dates, status and who has each task', tags: ['tasks'], params: { type: 'object', properties: { councilId: id, teamId: id }, required: ['councilId', 'teamId'] }, response: { 401: errorBody, 404: errorBody } },
  }, async (request) => tasks.teamQueue(requestContext(request), request.params.teamId, request.params.councilId));

  app.get<{ Params: { councilId: string; userId: string }; Querystring: { date?: string } }>('/api/councils/:councilId/business-support/:userId/workload', {
    schema: { summary: 'A business support officer’s workload: the hours of the tasks they hold against their capacity, with the band', tags: ['tasks'], params: { type: 'object', properties: { councilId: id, userId: id }, required: ['councilId', 'userId'] }, response: { 401: errorBody, 404: errorBody } },
  }, async (request) => {
    const date = typeof request.query.date === 'string' && isoDay.test(request.query.date) ? request.query.date : undefined;
    return tasks.supportWorkload(requestContext(request), request.params.userId, date, request.params.councilId);
  });
}
