/**
 * The monthly pulse: four short questions in the style of the DfE's social work health check and
 * its "Working lives of social workers" longitudinal study (manageable workload, hours worked
 * beyond contract, feeling safe in practice, intention to stay). Each is one set of radios with
 * five answers, stored as 1–5, so the whole pulse takes under a minute. Pure.
 */
import type { FieldProblem } from '../../kernel/errors.ts';

export type QuestionId = 'workload' | 'extraHours' | 'safe' | 'stay';
/** 1 to 5, in the order the answers are listed. */
export type AnswerCode = 1 | 2 | 3 | 4 | 5;
export type PulseAnswers = Record<QuestionId, AnswerCode>;

export interface Question {
  id: QuestionId;
  text: string;
  hint?: string;
  options: readonly [string, string, string, string, string];
  /** Said when no answer was chosen: what to do. */
  missing: string;
}

const AGREE = ['Strongly agree', 'Agree', 'Neither agree nor disagree', 'Disagree', 'Strongly disagree'] as const;

export const QUESTIONS: readonly Question[] = [
  { id: 'workload', text: 'My workload this month has been manageable', options: AGREE, missing: 'Select how far you agree that your workload has been manageable' },
  {
    id: 'extraHours', text: 'In a usual week this month, how many hours did you work beyond your contracted hours?',
    hint: 'Include work at home, in the evening and at weekends.',
    options: ['None', 'Up to 2 hours', 'More than 2, up to 5 hours', 'More than 5, up to 10 hours', 'More than 10 hours'],
    missing: 'Select how many hours you worked beyond your contract in a usual week',
  },
  {
    id: 'safe', text: 'I have felt safe in my practice this month',
    hint: 'Supported by your manager and colleagues, able to raise concerns, and physically safe on visits.',
    options: AGREE, missing: 'Select how far you agree that you have felt safe in your practice',
  },
  {
    id: 'stay', text: 'Do you expect to be working in children’s social work for this council a year from now?',
    options: ['Yes, definitely', 'Probably', 'Not sure', 'Probably not', 'Definitely not'],
    missing: 'Select whether you expect to be working here a year from now',
  },
];

/** Hours beyond contract a week at the middle of each answer's band, to estimate an average (the top band is open: 12). */
export const EXTRA_HOURS_MIDPOINTS: Readonly<Record<AnswerCode, number>> = { 1: 0, 2: 1, 3: 3.5, 4: 7.5, 5: 12 };

/** The form's answers, each checked; every question must be answered, so each question has the same people behind it. */
export function checkAnswers(form: Record<string, unknown>): { ok: true; value: PulseAnswers } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const value = {} as PulseAnswers;
  for (const q of QUESTIONS) {
    const raw = form[q.id];
    const code = typeof raw === 'string' && /^[1-5]$/.test(raw) ? (Number(raw) as AnswerCode) : typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 && raw <= 5 ? (raw as AnswerCode) : null;
    if (code === null) problems.push({ field: q.id, message: q.missing });
    else value[q.id] = code;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}
