/**
 * Recording what was done on a case: which activities can be recorded, and the form's answers
 * checked, every problem at once in page order, in plain English. Pure: the clock comes in.
 */
import type { FieldProblem } from '../../kernel/errors.ts';
import { ukDay, ukDayStart } from '../../kernel/time.ts';

/** Work that is not one of the catalogue's activities: it counts as time, not as a statutory duty done. */
export const OTHER_ACTIVITY = { code: 'other', name: 'Other contact or work' } as const;
/** Not recorded one by one: the model's monthly allowance for calls, emails and recording itself. */
const NOT_RECORDED = new Set(['case_management']);

export interface RecordableActivity {
  code: string;
  name: string;
  /** On the case's statutory schedule today (listed first). */
  current: boolean;
}

/** The catalogue's activities a worker can record, the case's own first, then the rest, then "other". */
export function recordableActivities(catalogue: readonly { code: string; name: string }[], scheduled: ReadonlySet<string>): RecordableActivity[] {
  const list = catalogue.filter((a) => !NOT_RECORDED.has(a.code)).map((a) => ({ code: a.code, name: a.name, current: scheduled.has(a.code) }));
  return [...list.filter((a) => a.current), ...list.filter((a) => !a.current), { ...OTHER_ACTIVITY, current: false }];
}

export const MINUTE_FIELDS = ['directMinutes', 'travelMinutes', 'recordingMinutes', 'meetingMinutes'] as const;
export type MinuteField = (typeof MINUTE_FIELDS)[number];
const MINUTE_NAMES: Record<MinuteField, string> = {
  directMinutes: 'direct work', travelMinutes: 'travel', recordingMinutes: 'recording', meetingMinutes: 'meetings',
};
export const NOTE_LIMIT = 10_000;
/** How far back a visit may be recorded (back-dated entries keep both dates). */
export const MAX_DAYS_BACK = 366;

/** The form as typed: every value a string, kept to show again with the errors. */
export interface RecordingForm {
  activityCode: string;
  day: string;
  month: string;
  year: string;
  time: string;
  childSeen: string;
  seenAlone: string;
  attendees: string;
  directMinutes: string;
  travelMinutes: string;
  recordingMinutes: string;
  meetingMinutes: string;
  note: string;
}

export interface RecordingValues {
  activityCode: string;
  happenedAt: Date;
  /** The UK day it happened: what the statutory schedule counts from. */
  happenedOn: string;
  childSeen: boolean | null;
  seenAlone: boolean | null;
  attendees: string;
  minutes: Record<MinuteField, number>;
  note: string;
}

const whole = (v: string) => (/^\d{1,4}$/.test(v.trim()) ? Number(v.trim()) : null);
const yesNo = (v: string): boolean | null | undefined => (v === 'yes' ? true : v === 'no' ? false : v === '' || v === 'not_applicable' ? null : undefined);

/**
 * Checks the answers. `validCodes` are the activities that may be recorded on this case; `now`
 * is the clock. A time in the future or more than a year back is refused; seen alone needs seen.
 */
export function checkRecording(form: RecordingForm, validCodes: ReadonlySet<string>, now: Date): { ok: true; value: RecordingValues } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (!validCodes.has(form.activityCode)) problems.push({ field: 'activityCode', message: 'Choose what you did.' });

  const [d, m, y] = [whole(form.day), whole(form.month), whole(form.year)];
  let happenedOn: string | null = null;
  if (d === null || m === null || y === null) {
    problems.push({ field: 'happened-day', message: 'Enter the date it happened, for example 27 3 2026.' });
  } else {
    const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const date = new Date(`${iso}T00:00:00Z`);
    if (y < 1900 || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) problems.push({ field: 'happened-day', message: 'The date it happened must be a real date.' });
    else happenedOn = iso;
  }
  const time = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(form.time.trim());
  if (!time) problems.push({ field: 'time', message: 'Enter the time it started, for example 14:30.' });

  let happenedAt: Date | null = null;
  if (happenedOn && time) {
    // UK local time: the day's start in London plus the clock reading (on the two clock-change
    // days an hour after 01:00 can be off by one; the day, which the schedule counts, is right).
    happenedAt = new Date(ukDayStart(happenedOn).getTime() + (Number(time[1]) * 60 + Number(time[2])) * 60_000);
    if (happenedAt.getTime() > now.getTime() + 5 * 60_000) problems.push({ field: 'happened-day', message: 'The date and time it happened cannot be in the future.' });
    else if (Date.parse(`${ukDay(now)}T00:00:00Z`) - Date.parse(`${happenedOn}T00:00:00Z`) > MAX_DAYS_BACK * 86_400_000) {
      problems.push({ field: 'happened-day', message: 'Record work from the past year here; ask your data officer about anything older.' });
    }
  }

  const seen = yesNo(form.childSeen);
  const alone = yesNo(form.seenAlone);
  if (seen === undefined) problems.push({ field: 'childSeen', message: 'Say whether the child was seen.' });
  if (alone === undefined) problems.push({ field: 'seenAlone', message: 'Say whether the child was seen alone.' });
  if (alone === true && seen !== true) problems.push({ field: 'seenAlone', message: 'A child seen alone was seen: answer "Yes" to "Was the child seen?", or "No" here.' });

  if (form.attendees.length > 500) problems.push({ field: 'attendees', message: 'Keep who attended under 500 characters.' });
  const minutes = {} as Record<MinuteField, number>;
  for (const f of MINUTE_FIELDS) {
    const raw = form[f].trim();
    const n = raw === '' ? 0 : whole(raw);
    if (n === null || n > 1440) problems.push({ field: f, message: `Enter the minutes of ${MINUTE_NAMES[f]} as a whole number from 0 to 1440.` });
    else minutes[f] = n;
  }
  if (MINUTE_FIELDS.every((f) => minutes[f] === 0)) problems.push({ field: 'directMinutes', message: 'Enter the time it took: at least one of direct work, travel, recording or meetings.' });
  if (form.note.length > NOTE_LIMIT) problems.push({ field: 'note', message: `Keep the note under ${NOTE_LIMIT.toLocaleString('en-GB')} characters, or split it.` });

  if (problems.length > 0 || !happenedAt || !happenedOn) return { ok: false, problems };
  return {
    ok: true,
    value: { activityCode: form.activityCode, happenedAt, happenedOn, childSeen: seen ?? null, seenAlone: alone ?? null, attendees: form.attendees.trim(), minutes, note: form.note.trim() },
  };
}

/** Total hours of a recording: the register row's `hours`. */
export const totalHours = (minutes: Record<MinuteField, number>): number => Math.round((MINUTE_FIELDS.reduce((s, f) => s + minutes[f], 0) / 60) * 100) / 100;
