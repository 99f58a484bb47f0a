import { dayFromIso, isoFromDay } from '../../kernel/calendar.ts';

/** The three boxes of the Annex A inspection date, as typed. */
export interface DateBoxes {
  day: string;
  month: string;
  year: string;
}

/** Which box is wrong (`whole`: the date as a whole) and what to do, in the GOV.UK pattern's words. */
export interface DateProblem {
  box: 'day' | 'month' | 'year' | 'whole';
  message: string;
}

export type AnnexDateInput = { iso: string | null; boxes: DateBoxes } | { problem: DateProblem; boxes: DateBoxes };

type Query = Record<string, unknown>;
const text = (q: Query, key: string) => (typeof q[key] === 'string' ? (q[key] as string).trim().slice(0, 20) : '');
const EXAMPLE = 'like 23 11 2026';

/**
 * The inspection date from its boxes (`date-day`, `date-month`, `date-year`), or from a link's
 * `date=YYYY-MM-DD`; `iso: null` when nothing was given (the route uses today). Pure.
 */
export function readAnnexDate(q: Query): AnnexDateInput {
  const boxes = { day: text(q, 'date-day'), month: text(q, 'date-month'), year: text(q, 'date-year') };
  if (!boxes.day && !boxes.month && !boxes.year) {
    const link = text(q, 'date');
    if (!link) return { iso: null, boxes };
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(link) ? real(link) : null;
    // A link's date that is no date shows in the boxes as far as it can be read.
    return iso ? { iso, boxes: boxesOf(iso) } : { problem: { box: 'whole', message: `The inspection date must be a real date, ${EXAMPLE}` }, boxes: { day: '', month: '', year: '' } };
  }
  const missing = (['day', 'month', 'year'] as const).filter((k) => !boxes[k]);
  if (missing.length > 0) return { problem: { box: missing.length === 1 ? missing[0]! : 'whole', message: `The inspection date must include a ${missing.join(' and ')}` }, boxes };
  const notNumber = (['day', 'month', 'year'] as const).find((k) => !/^\d+$/.test(boxes[k]));
  if (notNumber) return { problem: { box: notNumber, message: `The inspection date must be a real date, ${EXAMPLE}` }, boxes };
  if (boxes.year.length !== 4) return { problem: { box: 'year', message: 'The year of the inspection date must include 4 numbers' }, boxes };
  const iso = real(`${boxes.year}-${boxes.month.padStart(2, '0')}-${boxes.day.padStart(2, '0')}`);
  if (!iso) return { problem: { box: 'whole', message: `The inspection date must be a real date, ${EXAMPLE}` }, boxes };
  // The register's working-day calendar and Annex A's six-month window make no sense far out.
  if (iso < '2000-01-01' || iso > '2045-12-31') return { problem: { box: 'year', message: 'The inspection date must be between 2000 and 2045' }, boxes };
  return { iso, boxes };
}

function real(iso: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  try {
    const out = isoFromDay(dayFromIso(iso));
    return out === iso ? out : null;
  } catch {
    return null;
  }
}

const boxesOf = (iso: string): DateBoxes => ({ day: String(Number(iso.slice(8, 10))), month: String(Number(iso.slice(5, 7))), year: iso.slice(0, 4) });

export const ANNEX_DATE_ID = 'annex-a-date';

/** The govukDateInput parameters, with the error on the boxes it concerns and the typed values kept. */
export function annexDateView(boxes: DateBoxes = { day: '', month: '', year: '' }, problem?: DateProblem) {
  const item = (name: 'day' | 'month' | 'year', width: number) => ({
    name, label: name.charAt(0).toUpperCase() + name.slice(1), value: boxes[name],
    classes: `govuk-input--width-${width}${problem && (problem.box === 'whole' || problem.box === name) ? ' govuk-input--error' : ''}`,
  });
  return {
    id: ANNEX_DATE_ID, namePrefix: 'date',
    fieldset: { legend: { text: 'Inspection date', classes: 'govuk-fieldset__legend--s' } },
    hint: { text: 'For example, 23 11 2026. The lists cover the six months before it.' },
    ...(problem ? { errorMessage: { text: problem.message } } : {}),
    items: [item('day', 2), item('month', 2), item('year', 4)],
  };
}

/** The error summary's link: the first box that is wrong (the day box when the whole date is). */
export const annexDateHref = (problem: DateProblem) => `#${ANNEX_DATE_ID}-${problem.box === 'whole' ? 'day' : problem.box}`;
