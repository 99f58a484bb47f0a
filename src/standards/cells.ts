/**
 * Spreadsheet formula injection: a CSV cell that begins with =, +, -, @, a tab or a carriage
 * return is run as a formula when the file is opened in Excel (OWASP "CSV injection"). Every
 * text cell Caseweight writes goes through `guardCell`, which puts a single quote in front (the
 * quote shows as text and stops the formula); every cell it reads goes through `unguardCell`, so
 * a council's own export imports back to exactly the register it came from. Plain numbers
 * (-1.5) are left alone: they are not formulas and a DfE return needs them as numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** Whether the writer quotes this value: it would start a formula, or it is itself a quoted one (so the quote survives a round trip). */
function needsGuard(value: string): boolean {
  if (PLAIN_NUMBER.test(value)) return false;
  return FORMULA_START.test(value) || (value.startsWith("'") && needsGuard(value.slice(1)));
}

export function guardCell(value: string): string {
  return needsGuard(value) ? `'${value}` : value;
}

export function unguardCell(value: string): string {
  return value.startsWith("'") && needsGuard(value.slice(1)) ? value.slice(1) : value;
}
