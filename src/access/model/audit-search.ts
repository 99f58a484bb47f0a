/**
 * The audit search's question, read from a form or an address: who (a name or email to look
 * up, or a user id once chosen), which child, between which UK days, which page. Pure: the date
 * "today" is handed in.
 */
import { dayFromIso, isoFromDay } from '../../kernel/calendar.ts';
import type { FieldProblem } from '../../kernel/errors.ts';
import { ukDayStart } from '../../kernel/time.ts';

export const AUDIT_PAGE_SIZE = 50;
/** A download holds every entry of a search, up to this many (the newest). */
export const AUDIT_DOWNLOAD_MAX = 10_000;
/**
 * A search of the whole council by date alone covers at most this many days: a month of a
 * council's log is already tens of thousands of entries, and counting more slows every page.
 */
export const AUDIT_DAYS_ALONE = 31;

const ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export interface AuditSearch {
  /** Part of a name or an email address, to look up (the form's "person" box). */
  person: string;
  /** A chosen person: set once the look-up found one account (or the address names it). */
  userId: string | null;
  childId: string | null;
  /** UK days, YYYY-MM-DD, both included. */
  from: string | null;
  to: string | null;
  page: number;
}

/** What the form shows again when there is a problem: each box as typed. */
export interface AuditSearchValues {
  person: string;
  child: string;
  from: { day: string; month: string; year: string };
  to: { day: string; month: string; year: string };
}

export type AuditSearchResult =
  | { ok: true; search: AuditSearch; values: AuditSearchValues }
  | { ok: false; problems: FieldProblem[]; values: AuditSearchValues };

type Query = Record<string, unknown>;
const text = (q: Query, key: string) => (typeof q[key] === 'string' ? (q[key] as string).trim() : Array.isArray(q[key]) ? String((q[key] as unknown[])[0] ?? '').trim() : '');

/** "2026-03-27" as the date boxes show it: 27, 3, 2026. */
function boxesOf(iso: string): { day: string; month: string; year: string } {
  return { day: String(Number(iso.slice(8, 10))), month: String(Number(iso.slice(5, 7))), year: iso.slice(0, 4) };
}

const WHICH = { from: 'start date', to: 'end date' } as const;

/**
 * One date from its three boxes (`from-day`, `from-month`, `from-year`) or, when the boxes are
 * empty, from the address's `from=YYYY-MM-DD`. Empty is no limit.
 */
function readDay(q: Query, key: 'from' | 'to'): { iso: string | null; boxes: AuditSearchValues['from']; problem?: FieldProblem } {
  const boxes = { day: text(q, `${key}-day`), month: text(q, `${key}-month`), year: text(q, `${key}-year`) };
  const what = `The ${WHICH[key]}`;
  if (!boxes.day && !boxes.month && !boxes.year) {
    const iso = text(q, key);
    if (!iso) return { iso: null, boxes };
    const real = realIso(iso);
    if (real && /^\d{4}-\d{2}-\d{2}$/.test(iso)) return { iso: real, boxes: boxesOf(real) };
    return { iso: null, boxes, problem: { field: `${key}-day`, message: `${what} must be a real date, like 27 3 2026` } };
  }
  const missing = (['day', 'month', 'year'] as const).filter((k) => !boxes[k]);
  if (missing.length > 0) return { iso: null, boxes, problem: { field: `${key}-${missing[0]}`, message: `${what} must include a ${missing.join(' and ')}` } };
  const bad = (['day', 'month', 'year'] as const).find((k) => !/^\d+$/.test(boxes[k]));
  if (bad) return { iso: null, boxes, problem: { field: `${key}-${bad}`, message: `${what} must be a real date, like 27 3 2026` } };
  if (boxes.year.length !== 4) return { iso: null, boxes, problem: { field: `${key}-year`, message: `The year of the ${WHICH[key]} must include 4 numbers` } };
  const iso = realIso(`${boxes.year}-${boxes.month.padStart(2, '0')}-${boxes.day.padStart(2, '0')}`);
  if (!iso) return { iso: null, boxes, problem: { field: `${key}-day`, message: `${what} must be a real date, like 27 3 2026` } };
  return { iso, boxes };
}

