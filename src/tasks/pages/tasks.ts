/**
 * The tasks pages' view models: the new task form (one step to choose the type, then its fields,
 * so it works without JavaScript), one task with the steps its viewer may take, the practitioner's
 * list and business support's queue. Pure.
 */
import type { FieldProblem } from '../../kernel/errors.ts';
import { ukDateTime, ukDay } from '../../kernel/time.ts';
import { formErrors } from '../../platform/web/forms.ts';
import { formatDate, formatNumber } from '../../platform/web/nunjucks.ts';
import { STATUS_NAMES, TASK_TYPE_INFO, TEXT_LIMIT, isTaskType, type Step, type TaskForm, type TaskStatus } from '../model/index.ts';
import type { MyTasksData, NewTaskData, QueueData, TaskData, TaskPageData } from '../service/index.ts';

const text = (v: unknown) => (typeof v === 'string' ? v : '');
export const taskHref = (taskId: string) => `/tasks/${encodeURIComponent(taskId)}`;
export const newTaskHref = (childId: string) => `/children/${encodeURIComponent(childId)}/tasks/new`;

export function readTaskForm(body: Record<string, unknown>): TaskForm {
  const details: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (k.startsWith('details-')) details[k.slice('details-'.length)] = text(v);
  return {
    type: text(body.type), title: text(body.title), instructions: text(body.instructions),
    day: text(body['due-day']), month: text(body['due-month']), year: text(body['due-year']), assignTo: text(body.assignTo), details,
  };
}

/** A new task of a type: due in a week, to the team's queue. */
export function blankTaskForm(type: string, now: Date): TaskForm {
  const [year, month, day] = ukDay(new Date(now.getTime() + 7 * 86_400_000)).split('-');
  return { type, title: '', instructions: '', day: String(Number(day)), month: String(Number(month)), year: year!, assignTo: '', details: {} };
}

const TAGS: Record<TaskStatus, string> = { open: 'govuk-tag--blue', claimed: 'govuk-tag--light-blue', returned: 'govuk-tag--yellow', done: 'govuk-tag--green', cancelled: 'govuk-tag--grey' };
const status = (t: TaskData) => ({ text: STATUS_NAMES[t.status], tag: TAGS[t.status], overdue: t.overdue });

/** The first step: what kind of task (a GET form, so it needs no script). */
export function toChooseTypeView(data: NewTaskData, problems: readonly FieldProblem[] = []) {
  const { errorSummary, errors } = formErrors(problems);
  return {
    title: `Hand a task to business support for ${data.childName}`,
    childName: data.childName, errorSummary, errors, action: newTaskHref(data.childId), caseHref: `/children/${encodeURIComponent(data.childId)}`,
    typeItems: data.types.map((t) => ({ value: t.type, text: t.name, hint: { text: `${TASK_TYPE_INFO[t.type].shows.replace(/^./, (c) => c.toUpperCase())}. Moves about ${formatNumber(t.hours)} hours a task to business support.` } })),
  };
}

export function toNewTaskView(data: NewTaskData, form: TaskForm, problems: readonly FieldProblem[] = []) {
  const { errorSummary, errors } = formErrors(problems);
  const type = isTaskType(form.type) ? form.type : 'other';
  const info = TASK_TYPE_INFO[type];
  const dateClass = (width: string) => `govuk-input--width-${width}${errors['due-day'] ? ' govuk-input--error' : ''}`;
  const hours = data.types.find((t) => t.type === type)?.hours ?? 0;
  return {
    title: `${info.name} for ${data.childName}`,
    heading: info.name,
    childName: data.childName, errorSummary, errors, form, type, textLimit: TEXT_LIMIT,
    action: newTaskHref(data.childId), chooseHref: newTaskHref(data.childId),
    shows: info.shows,
    hoursText: `This moves about ${formatNumber(hours)} hours from the case’s month to business support.`,
    titleHint: `For example “${info.example}”.`,
    fields: info.fields.map((f) => ({ ...f, id: `details-${f.key}`, value: form.details[f.key] ?? '', error: errors[`details-${f.key}`] })),
    dateItems: [
      { name: 'day', label: 'Day', classes: dateClass('2'), value: form.day },
      { name: 'month', label: 'Month', classes: dateClass('2'), value: form.month },
      { name: 'year', label: 'Year', classes: dateClass('4'), value: form.year },
    ],
    assignItems: [
      { value: '', text: `The team’s business support queue (${data.teamId})`, checked: form.assignTo === '' },
      ...data.people.map((p) => ({ value: p.userId, text: p.name, checked: form.assignTo === p.userId })),
    ],
  };
}

