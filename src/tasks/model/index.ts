/**
 * A task's life and the checks on what people type. Pure: the day and the answers in, plain data out.
 *
 *   open ──claim──▶ claimed ──hand back──▶ done
 *     │               │  ▲
 *     │          return│  │answer
 *     │               ▼  │
 *     └──cancel──▶ cancelled ◀── returned
 *
 * Business support claims, hands back and returns with a question; the asker (or whoever holds the
 * case now, or the team manager) answers and cancels.
 */
import type { FieldProblem } from '../../kernel/errors.ts';
import { TASK_TYPE_INFO, isTaskType, type TaskType } from './types.ts';

export * from './types.ts';

export const TASK_STATUSES = ['open', 'claimed', 'returned', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const STATUS_NAMES: Record<TaskStatus, string> = {
  open: 'Waiting to be claimed', claimed: 'Being worked on', returned: 'Returned with a question', done: 'Handed back done', cancelled: 'Cancelled',
};

export type Step = 'claim' | 'complete' | 'return' | 'answer' | 'cancel';
/** Which side of the hand-over someone is on: business support works it, caseworkers asked for it. */
export type Side = 'support' | 'caseworker';

const STEPS: Record<Step, { side: Side; from: readonly TaskStatus[]; to: TaskStatus; refused: string }> = {
  claim: { side: 'support', from: ['open'], to: 'claimed', refused: 'This task has already been claimed.' },
  complete: { side: 'support', from: ['claimed'], to: 'done', refused: 'Only a task you are working on can be handed back.' },
  return: { side: 'support', from: ['claimed'], to: 'returned', refused: 'Only a task you are working on can be returned with a question.' },
  answer: { side: 'caseworker', from: ['returned'], to: 'claimed', refused: 'This task has no question waiting for an answer.' },
  cancel: { side: 'caseworker', from: ['open', 'claimed', 'returned'], to: 'cancelled', refused: 'A task that is done or cancelled cannot be cancelled.' },
};

/** The status a step leads to, or why it cannot be taken now. */
export function takeStep(status: TaskStatus, step: Step, side: Side): { ok: true; to: TaskStatus } | { ok: false; message: string } {
  const rule = STEPS[step];
  if (rule.side !== side) return { ok: false, message: side === 'support' ? 'Only the person who asked, the case’s worker or the team manager can do that.' : 'Only business support can do that.' };
  if (!rule.from.includes(status)) return { ok: false, message: rule.refused };
  return { ok: true, to: rule.to };
}

/** The steps someone on this side may take on a task in this status (the buttons a page offers). */
export const stepsFor = (status: TaskStatus, side: Side): Step[] => (Object.keys(STEPS) as Step[]).filter((s) => takeStep(status, s, side).ok);

/** Still to do, and its due day has passed: flagged to both sides. */
export const isOverdue = (status: TaskStatus, dueOn: string, today: string): boolean => (status === 'open' || status === 'claimed' || status === 'returned') && dueOn < today;

export interface TaskForm {
  type: string;
  title: string;
  instructions: string;
  day: string;
  month: string;
  year: string;
  /** A business support officer's user id, or '' for the team's queue. */
  assignTo: string;
  details: Record<string, string>;
}

export interface TaskValues {
  type: TaskType;
  title: string;
  instructions: string;
  dueOn: string;
  assignTo: string | null;
  details: Record<string, string>;
}

export const TITLE_LIMIT = 120;
export const TEXT_LIMIT = 5000;
/** Far enough ahead for a court bundle; further than this is a diary entry, not a task. */
export const MAX_DAYS_AHEAD = 183;

const whole = (v: string) => (/^\d{1,4}$/.test(v.trim()) ? Number(v.trim()) : null);
const daysBetween = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

/**
 * Checks a new task: every problem at once, in the page's order, each on its field. `people` are
 * the business support officers it may be sent to by name.
 */
export function checkTaskForm(form: TaskForm, today: string, people: readonly string[]): { ok: true; value: TaskValues } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (!isTaskType(form.type)) return { ok: false, problems: [{ field: 'type', message: 'Choose what business support should do.' }] };
  const info = TASK_TYPE_INFO[form.type];
  const title = form.title.trim();
  if (title === '') problems.push({ field: 'title', message: `Give the task a short title, for example “${info.example}”.` });
  else if (title.length > TITLE_LIMIT) problems.push({ field: 'title', message: `Keep the title under ${TITLE_LIMIT} characters.` });
  const details: Record<string, string> = {};
  for (const f of info.fields) {
    const v = (form.details[f.key] ?? '').trim();
    if (f.required && v === '') problems.push({ field: `details-${f.key}`, message: `Enter ${f.label.charAt(0).toLowerCase()}${f.label.slice(1)}.` });
    else if (v.length > 1000) problems.push({ field: `details-${f.key}`, message: `Keep “${f.label}” under 1,000 characters.` });
    else if (v !== '') details[f.key] = v;
  }
  const instructions = form.instructions.trim();
  if (instructions === '') problems.push({ field: 'instructions', message: 'Write what business support should do.' });
  else if (instructions.length > TEXT_LIMIT) problems.push({ field: 'instructions', message: `Keep the instructions under ${TEXT_LIMIT.toLocaleString('en-GB')} characters.` });
  const [d, m, y] = [whole(form.day), whole(form.month), whole(form.year)];
  let dueOn: string | null = null;
  if (d === null || m === null || y === null) problems.push({ field: 'due-day', message: 'Enter the date it is due, for example 4 12 2026.' });
  else {
    const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const date = new Date(`${iso}T00:00:00Z`);
    if (y < 1900 || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) problems.push({ field: 'due-day', message: 'The due date must be a real date.' });
    else if (iso < today) problems.push({ field: 'due-day', message: 'The due date must be today or later.' });
    else if (daysBetween(today, iso) > MAX_DAYS_AHEAD) problems.push({ field: 'due-day', message: 'The due date must be within the next 6 months.' });
    else dueOn = iso;
  }
  const assignTo = form.assignTo.trim();
  if (assignTo !== '' && !people.includes(assignTo)) problems.push({ field: 'assignTo', message: 'Choose someone in the team’s business support, or the team’s queue.' });
  if (problems.length > 0 || dueOn === null) return { ok: false, problems };
  return { ok: true, value: { type: form.type, title, instructions, dueOn, assignTo: assignTo === '' ? null : assignTo, details } };
}

