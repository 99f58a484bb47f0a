/**
 * The case notes pages' view models: the list (each note's latest version, earlier versions for
 * managers, a "corrected" marker for everyone) and the one form that adds a note, edits a draft
 * or corrects a final note, with the answers kept on an error. Pure.
 */
import type { FieldProblem } from '../../kernel/errors.ts';
import { ukDateTime, ukDay } from '../../kernel/time.ts';
import { formErrors } from '../../platform/web/forms.ts';
import { formatDate } from '../../platform/web/nunjucks.ts';
import { NOTE_TEXT_LIMIT, NOTE_TYPE_NAMES, type NoteForm, type NoteVersion } from '../model/notes.ts';
import type { NoteFormData, NotesPageData } from '../service/index.ts';

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const childPath = (childId: string) => `/children/${encodeURIComponent(childId)}`;

export function readNoteForm(body: Record<string, unknown>): NoteForm {
  return {
    type: text(body.type), text: text(body.text), significant: text(body.significant),
    day: text(body['happened-day']), month: text(body['happened-month']), year: text(body['happened-year']), reason: text(body.reason),
  };
}

/** A new note: about today; or the note being edited or corrected, as it stands. */
export function startingForm(now: Date, note: NoteVersion | null): NoteForm {
  const [year, month, day] = (note?.happenedOn ?? ukDay(now)).split('-');
  return { type: note?.type ?? 'case_note', text: note?.text ?? '', significant: note?.significant ? 'yes' : '', day: String(Number(day)), month: String(Number(month)), year: year!, reason: '' };
}

const versionView = (v: NoteVersion) => ({
  version: v.version,
  type: NOTE_TYPE_NAMES[v.type],
  text: v.text,
  about: formatDate(v.happenedOn),
  written: ukDateTime(v.writtenAt),
  // Back-dated: the day it is about is earlier than the day it was written.
  backDated: v.happenedOn < ukDay(v.writtenAt),
  author: v.authorName,
  reason: v.correctionReason,
});

/** A note written with a recorded visit or meeting: shown among the case notes, changed only by recording again. */
const visitNoteView = (v: NotesPageData['visitNotes'][number]) => ({
  id: `visit-${v.recordingId}`,
  visit: true,
  sortDay: ukDay(v.happenedAt),
  type: `Note of ${v.activityName.toLowerCase()}`,
  about: ukDateTime(v.happenedAt),
  written: ukDateTime(v.recordedAt),
  author: v.authorName,
  seen: v.childSeen === null ? '' : v.childSeen ? (v.seenAlone ? 'Child seen, and seen alone' : 'Child seen, not alone') : 'Child not seen',
  text: v.text,
});

export function toNotesView(data: NotesPageData) {
  const base = childPath(data.childId);
  return {
    title: `Case notes for ${data.childName}`,
    childName: data.childName,
    caseHref: base,
    chronologyHref: `${base}/chronology`,
    addHref: data.mayWrite ? `${base}/notes/new` : null,
    notes: [...data.notes.map((n) => {
      const mine = n.latest.authorUserId === data.viewerUserId;
      const id = encodeURIComponent(n.noteId);
      return {
        id: n.noteId,
        visit: false,
        sortDay: n.latest.happenedOn,
        ...versionView(n.latest),
        draft: n.latest.status === 'draft',
        significant: n.latest.significant,
        corrected: n.corrected,
        earlier: n.earlier.map(versionView),
        editHref: data.mayWrite && mine && n.latest.status === 'draft' ? `${base}/notes/${id}/edit` : null,
        finalAction: data.mayWrite && mine && n.latest.status === 'draft' ? `${base}/notes/${id}/final` : null,
        correctHref: data.mayWrite && n.latest.status === 'final' && (mine || data.mayCorrectAny) ? `${base}/notes/${id}/correct` : null,
      };
    }), ...data.visitNotes.map(visitNoteView)]
      // One list, newest first by the day each entry is about; a visit's note after a case note of the same day.
      .sort((a, b) => b.sortDay.localeCompare(a.sortDay) || Number(a.visit) - Number(b.visit)),
  };
}

export type NoteFormPurpose = 'add' | 'edit' | 'correct';
const HEADINGS: Record<NoteFormPurpose, string> = { add: 'Add a case note', edit: 'Edit your draft note', correct: 'Correct a final note' };

export function toNoteFormView(data: NoteFormData, purpose: NoteFormPurpose, form: NoteForm, problems: readonly FieldProblem[] = []) {
  const { errorSummary, errors } = formErrors(problems);
  const base = childPath(data.childId);
  const id = data.note ? encodeURIComponent(data.note.noteId) : '';
  const dateClass = (width: string) => `govuk-input--width-${width}${errors['happened-day'] ? ' govuk-input--error' : ''}`;
  // A worker correcting their own note keeps its type; only the types they may write are offered.
  const types = purpose === 'correct' && data.note && !data.types.includes(data.note.type) ? [data.note.type] : data.types;
  return {
    title: `${HEADINGS[purpose]} for ${data.childName}`,
    heading: HEADINGS[purpose],
    purpose, errorSummary, errors, form,
    childName: data.childName,
    textLimit: NOTE_TEXT_LIMIT,
    action: purpose === 'add' ? `${base}/notes/new` : `${base}/notes/${id}/${purpose}`,
    notesHref: `${base}/notes`,
    original: purpose === 'correct' && data.note ? versionView(data.note) : null,
    typeItems: types.map((t) => ({ value: t, text: NOTE_TYPE_NAMES[t], checked: form.type === t })),
    dateItems: [
      { name: 'day', label: 'Day', classes: dateClass('2'), value: form.day },
      { name: 'month', label: 'Month', classes: dateClass('2'), value: form.month },
      { name: 'year', label: 'Year', classes: dateClass('4'), value: form.year },
    ],
    significantItems: [{ value: 'yes', text: 'This is a significant event: show it in the chronology', checked: form.significant === 'yes' }],
  };
}
