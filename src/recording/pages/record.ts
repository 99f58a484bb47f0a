/**
 * The recording form's view model: the activities (the case's own first), the date and time, the
 * two "seen" questions, the minutes and the note, with the answers kept on an error. Pure.
 */
import type { FieldProblem } from '../../kernel/errors.ts';
import { formErrors } from '../../platform/web/forms.ts';
import { formatDate } from '../../platform/web/nunjucks.ts';
import { ukClock, ukDay } from '../../kernel/time.ts';
import type { RecordingForm } from '../model/visit.ts';
import type { RecordFormData } from '../service/index.ts';

const text = (v: unknown) => (typeof v === 'string' ? v : '');

export function readRecordingForm(body: Record<string, unknown>): RecordingForm {
  return {
    activityCode: text(body.activityCode), day: text(body['happened-day']), month: text(body['happened-month']), year: text(body['happened-year']),
    time: text(body.time), childSeen: text(body.childSeen), seenAlone: text(body.seenAlone), attendees: text(body.attendees),
    directMinutes: text(body.directMinutes), travelMinutes: text(body.travelMinutes), recordingMinutes: text(body.recordingMinutes), meetingMinutes: text(body.meetingMinutes),
    note: text(body.note),
  };
}

/** A new form: today, now, and the activity the "Record" link came from. */
export function blankForm(now: Date, activityCode = ''): RecordingForm {
  const [year, month, day] = ukDay(now).split('-');
  return { activityCode, day: String(Number(day)), month: String(Number(month)), year: year!, time: ukClock(now), childSeen: '', seenAlone: '', attendees: '', directMinutes: '', travelMinutes: '', recordingMinutes: '', meetingMinutes: '', note: '' };
}

const yesNoItems = (value: string, withNotApplicable: boolean) => [
  { value: 'yes', text: 'Yes', checked: value === 'yes' },
  { value: 'no', text: 'No', checked: value === 'no' },
  ...(withNotApplicable ? [{ value: 'not_applicable', text: 'Not applicable (the child was not expected)', checked: value === 'not_applicable' }] : []),
];

export function toRecordView(data: RecordFormData, form: RecordingForm, problems: readonly FieldProblem[] = []) {
  const { errorSummary, errors } = formErrors(problems);
  const current = data.activities.filter((a) => a.current);
  const rest = data.activities.filter((a) => !a.current);
  const item = (a: { code: string; name: string }) => ({ value: a.code, text: a.name, checked: form.activityCode === a.code });
  return {
    title: `Record a visit or contact for ${data.childName}`,
    errorSummary, errors, form,
    action: `/children/${encodeURIComponent(data.childId)}/record`,
    caseHref: `/children/${encodeURIComponent(data.childId)}`,
    childName: data.childName,
    due: data.due.map((d) => `${d.name}: ${d.state === 'overdue' ? `${d.daysOverdue} ${d.daysOverdue === 1 ? 'day' : 'days'} overdue` : `due ${formatDate(d.dueOn)}`}`),
    activityItems: [...current.map(item), ...(current.length && rest.length ? [{ divider: 'or' }] : []), ...rest.map(item)],
    dateItems: [
      { name: 'day', label: 'Day', classes: 'govuk-input--width-2' + (errors['happened-day'] ? ' govuk-input--error' : ''), value: form.day },
      { name: 'month', label: 'Month', classes: 'govuk-input--width-2' + (errors['happened-day'] ? ' govuk-input--error' : ''), value: form.month },
      { name: 'year', label: 'Year', classes: 'govuk-input--width-4' + (errors['happened-day'] ? ' govuk-input--error' : ''), value: form.year },
    ],
    seenItems: yesNoItems(form.childSeen, true),
    aloneItems: yesNoItems(form.seenAlone, true),
  };
}
