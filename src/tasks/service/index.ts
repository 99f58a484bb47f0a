/** The tasks area's use cases, built once by the composition root. */
import type { Db } from '../../platform/database.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { Step, TaskForm } from '../model/index.ts';
import { createTask, moveTask, myTasks, newTaskForm, openTask, teamQueue } from './tasks.ts';
import { setSupportHours, supportWorkload } from './workload.ts';

export type { MyTasksData, NewTaskData, QueueData, TaskData, TaskPageData } from './tasks.ts';
export type { SupportWorkloadData } from './workload.ts';

export function createTasksService(deps: { db: Db }) {
  const { db } = deps;
  return {
    newTaskForm: (ctx: RequestContext, childId: string) => newTaskForm(db, ctx, childId),
    createTask: (ctx: RequestContext, childId: string, form: TaskForm, councilId?: string) => createTask(db, ctx, childId, form, councilId),
    openTask: (ctx: RequestContext, taskId: string, councilId?: string) => openTask(db, ctx, taskId, councilId),
    moveTask: (ctx: RequestContext, taskId: string, step: Step, text: string, councilId?: string) => moveTask(db, ctx, taskId, step, text, councilId),
    myTasks: (ctx: RequestContext, councilId?: string) => myTasks(db, ctx, councilId),
    teamQueue: (ctx: RequestContext, teamId?: string, councilId?: string) => teamQueue(db, ctx, teamId, councilId),
    supportWorkload: (ctx: RequestContext, userId: string, date?: string, councilId?: string) => supportWorkload(db, ctx, userId, date, councilId),
    setSupportHours: (ctx: RequestContext, userId: string, weeklyHours: string) => setSupportHours(db, ctx, userId, weeklyHours),
  };
}
export type TasksService = ReturnType<typeof createTasksService>;
