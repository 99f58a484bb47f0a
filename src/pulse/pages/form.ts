/**
 * The pulse form's view model: four sets of GOV.UK radios, the answers kept on an error, and the
 * promise of anonymity in plain words. Pure.
 */
import type { FieldProblem } from '../../kernel/errors.ts';
import { formErrors } from '../../platform/web/forms.ts';
import { addMonth, monthName } from '../model/months.ts';
import { MIN_GROUP } from '../model/publish.ts';
import { QUESTIONS } from '../model/questions.ts';
import type { PulseFormData } from '../service/index.ts';

export function toPulseFormView(data: PulseFormData, form: Record<string, unknown> = {}, problems: readonly FieldProblem[] = [], sent = false) {
  const { errorSummary, errors } = formErrors(problems);
  return {
    title: 'How is work this month?',
    monthText: monthName(data.month),
    nextText: `1 ${monthName(addMonth(data.month, 1))}`,
    answered: data.answered,
    sent,
    minGroup: MIN_GROUP,
    others: MIN_GROUP - 1,
    questions: QUESTIONS.map((q) => ({
      id: q.id, text: q.text, hint: q.hint ?? null, error: errors[q.id] ?? null,
      items: q.options.map((text, i) => ({ value: String(i + 1), text, checked: form[q.id] === String(i + 1) })),
    })),
    errorSummary,
  };
}