function realIso(iso: string): string | null {
  if (!/^\d{4}-\d{1,2}-\d{1,2}$/.test(iso) && !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  try {
    const day = dayFromIso(iso);
    const year = Number(iso.slice(0, 4));
    return year >= 2000 && year <= 2099 ? isoFromDay(day) : null;
  } catch {
    return null;
  }
}

/**
 * Reads a search. Problems are listed in the form's order (person, child, start date, end date),
 * each naming the box to fix. `today` is the UK day now: a search cannot start in the future.
 */
export function parseAuditSearch(q: Query, today: string, options: { datesAlone?: boolean } = {}): AuditSearchResult {
  const problems: FieldProblem[] = [];
  const person = text(q, 'person');
  const userText = text(q, 'user');
  const child = text(q, 'child');
  const from = readDay(q, 'from');
  const to = readDay(q, 'to');
  const values: AuditSearchValues = { person, child, from: from.boxes, to: to.boxes };

  const userId = userText && ID.test(userText) ? userText : null;
  if (userText && !userId) problems.push({ field: 'person', message: 'Choose the person again from the list' });
  if (person.length > 100) problems.push({ field: 'person', message: 'Enter a name or email address of 100 characters or fewer' });
  else if (person && person.length < 2 && !userId) problems.push({ field: 'person', message: 'Enter at least 2 letters of the person’s name or email address' });
  if (child && !ID.test(child)) problems.push({ field: 'child', message: 'Enter the child’s id using letters, numbers, dots, dashes or underscores' });
  const alone = !person && !userText && !child;
  if (alone && !options.datesAlone) problems.push({ field: 'person', message: 'Enter a person’s name or email address, or a child’s id' });
  else if (alone && !from.iso && !to.iso && !from.problem && !to.problem) problems.push({ field: 'person', message: 'Enter a person’s name or email address, a child’s id, or a start date' });
  if (from.problem) problems.push(from.problem);
  else if (from.iso && from.iso > today) problems.push({ field: 'from-day', message: 'The start date must be today or in the past' });
  if (to.problem) problems.push(to.problem);
  else if (from.iso && to.iso && to.iso < from.iso) problems.push({ field: 'to-day', message: 'The end date must be the same as or after the start date' });
  // Dates alone: the missing end is filled in (up to the limit, never past today), and a longer span is refused.
  const span = alone && options.datesAlone && problems.length === 0 ? datesAloneSpan(from.iso, to.iso, today) : undefined;
  if (span && !span.ok) problems.push({ field: 'to-day', message: `When you search by date alone, the end date must be within ${AUDIT_DAYS_ALONE} days of the start date` });

  if (problems.length > 0) return { ok: false, problems, values };
  const pageText = text(q, 'page');
  const page = /^\d{1,6}$/.test(pageText) && Number(pageText) >= 1 ? Number(pageText) : 1;
  const days = span?.ok ? span : { from: from.iso, to: to.iso };
  return { ok: true, values, search: { person, userId, childId: child || null, from: days.from, to: days.to, page } };
}

/** Whether a search asks about no one in particular: the whole council's log between two days. */
export const isDatesAlone = (search: Pick<AuditSearch, 'person' | 'userId' | 'childId'>) => !search.person && !search.userId && !search.childId;

/** A date-alone search's days: one given, the other filled in to make AUDIT_DAYS_ALONE days at most. */
export function datesAloneSpan(from: string | null, to: string | null, today: string): { ok: true; from: string; to: string } | { ok: false } {
  const most = AUDIT_DAYS_ALONE - 1;
  const end = to ?? isoFromDay(Math.min(dayFromIso(from!) + most, dayFromIso(today)));
  const start = from ?? isoFromDay(dayFromIso(end) - most);
  return dayFromIso(end) - dayFromIso(start) > most ? { ok: false } : { ok: true, from: start, to: end };
}

/** The moments a search covers: from the start of its first UK day to the start of the day after its last. */
export function auditMoments(search: Pick<AuditSearch, 'from' | 'to'>): { from?: Date; until?: Date } {
  return {
    ...(search.from ? { from: ukDayStart(search.from) } : {}),
    ...(search.to ? { until: ukDayStart(isoFromDay(dayFromIso(search.to) + 1)) } : {}),
  };
}

/** The address's query for a search (no page): what its result pages, pages links and downloads carry. */
export function auditSearchQuery(search: Pick<AuditSearch, 'childId' | 'from' | 'to'> & { userId?: string | null }, include: { child?: boolean; user?: boolean } = {}): string {
  const params = new URLSearchParams();
  if (include.user && search.userId) params.set('user', search.userId);
  if (include.child && search.childId) params.set('child', search.childId);
  if (search.from) params.set('from', search.from);
  if (search.to) params.set('to', search.to);
  return params.toString();
}

/** How many pages a result has (at least one, so "page 1 of 1" holds for an empty result), and the page shown. */
export function pageOf(total: number, page: number, size = AUDIT_PAGE_SIZE): { page: number; pages: number; offset: number } {
  const pages = Math.max(1, Math.ceil(total / size));
  const shown = Math.min(Math.max(1, Math.floor(page)), pages);
  return { page: shown, pages, offset: (shown - 1) * size };
}
