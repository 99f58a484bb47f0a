/**
 * A supervision session's form, checked: every problem at once, in page order, in plain English.
 * The two parts stay apart from here on: `cases` (decisions and actions per child, posted to each
 * child's record) and `reflective` (wellbeing and development, for the two people and those the
 * council's policy names). Pure: the clock comes in.
 */
import type { FieldProblem } from '../../kernel/errors.ts';
import { ukDay } from '../../kernel/time.ts';

export const REFLECTIVE_LIMIT = 10_000;
export const DECISION_LIMIT = 5_000;
export const COMMENT_LIMIT = 5_000;
/** A session may be recorded up to this many days after it was held. */
export const SESSION_MAX_DAYS_BACK = 90;

export interface SessionForm {
  day: string;
  month: string;
  year: string;
  /** Length in minutes, as typed. */
  minutes: string;
  /** Decision and actions per child, keyed by child id: blank means nothing to record for that child. */
  decisions: Record<string, string>;
  wellbeing: string;
  development: string;
}

export interface SessionValues {
  heldOn: string;
  minutes: number;
  decisions: { childId: string; text: string }[];
  wellbeing: string;
  development: string;
}

const whole = (v: string) => (/^\d{1,4}$/.test(v.trim()) ? Number(v.trim()) : null);

/** `childIds` are the cases offered on the form (the supervisee's, that this supervisor may write on). */
export function checkSession(form: SessionForm, childIds: readonly string[], now: Date): { ok: true; value: SessionValues } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const [d, m, y] = [whole(form.day), whole(form.month), whole(form.year)];
  let heldOn: string | null = null;
  if (d === null || m === null || y === null) {
    problems.push({ field: 'held-day', message: 'Enter the date of the session, for example 27 3 2026.' });
  } else {
    const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const date = new Date(`${iso}T00:00:00Z`);
    const today = ukDay(now);
    if (y < 1900 || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) problems.push({ field: 'held-day', message: 'The date of the session must be a real date.' });
    else if (iso > today) problems.push({ field: 'held-day', message: 'The date of the session cannot be in the future: record it once it has happened.' });
    else if (Date.parse(`${today}T00:00:00Z`) - date.getTime() > SESSION_MAX_DAYS_BACK * 86_400_000) problems.push({ field: 'held-day', message: `Record sessions from the last ${SESSION_MAX_DAYS_BACK} days here; ask your principal social worker about older ones.` });
    else heldOn = iso;
  }
  const minutes = whole(form.minutes);
  if (form.minutes.trim() === '') problems.push({ field: 'minutes', message: 'Enter how long the session was, in minutes, like 90.' });
  else if (minutes === null) problems.push({ field: 'minutes', message: 'Enter the length as a whole number of minutes, like 90.' });
  else if (minutes < 5 || minutes > 480) problems.push({ field: 'minutes', message: 'Enter a length from 5 to 480 minutes.' });

  const decisions: SessionValues['decisions'] = [];
  for (const [childId, raw] of Object.entries(form.decisions)) {
    const text = raw.trim();
    if (text === '') continue;
    if (!childIds.includes(childId)) problems.push({ field: `decision-${childId}`, message: 'You can record decisions only on the cases listed.' });
    else if (text.length > DECISION_LIMIT) problems.push({ field: `decision-${childId}`, message: `Keep each case's decisions under ${DECISION_LIMIT.toLocaleString('en-GB')} characters.` });
    else decisions.push({ childId, text });
  }
  const wellbeing = form.wellbeing.trim();
  const development = form.development.trim();
  if (wellbeing.length > REFLECTIVE_LIMIT) problems.push({ field: 'wellbeing', message: `Keep the wellbeing notes under ${REFLECTIVE_LIMIT.toLocaleString('en-GB')} characters.` });
  if (development.length > REFLECTIVE_LIMIT) problems.push({ field: 'development', message: `Keep the development notes under ${REFLECTIVE_LIMIT.toLocaleString('en-GB')} characters.` });
  if (problems.length > 0 || heldOn === null || minutes === null) return { ok: false, problems };
  // Decisions in the order the cases were offered, so the notes are written in page order.
  decisions.sort((a, b) => childIds.indexOf(a.childId) - childIds.indexOf(b.childId));
  return { ok: true, value: { heldOn, minutes, decisions, wellbeing, development } };
}

/** The case note a decision becomes: it says where it came from, and nothing of the reflective part. */
export function decisionNoteText(decision: string, session: { heldOn: string; superviseeName: string; supervisorName: string }): string {
  return `Supervision on ${session.heldOn} (${session.superviseeName} with ${session.supervisorName}): ${decision}`;
}

export function checkComment(text: string): FieldProblem[] {
  const t = text.trim();
  if (t === '') return [{ field: 'comment', message: 'Write your comment.' }];
  if (t.length > COMMENT_LIMIT) return [{ field: 'comment', message: `Keep the comment under ${COMMENT_LIMIT.toLocaleString('en-GB')} characters.` }];
  return [];
}
