/**
 * The chronology page's view model, and the CSV and tagged PDF made from the same rows, so a
 * download cannot disagree with the page. Pure.
 */
import type { DataTable, PrintDocument } from '../../standards/downloads.ts';
import { downloadLinks } from '../../platform/web/downloads.ts';
import { formatDate } from '../../platform/web/nunjucks.ts';
import { CHRONOLOGY_KIND_NAMES, CHRONOLOGY_KINDS } from '../model/chronology.ts';
import type { ChronologyData } from '../service/index.ts';

const KIND_SINGULAR: Record<string, string> = {
  status: 'Status', allocation: 'Allocation', assessment: 'Assessment', meeting: 'Meeting', visit: 'Visit', court: 'Court', note: 'Note',
};

/** The query string of a filter, for the downloads and the form's own address. */
export function kindsQuery(kinds: readonly string[]): string {
  const q = new URLSearchParams(kinds.map((k): [string, string] => ['kind', k]));
  return q.size ? `?${q.toString()}` : '';
}

export function toChronologyView(data: ChronologyData) {
  const base = `/children/${encodeURIComponent(data.childId)}`;
  return {
    title: `Chronology for ${data.childName}`,
    childName: data.childName,
    caseHref: base,
    notesHref: `${base}/notes`,
    action: `${base}/chronology`,
    kindItems: CHRONOLOGY_KINDS.map((k) => ({ value: k, text: CHRONOLOGY_KIND_NAMES[k], checked: data.kinds.includes(k) })),
    filtered: data.kinds.length > 0,
    shown: data.entries.length,
    total: data.total,
    downloads: downloadLinks(`${base}/chronology`, kindsQuery(data.kinds), ['csv', 'pdf']),
    entries: data.entries.map((e) => ({ date: formatDate(e.on), kind: KIND_SINGULAR[e.kind] ?? e.kind, title: e.title, detail: e.detail, href: e.source.href, label: e.source.label })),
  };
}

/** The CSV: one row per entry, the date a date, the source as the page's link. */
export function chronologyTable(data: ChronologyData): DataTable {
  return {
    title: `Chronology for ${data.childName} (${data.childId})`,
    sheetName: 'Chronology',
    columns: [
      { header: 'Date', kind: 'date' }, { header: 'Kind', kind: 'text' }, { header: 'What happened', kind: 'text' },
      { header: 'Detail', kind: 'text' }, { header: 'Source', kind: 'text' }, { header: 'Link', kind: 'text' },
    ],
    rows: data.entries.map((e) => [new Date(`${e.on}T00:00:00Z`), KIND_SINGULAR[e.kind] ?? e.kind, e.title, e.detail, e.source.label, e.source.href]),
  };
}

/** The tagged PDF for court: the same entries, worded as the page words them. */
export function chronologyPrint(data: ChronologyData): PrintDocument {
  return {
    title: `Chronology for ${data.childName}`,
    intro: [
      `Child ${data.childId}. Prepared on ${formatDate(data.date)} from Caseweight's record: status changes, allocations, recorded conferences, reviews and visits, court dates and notes marked significant, oldest first.`,
      data.kinds.length ? `Showing only: ${data.kinds.map((k) => CHRONOLOGY_KIND_NAMES[k]).join(', ')}.` : 'Showing every kind of entry.',
    ],
    summary: [{ label: 'Entries', value: String(data.entries.length) }],
    table: {
      caption: 'Chronology, oldest first',
      head: ['Date', 'Kind', 'What happened', 'Detail'],
      numeric: [false, false, false, false],
      rows: data.entries.map((e) => [formatDate(e.on), KIND_SINGULAR[e.kind] ?? e.kind, e.title, e.detail]),
    },
    footnote: 'The council’s case management system holds the full record; this chronology lists what Caseweight holds.',
  };
}
