import { parseDateInput } from '../../kernel/dates.ts';
import { InvalidInputError, type FieldProblem } from '../../kernel/errors.ts';
import { formatDate } from './nunjucks.ts';

/** A form's problems as the layout's error summary (each linked to its field) and the message beside each field. */
export function formErrors(problems: readonly FieldProblem[]): { errorSummary: { text: string; href: string }[]; errors: Record<string, { text: string }> } {
  const errors: Record<string, { text: string }> = {};
  for (const p of problems) errors[p.field] ??= { text: p.message };
  return { errorSummary: problems.map((p) => ({ text: p.message, href: `#${p.field}` })), errors };
}


/**
 * The date a page shows: the address's own, or, when it is not a usable date, today's, with an
 * error summary that says so. A mistyped or stale link still lands on a working page.
 */
export function pageDate(value: unknown, now: Date = new Date()): { date: string; errorSummary: { text: string }[] } {
  try {
    return { date: parseDateInput(value, 'date', now), errorSummary: [] };
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    const date = parseDateInput(undefined, 'date', now);
    const shown = typeof value === 'string' ? `“${value.slice(0, 40)}”` : 'given';
    return { date, errorSummary: [{ text: `The date in the web address (${shown}) could not be used: ${error.message} Showing ${formatDate(date)} instead.` }] };
  }
}
