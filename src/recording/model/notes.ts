/**
 * Case notes: the three types, who may write which, the form's answers checked (every problem at
 * once, in page order, in plain English), and a note's versions folded into what a reader sees.
 * Pure: the clock and the actor's roles come in.
 */
import type { FieldProblem } from '../../kernel/errors.ts';
import type { Role } from '../../kernel/roles.ts';
import { ukDay } from '../../kernel/time.ts';

export const NOTE_TYPES = ['case_note', 'manager_oversight', 'case_decision'] as const;
export type NoteType = (typeof NOTE_TYPES)[number];
export const NOTE_TYPE_NAMES: Record<NoteType, string> = {
  case_note: 'Case note',
  manager_oversight: 'Management oversight',
  case_decision: 'Case decision',
};
export const NOTE_TEXT_LIMIT = 20_000;
/** A note may be about a day up to this far back (as for a recorded visit: older entries go through the data officer). */
export const NOTE_MAX_DAYS_BACK = 366;

/** Oversight and decisions are a manager's record: only a team or service manager writes them. */
export function noteTypesFor(roles: readonly Role[]): NoteType[] {
  const manager = roles.includes('team_manager') || roles.includes('service_manager');
  return manager ? [...NOTE_TYPES] : ['case_note'];
}

/** Who sees every version of a corrected note: managers and auditors (the worker sees the latest, marked corrected). */
export const seesAllVersions = (roles: readonly Role[]): boolean => roles.some((r) => r === 'team_manager' || r === 'service_manager' || r === 'auditor');

/** The form as typed: every value a string, kept to show again with the errors. */
export interface NoteForm {
  type: string;
  text: string;
  significant: string;
  day: string;
  month: string;
  year: string;
  /** Only for a correction: why the final note is being corrected. */
  reason: string;
}

export interface NoteValues {
  type: NoteType;
  text: string;
  significant: boolean;
  happenedOn: string;
}

const whole = (v: string) => (/^\d{1,4}$/.test(v.trim()) ? Number(v.trim()) : null);

/**
 * Checks a note's answers. `types` are the types this person may write; a correction needs a
 * reason. The day it is about may not be in the future, nor more than a year back.
 */
export function checkNote(form: NoteForm, types: readonly NoteType[], now: Date, correction = false): { ok: true; value: NoteValues } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (!(types as readonly string[]).includes(form.type)) {
    problems.push({ field: 'type', message: (NOTE_TYPES as readonly string[]).includes(form.type) ? 'Only a manager can write management oversight or a case decision: choose "Case note".' : 'Choose the type of note.' });
  }
  const [d, m, y] = [whole(form.day), whole(form.month), whole(form.year)];
  let happenedOn: string | null = null;
  if (d === null || m === null || y === null) {
    problems.push({ field: 'happened-day', message: 'Enter the date the note is about, for example 27 3 2026.' });
  } else {
    const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const date = new Date(`${iso}T00:00:00Z`);
    const today = ukDay(now);
    if (y < 1900 || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) problems.push({ field: 'happened-day', message: 'The date the note is about must be a real date.' });
    else if (iso > today) problems.push({ field: 'happened-day', message: 'The date the note is about cannot be in the future.' });
    else if (Date.parse(`${today}T00:00:00Z`) - date.getTime() > NOTE_MAX_DAYS_BACK * 86_400_000) problems.push({ field: 'happened-day', message: 'Write notes about the past year here; ask your data officer about anything older.' });
    else happenedOn = iso;
  }
  const text = form.text.trim();
  if (text === '') problems.push({ field: 'text', message: 'Write the note.' });
  else if (text.length > NOTE_TEXT_LIMIT) problems.push({ field: 'text', message: `Keep the note under ${NOTE_TEXT_LIMIT.toLocaleString('en-GB')} characters, or split it into two notes.` });
  if (correction) {
    const reason = form.reason.trim();
    if (reason === '') problems.push({ field: 'reason', message: 'Say why you are correcting the note, for example "wrong date of the visit".' });
    else if (reason.length > 500) problems.push({ field: 'reason', message: 'Keep the reason under 500 characters.' });
  }
  if (problems.length > 0 || happenedOn === null) return { ok: false, problems };
  return { ok: true, value: { type: form.type as NoteType, text, significant: form.significant === 'yes', happenedOn } };
}

/** One stored version of a note, as the service hands it to the model. */
export interface NoteVersion {
  noteId: string;
  version: number;
  type: NoteType;
  text: string;
  status: 'draft' | 'final';
  significant: boolean;
  happenedOn: string;
  writtenAt: Date;
  finalisedAt: Date | null;
  authorUserId: string;
  authorName: string;
  correctionReason: string | null;
}

/** A note as a reader sees it: its latest version, and the earlier ones when they may see them. */
export interface NoteThread {
  noteId: string;
  latest: NoteVersion;
  /** Earlier versions, newest first: empty for someone who sees only the latest. */
  earlier: NoteVersion[];
  /** The latest version corrects an earlier one. */
  corrected: boolean;
}

/**
 * Folds versions into notes, newest first (by the day each is about, then when it was first written). Someone else's
 * draft is not shown: it is the author's work in progress until they mark it final.
 */
export function noteThreads(versions: readonly NoteVersion[], viewer: { userId: string; allVersions: boolean }): NoteThread[] {
  const byNote = new Map<string, NoteVersion[]>();
  for (const v of versions) byNote.set(v.noteId, [...(byNote.get(v.noteId) ?? []), v]);
  const threads: (NoteThread & { first: Date })[] = [];
  for (const [noteId, list] of byNote) {
    const sorted = [...list].sort((a, b) => b.version - a.version);
    const latest = sorted[0]!;
    if (latest.status === 'draft' && latest.authorUserId !== viewer.userId) continue;
    threads.push({ noteId, latest, earlier: viewer.allVersions ? sorted.slice(1) : [], corrected: latest.version > 1, first: sorted[sorted.length - 1]!.writtenAt });
  }
  return threads
    .sort((a, b) => b.latest.happenedOn.localeCompare(a.latest.happenedOn) || b.first.getTime() - a.first.getTime() || a.noteId.localeCompare(b.noteId))
    .map(({ first: _first, ...t }) => t);
}