const STEP_BUTTONS: Record<Step, { text: string; label?: string; hint?: string; secondary?: boolean; warning?: boolean }> = {
  claim: { text: 'Claim this task' },
  complete: { text: 'Hand back as done', label: 'What was done', hint: 'For example “Letter sent by post on 3 December; copy on file”. This is added to the child’s case notes.' },
  return: { text: 'Return with a question', label: 'Your question', hint: 'The person who asked sees it on their tasks page.', secondary: true },
  answer: { text: 'Send the answer', label: 'Your answer' },
  cancel: { text: 'Cancel the task', warning: true },
};

export function toTaskView(data: TaskPageData, problems: readonly FieldProblem[] = [], typed = '') {
  const t = data.task;
  const { errorSummary, errors } = formErrors(problems);
  return {
    title: t.title,
    task: {
      ...t, ...status(t), dueText: formatDate(t.dueOn), requestedText: ukDateTime(t.requestedAt), doneText: t.doneAt ? ukDateTime(t.doneAt) : null,
    },
    support: data.side === 'support',
    // Business support is told what they see, and that it is all they see.
    purpose: data.side === 'support' ? `You see ${t.shows} for this task, not the child’s record. Opening it is recorded.` : null,
    caseHref: data.mayOpenCase ? `/children/${encodeURIComponent(t.childId)}` : null,
    notesHref: data.mayOpenCase && t.noteId ? `/children/${encodeURIComponent(t.childId)}/notes#note-${encodeURIComponent(t.noteId)}` : null,
    errorSummary, errors,
    backHref: data.side === 'support' ? `/tasks/queue?team=${encodeURIComponent(t.teamId)}` : '/tasks',
    steps: data.steps.map((s) => ({ step: s, action: `${taskHref(t.taskId)}/${s}`, ...STEP_BUTTONS[s], value: errors[`text-${s}`] ? typed : '', error: errors[`text-${s}`] })),
  };
}

const row = <T extends TaskData>(t: T) => ({ ...t, ...status(t), href: taskHref(t.taskId), dueText: formatDate(t.dueOn) });

/** The practitioner's tasks page: what came back first, then what needs an answer, then the rest. */
export function toMyTasksView(data: MyTasksData) {
  const tasks = data.tasks.map((t) => row(t));
  return {
    title: 'Your tasks',
    handedBack: tasks.filter((t) => t.status === 'done'),
    questions: tasks.filter((t) => t.status === 'returned'),
    waiting: tasks.filter((t) => t.status === 'open' || t.status === 'claimed'),
    overdue: tasks.filter((t) => t.overdue).length,
    cancelled: tasks.filter((t) => t.status === 'cancelled'),
  };
}

export function toQueueView(data: QueueData) {
  const tasks = data.tasks.map((t) => ({ ...row(t), holder: t.claimedByName ?? (t.assignedTo ? (t.mine ? 'You (sent to you)' : 'Sent to a named person') : 'Nobody yet') }));
  return {
    title: `Business support tasks: team ${data.teamId}`,
    teamId: data.teamId,
    otherTeams: data.teamIds.filter((t) => t !== data.teamId).map((t) => ({ text: t, href: `/tasks/queue?team=${encodeURIComponent(t)}` })),
    workloadHref: `/tasks/workload/${encodeURIComponent(data.viewerUserId)}`,
    mine: tasks.filter((t) => t.mine && (t.status === 'open' || t.status === 'claimed' || t.status === 'returned')),
    toClaim: tasks.filter((t) => !t.mine && t.status === 'open' && t.assignedTo === null),
    others: tasks.filter((t) => !t.mine && (t.status === 'claimed' || t.status === 'returned' || (t.status === 'open' && t.assignedTo !== null))),
    closed: tasks.filter((t) => t.status === 'done' || t.status === 'cancelled'),
    overdue: tasks.filter((t) => t.overdue).length,
  };
}
