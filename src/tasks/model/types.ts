/**
 * The tasks a practitioner or manager hands to business support, and what each one needs: the
 * purpose-limited view (issue 16, item 1). Business support never opens the child's record; the
 * asker writes into the task only what the work needs — for a letter, the addressee; for minutes,
 * the meeting — and that is all business support is shown. Pure.
 */
import { TASK_TYPES, type TaskType } from '../../workload/model/catalogue.ts';

export { TASK_TYPES, type TaskType };

export interface DetailField {
  key: string;
  label: string;
  hint?: string;
  /** A longer answer (an address). */
  long?: boolean;
  required: boolean;
}

export interface TaskTypeInfo {
  name: string;
  /** The title's start, completed by the asker ("Letter to" … "the school"). */
  example: string;
  /** What business support is shown, in words for the page and the audit log. */
  shows: string;
  fields: DetailField[];
}

export const TASK_TYPE_INFO: Record<TaskType, TaskTypeInfo> = {
  letter: {
    name: 'Write a letter', example: 'Letter to school', shows: 'the addressee’s details and the instructions',
    fields: [
      { key: 'addresseeName', label: 'Who the letter is to', hint: 'A name and role, for example “Mrs A Khan, headteacher”.', required: true },
      { key: 'addresseeAddress', label: 'Their address', long: true, required: true },
      { key: 'childDetails', label: 'What the letter may say about the child', hint: 'Only what the addressee needs, for example the child’s name and school year.', long: true, required: false },
    ],
  },
  minutes: {
    name: 'Take minutes', example: 'Minutes of the core group', shows: 'the meeting’s details and the instructions',
    fields: [
      { key: 'meeting', label: 'Which meeting', hint: 'For example “Core group meeting”.', required: true },
      { key: 'when', label: 'Date and time', hint: 'For example “2 December 2026, 10am”.', required: true },
      { key: 'where', label: 'Where, or the video link', required: true },
      { key: 'attendees', label: 'Who is invited', long: true, required: false },
    ],
  },
  room_booking: {
    name: 'Book a room', example: 'Room for the family meeting', shows: 'the booking’s details and the instructions',
    fields: [
      { key: 'when', label: 'Date, time and how long', required: true },
      { key: 'people', label: 'How many people, and any access needs', required: true },
    ],
  },
  interpreter_booking: {
    name: 'Book an interpreter', example: 'Interpreter for the home visit', shows: 'the booking’s details and the instructions',
    fields: [
      { key: 'language', label: 'Language or dialect', required: true },
      { key: 'when', label: 'Date, time and how long', required: true },
      { key: 'where', label: 'Where (an address, or by telephone or video)', long: true, required: true },
    ],
  },
  chase_information: {
    name: 'Chase information', example: 'School attendance from the school', shows: 'who to ask, what for and the instructions',
    fields: [
      { key: 'organisation', label: 'Who to ask', hint: 'For example the school, the GP practice or the health visitor.', required: true },
      { key: 'contact', label: 'Contact details', long: true, required: true },
      { key: 'information', label: 'What information is needed', long: true, required: true },
    ],
  },
  court_bundle: {
    name: 'Prepare a court bundle', example: 'Bundle for the case management hearing', shows: 'the hearing’s details and the instructions',
    fields: [
      { key: 'court', label: 'Court and case number', required: true },
      { key: 'hearing', label: 'Hearing date', required: true },
      { key: 'documents', label: 'Documents to include', long: true, required: true },
    ],
  },
  other: { name: 'Something else', example: 'Send the plan to the family', shows: 'the instructions', fields: [] },
};

export const isTaskType = (v: unknown): v is TaskType => typeof v === 'string' && (TASK_TYPES as readonly string[]).includes(v);
