import type { FieldProblem } from '../../kernel/errors.ts';
import { ukDay } from '../../kernel/time.ts';
import { formErrors } from '../../platform/web/forms.ts';
import { DECISION_LIMIT, REFLECTIVE_LIMIT, type SessionForm } from '../model/session.ts';
import type { SessionFormData } from '../service/index.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The form as posted: each case's decision is `decision-<childId>`. */
export function readSessionForm(body: Record<string, unknown>): SessionForm {
  const decisions: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (k.startsWith('decision-')) decisions[k.slice('decision-'.length)] = str(v);
  return { day: str(body['held-day']), month: str(body['held-month']), year: str(body['held-year']), minutes: str(body.minutes), decisions, wellbeing: str(body.wellbeing), development: str(body.development) };
}

export function blankSessionForm(now: Date): SessionForm {
  const [year, month, day] = ukDay(now).split('-');
  return { day: String(Number(day)), month: String(Number(month)), year: year!, minutes: '90', decisions: {}, wellbeing: '', development: '' };
}

export function toSessionFormView(data: SessionFormData, form: SessionForm, problems: readonly FieldProblem[] = []) {
  const { errorSummary, errors } = formErrors(problems);
  const dateClass = (width: string) => `govuk-input--width-${width}${errors['held-day'] ? ' govuk-input--error' : ''}`;
  const id = encodeURIComponent(data.practitioner.practitionerId);
  return {
    title: `Record supervision with ${data.practitioner.name}`,
    name: data.practitioner.name,
    errorSummary, errors, form,
    action: `/practitioners/${id}/supervision/new`,
    backHref: `/practitioners/${id}/supervision`,
    minimumMinutes: data.minimumMinutes,
    decisionLimit: DECISION_LIMIT,
    reflectiveLimit: REFLECTIVE_LIMIT,
    dateItems: [
      { name: 'day', label: 'Day', classes: dateClass('2'), value: form.day },
      { name: 'month', label: 'Month', classes: dateClass('2'), value: form.month },
      { name: 'year', label: 'Year', classes: dateClass('4'), value: form.year },
    ],
    cases: data.cases.map((c) => ({ id: `decision-${c.childId}`, name: c.childName, childId: c.childId, value: form.decisions[c.childId] ?? '', error: errors[`decision-${c.childId}`] })),
  };
}
