import type { FieldProblem } from '../../kernel/errors.ts';

/** A form's problems as the layout's error summary (each linked to its field) and the message beside each field. */
export function formErrors(problems: readonly FieldProblem[]): { errorSummary: { text: string; href: string }[]; errors: Record<string, { text: string }> } {
  const errors: Record<string, { text: string }> = {};
  for (const p of problems) errors[p.field] ??= { text: p.message };
  return { errorSummary: problems.map((p) => ({ text: p.message, href: `#${p.field}` })), errors };
}