/** The answer to a step that needs words: what was done (a hand-back), the question, or the answer. */
export function checkStepText(step: Step, text: string): { ok: true; text: string | null } | { ok: false; problems: FieldProblem[] } {
  const t = text.trim();
  const need: Partial<Record<Step, string>> = {
    complete: 'Say what was done, for example “Letter sent by post on 3 December”. It is added to the child’s case notes.',
    return: 'Write the question for the person who asked.',
    answer: 'Write the answer to the question.',
  };
  const message = need[step];
  if (!message) return { ok: true, text: t === '' ? null : t.slice(0, TEXT_LIMIT) };
  if (t === '') return { ok: false, problems: [{ field: 'text', message }] };
  if (t.length > TEXT_LIMIT) return { ok: false, problems: [{ field: 'text', message: `Keep it under ${TEXT_LIMIT.toLocaleString('en-GB')} characters.` }] };
  return { ok: true, text: t };
}

/** The case note a hand-back adds to the child's record: what was asked, who did it, what was done. */
export function handBackNote(task: { title: string; type: TaskType; requestedByName: string }, doneBy: string, outcome: string): string {
  return `${task.title} (${TASK_TYPE_INFO[task.type].name.toLowerCase()}, asked by ${task.requestedByName}): handed back done by ${doneBy}, business support.\n\n${outcome}`;
}
