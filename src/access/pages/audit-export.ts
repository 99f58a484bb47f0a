import type { DataTable } from '../../standards/downloads.ts';
import type { StoredAuditEvent } from '../service.ts';
import { toAuditRows } from './audit.ts';

/**
 * An audit search result as a download: the page's own rows (toAuditRows), in the page's order,
 * with the time as a real date and time (UTC, as the page shows it). Pure.
 */
export function auditDataTable(title: string, events: readonly StoredAuditEvent[]): DataTable {
  const rows = toAuditRows(events);
  return {
    title,
    sheetName: 'Audit',
    columns: [
      { header: 'When (UTC)', kind: 'datetime' }, { header: 'Who', kind: 'text' }, { header: 'What happened', kind: 'text' },
      { header: 'Record', kind: 'text' }, { header: 'From', kind: 'text' }, { header: 'Reason', kind: 'text' },
    ],
    // Seconds dropped, as on the page, so the file and the page show the same minute.
    rows: rows.map((r, i) => [new Date(Math.floor(events[i]!.occurredAt.getTime() / 60_000) * 60_000), r.who, r.action, r.what, r.from, r.reason]),
    about: [{ label: 'What this is', value: title }, { label: 'Rows', value: rows.length }],
  };
}
