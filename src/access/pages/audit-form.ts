import type { FieldProblem } from '../../kernel/errors.ts';
import type { AuditSearchValues } from '../model/audit-search.ts';

type Message = { text: string } | undefined;

/** One GOV.UK date input (day, month, year) with the boxes to fix marked. */
function dateInput(key: 'from' | 'to', legend: string, values: AuditSearchValues['from'], problems: readonly FieldProblem[]) {
  const problem = problems.find((p) => p.field.startsWith(`${key}-`));
  // Missing boxes are marked each; a date that is not real, or out of order, is wrong as a whole; a bad year alone.
  const missing = problem !== undefined && /must include a (day|month|year)/.test(problem.message);
  const whole = problem !== undefined && !missing && problem.field === `${key}-day`;
  const marked = (name: 'day' | 'month' | 'year') => problem !== undefined && (whole || (missing ? values[name] === '' : problem.field === `${key}-${name}`));
  const item = (name: 'day' | 'month' | 'year', width: number) => ({
    name, label: name.charAt(0).toUpperCase() + name.slice(1), value: values[name],
    classes: `govuk-input--width-${width}${marked(name) ? ' govuk-input--error' : ''}`,
  });
  return {
    id: key, namePrefix: key,
    fieldset: { legend: { text: legend, classes: 'govuk-fieldset__legend--s' } },
    hint: { text: key === 'from' ? 'For example, 1 3 2026. Leave empty to search from the start.' : 'For example, 27 3 2026. Leave empty to search up to now.' },
    errorMessage: problem ? { text: problem.message } : undefined,
    items: [item('day', 2), item('month', 2), item('year', 4)],
  };
}

/** The audit search form, as typed, with each problem beside its box and in the error summary (in the form's order). */
export function auditFormView(values: AuditSearchValues, problems: readonly FieldProblem[] = []) {
  const message = (field: string): Message => {
    const p = problems.find((x) => x.field === field);
    return p ? { text: p.message } : undefined;
  };
  return {
    errorSummary: problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
    person: { value: values.person, errorMessage: message('person') },
    child: { value: values.child, errorMessage: message('child') },
    from: dateInput('from', 'Start date (optional)', values.from, problems),
    to: dateInput('to', 'End date (optional)', values.to, problems),
  };
}

export const EMPTY_SEARCH: AuditSearchValues = { person: '', child: '', from: { day: '', month: '', year: '' }, to: { day: '', month: '', year: '' } };
