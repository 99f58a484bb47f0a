// The recording form's rules over generated answers: good answers are kept exactly; each bad one
// is named once, on its field, and nothing in the future or older than a year is accepted.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ukDay } from '../../kernel/time.ts';
import { checkRecording, MINUTE_FIELDS, recordableActivities, totalHours, type RecordingForm } from './visit.ts';

const CODES = new Set(['cp_visit', 'core_group', 'other']);
const NOW = new Date('2026-06-15T15:00:00Z'); // 16:00 in London (BST)

/** A good form: a day in the past year (before today), a time, minutes, answers that agree. */
const goodForm = fc.record({
  code: fc.constantFrom(...CODES),
  daysBack: fc.integer({ min: 1, max: 360 }),
  hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }),
  seen: fc.constantFrom('yes', 'no', 'not_applicable'),
  alone: fc.boolean(),
  minutes: fc.tuple(...MINUTE_FIELDS.map(() => fc.integer({ min: 0, max: 300 }))).filter((m) => m.some((x) => x > 0)),
  note: fc.string({ maxLength: 200 }),
}).map((g): { form: RecordingForm; iso: string } => {
  const iso = new Date(Date.parse(`${ukDay(NOW)}T00:00:00Z`) - g.daysBack * 86_400_000).toISOString().slice(0, 10);
  const [y, m, d] = iso.split('-');
  return {
    iso,
    form: {
      activityCode: g.code, day: String(Number(d)), month: String(Number(m)), year: y!, time: `${String(g.hour).padStart(2, '0')}:${String(g.minute).padStart(2, '0')}`,
      childSeen: g.seen, seenAlone: g.seen === 'yes' && g.alone ? 'yes' : 'no', attendees: 'mother',
      directMinutes: String(g.minutes[0]), travelMinutes: String(g.minutes[1]), recordingMinutes: String(g.minutes[2]), meetingMinutes: String(g.minutes[3]), note: g.note,
    },
  };
});

describe('checking a recording', () => {
  test.prop([goodForm])('keeps good answers exactly: the day, the time in UK local time, the minutes', ({ form, iso }) => {
    const r = checkRecording(form, CODES, NOW);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.happenedOn).toBe(iso);
    expect(ukDay(r.value.happenedAt)).toBe(iso);
    expect(MINUTE_FIELDS.map((f) => r.value.minutes[f])).toEqual(MINUTE_FIELDS.map((f) => Number(form[f])));
    expect(totalHours(r.value.minutes)).toBeCloseTo(MINUTE_FIELDS.reduce((s, f) => s + Number(form[f]), 0) / 60, 2);
    expect(r.value.seenAlone === true ? r.value.childSeen : true).toBe(true);
  });

  test.prop([goodForm, fc.constantFrom('activityCode', 'date', 'time', 'alone', 'minutes', 'future', 'old')])('names each kind of bad answer on its own field', ({ form }, bad) => {
    const broken: RecordingForm = { ...form };
    const field = {
      activityCode: () => { broken.activityCode = 'made_up'; return 'activityCode'; },
      date: () => { broken.day = '31'; broken.month = '2'; return 'happened-day'; },
      time: () => { broken.time = '25:00'; return 'time'; },
      alone: () => { broken.childSeen = 'no'; broken.seenAlone = 'yes'; return 'seenAlone'; },
      minutes: () => { for (const f of MINUTE_FIELDS) broken[f] = ''; return 'directMinutes'; },
      future: () => { const [y, m, d] = ukDay(new Date(NOW.getTime() + 2 * 86_400_000)).split('-'); broken.year = y!; broken.month = m!; broken.day = d!; return 'happened-day'; },
      old: () => { broken.year = String(Number(form.year) - 2); return 'happened-day'; },
    }[bad]();
    const r = checkRecording(broken, CODES, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.field)).toContain(field);
  });

  it('reports every problem at once, in the order of the page', () => {
    const r = checkRecording({ activityCode: '', day: '', month: '', year: '', time: '', childSeen: 'maybe', seenAlone: '', attendees: '', directMinutes: 'ten', travelMinutes: '', recordingMinutes: '', meetingMinutes: '', note: '' }, CODES, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.field)).toEqual(['activityCode', 'happened-day', 'time', 'childSeen', 'directMinutes']);
  });

  it('refuses a visit later today than now, and takes one earlier today', () => {
    const base = { activityCode: 'cp_visit', day: '15', month: '6', year: '2026', childSeen: 'yes', seenAlone: 'yes', attendees: '', directMinutes: '45', travelMinutes: '30', recordingMinutes: '20', meetingMinutes: '', note: '' };
    expect(checkRecording({ ...base, time: '17:30' }, CODES, NOW).ok).toBe(false);
    const earlier = checkRecording({ ...base, time: '15:30' }, CODES, NOW);
    expect(earlier.ok && earlier.value.happenedAt.toISOString()).toBe('2026-06-15T14:30:00.000Z');
  });

  it('lists the case’s own activities first, never case management, and "other" last', () => {
    const list = recordableActivities([{ code: 'cin_visit', name: 'CIN visit' }, { code: 'cp_visit', name: 'CP visit' }, { code: 'case_management', name: 'Case management' }], new Set(['cp_visit']));
    expect(list.map((a) => a.code)).toEqual(['cp_visit', 'cin_visit', 'other']);
  });
});
