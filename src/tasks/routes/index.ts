import type { FastifyInstance } from 'fastify';
import { requestContext, requireActor } from '../../platform/request.ts';
import { renderPage, webPages } from '../../platform/web/index.ts';
import { InvalidInputError } from '../../kernel/errors.ts';
import { isTaskType, type Step } from '../model/index.ts';
import { blankTaskForm, readTaskForm, taskHref, toChooseTypeView, toMyTasksView, toNewTaskView, toQueueView, toTaskView } from '../pages/tasks.ts';
import { toSupportWorkloadView } from '../pages/workload.ts';
import type { TasksService } from '../service/index.ts';
import { registerTasksApi } from './api.ts';

const hidden = { schema: { hide: true } };
const STEPS: readonly Step[] = ['claim', 'complete', 'return', 'answer', 'cancel'];
const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** Tasks handed to business support: the pages and the API. Access and audit are the tasks service's. */
export async function register(app: FastifyInstance, { tasks }: { tasks: TasksService }): Promise<void> {
  await registerTasksApi(app, tasks);

  await webPages(app, (pages) => {
    const crumbs = (extra: { text: string; href: string }[] = []) => [{ text: 'Home', href: '/' }, ...extra];

    pages.get('/tasks', hidden, async (request, reply) => {
      const actor = requireActor(request);
      // Business support work from their team's queue.
      if (actor.roles.includes('business_support') && actor.practitionerId === null) return reply.code(303).redirect('/tasks/queue');
      const data = await tasks.myTasks(requestContext(request));
      return renderPage(request, reply, 'tasks/pages/list.njk', { ...toMyTasksView(data), breadcrumbs: crumbs() });
    });

    pages.get<{ Querystring: { team?: string } }>('/tasks/queue', hidden, async (request, reply) => {
      const data = await tasks.teamQueue(requestContext(request), typeof request.query.team === 'string' ? request.query.team : undefined);
      return renderPage(request, reply, 'tasks/pages/queue.njk', { ...toQueueView(data), breadcrumbs: crumbs() });
    });

    pages.get('/tasks/workload', hidden, async (request, reply) => reply.code(303).redirect(`/tasks/workload/${encodeURIComponent(requireActor(request).userId)}`));

    pages.get<{ Params: { userId: string } }>('/tasks/workload/:userId', hidden, async (request, reply) => {
      const ctx = requestContext(request);
      const data = await tasks.supportWorkload(ctx, request.params.userId);
      return renderPage(request, reply, 'tasks/pages/workload.njk', { ...toSupportWorkloadView(data, ctx.actor.userId === data.userId), breadcrumbs: crumbs() });
    });

    pages.post<{ Params: { userId: string }; Body: Record<string, unknown> }>('/tasks/workload/:userId/hours', hidden, async (request, reply) => {
      const ctx = requestContext(request);
      const typed = text(request.body?.weeklyHours);
      try {
        await tasks.setSupportHours(ctx, request.params.userId, typed);
        return reply.code(303).redirect(`/tasks/workload/${encodeURIComponent(request.params.userId)}`);
      } catch (error) {
        if (!(error instanceof InvalidInputError) || error.problems.length === 0) throw error;
        const data = await tasks.supportWorkload(ctx, request.params.userId);
        return renderPage(request, reply, 'tasks/pages/workload.njk', { ...toSupportWorkloadView(data, false, error.problems, typed), breadcrumbs: crumbs() }, 400);
      }
    });

    pages.get<{ Params: { childId: string }; Querystring: { type?: string; chosen?: string } }>('/children/:childId/tasks/new', hidden, async (request, reply) => {
      const ctx = requestContext(request);
      const data = await tasks.newTaskForm(ctx, request.params.childId);
      const back = crumbs([{ text: data.childName, href: `/children/${encodeURIComponent(data.childId)}` }]);
      const type = request.query.type;
      // A browser leaves an unanswered radio out of the form: `chosen` says the form was sent.
      if (type === undefined && request.query.chosen !== 'yes') return renderPage(request, reply, 'tasks/pages/choose-type.njk', { ...toChooseTypeView(data), breadcrumbs: back });
      // The choice came from the first step's form: nothing chosen is that form's error.
      if (!isTaskType(type)) return renderPage(request, reply, 'tasks/pages/choose-type.njk', { ...toChooseTypeView(data, [{ field: 'type', message: 'Choose what business support should do.' }]), breadcrumbs: back }, 400);
      return renderPage(request, reply, 'tasks/pages/new.njk', { ...toNewTaskView(data, blankTaskForm(type, ctx.now)), breadcrumbs: back });
    });

    pages.post<{ Params: { childId: string }; Body: Record<string, unknown> }>('/children/:childId/tasks/new', hidden, async (request, reply) => {
      const ctx = requestContext(request);
      const form = readTaskForm(request.body ?? {});
      try {
        const { taskId } = await tasks.createTask(ctx, request.params.childId, form);
        return reply.code(303).redirect(taskHref(taskId));
      } catch (error) {
        if (!(error instanceof InvalidInputError) || error.problems.length === 0) throw error;
        const data = await tasks.newTaskForm(ctx, request.params.childId);
        const back = crumbs([{ text: data.childName, href: `/children/${encodeURIComponent(data.childId)}` }]);
        if (!isTaskType(form.type)) return renderPage(request, reply, 'tasks/pages/choose-type.njk', { ...toChooseTypeView(data, error.problems), breadcrumbs: back }, 400);
        return renderPage(request, reply, 'tasks/pages/new.njk', { ...toNewTaskView(data, form, error.problems), breadcrumbs: back }, 400);
      }
    });

    pages.get<{ Params: { taskId: string } }>('/tasks/:taskId', hidden, async (request, reply) => {
      const data = await tasks.openTask(requestContext(request), request.params.taskId);
      return renderPage(request, reply, 'tasks/pages/task.njk', { ...toTaskView(data), breadcrumbs: crumbs([{ text: 'Tasks', href: data.side === 'support' ? '/tasks/queue' : '/tasks' }]) });
    });

    pages.post<{ Params: { taskId: string; step: string }; Body: Record<string, unknown> }>('/tasks/:taskId/:step', hidden, async (request, reply) => {
      const step = STEPS.find((s) => s === request.params.step);
      if (!step) return reply.callNotFound();
      const ctx = requestContext(request);
      const typed = text(request.body?.text);
      try {
        await tasks.moveTask(ctx, request.params.taskId, step, typed);
        return reply.code(303).redirect(taskHref(request.params.taskId));
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        const data = await tasks.openTask(ctx, request.params.taskId);
        // A missing answer is its box's error; a step that cannot be taken now (claimed a moment ago) is the step's.
        const problems = error.problems.length ? error.problems.map((p) => ({ ...p, field: `text-${step}` })) : [{ field: `step-${step}`, message: error.message }];
        return renderPage(request, reply, 'tasks/pages/task.njk', { ...toTaskView(data, problems, typed), breadcrumbs: crumbs() }, 400);
      }
    });
  });
}
